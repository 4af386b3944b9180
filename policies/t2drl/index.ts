/**
 * The registered T2DRL policies. Their definitions import nothing heavy: each instance is a
 * stand-in (`lazyPolicy`) that imports `policies.ts`, and TensorFlow.js with it, when it is
 * prepared, so that importing the package for its market never loads TensorFlow.js (issue 11).
 *
 * @packageDocumentation
 */
import { lazyPolicy } from '../../src/lazy-policy.js';
import type { PaperPolicy } from '../../src/paper/policy.js';
import type { PaperScenario } from '../../src/paper/scenario-schema.js';
import type { AnyScenario, Policy, PolicyDefinition } from '../../src/policy.js';
import { onBothModels } from '../paper/index.js';

const instances = () => import('./policies.js');
const paper = () => import('./ttt/index.js');

/**
 * T2DRL as the seed paper defines it (issue 13): an actor–critic whose hidden state is a
 * TTT-Linear layer, its weights W updated at every slot by a gradient step on a reconstruction
 * loss and reset to the learned W0 each episode, trained by PPO; it decides caching and the
 * fraction served at the edge (docs/policies.md).
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 't2drl', seed: 1 });
 * ```
 * @category policies
 */
export const t2drl: PolicyDefinition<AnyScenario> = onBothModels(
  {
    name: 't2drl',
    description:
      "the seed paper's T2DRL: a TTT-Linear actor-critic whose hidden weights adapt at every slot, trained by PPO",
    create: ({ seed, scenario }) =>
      lazyPolicy('t2drl', async () => (await paper()).paperActorCriticPolicy('t2drl', { seed, scenario })),
  },
  ({ seed, scenario }) => onPaper('t2drl', seed, scenario),
);

/**
 * The seed paper's PPO baseline: T2DRL's network and training without the TTT layer.
 *
 * @category policies
 */
export const ppo: PolicyDefinition<AnyScenario> = onBothModels(
  {
    name: 'ppo',
    description: "the seed paper's PPO baseline: T2DRL's network without the TTT layer",
    create: ({ seed, scenario }) =>
      lazyPolicy('ppo', async () => (await paper()).paperActorCriticPolicy('ppo', { seed, scenario })),
  },
  ({ seed, scenario }) => onPaper('ppo', seed, scenario),
);

/** The network on the paper's environment (kind 'paper'), loaded when prepared. */
function onPaper(kind: 't2drl' | 'ppo', seed: number, scenario: PaperScenario): PaperPolicy {
  return lazyPolicy(kind, async () => {
    const policy = (await paper()).paperEnvironmentPolicy(kind, { seed, scenario });
    return policy as unknown as Policy;
  }) as unknown as PaperPolicy;
}

/**
 * Online PPO, registered as `t2drl` before issue 13: the trained network (shipped, trained on the
 * default scenario), which keeps learning at test time from the rewards it sees (a PPO step every
 * 20 slots). Kept as an ablation.
 *
 * @category policies
 */
export const t2drlOnline: PolicyDefinition = {
  name: 't2drl-online',
  description:
    'online PPO (the earlier t2drl): a trained agent taking a PPO step every 20 slots while evaluated',
  create: ({ seed, scenario }) =>
    lazyPolicy('t2drl-online', async () => (await instances()).t2drlPolicy(seed, scenario)),
};

/**
 * The same trained network without test-time updates: the ablation that shows what learning at
 * test time is worth.
 *
 * @category policies
 */
export const drlFrozen: PolicyDefinition = {
  name: 'drl-frozen',
  description: 'the T2DRL network without test-time updates',
  create: ({ seed, scenario }) =>
    lazyPolicy('drl-frozen', async () => (await instances()).drlFrozenPolicy(seed, scenario)),
};

/**
 * T2DRL with credit per decision: each (server, model) keep/evict decision learns from its own
 * reward rather than from the slot's total (docs/policies.md).
 *
 * @category policies
 */
export const t2drlPair: PolicyDefinition = {
  name: 't2drl-pair',
  description: 'T2DRL learning from one reward per (server, model) decision instead of the slot total',
  create: ({ seed, scenario }) =>
    lazyPolicy('t2drl-pair', async () => (await instances()).t2drlPairPolicy(seed, scenario)),
};
