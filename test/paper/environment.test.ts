// The paper's environment: the projection keeps (1)–(3) at every step whatever the action
// (PAPER.md §3.2), eviction resets K and κ, and bad scenarios name every bad field.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../src/builtins.js';
import { simulatePaper } from '../../src/experiment/simulate-paper.js';
import { constraintViolations } from '../../src/paper/constraints.js';
import { PaperEnvironment } from '../../src/paper/environment.js';
import { projectPaperAction } from '../../src/paper/projection.js';
import { PaperScenarioError, paperScenario, parsePaperScenario } from '../../src/paper/scenario.js';
import { paperSystem } from '../../src/paper/system.js';
import { getPolicy } from '../../src/policy.js';

// A small system whose energy budget binds: 2 servers × 3 agents × 2 models, 5 GPUs each, 2 kJ per slot.
const tight = parsePaperScenario({
  ...paperScenario({ agents: 3, gpus: 10, paths: 10 }),
  energyBudgetJ: 2000,
});
const system = paperSystem(tight);
const entries = system.entries;
const score = fc.oneof(fc.double({ min: -1, max: 2 }), fc.constant(Number.NaN));
const actionArb = fc.record({
  cache: fc.array(score, { minLength: entries, maxLength: entries }),
  local: fc.array(score, { minLength: entries, maxLength: entries }),
});

describe('the projection (1)–(3)', () => {
  it('makes every random action feasible', () => {
    fc.assert(
      fc.property(
        actionArb,
        fc.array(fc.nat(12), { minLength: entries, maxLength: entries }),
        fc.array(fc.double({ min: 0, max: 5000, noNaN: true }), { minLength: entries, maxLength: entries }),
        (action, demand, kappa) => {
          const x = projectPaperAction(system, action, demand, kappa);
          expect(constraintViolations(system, { ...x, demand })).toEqual([]);
          // It only removes: nothing is cached that was not asked for, b never rises.
          x.cached.forEach((a, k) => {
            if (a === 1) expect(action.cache[k]).toBeGreaterThanOrEqual(0.5);
            expect(x.local[k]).toBeLessThanOrEqual(Math.max(0, action.local[k] ?? 0) || 0);
          });
        },
      ),
    );
  });

  it('keeps (1)–(3) at every step of an episode of random actions', () => {
    fc.assert(
      fc.property(fc.array(actionArb, { minLength: 1, maxLength: 15 }), fc.nat(1000), (actions, seed) => {
        const env = new PaperEnvironment(tight);
        let { observation } = env.reset({ seed });
        for (const action of actions) {
          const demand = observation.demand;
          const step = env.step(action);
          expect(constraintViolations(system, { ...step.info.applied, demand })).toEqual([]);
          expect(step.observation.ageOfThought.every((k) => k >= 0)).toBe(true);
          observation = step.observation;
        }
      }),
      { numRuns: 50 },
    );
  });

  it('leaves a feasible action as it is', () => {
    const demand = new Array(entries).fill(1);
    const cache = new Array(entries).fill(0);
    cache[0] = 1; // one LaMDA copy (274 GB) fits in 400 GB
    const local = cache.map((a) => a * 0.25);
    const x = projectPaperAction(system, { cache, local }, demand, new Array(entries).fill(0));
    expect(x.cached).toEqual(cache);
    expect(x.local).toEqual(local);
  });

  it('fills memory by score per GB: two LaMDA copies (0.6/274) before a PaLM copy (0.9/1080)', () => {
    const big = paperSystem(paperScenario({ agents: 3, gpus: 20, servers: 1 })); // 1600 GB
    const cache = [0.6, 0.9, 0.6, 0, 0, 0];
    const x = projectPaperAction(
      big,
      { cache, local: [0, 0, 0, 0, 0, 0] },
      [1, 1, 1, 1, 1, 1],
      [0, 0, 0, 0, 0, 0],
    );
    // 274 + 274 admitted first; PaLM (1080) still fits in the 1052 GB left? No: it is skipped.
    expect(x.cached).toEqual([1, 0, 1, 0, 0, 0]);
  });

  it('moves load to the cloud on the entry with the lowest advantage per joule first', () => {
    // One server, one agent, both models cached, b = 1, 1 request each: LaMDA draws 5·32·0.263 J,
    // PaLM 4× that, and PaLM's edge cost is higher, so PaLM's b is lowered first.
    const one = paperSystem(
      parsePaperScenario({ ...paperScenario({ agents: 1, servers: 1, gpus: 20 }), energyBudgetJ: 100 }),
    );
    const x = projectPaperAction(one, { cache: [1, 1], local: [1, 1] }, [1, 1], [1000, 1000]);
    const lamda = one.energyPerRequestJ[0] as number;
    const palm = one.energyPerRequestJ[1] as number;
    expect(lamda).toBeLessThan(100);
    expect(x.local[0]).toBe(1);
    expect(x.local[1]).toBeCloseTo((100 - lamda) / palm, 12);
  });
});

