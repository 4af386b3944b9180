// The lower bound on any policy's cost on the paper's model (issue 13, docs/paper.md §8.1): a
// hand-computed slot, random actions on random scenarios never beat it, nor do the baselines and
// the trained learners, and it is exact when the edge's constraints do not bind.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import '../../src/builtins.js';
import { parseCsv } from '../../src/experiment/csv.js';
import { bound as boundFigure } from '../../src/experiment/reproduce/bound.js';
import { FIGURES } from '../../src/experiment/reproduce/figures.js';
import { claimsCsv, reproduceFiles } from '../../src/experiment/reproduce/report.js';
import { reproduce } from '../../src/experiment/reproduce/reproduce.js';
import { simulatePaper } from '../../src/experiment/simulate-paper.js';
import { constraintViolations } from '../../src/paper/constraints.js';
import { edgeRequestFloor, paperCostLowerBound, slotCostLowerBound } from '../../src/paper/cost-bound.js';
import { requestCosts, slotCosts } from '../../src/paper/costs.js';
import { PaperEnvironment } from '../../src/paper/environment.js';
import type { PaperAction } from '../../src/paper/projection.js';
import { paperScenario, parsePaperScenario } from '../../src/paper/scenario.js';
import type { PaperScenario } from '../../src/paper/scenario-schema.js';
import { paperSystem } from '../../src/paper/system.js';

/** Slack for sums of floats: costs are compared with this relative tolerance. */
const SLACK = 1e-9;

/**
 * One server with one GPU (f = 1e12 FLOP/s), one model of 60 GB and 1e9 FLOP and 1 J per token,
 * J = 1 path of 10 tokens: a request costs 0.01 to compute at the edge, 10 J, and 0.05 in the
 * cloud; agent 0 sends 100 input tokens (0.01), agent 1 300 (0.03). No accuracy or switching cost.
 */
function tiny(memoryGB: number, energyBudgetJ: number): PaperScenario {
  const base = paperScenario({ agents: 2, servers: 1, gpus: 1, paths: 1, slots: 3 });
  const lamda = base.models[0] as PaperScenario['models'][number];
  return parsePaperScenario({
    ...base,
    gpu: { memoryGB, peakTflops: 1, powerCapW: 1 },
    energyBudgetJ,
    models: [{ ...lamda, sizeGB: 60, flopsPerToken: 1e9, energyJPerToken: 1, demandShare: 1 }],
    agents: base.agents.map((a, i) => ({ ...a, inputTokens: i === 0 ? 100 : 300, thoughtTokens: 10 })),
    costs: { switching: 0, edgeAccess: 1e-4, cloudAccess: 0.05, accuracy: 0 },
  });
}

