// Review finding (ttt item 1): every t2drl run leaked 44 tensors and every ppo run 15 (the
// tensors each variable was built from, and those a load assigned from, were never freed). A
// prepare → a few slots → dispose, and a short training run, must leave tf.memory() as it found it.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { lru } from '../../policies/lru.js';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { disposeActorCritic } from '../../policies/t2drl/ttt/actor-critic.js';
import { paperActorCriticPolicy, paperEnvironmentPolicy } from '../../policies/t2drl/ttt/index.js';
import { trainPaperActorCritic } from '../../policies/t2drl/ttt/train.js';
import { defaultScenario, type Policy, paperScenario, parseScenario, simulate } from '../../src/index.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

const physical = () =>
  parseScenario({ ...defaultScenario(), name: 'small ttt memory', durationS: 300, slotS: 60 });

describe('the paper actor–critic frees every tensor it makes', () => {
  for (const kind of ['t2drl', 'ppo'] as const) {
    it(`${kind}: prepare then dispose, with no slots`, async () => {
      const before = tf.memory().numTensors;
      const policy = paperActorCriticPolicy(kind, { seed: 1 });
      await policy.prepare?.();
      policy.dispose?.();
      expect(tf.memory().numTensors).toBe(before);
    });

    it(`${kind} on the physical model: prepare, run a few slots, dispose`, async () => {
      const before = tf.memory().numTensors;
      const policy = paperActorCriticPolicy(kind, { seed: 1 });
      const result = await simulate({ scenario: physical(), policy, seed: 1 });
      expect(result.slots.length).toBeGreaterThan(0);
      policy.dispose?.();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);

    it(`${kind} on the paper model: prepare, run a few slots, dispose`, async () => {
      const before = tf.memory().numTensors;
      const scenario = paperScenario({ agents: 3, slots: 5 });
      const policy = paperEnvironmentPolicy(kind, { seed: 1, scenario });
      const result = await simulate({ scenario, policy, seed: 1 });
      expect(result.slots).toHaveLength(5);
      policy.dispose?.();
      expect(tf.memory().numTensors).toBe(before);
    }, 60_000);
  }

  it('a short training run (t2drl and ppo) leaves no tensors behind', async () => {
    for (const kind of ['t2drl', 'ppo'] as const) {
      const before = tf.memory().numTensors;
      const { net, curve } = await trainPaperActorCritic({
        kind,
        scenario: physical(),
        episodes: 2,
        seed: 3,
        episodesPerUpdate: 2,
      });
      disposeActorCritic(net);
      expect(curve).toHaveLength(2);
      expect(tf.memory().numTensors).toBe(before);
    }
  }, 120_000);

  it('a training run with a warm start and keep-better leaves no tensors behind', async () => {
    const scenario = physical();
    const teacher = lru.create({ scenario, seed: 1 }) as Policy;
    const before = tf.memory().numTensors;
    const { net } = await trainPaperActorCritic({
      kind: 't2drl',
      scenario,
      episodes: 2,
      seed: 4,
      episodesPerUpdate: 2,
      warmStart: { teacher, episodes: 2, epochs: 1 },
      keepBetter: true,
    });
    disposeActorCritic(net);
    expect(tf.memory().numTensors).toBe(before);
  }, 120_000);
});
