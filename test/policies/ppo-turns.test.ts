// `train` heard Ctrl-C only between episodes: the T2DRL network update (and the episode itself) ran
// without giving the event loop a turn, so a stop took up to 618 ms. The update now yields after
// every PPO epoch, the episode loop awaits a learning policy's `observe`, and an episode of
// `edgeEpisodeCost` yields every 20 ms; the arithmetic is unchanged (docs/experiments.md gives
// the weights digests before and after).
import * as tf from '@tensorflow/tfjs-core';
import { describe, expect, it } from 'vitest';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { PAIR_FEATURES } from '../../policies/t2drl/features.js';
import { createNetworks, disposeNetworks } from '../../policies/t2drl/network.js';
import { DEFAULT_PPO, type Experience, ppoUpdate } from '../../policies/t2drl/ppo.js';
import { type PairExperience, ppoUpdatePairs } from '../../policies/t2drl/ppo-pair.js';
import { runEpisode } from '../../src/run-episode.js';
import { turnsDuring } from '../helpers.js';

const pairs = 3;
const steps = (n: number): Experience[] =>
  Array.from({ length: n }, (_, t) => ({
    features: Float32Array.from({ length: pairs * PAIR_FEATURES }, (_, i) => ((i * 7 + t) % 11) / 11),
    actions: Float32Array.from({ length: pairs }, (_, i) => (i + t) % 2),
    logProb: -1.5,
    value: 0,
    reward: (t % 3) - 1,
  }));

describe('the PPO update gives the event loop turns', () => {
  it('ppoUpdate (slot credit) yields after every epoch', async () => {
    await initTensorflow({ quiet: true });
    const networks = createNetworks(3);
    const optimizer = tf.train.adam(1e-3);
    const turns = await turnsDuring(() => ppoUpdate(networks, optimizer, steps(8), DEFAULT_PPO));
    expect(turns).toBeGreaterThanOrEqual(DEFAULT_PPO.epochs);
    optimizer.dispose();
    disposeNetworks(networks);
  });

  it('ppoUpdatePairs (pair credit) yields after every epoch', async () => {
    await initTensorflow({ quiet: true });
    const networks = createNetworks(4);
    const optimizer = tf.train.adam(1e-3);
    const pairSteps: PairExperience[] = steps(8).map((s) => ({
      features: s.features,
      actions: s.actions,
      logProbs: Float32Array.from({ length: pairs }, () => -0.7),
      values: new Float32Array(pairs),
      rewards: Float32Array.from({ length: pairs }, (_, i) => i - 1),
    }));
    const turns = await turnsDuring(() => ppoUpdatePairs(networks, optimizer, pairSteps, DEFAULT_PPO));
    expect(turns).toBeGreaterThanOrEqual(DEFAULT_PPO.epochs);
    optimizer.dispose();
    disposeNetworks(networks);
  });
});

describe('the episode loop awaits a learning policy', () => {
  it("the next slot's decision waits for the promise `observe` returned", async () => {
    // A one-step-per-slot environment of 5 slots.
    let slot = 0;
    const environment = {
      reset: () => {
        slot = 0;
        return { observation: 0, info: {} };
      },
      step: () => {
        slot++;
        return { observation: slot, reward: 1, terminated: slot >= 5, truncated: false, info: {} };
      },
    };
    let learnedUpTo = -1;
    const seen: number[] = [];
    await runEpisode({
      environment: environment as never,
      scenario: {} as never,
      seed: 1,
      policy: {
        name: 'slow-learner',
        decide: (observation: number) => {
          seen.push(learnedUpTo);
          return { action: observation };
        },
        observe: async (transition: { observation: number }) => {
          await new Promise<void>((resolve) => setImmediate(resolve));
          learnedUpTo = transition.observation;
        },
      } as never,
    });
    // Each decision saw the update of the step before it finished.
    expect(seen).toEqual([-1, 0, 1, 2, 3]);
  });
});
