// The paper's T2DRL actor–critic and PPO (issue 13 items 2–3): what the agent records while
// acting is what PPO recomputes (ratio 1 before the first step), GAE is the standard form, the
// TTT state returns to W0 at every episode, `ppo` has no TTT layer, gradients are clipped to the
// paper's norm, weights round-trip with their scenario hash, and PPO learns on a toy episode task
// through the environment-independent interface.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { concat } from '../../policies/t2drl/arrays.js';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import {
  type ActorCritic,
  actorCriticVariables,
  createActorCritic,
  disposeActorCritic,
  forwardEpisode,
  logProbAndEntropy,
  withInnerLoopOff,
} from '../../policies/t2drl/ttt/actor-critic.js';
import { runEpisode } from '../../policies/t2drl/ttt/episode.js';
import { paperNetworkConfig } from '../../policies/t2drl/ttt/index.js';
import { createLearner } from '../../policies/t2drl/ttt/learner.js';
import {
  clipByGlobalNorm,
  type EpisodeRecord,
  emptyEpisodeRecord,
  gae,
  PAPER_PPO,
  ppoUpdate,
} from '../../policies/t2drl/ttt/ppo.js';
import {
  environmentValidationCost,
  trainOnEnvironment,
  trainOnEnvironmentWithRestarts,
} from '../../policies/t2drl/ttt/train-env.js';
import { seededNormal } from '../../policies/t2drl/ttt/ttt-linear.js';
import {
  loadActorCritic,
  saveActorCritic,
  warnOnScenarioMismatch,
} from '../../policies/t2drl/ttt/weights.js';
import type { Environment } from '../../src/environment.js';
import { createRng } from '../../src/random.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

const F = 5;
const P = 6;
// The policy stream a run would give (PolicyContext.rng).
const rng = createRng(2);

function episodeFeatures(t: number, seed: number): Float32Array[] {
  const normal = seededNormal(seed);
  return Array.from({ length: t }, () => Float32Array.from({ length: P * F }, () => normal()));
}

