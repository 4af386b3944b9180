// `sweep --weights DIR`: the worker threads' learners load DIR's weights as `run --weights DIR`
// does (the same cost for the same seed and parameter values), the trained-elsewhere warning is
// said once per process however many workers meet it, a bad DIR is one line before any job, and a
// resumed sweep never takes results of other weights for its own (the built CLI, as a user runs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/index.js';
import { saveWeightsTrainedElsewhere } from '../saved-weights.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const cmd = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'dd-sweep-weights-'));
const weights = join(dir, 'weights-folder');
const LATENCY_USD_PER_S = 0.003;

/** The system cost of each job of a sweep directory, by seed. */
function sweepCosts(out: string): Map<number, number> {
  const jobs = join(out, 'jobs');
  const costs = new Map<number, number>();
  for (const file of readdirSync(jobs)) {
    const result = JSON.parse(readFileSync(join(jobs, file), 'utf8')) as {
      job: { seed: number };
      row: { system_cost: number };
    };
    costs.set(result.job.seed, result.row.system_cost);
  }
  return costs;
}

/** The stderr lines saying t2drl's weights were trained on another scenario. */
const elsewhere = (stderr: string) =>
  stderr.split('\n').filter((line) => /^t2drl: weights trained on scenario 'elsewhere'/.test(line));

beforeAll(async () => {
  // An untrained network, saved as train --out writes it, recorded as trained on another scenario.
  await saveWeightsTrainedElsewhere(join(weights, 't2drl', 'weights'), 't2drl', 'physical', 12, 3);
  const tiny = { ...defaultScenario(), durationS: 120 };
  writeFileSync(join(dir, 'tiny.json'), JSON.stringify(tiny));
  // The run's scenario is the sweep's with the grid's parameter value applied.
  writeFileSync(
    join(dir, 'tiny-set.json'),
    JSON.stringify({ ...tiny, costWeights: { ...tiny.costWeights, latencyUsdPerS: LATENCY_USD_PER_S } }),
  );
  writeFileSync(
    join(dir, 'grid.json'),
    JSON.stringify({
      scenario: 'tiny.json',
      policies: ['t2drl'],
      mechanisms: ['none'],
      seeds: [1, 2],
      parameters: { 'costWeights.latencyUsdPerS': [LATENCY_USD_PER_S] },
    }),
  );
});

describe('sweep --weights', () => {
  it("runs the directory's weights on every worker: run --weights's cost, not the shipped weights'", () => {
    const grid = join(dir, 'grid.json');
    const out = join(dir, 'swept');
    const swept = cmd(
      'sweep',
      '--grid',
      grid,
      '--workers',
      '2',
      '--weights',
      weights,
      '--out',
      out,
      '--quiet',
    );
    expect(swept.status, swept.stderr).toBe(0);
    // Two workers each met the warning; the process says it once.
    expect(elsewhere(swept.stderr)).toHaveLength(1);
    const costs = sweepCosts(out);
    expect([...costs.keys()].sort()).toEqual([1, 2]);

    const ran = cmd(
      'run',
      ...['--scenario', join(dir, 'tiny-set.json'), '--policy', 't2drl', '--mechanism', 'none'],
      ...['--seed', '1', '--weights', weights, '--out', join(dir, 'ran'), '--quiet'],
    );
    expect(ran.status, ran.stderr).toBe(0);
    const summary = readFileSync(join(dir, 'ran', 'summary.csv'), 'utf8')
      .trim()
      .split('\n');
    const columns = (summary[0] ?? '').split(',');
    const runCost = Number((summary[1] ?? '').split(',')[columns.indexOf('system_cost')]);
    expect(Number.isFinite(runCost)).toBe(true);
    expect(costs.get(1)).toBe(runCost);

    const shippedOut = join(dir, 'shipped');
    const shipped = cmd('sweep', '--grid', grid, '--workers', '2', '--out', shippedOut, '--quiet');
    expect(shipped.status, shipped.stderr).toBe(0);
    expect(elsewhere(shipped.stderr)).toHaveLength(0);
    const shippedCosts = sweepCosts(shippedOut);
    for (const seed of [1, 2]) expect(shippedCosts.get(seed), `seed ${seed}`).not.toBe(costs.get(seed));
  }, 120_000);

  it('a resumed sweep reuses results of the same weights only', () => {
    const grid = join(dir, 'grid.json');
    const out = join(dir, 'resumed');
    const first = cmd('sweep', '--grid', grid, '--weights', weights, '--out', out);
    expect(first.status, first.stderr).toBe(0);
    const keys = readdirSync(join(out, 'jobs'));
    // The key names the weights by hash: a result of the shipped weights has another.
    expect(
      keys.every((key) => /-t2drl-w[0-9a-f]{10}-none-s[12]\.json$/.test(key)),
      keys.join(),
    ).toBe(true);
    const again = cmd('sweep', '--grid', grid, '--weights', weights, '--out', out);
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toMatch(/ran 0 jobs, skipped 2 already done/);
    const without = cmd('sweep', '--grid', grid, '--out', out, '--quiet');
    expect(without.status).not.toBe(0);
    expect(without.stderr).toMatch(/holds 2 result\(s\) of another grid/);
  }, 120_000);

  it('refuses a directory holding none of the learners’ weights in one line, exit 2, before any job', () => {
    const grid = join(dir, 'grid.json');
    for (const bad of [join(dir, 'nowhere'), join(dir, 'tiny.json'), dir]) {
      const out = join(dir, 'refused');
      const r = cmd('sweep', '--grid', grid, '--workers', '2', '--weights', bad, '--out', out);
      expect(r.status, r.stderr).toBe(2);
      expect(r.stderr.trim().split('\n'), r.stderr).toHaveLength(1);
      expect(r.stderr).toMatch(/--weights/);
      expect(r.stdout).toBe('');
      expect(existsSync(out)).toBe(false);
    }
    const lru = join(dir, 'lru-grid.json');
    writeFileSync(
      lru,
      JSON.stringify({ scenario: 'tiny.json', policies: ['lru'], mechanisms: ['none'], seeds: [1] }),
    );
    const unused = cmd('sweep', '--grid', lru, '--weights', weights, '--out', join(dir, 'refused'));
    expect(unused.status).toBe(2);
    expect(unused.stderr.trim()).toMatch(
      /--weights applies to t2drl, ppo, t2drl-online, drl-frozen and t2drl-pair, and none is run \(lru\)/,
    );
    expect(existsSync(join(dir, 'refused'))).toBe(false);
  }, 60_000);

  it('sweep --help names --weights', () => {
    const r = cmd('help', 'sweep');
    expect(r.stdout).toMatch(/\[--weights DIR\]/);
    expect(r.stdout).toMatch(/--weights DIR +the weights of t2drl, ppo/);
  });
});
