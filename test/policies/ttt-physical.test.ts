// The paper's T2DRL and PPO on the physical model (issue 13 items 2–4): the projection of (a, b)
// onto an action respects GPU memory and routes each request to its cheapest caching server at
// the admission price b sets; the registered t2drl and ppo run in simulate, the shipped t2drl
// meets issue 13's margin over FIFO; training saves weights with the scenario hash that a policy
// then loads.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { admissionRoutes } from '../../policies/caching-rule.js';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import type { Decision } from '../../policies/t2drl/ttt/actor-critic.js';
import { disposeActorCritic } from '../../policies/t2drl/ttt/actor-critic.js';
import {
  admissionPrice,
  creditMasks,
  MAX_ADMISSION_PRICE,
  physicalAction,
  requestWorkS,
} from '../../policies/t2drl/ttt/physical.js';
import { trainPaperActorCritic } from '../../policies/t2drl/ttt/train.js';
import { teacherLabels } from '../../policies/t2drl/ttt/warm-start.js';
import { loadActorCritic } from '../../policies/t2drl/ttt/weights.js';
import { scenarioHash } from '../../src/edge/scenario.js';
import {
  defaultScenario,
  EdgeEnvironment,
  paperActorCriticPolicy,
  parseScenario,
  type Scenario,
  simulate,
} from '../../src/index.js';
import { smallEdgeScenario } from '../helpers.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

function smallScenario(): Scenario {
  return smallEdgeScenario({
    name: 'small ttt',
    durationS: 600,
    sessionsPerHour: 1200,
    promptTokensMedian: 2000,
  });
}

function decision(entries: number, cache: number, fraction: number): Decision {
  return {
    cache: new Uint8Array(entries).fill(cache),
    u: new Float32Array(entries),
    fraction: new Float32Array(entries).fill(fraction),
    cacheProbability: Float32Array.from({ length: entries }, (_, e) => 0.5 + e / (4 * entries)),
    logProbA: new Float32Array(entries),
    logProbU: new Float32Array(entries),
    logProb: 0,
    value: 0,
  };
}

