// The reasoning-path market held in every slot of the paper's model (issue 14 item 4).
import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { simulatePaper } from '../../src/experiment/simulate-paper.js';
import { getMechanism, paperScenario, simulate } from '../../src/index.js';
import type { Outcome } from '../../src/market/outcome.js';
import type { Mechanism } from '../../src/mechanism.js';
import { pathTokens } from '../../src/paper/entry-paths.js';
import { PaperEnvironment } from '../../src/paper/environment.js';
import { clearPathMarkets } from '../../src/paper/slot-path-market.js';

const scenario = paperScenario({ agents: 6, gpus: 40, paths: 5, slots: 12, requestsPerAgentPerSlot: 2 });
const cacheAll = (size: number) => ({
  cache: new Array<number>(size).fill(1),
  local: new Array<number>(size).fill(1),
});

/** A mechanism that records every outcome it returns. */
function recording(name: string): { mechanism: Mechanism; outcomes: Outcome[] } {
  const inner = getMechanism(name);
  const outcomes: Outcome[] = [];
  return {
    outcomes,
    mechanism: {
      ...inner,
      clear: (market, options) => {
        const outcome = inner.clear(market, options);
        outcomes.push(outcome);
        return outcome;
      },
    },
  };
}

describe('the reasoning-path market in a slot', () => {
  it('sets each entry’s J from the outcome: J + (extra paths won)/(edge requests), and the step charges exactly those paths', () => {
    const env = new PaperEnvironment(scenario);
    const { observation } = env.reset({ seed: 3 });
    const action = cacheAll(env.system.entries);
    const { mechanism, outcomes } = recording('t-dda');
    const slot = clearPathMarkets(env.system, observation, action, mechanism, {});
    expect(outcomes.length).toBeGreaterThan(0);
    const won = outcomes.flatMap((o) => o.fills.filter((f) => f.side === 'buy')).length;
    expect(won).toBeGreaterThan(0);
    expect(slot.metrics.trades).toBe(won);
    expect(slot.extraPaths.reduce((s, x) => s + x, 0)).toBe(won);
    let moreCompute = 0;
    const { agents: I, models: M } = env.system;
    for (let k = 0; k < env.system.entries; k++) {
      const x = slot.extraPaths[k] as number;
      const R = observation.demand[k] as number;
      if (x === 0) {
        expect(slot.paths[k]).toBe(5);
        continue;
      }
      // Every requested entry is cached and local here; whole requests buy, so b·R = R.
      expect(slot.paths[k]).toBeCloseTo(5 + x / R, 12);
      const pair = k % (I * M);
      const n = Math.floor(k / (I * M));
      const model = scenario.models[pair % M] as (typeof scenario.models)[number];
      moreCompute +=
        (x * (pathTokens(env.system, pair, 6) - pathTokens(env.system, pair, 5)) * model.flopsPerToken) /
        (env.system.computeFlops[n] as number);
    }
    const twin = new PaperEnvironment(scenario);
    twin.reset({ seed: 3 });
    const without = twin.step(action);
    const withPaths = env.step({ ...action, paths: slot.paths });
    expect(withPaths.info.costs.computation - without.info.costs.computation).toBeCloseTo(moreCompute, 12);
    expect(withPaths.info.metrics.accuracy).toBeGreaterThanOrEqual(without.info.metrics.accuracy);
    expect(withPaths.info.metrics.energyJ).toBeGreaterThan(without.info.metrics.energyJ);
  });

  it('a request’s demand is concave and a server’s costs rise: bids fall with j, asks rise with k', () => {
    const env = new PaperEnvironment(scenario);
    const { observation } = env.reset({ seed: 5 });
    let checked = 0;
    const spy: Mechanism = {
      ...getMechanism('mcafee'),
      clear: (market, options) => {
        const value = new Map(market.bids.map((b) => [b.id, b.value]));
        for (const b of market.bids) {
          const j = Number(b.id.split('.p')[1]);
          const before = value.get(`${b.id.split('.p')[0]}.p${j - 1}`);
          if (before !== undefined) {
            expect(b.value.lte(before)).toBe(true);
            checked++;
          }
        }
        const cost = new Map(market.asks.map((a) => [a.id, a.cost]));
        for (const a of market.asks) {
          const u = Number(a.id.split('.u')[1]);
          const before = cost.get(`${a.id.split('.u')[0]}.u${u - 1}`);
          if (before !== undefined) expect(a.cost.gt(before)).toBe(true);
        }
        return getMechanism('mcafee').clear(market, options);
      },
    };
    clearPathMarkets(env.system, observation, cacheAll(env.system.entries), spy, {});
    expect(checked).toBeGreaterThan(0);
  });

  it('simulate holds it every slot: welfare, surplus and trades are the sums of the outcomes’, no IR violation under t-dda', async () => {
    const { mechanism, outcomes } = recording('t-dda');
    const result = await simulate({ scenario, policy: 'lfu', mechanism, seed: 2 });
    expect(result.mechanism).toBe('t-dda');
    const m = result.metrics;
    const welfare = outcomes.reduce((s, o) => s + o.welfare.toNumber(), 0) / 1e9;
    const surplus = outcomes.reduce((s, o) => s + o.surplus.toNumber(), 0) / 1e9;
    const trades = outcomes.reduce((s, o) => s + o.fills.filter((f) => f.side === 'buy').length, 0);
    expect(m.welfare).toBeCloseTo(welfare, 9);
    expect(m.surplus).toBeCloseTo(surplus, 9);
    expect(m.trades).toBe(trades);
    expect(m.trades).toBeGreaterThan(0);
    expect(m.welfare).toBeGreaterThan(0);
    expect(m.irViolations).toBe(0);
    expect(m.welfare).toBeCloseTo(
      result.slots.reduce((s, x) => s + x.welfare, 0),
      9,
    );
  });

  it('without a mechanism nothing changes: the same slots as a plain loop, market fields zero, and paths = J is a no-op', async () => {
    const plain = await simulatePaper({ scenario, policy: 'fifo', seed: 4 });
    expect(plain.mechanism).toBeUndefined();
    expect(plain.metrics.welfare).toBe(0);
    expect(plain.metrics.trades).toBe(0);
    const env = new PaperEnvironment(scenario);
    const twin = new PaperEnvironment(scenario);
    let { observation } = env.reset({ seed: 4 });
    twin.reset({ seed: 4 });
    for (let t = 0; t < 5; t++) {
      const action = cacheAll(env.system.entries);
      const a = env.step(action);
      const b = twin.step({ ...action, paths: new Array<number>(env.system.entries).fill(5) });
      expect(b.info).toEqual(a.info);
      expect(b.reward).toBe(a.reward);
      observation = a.observation;
    }
    expect(observation.slot).toBe(5);
  });
});

