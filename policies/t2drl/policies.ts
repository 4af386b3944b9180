/**
 * The T2DRL policies' instances (their definitions, which load this module, and TensorFlow.js
 * with it, only when a policy is prepared, are in `index.ts`).
 *
 * @packageDocumentation
 */
import type { Scenario } from '../../src/edge/scenario-schema.js';
import type { Policy } from '../../src/policy.js';
import { warnOnce } from '../../src/warn-once.js';
import { createT2drlAgent } from './agent.js';
import { createNetworks, loadNetworks } from './network.js';
import { warnOnScenarioMismatch } from './ttt/weights.js';
import { weightsDirFor } from './ttt/weights-dir.js';
import { scenarioHash, shippedWeightsDir } from './weights.js';

/**
 * The networks of the process's weights directory (`--weights DIR`, weights-dir.ts) when it holds
 * this policy's, else the shipped trained ones, else fresh ones (with a warning) when none are
 * installed; with the scenario being run, one line when the weights were trained on another
 * (issue 13 item 4).
 */
async function shippedOrFresh(
  policy: 't2drl-online' | 'drl-frozen' | 't2drl-pair',
  seed: number,
  scenario: Scenario | undefined,
  name: 'default' | 'pair' = 'default',
) {
  const dir = weightsDirFor(policy) ?? shippedWeightsDir(name);
  if (dir !== undefined) {
    const { networks, meta } = await loadNetworks(dir);
    if (scenario !== undefined) warnOnScenarioMismatch(policy, meta, scenarioHash(scenario));
    return networks;
  }
  warnOnce(
    'untrained\u0000t2drl-online',
    't2drl: no trained weights found (run doubledutch train); using an untrained network',
  );
  return createNetworks(seed);
}

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
export function t2drlPolicy(seed: number, scenario?: Scenario): Policy {
  return createT2drlAgent({
    name: 't2drl-online',
    networks: () => shippedOrFresh('t2drl-online', seed, scenario),
    learn: true,
    // Chosen on the validation seeds (101–108), default and shift scenarios: the smallest spread of
    // the gain over drl-frozen among the settings whose gain was positive on both (docs/policies.md).
    learningRate: 1e-3,
    updateEvery: 20,
  });
}

/**
 * The same trained network without test-time updates: the ablation that shows what learning at
 * test time is worth.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'drl-frozen', seed: 1 });
 * ```
 * @category policies
 */
export function drlFrozenPolicy(seed: number, scenario?: Scenario): Policy {
  return createT2drlAgent({
    name: 'drl-frozen',
    networks: () => shippedOrFresh('drl-frozen', seed, scenario),
    learn: false,
  });
}

/**
 * T2DRL with credit per decision: each (server, model) keep/evict decision learns from its own
 * reward (what its requests saved at the edge, less its load) rather than from the slot's total.
 * Its shipped network (trained on the default scenario) carries over to other traces far better
 * than `t2drl`'s, but it is nearly deterministic, so its test-time steps rarely change a decision
 * (docs/policies.md).
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 't2drl-pair', seed: 1 });
 * ```
 * @category policies
 */
export function t2drlPairPolicy(seed: number, scenario?: Scenario): Policy {
  return createT2drlAgent({
    name: 't2drl-pair',
    networks: () => shippedOrFresh('t2drl-pair', seed, scenario, 'pair'),
    learn: true,
    credit: 'pair',
    learningRate: 1e-3,
    updateEvery: 20,
  });
}