describe('paper T2DRL on the physical model', () => {
  it('projects (a, b): caches fit in memory, each request goes to its cheapest caching server or the cloud, b sets the admission price', () => {
    const scenario = smallScenario();
    const env = new EdgeEnvironment(scenario);
    const { observation } = env.reset({ seed: 3 });
    const entries = observation.servers.length * observation.modelIds.length;
    expect(observation.requests.length).toBeGreaterThan(0);
    // No latency price, so that neither queue nor admission price counts: only the estimated saving.
    const free = { ...scenario.costWeights, latencyUsdPerS: 0 };
    const all = physicalAction(observation, decision(entries, 1, 1), free);
    for (const server of observation.servers) {
      const bytes = (all.cache[server.id] ?? []).reduce(
        (s, id) => s + (observation.modelWeightBytes[id] ?? 0),
        0,
      );
      expect(bytes).toBeLessThanOrEqual(server.memoryBytes);
      expect(all.cache[server.id]?.length).toBeGreaterThan(0);
    }
    for (const v of observation.requests) {
      let best = 'cloud';
      let bestCost = v.cloudCostUsd;
      for (const server of observation.servers) {
        const cost = v.edgeCostUsd[server.id] ?? Number.POSITIVE_INFINITY;
        if (all.cache[server.id]?.includes(v.request.modelId) === true && cost < bestCost) {
          best = server.id;
          bestCost = cost;
        }
      }
      expect(all.route[v.request.id]).toBe(best);
    }
    expect(Object.values(all.route).some((t) => t !== 'cloud')).toBe(true);
    const uncached = physicalAction(observation, decision(entries, 0, 1), free);
    expect(Object.values(uncached.cache).every((c) => c.length === 0)).toBe(true);
    expect(Object.values(uncached.route).every((t) => t === 'cloud')).toBe(true);
    // With the latency priced, b = 0 charges every request MAX_ADMISSION_PRICE seconds of latency
    // per second of its work (its service time on the fastest server): each request it sends to a
    // server is still cheaper there, with its queue and that price, than in the cloud, and it sends
    // fewer than b = 1.
    const w = scenario.costWeights;
    const strict = physicalAction(observation, decision(entries, 1, 0), w);
    const loose = physicalAction(observation, decision(entries, 1, 1), w);
    const freeAt = new Map(observation.servers.map((s) => [s.id, s.busyUntilS]));
    for (const v of observation.requests) {
      const target = strict.route[v.request.id] as string;
      if (target === 'cloud') continue;
      const startS = Math.max(freeAt.get(target) ?? 0, v.request.arrivalS);
      const busyS = v.edgeBusyS[target] ?? 0;
      const workS = Math.min(...Object.values(v.edgeBusyS));
      expect(requestWorkS(v.edgeBusyS)).toBe(workS);
      const cost =
        (v.edgeCostUsd[target] ?? 0) +
        w.latencyUsdPerS * (startS - v.request.arrivalS + MAX_ADMISSION_PRICE * workS);
      expect(cost).toBeLessThan(v.cloudCostUsd);
      freeAt.set(target, startS + busyS);
    }
    const edge = (r: Record<string, string>) => Object.values(r).filter((t) => t !== 'cloud').length;
    expect(edge(strict.route)).toBeLessThan(edge(loose.route));
    // The price is admissionRoutes' surcharge: none is the classic admission, NaN keeps every request off the edge.
    expect(admissionRoutes(observation, loose.cache, w, undefined, () => 0)).toEqual(loose.route);
    const offEdge = admissionRoutes(observation, loose.cache, w, undefined, () => Number.NaN);
    expect(Object.values(offEdge).every((t) => t === 'cloud')).toBe(true);
    expect(admissionPrice(Number.NaN)).toBeNaN();
    expect(admissionPrice(1)).toBe(0);
    expect(admissionPrice(0)).toBe(MAX_ADMISSION_PRICE);
    expect(admissionPrice(0.5)).toBeCloseTo(MAX_ADMISSION_PRICE / 2, 12);
    expect(requestWorkS({})).toBe(0);
  });

  it("the price is charged on a request's work (its fastest server's seconds), not on the chosen server's seconds", () => {
    // The default scenario's servers differ in speed, so the two prices route differently.
    const scenario = defaultScenario();
    const { observation } = new EdgeEnvironment(scenario).reset({ seed: 1 });
    const entries = observation.servers.length * observation.modelIds.length;
    const w = scenario.costWeights;
    const action = physicalAction(observation, decision(entries, 1, 0.5), w);
    const priced = (perUnit: (serverId: string, v: (typeof observation.requests)[number]) => number) =>
      admissionRoutes(
        observation,
        action.cache,
        w,
        undefined,
        (serverId, v) => admissionPrice(0.5) * perUnit(serverId, v),
      );
    expect(action.route).toEqual(priced((_serverId, v) => requestWorkS(v.edgeBusyS)));
    expect(action.route).not.toEqual(priced((serverId, v) => v.edgeBusyS[serverId] ?? 0));
    for (const v of observation.requests)
      expect(requestWorkS(v.edgeBusyS)).toBe(Math.min(...Object.values(v.edgeBusyS)));
  });

  it("with b = 1 the routing is the classic rules' admission across servers, and a teacher's caches round-trip", () => {
    const scenario = smallScenario();
    const env = new EdgeEnvironment(scenario);
    let { observation } = env.reset({ seed: 4 });
    const entries = observation.servers.length * observation.modelIds.length;
    let compared = 0;
    let served = 0;
    for (let slot = 0; slot < 5; slot++) {
      const action = physicalAction(observation, decision(entries, 1, 1), scenario.costWeights);
      expect(action.route).toEqual(admissionRoutes(observation, action.cache, scenario.costWeights));
      // The cache labels read off that action, projected again, give its caches back.
      const labels = teacherLabels(observation, action.cache, action.route);
      // b_e unclamped is the share served; its clamped logit is the u label.
      labels.uMask.forEach((mask, e) => {
        const b = labels.fraction[e] as number;
        if (mask === 0) expect(b).toBe(0);
        else
          expect(labels.u[e]).toBeCloseTo(
            Math.log(Math.min(0.95, Math.max(0.05, b)) / (1 - Math.min(0.95, Math.max(0.05, b)))),
            5,
          );
        if (b > 0) served++;
      });
      const again = physicalAction(
        observation,
        { ...decision(entries, 0, 1), cache: Uint8Array.from(labels.cache) },
        scenario.costWeights,
      );
      const sorted = (c: Record<string, readonly string[]>) =>
        Object.fromEntries(Object.entries(c).map(([k, v]) => [k, [...v].sort()]));
      expect(sorted(again.cache)).toEqual(sorted(action.cache));
      compared += observation.requests.length;
      observation = env.step(action).observation;
    }
    expect(compared).toBeGreaterThan(0);
    expect(served).toBeGreaterThan(0);
  });

  it('credit masks keep exactly the terms whose draw can change the action', () => {
    const scenario = smallScenario();
    // Little memory, so that the knapsack skips some drawn pairs.
    const tight = parseScenario({
      ...scenario,
      servers: scenario.servers.map((s) => ({ ...s, gpuMemoryGiB: 10 })),
    });
    const env = new EdgeEnvironment(tight);
    const { observation } = env.reset({ seed: 2 });
    const entries = observation.servers.length * observation.modelIds.length;
    const d = {
      ...decision(entries, 1, 1),
      cache: Uint8Array.from({ length: entries }, (_, e) => (e % 3 === 0 ? 0 : 1)),
    };
    const { creditA, creditU } = creditMasks(observation, d);
    const base = physicalAction(observation, d, tight.costWeights);
    const requested = new Set(observation.requests.map((v) => v.request.modelId));
    let masked = 0;
    for (let e = 0; e < entries; e++) {
      const flipped = Uint8Array.from(d.cache);
      flipped[e] = 1 - (flipped[e] as number);
      const other = physicalAction(observation, { ...d, cache: flipped }, tight.costWeights);
      expect(creditA[e]).toBe(JSON.stringify(other.cache) === JSON.stringify(base.cache) ? 0 : 1);
      masked += 1 - (creditA[e] as number);
      const server = observation.servers[Math.floor(e / observation.modelIds.length)]?.id as string;
      const model = observation.modelIds[e % observation.modelIds.length] as string;
      const live = base.cache[server]?.includes(model) === true && requested.has(model);
      expect(creditU[e]).toBe(live ? 1 : 0);
    }
    expect(masked).toBeGreaterThan(0);
    expect(masked).toBeLessThan(entries);
  });

  it("the shipped t2drl is at least 8% below FIFO on the default scenario (issue 13's goal), and within 0.5% of ppo", async () => {
    // Seed 1 of the documented evaluation (docs/policies.md): FIFO 121.22, ppo 103.09, t2drl 103.03.
    const cost = async (policy: string) =>
      (await simulate({ scenario: defaultScenario(), policy, seed: 1 })).metrics.systemCost;
    const fifo = await cost('fifo');
    const t2drl = await cost('t2drl');
    const ppo = await cost('ppo');
    expect((fifo - t2drl) / fifo).toBeGreaterThanOrEqual(0.08);
    // The two differ by 0.1% (docs/policies.md); the tolerance keeps a backend's rounding (wasm,
    // cpu, tfjs-node) from flipping a handful of routes into a failure.
    expect(t2drl).toBeLessThanOrEqual(ppo * 1.005);
  }, 120_000);

  it('the registered t2drl and ppo run in simulate', async () => {
    for (const policy of ['t2drl', 'ppo']) {
      const result = await simulate({ scenario: smallScenario(), policy, seed: 1 });
      expect(result.policy).toBe(policy);
      expect(result.slots).toHaveLength(10);
      expect(Number.isFinite(result.metrics.systemCost)).toBe(true);
    }
  }, 60_000);

  it('trains on the remainder too: 3 episodes at 2 per update make 2 updates, 4 make 2', async () => {
    const scenario = smallScenario();
    const count = async (episodes: number) => {
      let updates = 0;
      const { net } = await trainPaperActorCritic({
        kind: 'ppo',
        scenario,
        episodes,
        seed: 2,
        episodesPerUpdate: 2,
        onUpdate: () => updates++,
      });
      disposeActorCritic(net);
      return updates;
    };
    expect(await count(3)).toBe(2);
    expect(await count(4)).toBe(2);
  }, 120_000);

  it('trains, saves with the scenario hash, and a policy loads those weights', async () => {
    const scenario = smallScenario();
    const out = join(mkdtempSync(join(tmpdir(), 'ttt-train-')), 'weights');
    const costs: number[] = [];
    const { net, curve } = await trainPaperActorCritic({
      kind: 't2drl',
      scenario,
      episodes: 4,
      seed: 2,
      out,
      episodesPerUpdate: 2,
      onEpisode: (_, cost) => costs.push(cost),
    });
    expect(curve.map((p) => p.systemCost)).toEqual(costs);
    const { net: loaded, meta } = loadActorCritic(out);
    expect(meta.scenarioHash).toBe(scenarioHash(scenario));
    expect(meta.policy).toBe('t2drl');
    expect(meta.config.ttt?.miniBatch).toBe(4);
    const a = await simulate({
      scenario,
      policy: paperActorCriticPolicy('t2drl', { seed: 1, weights: out }),
      seed: 5,
    });
    const b = await simulate({
      scenario,
      policy: paperActorCriticPolicy('t2drl', { seed: 1, weights: out }),
      seed: 5,
    });
    expect(a.metrics.systemCost).toBe(b.metrics.systemCost);
    disposeActorCritic(net);
    disposeActorCritic(loaded);
  }, 120_000);
});
