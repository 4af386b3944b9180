// The seed paper's equations (12)–(20) on hand-computed numbers (Xu, Niyato & Brinton, IEEE ToN
// 2026, Section III; PAPER.md §2.6–2.8).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { monotoneFit, TABLE_IV_PALM, tableAccuracy } from '../../src/paper/accuracy-tables.js';
import { ageOfThought } from '../../src/paper/age-of-thought.js';
import { slotCosts } from '../../src/paper/costs.js';
import { accuracyGap, reasoningAccuracy } from '../../src/paper/reasoning-accuracy.js';
import { paperScenario } from '../../src/paper/scenario.js';
import { paperSystem } from '../../src/paper/system.js';
import { thoughtStock } from '../../src/paper/thought-stock.js';

describe('(12) thought stock', () => {
  it('accumulates while cached: 100 + 60 = 160', () => {
    expect(thoughtStock({ previous: 100, tokens: 60, cached: true })).toBe(160);
  });
  it('eviction resets it to 0', () => {
    expect(thoughtStock({ previous: 100, tokens: 60, cached: false })).toBe(0);
  });
});

describe('(13) Age of Thought', () => {
  it('adds ζ·δ and subtracts Δ: 10 + 0.5·8 − 3 = 11', () => {
    expect(ageOfThought({ previous: 10, tokens: 8, consensus: 0.5, vanishing: 3, cached: true })).toBe(11);
  });
  it('is floored at 0: 2 + 0 − 3 → 0', () => {
    expect(ageOfThought({ previous: 2, tokens: 0, consensus: 0.5, vanishing: 3, cached: true })).toBe(0);
  });
  it('eviction resets it to 0 whatever its value', () => {
    expect(ageOfThought({ previous: 500, tokens: 80, consensus: 1, vanishing: 0, cached: false })).toBe(0);
  });
  it('is never negative', () => {
    fc.assert(
      fc.property(
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        fc.double({ min: 0, max: 1e6, noNaN: true }),
        fc.boolean(),
        (previous, tokens, consensus, vanishing, cached) =>
          ageOfThought({ previous, tokens, consensus, vanishing, cached }) >= 0,
      ),
    );
  });
});

describe('(14) reasoning accuracy and the gap Ā of (18)', () => {
  it('A = α·κ·log(1/β): 0.5·2·ln 2', () => {
    expect(reasoningAccuracy({ zeroShot: 0.5, gain: 0.5, ageOfThought: 2 })).toBeCloseTo(Math.log(2), 12);
  });
  it('equals the printed α·log(1/β^κ) where β^κ does not underflow', () => {
    expect(reasoningAccuracy({ zeroShot: 0.7, gain: 0.9, ageOfThought: 5 })).toBeCloseTo(
      0.7 * Math.log(1 / 0.9 ** 5),
      12,
    );
  });
  it('is 0 at κ = 0 (not α), as the paper writes it', () => {
    expect(reasoningAccuracy({ zeroShot: 0.8, gain: 0.5, ageOfThought: 0 })).toBe(0);
  });
  it('refuses β outside (0, 1), naming the gain', () => {
    expect(() => reasoningAccuracy({ zeroShot: 0.5, gain: 1, ageOfThought: 1 })).toThrow(/gain.*\(0, 1\)/);
  });
  it('Ā = (1 − α)/(κ·log(1/β)), with κ floored (G9): 0.5/(1·ln 2) at κ = 0', () => {
    expect(accuracyGap({ zeroShot: 0.5, gain: 0.5, ageOfThought: 0, kappaFloor: 1 })).toBeCloseTo(
      0.5 / Math.log(2),
      12,
    );
    expect(accuracyGap({ zeroShot: 0.44, gain: 0.5, ageOfThought: 100, kappaFloor: 1 })).toBeCloseTo(
      0.56 / (100 * Math.log(2)),
      12,
    );
  });
});

