// Faults a long job meets (issue 16): a sweep killed while writing a job file resumes without
// trusting it; SIGTERM stops a run within a second and leaves nothing; a scenario file overlays
// the default scenario (issue 15 item 6).
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { defaultScenario, loadScenario, parseScenario, simulate } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'dd-faults-'));

describe('sweep resume after kill -9', () => {
  it('reruns a truncated job file, removes temporary files, and skips complete ones', () => {
    const grid = join(dir, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        policies: ['lru'],
        mechanisms: ['none'],
        seeds: [1, 2],
        parameters: { durationS: [120] },
      }),
    );
    const out = join(dir, 'sweep');
    const first = run('sweep', '--grid', grid, '--out', out, '--quiet', '--workers', '1');
    expect(first.status, first.stderr).toBe(0);
    const jobs = readdirSync(join(out, 'jobs')).sort();
    expect(jobs).toHaveLength(2);
    const [cut, kept] = jobs as [string, string];
    const whole = readFileSync(join(out, 'jobs', cut), 'utf8');
    // What a kill -9 leaves: a job file cut short, and the temporary file of a rename never made.
    writeFileSync(join(out, 'jobs', cut), whole.slice(0, whole.length / 2));
    writeFileSync(join(out, 'jobs', `${kept}.tmp-12345-abc`), '{"job"');
    const keptBefore = readFileSync(join(out, 'jobs', kept), 'utf8');
    const again = run('sweep', '--grid', grid, '--out', out, '--workers', '1');
    expect(again.status, again.stderr).toBe(0);
    expect(again.stdout).toContain('ran 1 jobs, skipped 1');
    expect(readdirSync(join(out, 'jobs')).sort()).toEqual(jobs);
    expect(JSON.parse(readFileSync(join(out, 'jobs', cut), 'utf8')).job.key).toBe(cut.replace(/\.json$/, ''));
    expect(readFileSync(join(out, 'jobs', kept), 'utf8')).toBe(keptBefore);
  }, 60_000);
});

describe('signals', () => {
  it('SIGTERM inside a long comparison stops it within a second, exit 143, nothing written', async () => {
    const out = join(dir, 'terminated');
    const child = spawn(
      process.execPath,
      [cli, 'compare', '--policies', 'lru', '--seeds', '50', '--out', out],
      {
        stdio: ['ignore', 'ignore', 'pipe'],
      },
    );
    let stderr = '';
    await new Promise<void>((resolve) =>
      child.stderr.on('data', (chunk) => {
        stderr += String(chunk);
        if (/runs: 1\/\d+/.test(stderr)) resolve();
      }),
    );
    const at = Date.now();
    child.kill('SIGTERM');
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect(code).toBe(143);
    expect(Date.now() - at).toBeLessThan(1000);
    expect(existsSync(out)).toBe(false);
    expect(readdirSync(dir).filter((n) => n.startsWith('.terminated.'))).toEqual([]);
  }, 60_000);
});

describe('simulate with an AbortSignal', () => {
  it('stops between slots once the signal fires, with its reason', async () => {
    const scenario = parseScenario({ ...defaultScenario(), durationS: 1800 });
    const controller = new AbortController();
    let slots = 0;
    const run = simulate({
      scenario,
      policy: 'lru',
      seed: 1,
      signal: controller.signal,
      onSlot: (slot) => {
        slots = slot;
        if (slot === 3) controller.abort(new Error('stop here'));
      },
    });
    await expect(run).rejects.toThrow('stop here');
    expect(slots).toBe(3);
    await expect(simulate({ scenario, policy: 'lru', signal: AbortSignal.abort() })).rejects.toThrow();
  });
});

describe('partial scenario files', () => {
  it('override only what they name; a list entry with a default id inherits its other fields', () => {
    const path = join(dir, 'partial.json');
    writeFileSync(
      path,
      JSON.stringify({
        durationS: 600,
        market: { targetUtilisation: 0.7 },
        servers: [{ id: 'edge-l4', gpuMemoryGiB: 48 }],
      }),
    );
    const scenario = loadScenario(path);
    const base = defaultScenario();
    expect(scenario.name).toBe('partial');
    expect(scenario.durationS).toBe(600);
    expect(scenario.slotS).toBe(base.slotS);
    expect(scenario.market).toEqual({ ...base.market, targetUtilisation: 0.7 });
    expect(scenario.servers).toEqual([{ ...base.servers.find((s) => s.id === 'edge-l4'), gpuMemoryGiB: 48 }]);
    expect(scenario.models).toEqual(base.models);
  });

  it('a workload of another kind replaces the default one rather than mixing with it', () => {
    const path = join(dir, 'synthetic.json');
    const workload = {
      kind: 'synthetic',
      sessionsPerHour: 100,
      roundsPerSessionMean: 2,
      thinkTimeMeanS: 30,
      promptTokensMedian: 500,
      outputTokensMedian: 200,
      zipfExponent: 1,
    };
    writeFileSync(path, JSON.stringify({ name: 'synthetic', workload }));
    expect(loadScenario(path).workload).toEqual(workload);
  });

  it('a complete file (as doubledutch scenario writes it) loads back unchanged', () => {
    const path = join(dir, 'complete.json');
    writeFileSync(path, JSON.stringify(defaultScenario()));
    expect(loadScenario(path)).toEqual(defaultScenario());
  });
});