describe('the environment', () => {
  it('evicts a model whose thought stock outgrows its window, resetting K and κ (G8)', () => {
    const base = paperScenario({ agents: 1, servers: 1, gpus: 20 });
    const small = parsePaperScenario({
      ...base,
      models: base.models.map((m) => ({ ...m, contextWindowTokens: 100 })),
    });
    const env = new PaperEnvironment(small);
    let { observation } = env.reset({ seed: 3 });
    while (observation.demand.every((r) => r === 0))
      observation = env.step({ cache: [0, 0], local: [0, 0] }).observation;
    const step = env.step({ cache: [1, 1], local: [1, 1] });
    // A request makes 5 paths × 32 tokens = 160 > 100 tokens: evicted at the end of the slot.
    observation.demand.forEach((r, k) => {
      if (r > 0) {
        expect(step.info.applied.cached[k]).toBe(1);
        expect(step.observation.cached[k]).toBe(0);
        expect(step.observation.thoughtStock[k]).toBe(0);
        expect(step.observation.ageOfThought[k]).toBe(0);
      }
    });
    expect(step.info.metrics.evictions).toBe(observation.demand.filter((r) => r > 0).length);
  });

  it("with decisions.contextWindow 'cap' K stops at w_m and the copy stays", () => {
    const base = paperScenario({ agents: 1, servers: 1, gpus: 20, decisions: { contextWindow: 'cap' } });
    const small = parsePaperScenario({
      ...base,
      models: base.models.map((m) => ({ ...m, contextWindowTokens: 100 })),
    });
    const env = new PaperEnvironment(small);
    let { observation } = env.reset({ seed: 3 });
    while (observation.demand.every((r) => r === 0))
      observation = env.step({ cache: [0, 0], local: [0, 0] }).observation;
    const step = env.step({ cache: [1, 1], local: [1, 1] });
    observation.demand.forEach((r, k) => {
      if (r > 0) {
        expect(step.observation.cached[k]).toBe(1);
        expect(step.observation.thoughtStock[k]).toBe(100);
      }
    });
  });

  it('reward is minus the system cost, and an episode is 100 steps (Section VI)', async () => {
    const result = await simulatePaper({ scenario: paperScenario(), policy: 'fifo', seed: 1 });
    expect(result.slots).toHaveLength(100);
    expect(result.metrics.systemCost).toBeCloseTo(
      result.slots.reduce((s, x) => s + x.systemCost, 0),
      9,
    );
    expect(result.metrics.meanSlotCost).toBeCloseTo(result.metrics.systemCost / 100, 12);
  });

  it('is deterministic per seed, and the demand does not depend on the policy', async () => {
    const a = await simulatePaper({ scenario: paperScenario(), policy: 'lfu', seed: 7 });
    const b = await simulatePaper({ scenario: paperScenario(), policy: 'lfu', seed: 7 });
    const c = await simulatePaper({ scenario: paperScenario(), policy: 'cloud-only', seed: 7 });
    expect(a.metrics).toEqual(b.metrics);
    expect(a.slots.map((s) => s.requests)).toEqual(c.slots.map((s) => s.requests));
  });

  it('cloud-only caches nothing and pays J·l_0 per request', async () => {
    const r = await simulatePaper({ scenario: paperScenario({ paths: 10 }), policy: 'cloud-only', seed: 2 });
    expect(r.metrics.switches).toBe(0);
    expect(r.metrics.edgeShare).toBe(0);
    expect(r.metrics.systemCost).toBeCloseTo(r.metrics.requests * 10 * 0.0075, 9);
  });

  it('runs from a real trace (the shipped Azure conversation trace)', async () => {
    const r = await simulatePaper({
      scenario: paperScenario({ trace: { format: 'azure', source: 'azure-conv' } }),
      policy: 'lfu',
      seed: 1,
    });
    expect(r.metrics.requests).toBeGreaterThan(0);
  });

  it('a policy without a paper implementation says so in one line', () => {
    expect(() => getPolicy('lru', { scenario: paperScenario(), seed: 1 })).toThrow(
      /^policy: policy 'lru' runs on the edge environment, not on 'paper'; policies that run on 'paper': cloud-only, fifo, laot, lfu, ppo, t2drl$/,
    );
  });
});

describe('bad paper scenarios', () => {
  it('name every bad field at once: negative budget, zero GPUs, β outside (0, 1), paths < 1', () => {
    try {
      parsePaperScenario({ ...paperScenario(), energyBudgetJ: -1, gpus: 0, gain: 1.5, paths: 0 });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(PaperScenarioError);
      const e = error as PaperScenarioError;
      expect([...e.fields].sort()).toEqual(['energyBudgetJ', 'gain', 'gpus', 'paths']);
      expect(e.message).toContain('gpus must be > 0');
      expect(e.message).toContain('gain must be < 1');
      expect(e.message).not.toContain('\n');
    }
  });

  it('refuse a non-monotone accuracy table, naming the cell (PaLM SVAMP as published)', () => {
    const s = paperScenario();
    const palm = s.models[1] as (typeof s.models)[number];
    const verbatim = {
      ...palm,
      accuracy: {
        ...palm.accuracy,
        byTask: { ...palm.accuracy.byTask, SVAMP: [0.71, 0.83, 0.88, 0.85, 0.85] },
      },
    };
    expect(() => parsePaperScenario({ ...s, models: [s.models[0], verbatim] })).toThrow(
      /models\[1\]\.accuracy\.byTask\.SVAMP\[3\] must be ≥ 0\.88/,
    );
  });

  it('paperScenario options are validated too', () => {
    expect(() => paperScenario({ agents: 0 })).toThrow(/agents must be ≥ 1 items/);
    expect(() => paperScenario({ gpus: 1, servers: 2 })).toThrow(/gpus must be ≥ servers/);
  });
});
