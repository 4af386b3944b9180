// `sweep --quiet` silences the TensorFlow.js backend line of its worker threads too (issue 15, the
// CLI's manners): a worker is a thread of its own, and its first initialisation printed the line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('sweep --quiet with a DRL policy on worker threads', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-sweep-quiet-'));
  const grid = join(dir, 'grid.json');
  writeFileSync(
    grid,
    JSON.stringify({
      policies: ['drl-frozen'],
      mechanisms: ['none'],
      seeds: [1, 2],
      parameters: { durationS: [120] },
    }),
  );

  it('prints only the trained-elsewhere warning with --quiet, once for both workers; the backend line without', () => {
    const quiet = run('sweep', '--grid', grid, '--out', join(dir, 'quiet'), '--workers', '2', '--quiet');
    expect(quiet.status).toBe(0);
    // The one line --quiet keeps, once per process although both workers load the weights:
    // drl-frozen's weights were trained on the default scenario, not this 2-minute one; a
    // warning, not progress.
    const lines = quiet.stderr.split('\n').filter((l) => l !== '');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^drl-frozen: weights trained on a scenario with hash \w+, running on another/);
    expect(quiet.stdout).toBe('');
    const loud = run('sweep', '--grid', grid, '--out', join(dir, 'loud'), '--workers', '1');
    expect(loud.status).toBe(0);
    expect(loud.stderr).toMatch(/TensorFlow\.js backend: (tensorflow|wasm|cpu)/);
  });
});
