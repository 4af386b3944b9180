// Review finding (ttt item 4): the TTT learner's PPO update ran in one synchronous piece (up to
// 2.4 s on the default scenario), so Ctrl-C during `doubledutch train` (default policy t2drl) went
// unheard that long. The update now gives the event loop a turn after every gradient step, and the
// learner hands the update's promise to the episode (the policy's `observe`) to await. The
// arithmetic is unchanged: `train --policy t2drl --episodes 8` (two updates) writes weights.bin of
// SHA-256 1325a46f…aa4c476b before and after, `--episodes 2` (no update yet) 0d2bc5b2…81c9afbd.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { createActorCritic, disposeActorCritic } from '../../policies/t2drl/ttt/actor-critic.js';
import { paperNetworkConfig } from '../../policies/t2drl/ttt/index.js';
import { createLearner } from '../../policies/t2drl/ttt/learner.js';
import { type EpisodeRecord, PAPER_PPO, ppoUpdate } from '../../policies/t2drl/ttt/ppo.js';
import { seededNormal } from '../../policies/t2drl/ttt/ttt-linear.js';
import { createRng } from '../../src/random.js';
import { turnsDuring } from '../helpers.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

const F = 5;
const P = 4;

function record(steps: number, seed: number): EpisodeRecord {
  const normal = seededNormal(seed);
  return {
    entries: P,
    features: Array.from({ length: steps }, () => Float32Array.from({ length: P * F }, () => normal())),
    cache: Array.from({ length: steps }, (_, t) => Uint8Array.from({ length: P }, (_, e) => (t + e) % 2)),
    u: Array.from({ length: steps }, () => Float32Array.from({ length: P }, () => normal())),
    creditA: Array.from({ length: steps }, () => new Uint8Array(P).fill(1)),
    creditU: Array.from({ length: steps }, () => new Uint8Array(P).fill(1)),
    logProb: Array.from({ length: steps }, () => -3),
    value: Array.from({ length: steps }, () => 0),
    reward: Array.from({ length: steps }, (_, t) => (t % 3) - 1),
  };
}

describe('the TTT learner gives the event loop turns', () => {
  it('ppoUpdate yields after every gradient step (between minibatches and epochs)', async () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 4);
    const optimizer = tf.train.adam(PAPER_PPO.learningRate);
    // Four episodes of 32 steps, 128 steps per gradient step: one minibatch of all four per epoch;
    // batchSteps 64 makes two minibatches per epoch.
    const episodes = [1, 2, 3, 4].map((s) => record(32, s));
    const config = { ...PAPER_PPO, batchSteps: 64 };
    let steps = 0;
    const turns = await turnsDuring(async () => {
      steps = (
        await ppoUpdate(net, optimizer, episodes, config, (n) => Array.from({ length: n }, (_, i) => i))
      ).gradientSteps;
    });
    expect(steps).toBe(2 * PAPER_PPO.epochs);
    expect(turns).toBeGreaterThanOrEqual(steps);
    optimizer.dispose();
    disposeActorCritic(net);
  });

  it("the episode's last reward returns the update's promise when the buffer is full, else nothing", async () => {
    const net = createActorCritic(paperNetworkConfig('ppo', F), 5);
    const updates: number[] = [];
    const learner = createLearner({
      net,
      learn: true,
      rewardScale: 1,
      episodesPerUpdate: 2,
      onUpdate: (stats) => updates.push(stats.gradientSteps),
    });
    const rng = createRng(3);
    const normal = seededNormal(9);
    const returned: boolean[] = [];
    for (let episode = 0; episode < 2; episode++) {
      learner.startEpisode();
      for (let t = 0; t < 3; t++) {
        learner.decide(
          Float32Array.from({ length: P * F }, () => normal()),
          P,
          rng,
        );
        const result = learner.reward(1, t === 2);
        returned.push(result !== undefined);
        await result;
      }
    }
    expect(returned).toEqual([false, false, false, false, false, true]);
    expect(updates).toEqual([PAPER_PPO.epochs]);
    learner.dispose();
    disposeActorCritic(net);
  });
});
