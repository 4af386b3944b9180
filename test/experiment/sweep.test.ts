// Sweeps through the CLI (worker threads run the built package): shards are disjoint, a rerun
// resumes without redoing finished jobs, and merge combines the shards.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { defaultScenario, loadGrid, parseScenario, sweepJobs } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

describe('sweep and merge', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-sweep-'));
  const scenario = join(dir, 'scenario.json');
  writeFileSync(scenario, JSON.stringify(parseScenario({ ...defaultScenario(), durationS: 600 })));
  const grid = join(dir, 'grid.json');
  const gridJson = {
    scenario,
    policies: ['lru', 'cloud-only'],
    mechanisms: ['none', 'mcafee'],
    seeds: [1, 2],
    parameters: { 'market.targetUtilisation': [0.3, 0.6] },
  };
  writeFileSync(grid, JSON.stringify(gridJson));

  it('enumerates parameters × policies × mechanisms × seeds', () => {
    const jobs = sweepJobs({ ...gridJson, parameters: gridJson.parameters });
    expect(jobs).toHaveLength(2 * 2 * 2 * 2);
    expect(new Set(jobs.map((j) => j.key)).size).toBe(16);
  });

  it("a job's key names its scenario, so a changed grid is rerun rather than reused", () => {
    const keys = (values: number[]) =>
      sweepJobs({ ...gridJson, parameters: { 'market.targetUtilisation': values } }).map((j) => j.key);
    const before = keys([0.3, 0.6]);
    const after = keys([0.3, 0.7]);
    expect(after.filter((k) => before.includes(k))).toHaveLength(8);
    expect(after.filter((k) => !before.includes(k))).toHaveLength(8);
  });

  it('a grid names its scenario relative to the grid file', () => {
    const sub = join(dir, 'sub');
    mkdirSync(sub, { recursive: true });
    writeFileSync(join(sub, 'scenario.json'), readFileSync(scenario, 'utf8'));
    const relative = join(sub, 'relative-grid.json');
    writeFileSync(relative, JSON.stringify({ ...gridJson, scenario: 'scenario.json' }));
    expect(loadGrid(relative).scenario).toBe(join(sub, 'scenario.json'));
  });

  it('two shards cover the grid disjointly, a rerun skips finished jobs, and merge combines them', () => {
    const a = run('sweep', '--grid', grid, '--shard', '1/2', '--out', join(dir, 'a'), '--quiet');
    const b = run('sweep', '--grid', grid, '--shard', '2/2', '--out', join(dir, 'b'), '--workers', '1');
    expect(a.status, a.stderr).toBe(0);
    expect(b.status, b.stderr).toBe(0);
    const jobsA = readdirSync(join(dir, 'a', 'jobs'));
    const jobsB = readdirSync(join(dir, 'b', 'jobs'));
    expect(jobsA).toHaveLength(8);
    expect(jobsB).toHaveLength(8);
    expect(jobsA.filter((j) => jobsB.includes(j))).toEqual([]);
    const before = statSync(join(dir, 'b', 'jobs', jobsB[0] as string)).mtimeMs;
    const again = run('sweep', '--grid', grid, '--shard', '2/2', '--out', join(dir, 'b'));
    expect(again.stdout).toContain('ran 0 jobs, skipped 8');
    expect(statSync(join(dir, 'b', 'jobs', jobsB[0] as string)).mtimeMs).toBe(before);
    const merged = run('merge', join(dir, 'a'), join(dir, 'b'), '--out', join(dir, 'm'));
    expect(merged.status, merged.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, 'm', 'summary.csv'), 'utf8'));
    expect(rows).toHaveLength(16);
    expect(new Set(rows.map((r) => r.job)).size).toBe(16);
    expect(new Set(rows.map((r) => r['market.targetUtilisation']))).toEqual(new Set(['0.3', '0.6']));
  });

  it('a sweep into a directory holding another version of the grid is refused, writing nothing', () => {
    const edited = join(dir, 'edited-scenario.json');
    writeFileSync(edited, JSON.stringify(parseScenario({ ...defaultScenario(), durationS: 300 })));
    const editedGrid = join(dir, 'edited-grid.json');
    writeFileSync(editedGrid, JSON.stringify({ ...gridJson, scenario: edited }));
    const before = readdirSync(join(dir, 'a', 'jobs')).sort();
    const r = run('sweep', '--grid', editedGrid, '--shard', '1/2', '--out', join(dir, 'a'));
    expect(r.status).toBe(1);
    expect(r.stderr).toContain('holds 8 result(s) of another grid or of an earlier version of this scenario');
    expect(readdirSync(join(dir, 'a', 'jobs')).sort()).toEqual(before);
  });

  it('a bad grid fails before any job runs', () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, JSON.stringify({ ...gridJson, mechanisms: ['none', 'mcaffee'] }));
    const r = run('sweep', '--grid', bad, '--out', join(dir, 'bad-out'));
    expect(r.status).not.toBe(0);
    expect(r.stderr).toContain("unknown mechanism 'mcaffee'");
    expect(() => readdirSync(join(dir, 'bad-out', 'jobs'))).toThrow();
  });
});