describe('paper actor–critic', () => {
  it('the log-probabilities recorded while acting equal those PPO recomputes over the unrolled episode', () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 1);
    const learner = createLearner({ net, learn: false, sample: true, rewardScale: 1 });
    learner.startEpisode();
    const features = episodeFeatures(10, 3);
    const decisions = features.map((x) => {
      const d = learner.decide(x, P, rng);
      learner.reward(0, false);
      return d;
    });
    tf.tidy(() => {
      const out = forwardEpisode(net, tf.tensor3d(concat(features), [10, P, F]));
      const cache = tf.tensor2d(
        decisions.flatMap((d) => Array.from(d.cache)),
        [10, P],
      );
      const u = tf.tensor2d(
        decisions.flatMap((d) => Array.from(d.u)),
        [10, P],
      );
      const { logProb } = logProbAndEntropy(net, out, cache, u);
      const recomputed = logProb.arraySync();
      const values = out.values.arraySync();
      decisions.forEach((d, t) => {
        expect(recomputed[t]).toBeCloseTo(d.logProb, 3);
        expect(values[t]).toBeCloseTo(d.value, 4);
      });
    });
    learner.dispose();
    disposeActorCritic(net);
  });

  it('each episode starts from W0: the same observations give the same decisions', () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 4);
    const learner = createLearner({ net, learn: false, sample: false, rewardScale: 1 });
    const features = episodeFeatures(9, 6);
    const run = () => {
      learner.startEpisode();
      return features.map((x) => {
        const d = learner.decide(x, P, rng);
        learner.reward(0, false);
        return Array.from(d.fraction);
      });
    };
    const first = run();
    const second = run();
    expect(second).toEqual(first);
    // Within an episode W moves: the same observation later in the episode decides differently.
    learner.startEpisode();
    const repeated = features.map(() => {
      const d = learner.decide(features[0] as Float32Array, P, rng);
      learner.reward(0, false);
      return d.fraction[0] as number;
    });
    expect(Math.abs((repeated[8] as number) - (repeated[0] as number))).toBeGreaterThan(1e-6);
    learner.dispose();
    disposeActorCritic(net);
  });

  it('with the inner loop off (the test-time-training ablation) W stays at W0: a decision depends on its slot alone', () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 4);
    const decideAfter = (target: Float32Array, history: readonly Float32Array[], n: ActorCritic) => {
      const learner = createLearner({ net: n, learn: false, sample: false, rewardScale: 1 });
      learner.startEpisode();
      for (const x of history) {
        learner.decide(x, P, rng);
        learner.reward(0, false);
      }
      const fraction = Array.from(learner.decide(target, P, rng).fraction);
      learner.dispose();
      return fraction;
    };
    const target = episodeFeatures(1, 9)[0] as Float32Array;
    const [a, b] = [episodeFeatures(8, 10), episodeFeatures(8, 11)];
    const frozen = withInnerLoopOff(net);
    expect(decideAfter(target, a, frozen)).toEqual(decideAfter(target, b, frozen));
    expect(decideAfter(target, a, frozen)).toEqual(decideAfter(target, [], frozen));
    // The same network with its inner loop on remembers what it saw.
    const on = decideAfter(target, a, net);
    const other = decideAfter(target, b, net);
    expect(Math.max(...on.map((x, i) => Math.abs(x - (other[i] as number))))).toBeGreaterThan(1e-6);
    // The ablation shares the variables and leaves the network itself unchanged.
    expect(frozen.ttt).toBe(net.ttt);
    expect(net.config.ttt?.baseLr).toBe(1);
    disposeActorCritic(net);
  });

  it('ppo is the same network without the TTT layer', () => {
    const t2drl = createActorCritic(paperNetworkConfig('t2drl', F), 7);
    const ppo = createActorCritic(paperNetworkConfig('ppo', F), 7);
    expect(ppo.ttt).toBeUndefined();
    expect(t2drl.ttt).toBeDefined();
    const size = (vs: tf.Variable[]) => vs.reduce((s, v) => s + v.size, 0);
    // The TTT layer adds 4 projections 32×32, W0 (4 heads of 8×8) and the rate gate (32×4 + 4).
    expect(size(actorCriticVariables(t2drl)) - size(actorCriticVariables(ppo))).toBe(
      4 * 32 * 32 + 4 * 64 + 32 * 4 + 4,
    );
    disposeActorCritic(t2drl);
    disposeActorCritic(ppo);
  });

  it('GAE is the standard Σ (γλ)^l δ_{t+l}, bootstrapped with 0 at the end', () => {
    const rewards = [1, -2, 0.5, 3];
    const values = [0.3, -0.1, 0.7, 0.2];
    const { advantages, returns } = gae(rewards, values, 0.95, 0.95);
    for (let t = 0; t < 4; t++) {
      let expected = 0;
      for (let l = 0; t + l < 4; l++) {
        const next = t + l + 1 < 4 ? (values[t + l + 1] as number) : 0;
        expected +=
          (0.95 * 0.95) ** l * ((rewards[t + l] as number) + 0.95 * next - (values[t + l] as number));
      }
      expect(advantages[t]).toBeCloseTo(expected, 5);
      expect(returns[t]).toBeCloseTo(expected + (values[t] as number), 5);
    }
  });

  it('clips gradients to the global norm 0.5 and leaves smaller ones alone', () => {
    const grads = { a: tf.tensor1d([3, 0]), b: tf.tensor1d([0, 4]) };
    const clipped = clipByGlobalNorm(grads, PAPER_PPO.maxGradNorm);
    const norm = Math.hypot(...Object.values(clipped).flatMap((g) => Array.from(g.dataSync())));
    expect(norm).toBeCloseTo(0.5, 4);
    const small = clipByGlobalNorm({ a: tf.tensor1d([0.1, 0.2]) }, 0.5);
    expect(Array.from(small.a?.dataSync() ?? [])).toEqual(Array.from(Float32Array.from([0.1, 0.2])));
    tf.dispose([...Object.values(grads), ...Object.values(clipped), ...Object.values(small)]);
  });

  it('a PPO update moves W0 (the outer gradient reaches the TTT layer through the inner loop)', async () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 8);
    const learner = createLearner({ net, learn: false, sample: true, rewardScale: 1 });
    const records: EpisodeRecord[] = [];
    for (let e = 0; e < 2; e++) {
      const record = emptyEpisodeRecord(P);
      learner.startEpisode();
      for (const x of episodeFeatures(8, 10 + e)) {
        const d = learner.decide(x, P, rng);
        record.features.push(x);
        record.cache.push(d.cache);
        record.u.push(d.u);
        record.creditA.push(new Uint8Array(P).fill(1));
        record.creditU.push(d.cache);
        record.logProb.push(d.logProb);
        record.value.push(d.value);
        record.reward.push(d.fraction[0] as number);
      }
      records.push(record);
    }
    const ttt = net.ttt;
    if (ttt === undefined) throw new Error('no TTT layer');
    const before = Array.from(ttt.w0.dataSync());
    const optimizer = tf.train.adam(PAPER_PPO.learningRate);
    const stats = await ppoUpdate(net, optimizer, records, PAPER_PPO, (n) =>
      Array.from({ length: n }, (_, i) => i),
    );
    expect(stats.gradientSteps).toBe(PAPER_PPO.epochs);
    const after = Array.from(ttt.w0.dataSync());
    expect(after.some((w, i) => Math.abs(w - (before[i] as number)) > 1e-6)).toBe(true);
    optimizer.dispose();
    learner.dispose();
    disposeActorCritic(net);
  });

  it('weights round-trip with their scenario hash; a run on another scenario warns once', () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 11);
    const dir = join(mkdtempSync(join(tmpdir(), 'ttt-weights-')), 'weights');
    saveActorCritic(net, dir, {
      policy: 't2drl',
      environment: 'physical',
      scenarioHash: 'aaaa',
      scenarioName: 'toy',
      seed: 11,
      episodes: 0,
      backend: 'test',
      trainedAt: '2026-11-29T00:00:00Z',
    });
    const { net: loaded, meta } = loadActorCritic(dir);
    const a = actorCriticVariables(net).flatMap((v) => Array.from(v.dataSync()));
    const b = actorCriticVariables(loaded).flatMap((v) => Array.from(v.dataSync()));
    expect(b).toEqual(a);
    expect(meta.scenarioHash).toBe('aaaa');
    const lines: string[] = [];
    expect(warnOnScenarioMismatch('t2drl', meta, 'aaaa', (l) => lines.push(l))).toBe(false);
    expect(warnOnScenarioMismatch('t2drl', meta, 'bbbb', (l) => lines.push(l))).toBe(true);
    expect(warnOnScenarioMismatch('t2drl', meta, 'bbbb', (l) => lines.push(l))).toBe(false);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/trained on scenario 'toy'/);
    disposeActorCritic(net);
    disposeActorCritic(loaded);
  });

  it('PPO learns a toy task through the episode interface', async () => {
    // Toy episodes: entry e should be cached iff its first feature is positive; reward = matches.
    const net = createActorCritic(paperNetworkConfig('ppo', F), 12);
    const learner = createLearner({
      net,
      learn: true,
      sample: true,
      rewardScale: 1,
      episodesPerUpdate: 4,
      // γ = 0: the toy's reward depends on the slot's own decision only (a contextual bandit), so
      // a short run shows the update learning without the paper's 0.95 horizon noise.
      ppo: { ...PAPER_PPO, learningRate: 1e-2, gamma: 0 },
    });
    const greedy = createLearner({ net, learn: false, sample: false, rewardScale: 1 });
    const meanReward = async (agent: typeof learner, episodes: number, seed: number) => {
      let total = 0;
      for (let e = 0; e < episodes; e++) {
        agent.startEpisode();
        const features = episodeFeatures(16, seed + e);
        for (const [t, x] of features.entries()) {
          const d = agent.decide(x, P, rng);
          let r = 0;
          for (let i = 0; i < P; i++) r += (d.cache[i] === 1) === (x[i * F] as number) > 0 ? 1 : 0;
          await agent.reward(r / P, t === features.length - 1);
          total += r / P;
        }
      }
      return total / (episodes * 16);
    };
    const before = await meanReward(greedy, 8, 100);
    await meanReward(learner, 48, 1000);
    const after = await meanReward(greedy, 8, 100);
    expect(before).toBeLessThan(0.62);
    expect(after).toBeGreaterThan(before + 0.15);
    greedy.dispose();
    learner.dispose();
    disposeActorCritic(net);
  });
});