describe('the cost lower bound, by hand', () => {
  it('one copy fits and the energy budget serves half of agent 0: 0.4 − 0.5·4·0.03 = 0.34', () => {
    const system = paperSystem(tiny(100, 20));
    expect(edgeRequestFloor(system, 0, 0, Number.POSITIVE_INFINITY)).toBeCloseTo(0.02, 12);
    expect(edgeRequestFloor(system, 0, 1, Number.POSITIVE_INFINITY)).toBeCloseTo(0.04, 12);
    const slot = slotCostLowerBound(system, [4, 4]);
    expect(slot.cloudOnly).toBeCloseTo(0.4, 12);
    expect(slot.bound).toBeCloseTo(0.34, 7);
    // The decision that reaches it: cache agent 0's copy, serve half its requests at the edge.
    const reached = {
      previousCached: [1, 0],
      cached: [1, 0],
      local: [0.5, 0],
      demand: [4, 4],
      ageOfThought: [0, 0],
    };
    expect(constraintViolations(system, reached)).toEqual([]);
    expect(slotCosts(system, reached).total).toBeCloseTo(0.34, 12);
  });

  it('two copies and energy for everything: 0.4 − 4·0.03 − 4·0.01 = 0.24', () => {
    const system = paperSystem(tiny(130, 100));
    expect(slotCostLowerBound(system, [4, 4]).bound).toBeCloseTo(0.24, 7);
    // Energy alone binding (memory for both): 20 J go to agent 0 first, per joule the better.
    expect(slotCostLowerBound(paperSystem(tiny(130, 20)), [4, 4]).bound).toBeCloseTo(0.34, 7);
    // Memory alone binding (one copy, energy for all): agent 0 fully, 0.4 − 0.12.
    expect(slotCostLowerBound(paperSystem(tiny(100, 100)), [4, 4]).bound).toBeCloseTo(0.28, 7);
  });

  it('the accuracy floor is c·(1 − α)/(L·max(κ_floor, κ̄)), L = ln(1/β)', () => {
    const s = parsePaperScenario({ ...tiny(100, 20), costs: { ...tiny(100, 20).costs, accuracy: 2.5 } });
    const system = paperSystem(s);
    const alpha = system.zeroShot[0] as number;
    const L = Math.log(1 / s.gain);
    expect(edgeRequestFloor(system, 0, 0, 100)).toBeCloseTo(0.02 + (2.5 * (1 - alpha)) / (100 * L), 12);
    expect(edgeRequestFloor(system, 0, 0, 0)).toBeCloseTo(0.02 + (2.5 * (1 - alpha)) / (1 * L), 12);
  });

  it('is below cloud-only at the defaults and cloud-only pays exactly its cloudOnly', async () => {
    const bound = paperCostLowerBound(paperScenario(), 1);
    const cloud = await simulatePaper({ scenario: paperScenario(), policy: 'cloud-only', seed: 1 });
    expect(cloud.metrics.systemCost).toBeCloseTo(bound.cloudOnly, 9);
    expect(bound.total).toBeLessThan(bound.cloudOnly);
    expect(bound.slots).toHaveLength(100);
  });
});

