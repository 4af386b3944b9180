// `reproduce` (DESIGN.md §8.5): figures, claims with verdicts, all files or none.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCsv } from '../../src/experiment/csv.js';
import '../../src/builtins.js';
import { fig4a } from '../../src/experiment/reproduce/fig4.js';
import { fig5a, fig5b } from '../../src/experiment/reproduce/fig5.js';
import { claimsCsv, reproduceFiles } from '../../src/experiment/reproduce/report.js';
import { reproduce } from '../../src/experiment/reproduce/reproduce.js';
import { snapNoise, verdict } from '../../src/experiment/reproduce/verdict.js';

describe('reproduce', () => {
  it('checks each claim with a verdict from the fixed vocabulary and writes claim,paper,measured,verdict', async () => {
    const result = await reproduce({ seeds: 2, episodes: 2, figures: [fig4a, fig5b] });
    const rows = parseCsv(claimsCsv(result.figures));
    expect(Object.keys(rows[0] ?? {})).toEqual(['claim', 'paper', 'measured', 'verdict']);
    expect(rows.map((r) => r.claim)).toContain('fig4a-fifo-cloud-grow');
    for (const r of rows) {
      expect(['reproduced', 'partly', 'not reproduced']).toContain(r.verdict);
      expect(Number.isFinite(Number(r.measured))).toBe(true);
    }
    const files = await reproduceFiles(result);
    expect(Object.keys(files).sort()).toEqual(
      ['claims.csv', 'fig4a.csv', 'fig4a.svg', 'fig5b.csv', 'fig5b.svg', 'report.html'].sort(),
    );
    expect(files['fig4a.svg']).toMatch(/^<svg/);
    expect(files['report.html']).toContain('What the paper states');
    expect(files['report.html']).not.toMatch(/<script|https?:\/\/(?!vega\.github\.io|www\.w3\.org)/);
  });

  it('runs each distinct run once, however many figures share it, and counts training episodes as steps', async () => {
    let started = 0;
    const labels: string[] = [];
    const result = await reproduce({
      seeds: 1,
      episodes: 2,
      figures: [fig4a, fig4a],
      onStart: (n) => (started = n),
      onRun: (label) => labels.push(label),
    });
    // 4 points × (4 baselines + T2DRL and PPO), then 2 training episodes of each learner.
    expect(started).toBe(4 * (4 + 2) + 2 * 2);
    expect(labels).toHaveLength(started);
    expect(labels.filter((l) => / training episode /.test(l))).toHaveLength(4);
    expect(result.runs).toBe(4 * 6);
    expect(result.trainingEpisodes).toBe(4);
  });

  it('Fig. 4 draws T2DRL and PPO beside the baselines, with the cost parts and the seeds of each point', async () => {
    const result = await reproduce({ seeds: 3, episodes: 2, figures: [fig4a] });
    const rows = result.figures[0]?.rows ?? [];
    expect([...new Set(rows.map((r) => r.policy))].sort()).toEqual(
      ['cloud-only', 'fifo', 'laot', 'lfu', 'ppo', 't2drl'].sort(),
    );
    for (const learner of ['t2drl', 'ppo']) {
      const own = rows.filter((r) => r.policy === learner);
      expect(own.map((r) => r.agents)).toEqual([10, 15, 20, 25]);
      for (const r of own) {
        // --quick's budget: the learners run on every seed of a quick reproduction.
        expect(r.seeds).toBe(3);
        const parts = ['switching', 'communication', 'computation', 'accuracy_cost', 'cloud'].reduce(
          (sum, k) => sum + (r[k] as number),
          0,
        );
        expect(parts).toBeCloseTo(r.cost as number, 2);
      }
    }
    expect(result.figures[0]?.method).toMatch(/T2DRL and PPO are the networks of Fig\. 3/);
  }, 60_000);

  it("Fig. 5 draws T2DRL's accuracy per task, keeps LFU's in the CSV, and its claims read T2DRL's rows", async () => {
    const result = await reproduce({ seeds: 2, episodes: 2, figures: [fig5a, fig5b] });
    const [a, b] = result.figures;
    if (a === undefined || b === undefined) throw new Error('reproduce made no Fig. 5');
    type Row = Readonly<Record<string, unknown>>;
    // The mean change per task from the first to the last swept value, from one policy's rows.
    const meanGain = (rows: readonly Row[], param: string, policy: string, reading: string) => {
      const own = rows.filter((r) => r.policy === policy && r.reading === reading);
      const values = [...new Set(own.map((r) => r[param] as number))].sort((x, y) => x - y);
      const at = (v: number) => own.filter((r) => r[param] === v);
      const first = at(values[0] as number);
      const last = at(values[values.length - 1] as number);
      expect(first.length).toBe(7);
      const gains = first.map(
        (r) => (last.find((l) => l.task === r.task)?.accuracy_pct as number) - (r.accuracy_pct as number),
      );
      return gains.reduce((s, g) => s + g, 0) / gains.length;
    };
    for (const [figure, param, readings] of [
      [a, 'paths', ['as printed']],
      [b, 'vanishing', ['as printed', 'retention']],
    ] as const) {
      const rows = figure.rows;
      expect([...new Set(rows.map((r) => r.policy))].sort()).toEqual(['lfu', 't2drl']);
      expect([...new Set(rows.map((r) => r.reading))].sort()).toEqual([...readings].sort());
      // 4 swept values × 7 tasks per policy and reading; T2DRL on the learners' seeds.
      for (const policy of ['t2drl', 'lfu'])
        for (const reading of readings) {
          const own = rows.filter((r) => r.policy === policy && r.reading === reading);
          expect(own).toHaveLength(4 * 7);
          for (const r of own) {
            expect(r.seeds).toBe(2);
            expect(Number.isFinite(r.accuracy_pct)).toBe(true);
          }
        }
      // The chart draws T2DRL's lines only and says so.
      const drawn = (figure.spec as { data: { values: Row[] } }).data.values;
      expect(drawn.length).toBe(rows.filter((r) => r.policy === 't2drl').length);
      expect(drawn.every((r) => r.policy === 't2drl')).toBe(true);
      expect(figure.title).toMatch(/^Fig\. 5[ab]:/);
      expect(JSON.stringify(figure.spec)).toContain('(T2DRL)');
      expect(figure.method).toMatch(/^Accuracy per request of T2DRL/);
      for (const claim of figure.claims ?? []) expect(claim.claim).toMatch(/T2DRL/);
      // Each "rises" claim measures T2DRL's rows, not LFU's (checked where the two differ).
      for (const reading of readings) {
        const id = {
          paths: 'fig5a-accuracy-rises-with-paths',
          vanishing:
            reading === 'retention'
              ? 'fig5b-accuracy-rises-with-retention'
              : 'fig5b-accuracy-rises-with-vanishing',
        }[param];
        const measured = figure.claims.find((c) => c.id === id)?.measured as number;
        const own = meanGain(rows, param, 't2drl', reading);
        expect(measured).toBeCloseTo(own, 1);
        const lfu = meanGain(rows, param, 'lfu', reading);
        if (Math.abs(lfu - own) > 0.5) expect(Math.abs(measured - lfu)).toBeGreaterThan(0.4);
      }
    }
    const best = a.claims.find((c) => c.id === 'fig5-multiarith-arc-near-90')?.measured;
    const top = Math.max(
      ...a.rows
        .filter((r) => r.policy === 't2drl' && (r.task === 'MultiArith' || r.task === 'ARC'))
        .map((r) => r.accuracy_pct as number),
    );
    expect(best).toBeCloseTo(top, 1);
  }, 60_000);

  it('reads a difference of ~1e-15 (the same accuracies summed in another order) as no change, not as a rise', () => {
    // The full run measured +1.0e-15 and −7.1e-15 for two Fig. 5b claims and called the first "partly".
    const drift = (0.1 + 0.2 + 0.3) / 3 - (0.3 + 0.2 + 0.1) / 3;
    expect(drift).not.toBe(0);
    expect(snapNoise(drift)).toBe(0);
    expect(snapNoise(1.015e-15)).toBe(0);
    expect(snapNoise(-7.105e-15)).toBe(0);
    expect(snapNoise(0.004)).toBe(0.004);
    expect(verdict(snapNoise(1.015e-15) > 0, snapNoise(1.015e-15) > 0)).toBe('not reproduced');
  });

  it('refuses an --out that is a file before running, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-reproduce-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    const code = await main(['reproduce', '--quick', '--quiet', '--out', file]);
    expect(code).not.toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
