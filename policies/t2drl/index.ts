/**
 * The registered T2DRL policies. Their definitions import nothing heavy: each instance is a
 * stand-in (`lazyPolicy`) that imports `policies.ts`, and TensorFlow.js with it, when it is
 * prepared, so that importing the package for its market never loads TensorFlow.js (issue 11).
 *
 * @packageDocumentation
 */
import { lazyPolicy } from '../../src/lazy-policy.js';
import type { PolicyDefinition } from '../../src/policy.js';

const instances = () => import('./policies.js');

/**
 * T2DRL: the trained network (shipped, trained on the default scenario), which keeps learning at
 * test time from the rewards it sees (a PPO step every 20 slots).
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 't2drl', seed: 1 });
 * ```
 * @category policies
 */
export const t2drl: PolicyDefinition = {
  name: 't2drl',
  description: 'test-time deep RL: a trained PPO agent that keeps learning while evaluated',
  create: ({ seed }) => lazyPolicy('t2drl', async () => (await instances()).t2drlPolicy(seed)),
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
  create: ({ seed }) => lazyPolicy('drl-frozen', async () => (await instances()).drlFrozenPolicy(seed)),
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
  create: ({ seed }) => lazyPolicy('t2drl-pair', async () => (await instances()).t2drlPairPolicy(seed)),
};
