// T2DRL on TensorFlow.js: the backend is chosen and named, weights round-trip in the TensorFlow.js
// format, training improves the policy on fixed evaluation seeds, and test-time learning changes
// the weights of t2drl but not of drl-frozen.
import { spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { createT2drlAgent } from '../../policies/t2drl/agent.js';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { createLearner } from '../../policies/t2drl/credit.js';
import { createNetworks, loadNetworks, saveNetworks } from '../../policies/t2drl/network.js';
import { evaluate } from '../../policies/t2drl/ppo.js';
import { pairRewards } from '../../policies/t2drl/rewards.js';
import {
  trainT2drl,
  trainWithRestarts,
  VALIDATION_SEEDS,
  validationCost,
} from '../../policies/t2drl/train.js';
import { scenarioHash, shippedWeightsDir } from '../../policies/t2drl/weights.js';
import {
  defaultScenario,
  EdgeEnvironment,
  type Scenario,
  simulate,
  type Transition,
} from '../../src/index.js';
import { createRng } from '../../src/random.js';
import { smallEdgeScenario } from '../helpers.js';

function smallScenario(): Scenario {
  return smallEdgeScenario({
    name: 'small t2drl',
    durationS: 900,
    sessionsPerHour: 600,
    promptTokensMedian: 2000,
  });
}

const features = Float32Array.from({ length: 12 * 4 }, (_, i) => (i % 7) / 7);

describe('T2DRL', () => {
  it('uses tfjs-node, WASM or CPU, and says which', async () => {
    expect(['tensorflow', 'wasm', 'cpu']).toContain(await initTensorflow({ quiet: true }));
  });

  it('DOUBLEDUTCH_TF_BACKEND picks the backend to try first, and a bad value is named and ignored', () => {
    const backend = new URL('../../dist/policies/t2drl/backend.js', import.meta.url).href;
    const start = (value: string) =>
      spawnSync(
        process.execPath,
        ['-e', `import(${JSON.stringify(backend)}).then((m) => m.initTensorflow())`],
        {
          encoding: 'utf8',
          env: { ...process.env, DOUBLEDUTCH_TF_BACKEND: value },
        },
      ).stderr;
    expect(start('cpu')).toBe('TensorFlow.js backend: cpu\n');
    const bogus = start('gpu');
    expect(bogus).toContain("DOUBLEDUTCH_TF_BACKEND='gpu' is not one of tensorflow, wasm, cpu; ignoring it");
    expect(bogus).toMatch(/TensorFlow.js backend: (tensorflow|wasm|cpu)\n$/);
  }, 30_000);

  it('seeded initialisation is reproducible, and weights round-trip in the TensorFlow.js format', async () => {
    await initTensorflow({ quiet: true });
    const a = createNetworks(7);
    expect(Array.from(evaluate(createNetworks(7), features).logits)).toEqual(
      Array.from(evaluate(a, features).logits),
    );
    expect(Array.from(evaluate(createNetworks(8), features).logits)).not.toEqual(
      Array.from(evaluate(a, features).logits),
    );
    const dir = mkdtempSync(join(tmpdir(), 'dd-weights-'));
    await saveNetworks(a, dir, {
      scenarioHash: 'abc',
      seed: 7,
      episodes: 0,
      backend: 'test',
      trainedAt: 'now',
    });
    const { networks, meta } = await loadNetworks(dir);
    expect(meta.seed).toBe(7);
    expect(Array.from(evaluate(networks, features).logits)).toEqual(Array.from(evaluate(a, features).logits));
  });

  it('training lowers the system cost on fixed evaluation seeds, below LRU (80 episodes, seed 3)', async () => {
    const scenario = smallScenario();
    const cost = async (networks: ReturnType<typeof createNetworks>) => {
      let total = 0;
      for (const seed of [1, 2, 3]) {
        const policy = createT2drlAgent({ name: 'eval', networks, learn: false });
        total += (await simulate({ scenario, policy, seed })).metrics.systemCost;
      }
      return total;
    };
    await initTensorflow({ quiet: true });
    const untrained = await cost(createNetworks(3));
    const { networks, curve } = await trainT2drl({ scenario, episodes: 80, seed: 3 });
    expect(curve).toHaveLength(80);
    const trained = await cost(networks);
    expect(trained).toBeLessThan(untrained);
    let lru = 0;
    for (const seed of [1, 2, 3])
      lru += (await simulate({ scenario, policy: 'lru', seed })).metrics.systemCost;
    expect(trained).toBeLessThan(lru);
  }, 120_000);

  it('credits each (server, model) decision with what its requests saved, less its load', () => {
    const scenario = smallScenario();
    const env = new EdgeEnvironment(scenario);
    const { observation } = env.reset({ seed: 4 });
    const server = observation.servers[0]?.id as string;
    const model = observation.requests[0]?.request.modelId as string;
    const action = {
      cache: { [server]: [model] },
      route: Object.fromEntries(observation.requests.map((v) => [v.request.id, server])),
    };
    const step = env.step(action);
    const rewards = pairRewards({
      observation,
      action,
      reward: step.reward,
      nextObservation: step.observation,
      terminated: step.terminated,
      truncated: step.truncated,
      info: step.info,
      context: { scenario, rng: createRng(1), market: false },
    });
    const models = observation.servers[0]?.models.map((m) => m.modelId) ?? [];
    const row = models.indexOf(model);
    const atEdge = step.info.served.filter((s) => s.target === server);
    expect(atEdge.length).toBeGreaterThan(0);
    const saved = atEdge.reduce((sum, s) => {
      const view = observation.requests.find((v) => v.request.id === s.requestId);
      return sum + (view?.cloudCostUsd ?? 0) - s.costUsd;
    }, 0);
    const spec = scenario.servers[0] as (typeof scenario.servers)[number];
    const loadS = (observation.modelWeightBytes[model] as number) / (spec.loadBandwidthGBps * 1e9);
    // The environment's charge: loading runs the server at full load above idle (issue 11 fixed
    // rewards.ts, which charged maxPowerW·loadS).
    const load =
      scenario.costWeights.switchUsd +
      (((spec.maxPowerW - spec.idlePowerW) * loadS) / 3.6e6) * scenario.costWeights.energyUsdPerKWh;
    expect(rewards[row]).toBeCloseTo(saved - load, 6);
    rewards.forEach((r, i) => {
      if (i !== row) expect(r).toBe(0);
    });
  });

  it("a learning policy's reward for a slot is minus the system cost the run reports for it, under each credit scheme", async () => {
    const scenario = smallScenario();
    await initTensorflow({ quiet: true });
    for (const credit of ['slot', 'pair'] as const) {
      const agent = createT2drlAgent({
        name: 'x',
        networks: createNetworks(2),
        learn: true,
        credit,
        updateEvery: 5,
      });
      const transitions: Transition[] = [];
      const observe = agent.observe?.bind(agent);
      const result = await simulate({
        scenario,
        policy: {
          ...agent,
          observe: (t: Transition) => {
            transitions.push(t);
            observe?.(t);
          },
        },
        seed: 3,
      });
      expect(transitions).toHaveLength(result.slots.length);
      const learner = createLearner(credit);
      let loads = 0;
      transitions.forEach((t, i) => {
        const { credited, uncredited } = learner.rewardParts(t);
        const total = Array.from(credited).reduce((a, b) => a + b, uncredited);
        // The pairs' rewards are float32 (the network's input): a relative error of about 1e-7 each.
        // A load charged at maxPowerW instead of (max − idle) would be off by ~2e-6 USD.
        expect(
          Math.abs(total + (result.slots[i]?.systemCost as number)),
          `${credit}, slot ${i}`,
        ).toBeLessThan(2e-7);
        loads += result.slots[i]?.switches ?? 0;
      });
      expect(loads, 'the run loads models, so load charges are checked').toBeGreaterThan(0);
    }
  }, 60_000);

  it('t2drl keeps learning while evaluated; drl-frozen does not', async () => {
    const scenario = smallScenario();
    await initTensorflow({ quiet: true });
    for (const credit of ['slot', 'pair'] as const) {
      for (const learn of [true, false]) {
        const networks = createNetworks(5);
        const before = Array.from(evaluate(networks, features).logits);
        await simulate({
          scenario,
          policy: createT2drlAgent({ name: 'x', networks, learn, credit, updateEvery: 5 }),
          seed: 1,
        });
        const after = Array.from(evaluate(networks, features).logits);
        if (learn) expect(after, credit).not.toEqual(before);
        else expect(after, credit).toEqual(before);
      }
    }
  }, 60_000);

  it('restarts keep the network with the lowest validation cost, on seeds apart from evaluation', async () => {
    const scenario = smallScenario();
    const result = await trainWithRestarts({ scenario, episodes: 3, seed: 11, restarts: 2 });
    expect(result.restarts.map((r) => r.seed)).toEqual([11, 12]);
    const best = Math.min(...result.restarts.map((r) => r.validationCost));
    expect(result.restarts.find((r) => r.seed === result.seed)?.validationCost).toBe(best);
    expect(await validationCost(result.networks, scenario)).toBe(best);
    expect(VALIDATION_SEEDS.some((s) => s >= 1 && s <= 5)).toBe(false);
  }, 60_000);

  it('the registered t2drl-online loads the shipped weights trained on the default scenario', async () => {
    for (const [name, credit] of [
      ['default', undefined],
      ['pair', 'pair'],
    ] as const) {
      const dir = shippedWeightsDir(name);
      expect(dir, name).toBeDefined();
      const { meta } = await loadNetworks(dir as string);
      expect(meta.scenarioHash, name).toBe(scenarioHash(defaultScenario()));
      expect(meta.credit ?? 'slot', name).toBe(credit ?? 'slot');
    }
    const result = await simulate({ scenario: smallScenario(), policy: 't2drl-online', seed: 1 });
    expect(result.policy).toBe('t2drl-online');
    expect(result.slots).toHaveLength(15);
  }, 60_000);
});
