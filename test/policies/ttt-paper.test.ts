// The paper's T2DRL and PPO on the seed paper's own environment (issue 13 item 4): the registered
// names run there through simulate, the adapter's action is the environment's raw action (cache
// scores ≥ ½ exactly where a = 1, b as drawn), and the networks train on it through the
// environment-independent trainer.
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import type { Decision } from '../../policies/t2drl/ttt/actor-critic.js';
import { disposeActorCritic } from '../../policies/t2drl/ttt/actor-critic.js';
import { PAPER_ENTRY_FEATURES, paperAdapter, paperFeatures } from '../../policies/t2drl/ttt/paper.js';
import { trainOnEnvironment } from '../../policies/t2drl/ttt/train-env.js';
import { paperScenario, simulate } from '../../src/index.js';
import { PaperEnvironment } from '../../src/paper/environment.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

const small = () => paperScenario({ agents: 4, slots: 12 });

describe("paper T2DRL on the paper's environment", () => {
  it('features one row per (server, agent, model), and the raw action asks exactly for a = 1', () => {
    const env = new PaperEnvironment(small());
    const { observation } = env.reset({ seed: 1 });
    const entries = observation.servers * observation.agents * observation.models;
    const features = paperFeatures(observation);
    expect(features.length).toBe(entries * PAPER_ENTRY_FEATURES);
    expect(features.every((x) => Number.isFinite(x) && x >= 0 && x <= 1)).toBe(true);
    const d: Decision = {
      cache: Uint8Array.from({ length: entries }, (_, e) => e % 2),
      u: new Float32Array(entries),
      fraction: new Float32Array(entries).fill(0.3),
      cacheProbability: new Float32Array(entries).fill(0.6),
      logProbA: new Float32Array(entries),
      logProbU: new Float32Array(entries),
      logProb: 0,
      value: 0,
    };
    const action = paperAdapter.action(observation, d);
    Array.from(action.cache).forEach((score, e) => {
      expect(score >= 0.5).toBe(e % 2 === 1);
    });
    expect(Array.from(action.local)).toEqual(Array.from(d.fraction));
  });

  it('the registered t2drl and ppo run on it through simulate', async () => {
    for (const policy of ['t2drl', 'ppo']) {
      const result = await simulate({ scenario: small(), policy, seed: 1 });
      expect(result.policy).toBe(policy);
      expect(result.slots).toHaveLength(12);
      expect(Number.isFinite(result.metrics.systemCost)).toBe(true);
    }
  }, 60_000);

  it('trains on it through the environment-independent trainer', async () => {
    const costs: number[] = [];
    const { net, curve } = await trainOnEnvironment({
      kind: 't2drl',
      environment: () => new PaperEnvironment(small()),
      adapter: paperAdapter,
      episodes: 4,
      seed: 1,
      rewardScale: 1,
      episodesPerUpdate: 2,
      onEpisode: (_, cost) => costs.push(cost),
    });
    expect(curve.map((p) => p.cost)).toEqual(costs);
    expect(costs.every((c) => Number.isFinite(c) && c > 0)).toBe(true);
    disposeActorCritic(net);
  }, 60_000);
});