describe('the agent on a Gymnasium-style environment', () => {
  // A toy environment: 16 steps of random entry features; the reward is the share of entries
  // cached exactly when their first feature is positive (the decision's own slot only).
  class Toy implements Environment<Float32Array, Uint8Array, null, null> {
    private normal = seededNormal(0);
    private t = 0;
    private current = new Float32Array(P * F);
    constructor(private readonly length = 16) {}
    private draw(): Float32Array {
      this.current = Float32Array.from({ length: P * F }, () => this.normal());
      return this.current;
    }
    reset(options?: { readonly seed?: number }) {
      this.normal = seededNormal(options?.seed ?? 0);
      this.t = 0;
      return { observation: this.draw(), info: null };
    }
    step(action: Uint8Array) {
      let r = 0;
      for (let i = 0; i < P; i++) r += (action[i] === 1) === (this.current[i * F] as number) > 0 ? 1 : 0;
      this.t++;
      return {
        observation: this.draw(),
        reward: r / P,
        terminated: this.t === this.length,
        truncated: false,
        info: null,
      };
    }
  }
  const adapter = {
    entryFeatures: F,
    features: (o: Float32Array) => o,
    action: (_: Float32Array, d: { cache: Uint8Array }) => d.cache,
  };

  it('learns from every episode: one PPO update per 4 episodes, and one more on a remainder', async () => {
    const updates = async (episodes: number) => {
      const sizes: number[] = [];
      const { net } = await trainOnEnvironment({
        kind: 'ppo',
        environment: () => new Toy(4),
        adapter,
        episodes,
        seed: 3,
        rewardScale: 1,
        // The gradient steps of an update grow with the episodes it learns from.
        onUpdate: (stats) => sizes.push(stats.gradientSteps),
      });
      disposeActorCritic(net);
      return sizes;
    };
    // A multiple of 4: exactly the updates it had (the shipped weights' 300 and 400 episodes).
    expect(await updates(4)).toHaveLength(1);
    expect(await updates(8)).toHaveLength(2);
    // 3 and 5 episodes: the last 3 and 1 were never learned from.
    const three = await updates(3);
    expect(three).toHaveLength(1);
    const five = await updates(5);
    expect(five).toHaveLength(2);
    expect(five[1]).toBeGreaterThan(0);
  }, 60_000);

  it('trains on an environment with restarts, keeping the one cheapest on the validation seeds', async () => {
    const costs: number[] = [];
    const result = await trainOnEnvironmentWithRestarts({
      kind: 'ppo',
      environment: () => new Toy(),
      adapter,
      episodes: 24,
      seed: 3,
      restarts: 2,
      rewardScale: 1,
      ppo: { learningRate: 1e-2, gamma: 0 },
      onEpisode: (_, cost) => costs.push(cost),
    });
    expect(result.curve).toHaveLength(24);
    expect(costs).toHaveLength(48);
    expect(result.restarts.map((r) => r.seed)).toEqual([3, 4]);
    const kept = Math.min(...result.restarts.map((r) => r.validationCost));
    expect(result.restarts.find((r) => r.seed === result.seed)?.validationCost).toBe(kept);
    expect(await environmentValidationCost(result.net, () => new Toy(), adapter)).toBe(kept);
    const fresh = createActorCritic(paperNetworkConfig('ppo', F), 3);
    // Cost is minus the reward (the share of entries decided right, 16 steps): training lowered it.
    expect(kept).toBeLessThan((await environmentValidationCost(fresh, () => new Toy(), adapter)) - 1);
    disposeActorCritic(fresh);
    disposeActorCritic(result.net);
  }, 60_000);

  it('runs whole episodes through the environment contract and learns from their rewards', async () => {
    const net = createActorCritic(paperNetworkConfig('t2drl', F), 15);
    const greedy = createLearner({ net, learn: false, sample: false, rewardScale: 1 });
    const env = new Toy();
    const evaluate = async () => {
      let total = 0;
      for (let seed = 1; seed <= 6; seed++) {
        const { totalReward, steps } = await runEpisode(env, adapter, greedy, seed);
        expect(steps).toBe(16);
        total += totalReward / steps;
      }
      return total / 6;
    };
    const before = await evaluate();
    const learner = createLearner({
      net,
      learn: true,
      rewardScale: 1,
      ppo: { ...PAPER_PPO, learningRate: 1e-2, gamma: 0 },
    });
    for (let episode = 0; episode < 48; episode++) await runEpisode(env, adapter, learner, 1000 + episode);
    const after = await evaluate();
    expect(after).toBeGreaterThan(before + 0.15);
    learner.dispose();
    greedy.dispose();
    disposeActorCritic(net);
  }, 60_000);
});
