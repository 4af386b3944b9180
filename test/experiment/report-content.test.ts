// The report as a researcher reads it (issue 15): money in USD wherever a user, a plug-in or a
// chart sees it; '–' for runs without a market; integers as integers; cost against each policy's
// run without a market; and a merged sweep's means kept per parameter setting.
import { beforeAll, describe, expect, it } from 'vitest';
import { mcafee } from '../../mechanisms/mcafee.js';
import '../../src/builtins.js';
import { defaultScenario } from '../../src/edge/default-scenario.js';
import { parseScenario } from '../../src/edge/scenario.js';
import { type CompareResult, compare } from '../../src/experiment/compare.js';
import { meansTable, reportFiles } from '../../src/experiment/report.js';
import { simulate } from '../../src/experiment/simulate.js';
import { MARKET_TICK_USD } from '../../src/experiment/slot-market.js';
import { type Mechanism, optionsFor } from '../../src/mechanism.js';

const scenario = parseScenario({ ...defaultScenario(), durationS: 600 });

describe('the slot markets price in USD', () => {
  it('a plug-in mechanism sees bids and asks in USD, and the tick in USD', async () => {
    const values: number[] = [];
    const ticks: unknown[] = [];
    const spy: Mechanism = {
      ...mcafee,
      name: 'spy',
      // It takes a tick (mcafee does not), so the slot markets give it theirs.
      options: ['tick'],
      clear(market, options) {
        values.push(
          ...market.bids.map((b) => b.value.toNumber()),
          ...market.asks.map((a) => a.cost.toNumber()),
        );
        ticks.push((options as { tick?: unknown } | undefined)?.tick);
        return mcafee.clear(market, optionsFor(mcafee, options ?? {}));
      },
    };
    await simulate({ scenario, policy: 'lru', mechanism: spy, seed: 1 });
    expect(values.length).toBeGreaterThan(10);
    // A request is worth cents at the edge; in nano-USD these were millions.
    expect(Math.max(...values)).toBeLessThan(1);
    expect(values.some((v) => v > 0 && !Number.isInteger(v))).toBe(true);
    expect(new Set(ticks)).toEqual(new Set([MARKET_TICK_USD]));
  });
});

describe('the report of a comparison', () => {
  let result: CompareResult;
  let files: Record<string, string>;
  beforeAll(async () => {
    result = await compare({
      scenario,
      policies: ['lru', 'cloud-only'],
      mechanisms: ['none', 'dda', 'mcafee'],
      seeds: [1],
    });
    files = await reportFiles(result, ['test']);
  }, 60_000);

  it('keeps a clock auction market as its sample, found by capability, with its clocks in USD', () => {
    expect(result.sampleMarket?.mechanism.name).toBe('dda');
    const clocks = files['charts/clocks.svg'] ?? '';
    const crossing = /crossing at ([0-9.]+) after/.exec(clocks);
    expect(crossing).not.toBeNull();
    expect(Number(crossing?.[1])).toBeLessThan(1);
    expect(Number(crossing?.[1])).toBeGreaterThan(0);
  });

  it("shows '–' for market columns of runs without a market, and integers as integers", () => {
    const means = meansTable(result.rows);
    const none = means.rows.find((r) => r[0] === 'lru' && r[1] === 'none') as string[];
    const welfare = means.columns.indexOf('welfare (USD)');
    expect(none[welfare]).toBe('–');
    const dda = means.rows.find((r) => r[0] === 'lru' && r[1] === 'dda') as string[];
    expect(dda[welfare]).toMatch(/^\d+\.\d{3}$/);
    expect(dda[means.columns.indexOf('cost vs none')]).toMatch(/^[+-]\d+\.\d{2}%$/);
    const html = files['report.html'] ?? '';
    expect(html).not.toMatch(/<td>\d+\.0000<\/td>/); // no integer printed with decimals
    expect(html).toContain('<td>–</td>');
  });

  it('draws welfare only for policies that trade', () => {
    expect(files['charts/welfare-heatmap.svg']).toContain('lru');
    expect(files['charts/welfare-heatmap.svg']).not.toContain('cloud-only');
  });

  it('keeps the means of a merged sweep per parameter setting', () => {
    const rows = result.rows.flatMap((r) => [
      { ...r, parameters: { 'market.targetUtilisation': 0.3 } },
      { ...r, system_cost: r.system_cost * 2, parameters: { 'market.targetUtilisation': 0.6 } },
    ]);
    const means = meansTable(rows);
    expect(means.columns[0]).toBe('market.targetUtilisation');
    expect(means.rows).toHaveLength(2 * result.rows.length);
    const cost = means.columns.indexOf('system cost (USD)');
    const at = (u: string) => means.rows.find((r) => r[0] === u && r[1] === 'lru' && r[2] === 'none')?.[cost];
    expect(Number(at('0.6'))).toBeCloseTo(2 * Number(at('0.3')), 1);
  });
});
