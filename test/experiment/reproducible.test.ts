// Issue 16 item 10: the result files of a seeded run are the same bytes on every run, whatever the
// worker count or sharding; wall-clock timings live in timings.csv alone.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScenario, parseScenario } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => {
  const r = spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
  expect(r.status, r.stderr).toBe(0);
};

/** Every file under `dir` but timings.csv, by relative path. */
function resultFiles(dir: string): Record<string, string> {
  const files: Record<string, string> = {};
  const walk = (d: string) => {
    for (const e of readdirSync(d, { withFileTypes: true })) {
      const path = join(d, e.name);
      if (e.isDirectory()) walk(path);
      else if (e.name !== 'timings.csv') files[relative(dir, path)] = readFileSync(path, 'utf8');
    }
  };
  walk(dir);
  return files;
}

describe('reproducible result files', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-repro-'));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify(parseScenario({ ...defaultScenario(), durationS: 600 })));

  it('compare twice with the same seeds writes the same bytes (timings apart)', () => {
    for (const out of ['c1', 'c2'])
      run(
        'compare',
        '--scenario',
        scenario,
        '--policies',
        'lru',
        '--mechanisms',
        'none,dda',
        '--seeds',
        '1',
        '--out',
        join(dir, out),
      );
    const first = resultFiles(join(dir, 'c1'));
    expect(Object.keys(first).sort()).toEqual(
      expect.arrayContaining(['report.html', 'runs.jsonl', 'summary.csv']),
    );
    expect(resultFiles(join(dir, 'c2'))).toEqual(first);
    // The timings are there, and differ run to run: that is why they have their own file.
    expect(readFileSync(join(dir, 'c1', 'timings.csv'), 'utf8')).toMatch(
      /^policy,mechanism,seed,clearing_ms,run_ms\n/,
    );
  }, 60_000);

  it('a sweep on two workers and the same sweep in two shards merge to the same bytes', () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        scenario,
        policies: ['lru'],
        mechanisms: ['none', 'mcafee'],
        seeds: [1],
        parameters: { 'market.targetUtilisation': [0.3, 0.6] },
      }),
    );
    run('sweep', '--grid', grid, '--workers', '2', '--out', join(dir, 'whole'), '--quiet');
    run('sweep', '--grid', grid, '--shard', '1/2', '--workers', '1', '--out', join(dir, 's1'), '--quiet');
    run('sweep', '--grid', grid, '--shard', '2/2', '--workers', '1', '--out', join(dir, 's2'), '--quiet');
    run('merge', join(dir, 'whole'), '--out', join(dir, 'm-whole'));
    run('merge', join(dir, 's1'), join(dir, 's2'), '--out', join(dir, 'm-shards'));
    const whole = resultFiles(join(dir, 'm-whole'));
    expect(Object.keys(whole)).toContain('summary.csv');
    expect(resultFiles(join(dir, 'm-shards'))).toEqual(whole);
  }, 120_000);
});
