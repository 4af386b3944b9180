/**
 * The public entry to the paper's T2DRL and PPO that loads TensorFlow.js only when used: the
 * package exports these, so that importing it for its market costs no TensorFlow.js (issue 11).
 */
import { lazyPolicy } from '../../../src/lazy-policy.js';
import type { PaperPolicy } from '../../../src/paper/policy.js';
import type { Policy } from '../../../src/policy.js';
import type { ActorCriticKind, PaperEnvironmentPolicyOptions, PaperPolicyOptions } from './index.js';
import type { PaperTrainOptions } from './train.js';

export type { ActorCriticKind, PaperEnvironmentPolicyOptions, PaperPolicyOptions } from './index.js';
export type { PaperTrainOptions } from './train.js';

/**
 * A policy running the seed paper's actor–critic on the physical model: `t2drl` (with the TTT
 * layer, whose weights W adapt at every slot and return to W0 each episode) or `ppo` (without).
 * `options.weights` loads a directory written by `doubledutch train --out DIR` (DIR or its
 * `weights/`); the shipped weights otherwise. The outer parameters stay fixed.
 *
 * @example
 * ```ts
 * const policy = paperActorCriticPolicy('t2drl', { seed: 1, weights: 'results/t2drl/weights' });
 * const result = await simulate({ scenario: defaultScenario(), policy, seed: 1 });
 * ```
 * @category policies
 */
export function paperActorCriticPolicy(kind: ActorCriticKind, options: PaperPolicyOptions): Policy {
  return lazyPolicy(kind, async () => (await import('./index.js')).paperActorCriticPolicy(kind, options));
}

/**
 * A policy running the seed paper's actor–critic on the paper's own model (a `kind: 'paper'`
 * scenario): `t2drl` or `ppo`, as {@link paperActorCriticPolicy} on the physical model.
 * `options.weights` loads a directory written by `doubledutch train --scenario paper --out DIR`
 * (DIR or its `weights/`); the shipped weights otherwise. Weights trained on the physical model are refused
 * (`bad_weights`) when the policy is prepared.
 *
 * @example
 * ```ts
 * const scenario = paperScenario();
 * const policy = paperEnvironmentPolicy('t2drl', { seed: 1, scenario, weights: 'results/t2drl/weights' });
 * const result = await simulate({ scenario, policy, seed: 1 });
 * policy.dispose?.();
 * ```
 * @category policies
 */
export function paperEnvironmentPolicy(
  kind: ActorCriticKind,
  options: PaperEnvironmentPolicyOptions,
): PaperPolicy {
  // The stand-in forwards every member to the real policy once prepared (lazy-policy.ts), whichever
  // model's policy contract that is.
  return lazyPolicy(kind, async () => {
    const policy = (await import('./index.js')).paperEnvironmentPolicy(kind, options);
    return policy as unknown as Policy;
  }) as unknown as PaperPolicy;
}

/**
 * Trains the paper's `t2drl` or `ppo` network from scratch on a physical-model scenario (PPO with
 * the paper's hyper-parameters) and, with `out`, saves its weights with the scenario's hash.
 * Returns the learning curve (system cost per training episode).
 *
 * @example
 * ```ts
 * const { curve } = await trainPaperActorCritic({
 *   kind: 't2drl', scenario: defaultScenario(), episodes: 300, seed: 1, out: 'my-weights',
 * });
 * const policy = paperActorCriticPolicy('t2drl', { seed: 1, weights: 'my-weights' });
 * ```
 * @category policies
 */
export async function trainPaperActorCritic(
  options: PaperTrainOptions,
): Promise<{ curve: { episode: number; systemCost: number }[]; backend: string }> {
  const { trainPaperActorCritic: train } = await import('./train.js');
  const { disposeActorCritic } = await import('./actor-critic.js');
  const { net, curve, backend } = await train(options);
  disposeActorCritic(net);
  return { curve, backend };
}