describe('the cost lower bound holds', () => {
  const option = <T extends string>(...xs: T[]) => fc.constantFrom(...xs);
  const scenarioArb = fc
    .record({
      agents: fc.integer({ min: 1, max: 3 }),
      servers: fc.integer({ min: 1, max: 2 }),
      gpus: fc.integer({ min: 0, max: 6 }),
      paths: fc.integer({ min: 1, max: 6 }),
      vanishing: fc.double({ min: 0, max: 4, noNaN: true }),
      gain: fc.double({ min: 0.05, max: 0.95, noNaN: true }),
      requests: fc.double({ min: 0.3, max: 6, noNaN: true }),
      slots: fc.integer({ min: 2, max: 8 }),
      energy: fc.option(fc.double({ min: 0, max: 20_000, noNaN: true }), { nil: undefined }),
      edgeAccess: fc.double({ min: 0, max: 5e-4, noNaN: true }),
      cloudAccess: fc.double({ min: 0, max: 0.03, noNaN: true }),
      accuracy: fc.oneof(fc.constant(0), fc.double({ min: 0, max: 5, noNaN: true })),
      window: fc.integer({ min: 20, max: 2048 }),
      gpuGB: fc.double({ min: 40, max: 700, noNaN: true }),
      tflops: fc.double({ min: 100, max: 20_000, noNaN: true }),
      kappaFloor: fc.double({ min: 0.1, max: 50, noNaN: true }),
      decisions: fc.record({
        pathTokens: option('per-path', 'as-printed'),
        energyCharge: option('tokens', 'requests'),
        energyProjection: option('constraint-3', 'as-printed-23'),
        contextWindow: option('evict', 'cap'),
        vanishingUnit: option('thoughts', 'tokens'),
        vanishingDirection: option('as-printed', 'retention'),
        cloudCost: option('once', 'per-server'),
        switchingCost: option('per-load', 'per-gb'),
      }),
    })
    .map((r): PaperScenario => {
      const base = paperScenario({
        agents: r.agents,
        servers: r.servers,
        gpus: r.servers + r.gpus,
        paths: r.paths,
        vanishing: r.vanishing,
        gain: r.gain,
        requestsPerAgentPerSlot: r.requests,
        slots: r.slots,
        decisions: { ...r.decisions, kappaFloor: r.kappaFloor },
      });
      return parsePaperScenario({
        ...base,
        gpu: { ...base.gpu, memoryGB: r.gpuGB, peakTflops: r.tflops },
        ...(r.energy === undefined ? {} : { energyBudgetJ: r.energy }),
        models: base.models.map((m) => ({ ...m, contextWindowTokens: r.window })),
        costs: {
          switching: 1e-5,
          edgeAccess: r.edgeAccess,
          cloudAccess: r.cloudAccess,
          accuracy: r.accuracy,
        },
      });
    });
  // Scores and fractions with the extremes (NaN, below 0, above 1, exactly 0.5), and often 1: an
  // action that keeps its copies and serves at the edge is the one that comes near the bound.
  const score = fc.oneof(
    { weight: 3, arbitrary: fc.constant(1) },
    { weight: 3, arbitrary: fc.double({ min: -1, max: 2, noNaN: true }) },
    { weight: 1, arbitrary: fc.constantFrom(Number.NaN, 0, 0.5, -1e9, 1e9) },
  );
  const gene = fc.tuple(score, score, fc.integer({ min: 0, max: 4 }));
  const genes = fc.array(gene, { minLength: 12, maxLength: 12 });

  it('for random actions (and path-market J in [J, J + 4]) on random small scenarios, slot by slot', () => {
    fc.assert(
      fc.property(
        scenarioArb,
        fc.nat(1000),
        fc.boolean(),
        fc.constantFrom('random', 'sticky', 'greedy'),
        fc.array(genes, { minLength: 8, maxLength: 8 }),
        (scenario, seed, market, mode, plan) => {
          const system = paperSystem(scenario);
          const maxPaths = scenario.paths + (market ? 4 : 0);
          const bound = paperCostLowerBound(scenario, seed, { maxPaths });
          const env = new PaperEnvironment(scenario);
          let { observation } = env.reset({ seed });
          let total = 0;
          for (let t = 0; t < scenario.slots; t++) {
            // Sticky: the same action every slot, so copies stay and κ grows.
            // Greedy: serve at the edge what is cheaper there at the current κ (near the bound).
            const slotGenes = plan[mode === 'sticky' ? 0 : t] as [number, number, number][];
            const at = (k: number) => slotGenes[k % slotGenes.length] as [number, number, number];
            const per = system.agents * system.models;
            const cheaper = (k: number) => {
              const c = requestCosts(
                system,
                Math.floor(k / per),
                k % per,
                observation.ageOfThought[k] as number,
              );
              return c.edge < c.cloud ? 1 : 0;
            };
            const action: PaperAction = {
              cache: Array.from({ length: system.entries }, (_, k) =>
                mode === 'greedy' ? cheaper(k) : at(k)[0],
              ),
              local: Array.from({ length: system.entries }, (_, k) =>
                mode === 'greedy' ? cheaper(k) : at(k)[1],
              ),
              ...(market
                ? { paths: Array.from({ length: system.entries }, (_, k) => scenario.paths + at(k)[2]) }
                : {}),
            };
            const slot = bound.slots[t];
            expect(slot?.requests).toBe(observation.demand.reduce((s, r) => s + r, 0));
            const step = env.step(action);
            const cost = -step.reward;
            expect(cost).toBeGreaterThanOrEqual(
              (slot?.bound as number) - SLACK * Math.max(1, Math.abs(cost)),
            );
            total += cost;
            observation = step.observation;
          }
          expect(total).toBeGreaterThanOrEqual(bound.total - SLACK * Math.max(1, Math.abs(total)));
        },
      ),
      { seed: 13, numRuns: 200 },
    );
  });

  it('for every baseline on the paper model, slot by slot (seeds 1, 2)', async () => {
    for (const seed of [1, 2]) {
      const bound = paperCostLowerBound(paperScenario(), seed);
      for (const policy of ['cloud-only', 'fifo', 'lfu', 'laot']) {
        const run = await simulatePaper({ scenario: paperScenario(), policy, seed });
        expect(run.metrics.systemCost, `${policy} seed ${seed}`).toBeGreaterThanOrEqual(bound.total);
        run.slots.forEach((slot, t) => {
          expect(slot.systemCost, `${policy} seed ${seed} slot ${t}`).toBeGreaterThanOrEqual(
            (bound.slots[t]?.bound as number) - SLACK,
          );
        });
      }
    }
  }, 60_000);

  it('for the shipped trained T2DRL and PPO (seed 1)', async () => {
    const bound = paperCostLowerBound(paperScenario(), 1);
    for (const policy of ['t2drl', 'ppo']) {
      const run = await simulatePaper({ scenario: paperScenario(), policy, seed: 1 });
      expect(run.metrics.systemCost, policy).toBeGreaterThanOrEqual(bound.total);
      run.slots.forEach((slot, t) => {
        expect(slot.systemCost, `${policy} slot ${t}`).toBeGreaterThanOrEqual(
          (bound.slots[t]?.bound as number) - SLACK,
        );
      });
    }
  }, 120_000);
});