describe('doubledutch run --scenario paper --mechanism', () => {
  it('holds the path market and reports it; an unknown mechanism is one line, exit non-zero, nothing written', async () => {
    const out: string[] = [];
    const err: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
    try {
      const dir = mkdtempSync(join(tmpdir(), 'dd-path-market-'));
      expect(
        // Not --quiet: the path market's line on stdout is part of what is checked.
        await main(['run', '--scenario', 'paper', '--mechanism', 't-dda', '--out', dir]),
      ).toBe(0);
      const summary = readFileSync(join(dir, 'paper-summary.csv'), 'utf8');
      expect(summary).toMatch(/mechanism,welfare,surplus,trades,ir_violations/);
      expect(summary).toContain(',t-dda,');
      expect(out.join('\n')).toMatch(/path market \(t-dda\): \d+ extra paths traded/);
      const bad = mkdtempSync(join(tmpdir(), 'dd-path-market-'));
      expect(await main(['run', '--scenario', 'paper', '--mechanism', 't-ddaa', '--out', bad])).not.toBe(0);
      expect(err.join('\n')).toMatch(/t-ddaa/);
      expect(err).toHaveLength(1);
      expect(readdirSync(bad)).toEqual([]);
    } finally {
      vi.restoreAllMocks();
    }
  });
});