describe('Tables III/IV', () => {
  it("PaLM's non-monotone SVAMP row 71, 83, 88, 85, 85 is fitted to 71, 83, 86, 86, 86", () => {
    expect(TABLE_IV_PALM.selfConsistency.SVAMP).toEqual([71, 83, 88, 85, 85]);
    expect(monotoneFit([71, 83, 88, 85, 85])).toEqual([71, 83, 86, 86, 86]);
  });
  it('interpolates between path columns: MultiArith (LaMDA) at 7 paths = 63 + 0.4·6 = 65.4', () => {
    expect(tableAccuracy([1, 5, 10, 15, 20], [47, 63, 69, 71, 73], 7)).toBeCloseTo(65.4, 12);
    expect(tableAccuracy([1, 5, 10, 15, 20], [47, 63, 69, 71, 73], 40)).toBe(73);
  });
});

describe('(15)–(20) costs of one slot', () => {
  // One server with 4 GPUs, one agent (ASDiv, d = 150, k = 32, ζ = 0.5), J = 2 paths; LaMDA
  // cached this slot (loaded: λ) with b = 0.5 for 3 requests and κ = 100; PaLM not cached, 2 requests.
  const system = paperSystem(paperScenario({ agents: 1, servers: 1, gpus: 4, paths: 2 }));
  const costs = slotCosts(system, {
    previousCached: [0, 0],
    cached: [1, 0],
    local: [0.5, 0],
    demand: [3, 2],
    ageOfThought: [100, 0],
  });
  it('(15) switching: λ = 1e-5 for the one load', () => expect(costs.switching).toBeCloseTo(1e-5, 15));
  it('(16) communication: R·l·d·b = 3·1e-4·150·0.5', () =>
    expect(costs.communication).toBeCloseTo(0.0225, 12));
  it('(17) computation: δ·e_m/f_n = (0.5·3·2·32)·2.74e11/(4·312e12)', () =>
    expect(costs.computation).toBeCloseTo((96 * 2.74e11) / 1.248e15, 12));
  it('(18) accuracy: 2.5·Ā·R·a·b with α = 0.44 (ASDiv, one path)', () =>
    expect(costs.accuracy).toBeCloseTo(2.5 * (0.56 / (100 * Math.log(2))) * 1.5, 12));
  it('(20) cloud: J·l_0·(1 − b)·R = 2·0.0075·(0.5·3 + 1·2)', () =>
    expect(costs.cloud).toBeCloseTo(0.0525, 12));
  it('the total is their sum, the cloud counted once (G13)', () =>
    expect(costs.total).toBeCloseTo(
      1e-5 + 0.0225 + (96 * 2.74e11) / 1.248e15 + 2.5 * (0.56 / (100 * Math.log(2))) * 1.5 + 0.0525,
      12,
    ));
  it("with decisions.cloudCost 'per-server' the cloud cost is counted once per server", () => {
    const two = paperSystem(
      paperScenario({ agents: 1, servers: 2, gpus: 8, decisions: { cloudCost: 'per-server' } }),
    );
    const x = {
      previousCached: [0, 0, 0, 0],
      cached: [0, 0, 0, 0],
      local: [0, 0, 0, 0],
      demand: [1, 0, 0, 0],
    };
    const c = slotCosts(two, { ...x, ageOfThought: [0, 0, 0, 0] });
    expect(c.cloud).toBeCloseTo(5 * 0.0075, 12);
    expect(c.total).toBeCloseTo(2 * 5 * 0.0075, 12);
  });
  it("with decisions.pathTokens 'as-printed' δ has J² (G7)", () => {
    const printed = paperSystem(
      paperScenario({ agents: 1, paths: 3, decisions: { pathTokens: 'as-printed' } }),
    );
    expect(printed.tokensPerRequest[0]).toBe(9 * 32);
    expect(paperSystem(paperScenario({ agents: 1, paths: 3 })).tokensPerRequest[0]).toBe(3 * 32);
  });
  it('E_n is 300 W × GPUs × slot length (G18)', () => {
    expect(paperSystem(paperScenario({ gpus: 40, servers: 2 })).energyBudgetJ).toEqual([6000, 6000]);
  });
});
