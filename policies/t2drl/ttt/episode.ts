/**
 * The T2DRL/PPO agent on any environment of the Gymnasium-style contract (`src/environment.ts`),
 * such as the seed paper's model: an adapter turns the environment's observation into entry
 * features and the agent's decision (a, b per entry) into the environment's action (whose
 * projection onto the constraints is the environment's, PAPER.md §3.2). The agent learns from the
 * rewards when it was made with `learn: true`.
 */
import type { Environment } from '../../../src/environment.js';
import { turnIfDue } from '../../../src/event-loop.js';
import { createRng, type Rng, RUN_STREAMS } from '../../../src/random.js';
import type { Decision } from './actor-critic.js';
import type { Learner } from './learner.js';

/** How an environment's observations and actions map to the agent's entries. */
export interface EpisodeAdapter<O, A> {
  /** Entry features, row-major [entries × features per entry]. */
  features(observation: O): Float32Array;
  /** Features per entry (the network's `entryFeatures`). */
  readonly entryFeatures: number;
  /** The environment's action for a decision (a, b per entry, in the order of `features`). */
  action(observation: O, decision: Decision): A;
}

/**
 * Runs one episode of `env` from `reset({ seed })` with `learner` deciding every step, its draws
 * from `rng` (default the run's policy stream, `createRng(seed).derive(RUN_STREAMS.policy)`, as
 * `simulate` gives a policy; training passes one stream for all its episodes); returns the
 * episode's total reward and its length.
 */
export async function runEpisode<O, A, RI, SI>(
  env: Environment<O, A, RI, SI>,
  adapter: EpisodeAdapter<O, A>,
  learner: Learner,
  seed: number,
  rng: Rng = createRng(seed).derive(RUN_STREAMS.policy),
): Promise<{ totalReward: number; steps: number }> {
  let { observation } = env.reset({ seed });
  learner.startEpisode();
  let totalReward = 0;
  let steps = 0;
  for (;;) {
    const features = adapter.features(observation);
    const decision = learner.decide(features, features.length / adapter.entryFeatures, rng);
    const step = env.step(adapter.action(observation, decision));
    totalReward += step.reward;
    steps++;
    await learner.reward(step.reward, step.terminated);
    // An episode takes up to a second on the paper's model: a signal handler (Ctrl-C) gets a turn
    // every 20 ms of it, as a run's does between slots.
    await turnIfDue();
    // A truncated episode is learned from as if it ended there (GAE bootstraps 0 after its last
    // step), a bias that episodes of fixed length, the paper's and the physical model's, never meet.
    if (step.terminated || step.truncated) return { totalReward, steps };
    observation = step.observation;
  }
}