describe('the cost lower bound with many models and agents', () => {
  /** Five models of 20–24 GB and `agents` agents on the paper's 2 servers of 20 GPUs: with 40 agents memory binds and the copy-count vectors number in the millions. */
  function manySmallModels(agents: number, slots: number): PaperScenario {
    const base = paperScenario({ agents, slots });
    const lamda = base.models[0] as PaperScenario['models'][number];
    return parsePaperScenario({
      ...base,
      models: Array.from({ length: 5 }, (_, i) => ({
        ...lamda,
        id: `m${i}`,
        sizeGB: 20 + i,
        demandShare: 0.2,
      })),
    });
  }

  it('stays fast beyond the enumeration limit (5 models, 40 agents: 4.7 s a slot before) and below what fifo and cloud-only pay', async () => {
    const scenario = manySmallModels(40, 5);
    const started = performance.now();
    const bound = paperCostLowerBound(scenario, 1);
    expect(performance.now() - started).toBeLessThan(5000);
    expect(bound.total).toBeLessThan(bound.cloudOnly);
    for (const policy of ['cloud-only', 'fifo']) {
      const run = await simulatePaper({ scenario, policy, seed: 1 });
      expect(run.metrics.systemCost, policy).toBeGreaterThanOrEqual(bound.total);
    }
  }, 60_000);

  it("the LP relaxation that stands in beyond the limit is below the exact knapsack's bound, never above", () => {
    // Memory binds: two copies fit a server's 50 GB (its LP relaxation takes two and a half), and
    // with no accuracy cost and fast GPUs every request is cheaper at the edge.
    const base = manySmallModels(4, 5);
    const scenario = parsePaperScenario({
      ...base,
      gpus: 4,
      gpu: { ...base.gpu, memoryGB: 25, peakTflops: 10_000 },
      costs: { ...base.costs, accuracy: 0 },
    });
    const exact = paperCostLowerBound(scenario, 2);
    const relaxed = paperCostLowerBound(scenario, 2, { maxCopyVectors: 1 });
    exact.slots.forEach((slot, t) => {
      expect(relaxed.slots[t]?.bound as number).toBeLessThanOrEqual(slot.bound + SLACK);
    });
    expect(relaxed.total).toBeLessThan(exact.total);
    expect(exact.total).toBeLessThan(exact.cloudOnly);
  });

  it('the LP relaxation takes no part of a model larger than the memory', () => {
    // The 60 GB model does not fit 50 GB: nothing can be saved at the edge, relaxed or not.
    const system = paperSystem(tiny(50, 100));
    for (const maxCopyVectors of [0, 2000]) {
      const slot = slotCostLowerBound(system, [4, 4], undefined, { maxCopyVectors });
      expect(slot.bound).toBe(slot.cloudOnly);
    }
  });
});

