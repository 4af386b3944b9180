// `--quiet` prints nothing, whichever policy runs (acceptance review of issue 13): `ppo` loads
// TensorFlow.js as the t2drl family does, and its first initialisation printed the backend line.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
// The one line --quiet keeps is the warning that the weights were trained on another scenario
// (the tiny scenario here): a warning, not progress.
const BACKEND_LINE = /TensorFlow\.js backend/;
const dir = mkdtempSync(join(tmpdir(), 'dd-quiet-'));
const tiny = join(dir, 'tiny.json');
writeFileSync(tiny, JSON.stringify({ ...defaultScenario(), durationS: 120 }));

describe('--quiet with ppo', () => {
  it('compare and run print no backend line, and nothing on stdout', () => {
    const compare = run(
      'compare',
      ...['--scenario', tiny, '--policies', 'ppo', '--mechanisms', 'none', '--seeds', '1'],
      ...['--out', join(dir, 'compare'), '--quiet'],
    );
    expect(compare.status, compare.stderr).toBe(0);
    expect(compare.stderr).not.toMatch(BACKEND_LINE);
    expect(compare.stdout).toBe('');
    const one = run(
      'run',
      ...['--scenario', tiny, '--policy', 'ppo', '--mechanism', 'none', '--out', join(dir, 'run'), '--quiet'],
    );
    expect(one.status, one.stderr).toBe(0);
    expect(one.stderr).not.toMatch(BACKEND_LINE);
    expect(one.stdout).toBe('');
  }, 60_000);

  it('sweep prints no backend line, in its worker threads too', () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        policies: ['ppo'],
        mechanisms: ['none'],
        seeds: [1],
        parameters: { durationS: [120] },
      }),
    );
    const sweep = run('sweep', '--grid', grid, '--out', join(dir, 'sweep'), '--workers', '1', '--quiet');
    expect(sweep.status, sweep.stderr).toBe(0);
    expect(sweep.stderr).not.toMatch(BACKEND_LINE);
    expect(sweep.stdout).toBe('');
  }, 60_000);
});

describe("--quiet on the paper's model", () => {
  it('run --scenario paper prints nothing: no backend line, no summary', () => {
    const paper = run(
      'run',
      ...['--scenario', 'paper', '--policy', 't2drl', '--out', join(dir, 'paper'), '--quiet'],
    );
    expect(paper.status, paper.stderr).toBe(0);
    expect(paper.stderr).toBe('');
    expect(paper.stdout).toBe('');
    const loud = run('run', '--scenario', 'paper', '--policy', 'fifo', '--out', join(dir, 'paper-loud'));
    expect(loud.stdout).toMatch(/paper model, fifo, seed 1: system cost/);
  }, 60_000);
});
