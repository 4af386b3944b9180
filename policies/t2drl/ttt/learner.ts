/**
 * The environment-independent T2DRL/PPO agent: observation features in, an (a, b) decision out,
 * the reward back. An environment adapter (the physical model's, the paper's) turns its
 * observation into entry features, projects the decision onto its constraints, and reports the
 * reward; the agent records episodes and, when learning, runs a PPO update every
 * `episodesPerUpdate` episodes, and one on the remainder when training ends (`finish`). The TTT state returns to W0 at every episode start, in training and
 * at test time; at test time only W moves (the outer parameters are fixed), as the paper's
 * "learning at test time" (PAPER.md §3.3).
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Rng } from '../../../src/random.js';
import { type ActorCritic, createOnline, type Decision, type OnlineActorCritic } from './actor-critic.js';
import {
  type EpisodeRecord,
  emptyEpisodeRecord,
  type OuterPpoConfig,
  PAPER_PPO,
  ppoUpdate,
  type UpdateStats,
} from './ppo.js';

/** Options of {@link createLearner}. */
export interface LearnerOptions {
  readonly net: ActorCritic;
  /** Train the outer parameters (PPO) or only act (W still adapts within each episode). */
  readonly learn: boolean;
  /** Draw actions from the policy (training; default) or take its mode (evaluation). */
  readonly sample?: boolean;
  /** Rewards are divided by this before learning, so that values stay near 1. */
  readonly rewardScale: number;
  readonly episodesPerUpdate?: number;
  readonly ppo?: OuterPpoConfig;
  readonly onUpdate?: (stats: UpdateStats) => void;
}

/** The agent; see {@link createLearner}. */
export interface Learner {
  /** Starts an episode: W ← W0. */
  startEpisode(): void;
  /**
   * The decision for one slot's entry features (`entries` × the network's features per entry),
   * drawn from `rng`: the run's policy stream (`PolicyContext.rng`), which also orders PPO's
   * minibatches, so that a run's randomness has one root, its seed (`RUN_STREAMS`).
   */
  decide(features: Float32Array, entries: number, rng: Rng): Decision;
  /**
   * The credit masks of the last decision (1: the entry's Bernoulli or Gaussian term counts in
   * its log-probability; see `logProbAndEntropy`). Without this call every a counts, and u where
   * a = 1.
   */
  credit(creditA: Uint8Array, creditU: Uint8Array): void;
  /**
   * The reward of the last decision; `terminal` ends the episode. When that completes a PPO update's
   * buffer, the update runs and the promise returned settles when it is done (await it before the
   * next decision); otherwise nothing is returned.
   */
  reward(reward: number, terminal: boolean): Promise<void> | undefined;
  /**
   * Ends training: one last PPO update on the episodes collected since the last update, when there
   * are any (training's episodes are not a multiple of `episodesPerUpdate`), so that no episode's
   * experience goes unused; nothing when the last update took them all, or when not learning.
   */
  finish(): Promise<void>;
  /** Σ raw reward of the current (or last finished) episode. */
  episodeReturn(): number;
  dispose(): void;
}

/** Creates an agent on `options.net` (the caller keeps and frees the network). */
export function createLearner(options: LearnerOptions): Learner {
  let rng: Rng | undefined;
  const online: OnlineActorCritic = createOnline(options.net);
  const config = options.ppo ?? PAPER_PPO;
  const optimizer = options.learn ? tf.train.adam(config.learningRate) : undefined;
  const sample = options.sample ?? true;
  const buffer: EpisodeRecord[] = [];
  let current: EpisodeRecord | undefined;
  let last: Decision | undefined;
  let total = 0;
  const shuffle = (n: number) => {
    const order = Array.from({ length: n }, (_, i) => i);
    for (let i = n - 1; i > 0; i--) {
      const j = Math.floor((rng as Rng).next() * (i + 1));
      [order[i], order[j]] = [order[j] as number, order[i] as number];
    }
    return order;
  };
  const close = () => {
    if (current === undefined) return;
    if (optimizer !== undefined && current.reward.length > 0) buffer.push(current);
    current = undefined;
  };
  // The update yields to the event loop between its gradient steps (ppo.ts), so it is awaited by
  // the episode's `observe`. An episode cut short (closed by the next `startEpisode`, which cannot
  // wait) joins the buffer and is learned from at the next update, when an episode ends.
  // The update in progress, if any: `finish` waits for it rather than update the same buffer twice.
  let pending: Promise<void> | undefined;
  const update = (): Promise<void> => {
    pending = (async () => {
      if (optimizer === undefined) return;
      const stats = await ppoUpdate(options.net, optimizer, buffer, config, shuffle);
      buffer.length = 0;
      options.onUpdate?.(stats);
    })();
    return pending;
  };
  return {
    startEpisode() {
      close();
      online.reset();
      total = 0;
      current = emptyEpisodeRecord(0);
    },
    decide(features, entries, stream) {
      rng = stream;
      if (current === undefined) throw new Error('T2DRL: startEpisode() before decide()');
      // An unrewarded decision (a run cut short) is dropped from what is learned.
      if (current.features.length > current.reward.length) {
        current.features.pop();
        current.cache.pop();
        current.u.pop();
        current.creditA.pop();
        current.creditU.pop();
        current.logProb.pop();
        current.value.pop();
      }
      if (current.features.length === 0) (current as { entries: number }).entries = entries;
      else if (entries !== current.entries)
        throw new Error('T2DRL: the number of entries changed within an episode');
      const decision = online.decide(features, entries, () => stream.next(), sample);
      current.features.push(Float32Array.from(features));
      current.cache.push(decision.cache);
      current.u.push(decision.u);
      current.creditA.push(new Uint8Array(entries).fill(1));
      current.creditU.push(Uint8Array.from(decision.cache));
      current.logProb.push(decision.logProb);
      current.value.push(decision.value);
      last = decision;
      return decision;
    },
    credit(creditA, creditU) {
      if (current === undefined || last === undefined) return;
      const t = current.features.length - 1;
      current.creditA[t] = Uint8Array.from(creditA);
      current.creditU[t] = Uint8Array.from(creditU);
      let logProb = 0;
      for (let e = 0; e < creditA.length; e++) {
        if (creditA[e] === 1) logProb += last.logProbA[e] as number;
        if (creditU[e] === 1) logProb += last.logProbU[e] as number;
      }
      current.logProb[t] = logProb;
    },
    reward(reward, terminal) {
      if (current === undefined) return;
      current.reward.push(reward / options.rewardScale);
      total += reward;
      if (!terminal) return undefined;
      close();
      return optimizer !== undefined && buffer.length >= (options.episodesPerUpdate ?? 4)
        ? update()
        : undefined;
    },
    async finish() {
      await pending;
      close();
      if (optimizer !== undefined && buffer.length > 0) await update();
    },
    episodeReturn: () => total,
    dispose() {
      online.dispose();
      optimizer?.dispose();
    },
  };
}