describe('the cost lower bound is tight', () => {
  it('when memory and energy do not bind and there is no accuracy cost, a policy pays it plus switching', () => {
    // 40 GPUs of 10 TB on one server, unlimited energy: every copy fits, every request can stay.
    const base = paperScenario({ agents: 4, servers: 1, slots: 20 });
    const scenario = parsePaperScenario({
      ...base,
      gpu: { ...base.gpu, memoryGB: 10_000 },
      energyBudgetJ: 1e12,
      costs: { ...base.costs, accuracy: 0 },
    });
    const system = paperSystem(scenario);
    const bound = paperCostLowerBound(scenario, 3);
    // The policy the bound describes: serve at the edge exactly the entries whose edge cost is below the cloud's.
    const cloud = scenario.paths * scenario.costs.cloudAccess;
    const wanted = Array.from({ length: system.entries }, (_, k) =>
      edgeRequestFloor(system, 0, k, Number.POSITIVE_INFINITY) < cloud ? 1 : 0,
    );
    expect(wanted.some((x) => x === 1)).toBe(true);
    const env = new PaperEnvironment(scenario);
    env.reset({ seed: 3 });
    let cost = 0;
    let switching = 0;
    for (let t = 0; t < scenario.slots; t++) {
      const step = env.step({ cache: wanted, local: wanted });
      cost -= step.reward;
      switching += step.info.costs.switching;
    }
    expect(cost - switching).toBeCloseTo(bound.total, 9);
    expect(bound.total).toBeLessThan(bound.cloudOnly);
  });
});

describe('the bound in reproduce', () => {
  it('is a figure: bound.svg/csv with the bound beside every baseline, and claims whose verdicts follow the numbers', async () => {
    expect(FIGURES).toContain(boundFigure);
    const result = await reproduce({ seeds: 1, figures: [boundFigure] });
    const files = await reproduceFiles(result);
    expect(files['bound.svg']).toMatch(/^<svg/);
    const data = parseCsv(files['bound.csv'] as string);
    const at = (point: string, series: string) =>
      Number(data.find((r) => r.point === point && r.series === series)?.cost);
    // The defaults and the 16 Fig. 4 points, each with the bound and the four baselines.
    expect(new Set(data.map((r) => r.point)).size).toBe(17);
    expect(at('defaults', 'bound')).toBeCloseTo(paperCostLowerBound(paperScenario(), 1).total / 100, 3);
    for (const r of data.filter((x) => x.series !== 'bound')) {
      const b = at(r.point as string, 'bound');
      expect(Number(r.cost), `${r.point} ${r.series}`).toBeGreaterThanOrEqual(b);
      expect(Number(r.max_below_pct)).toBeCloseTo(((Number(r.cost) - b) / Number(r.cost)) * 100, 1);
    }
    expect(data.filter((r) => r.point === 'defaults').map((r) => r.series)).toEqual(
      expect.arrayContaining(['t2drl', 'ppo', 'cloud-only', 'fifo', 'lfu', 'laot']),
    );
    const claims = new Map(parseCsv(claimsCsv(result.figures)).map((r) => [r.claim, r]));
    for (const [id, margin] of [
      ['bound-vs-cloud-only', 30],
      ['bound-vs-fifo', 30],
      ['bound-vs-lfu', 30],
      ['bound-vs-ppo', 20],
      ['bound-vs-baselines-fig4', 30],
    ] as const) {
      const row = claims.get(id);
      expect(row, id).toBeDefined();
      const measured = Number(row?.measured);
      expect(Number.isFinite(measured)).toBe(true);
      expect(row?.verdict, id).toBe(measured < margin ? 'not reproduced' : 'partly');
    }
    const series = (id: string) => Number(claims.get(id)?.measured);
    expect(series('bound-vs-cloud-only')).toBeCloseTo(
      ((at('defaults', 'cloud-only') - at('defaults', 'bound')) / at('defaults', 'cloud-only')) * 100,
      1,
    );
  }, 120_000);
});
