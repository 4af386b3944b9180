/**
 * The baselines of the paper's Section VI under the registry's names, so that one name runs on
 * both models: `cloud-only`, `fifo` and `lfu` make the physical model's policy for a physical
 * scenario and the paper's for a `kind: 'paper'` one; `laot` runs on the paper's model only (its
 * physical counterpart is `least-context`), and `lru`, which the paper does not have, on the
 * physical model only. `getPolicy` refuses a name on a model it does not run on, in one line.
 */
import type { PaperPolicy } from '../../src/paper/policy.js';
import { isPaperScenario } from '../../src/paper/scenario.js';
import type { PaperScenario } from '../../src/paper/scenario-schema.js';
import type { AnyPolicy, AnyScenario, PolicyDefinition, PolicyOptions } from '../../src/policy.js';
import { paperLaot } from './laot.js';

/**
 * A physical-model policy definition extended to the paper's model: the same name and
 * description, `environments: ['edge', 'paper']`, and `create` dispatching on the scenario's kind.
 *
 * @category policies
 */
export function onBothModels(
  edge: PolicyDefinition,
  paper: (options: PolicyOptions<PaperScenario>) => PaperPolicy,
): PolicyDefinition<AnyScenario> {
  return {
    name: edge.name,
    description: edge.description,
    environments: [...(edge.environments ?? ['edge']), 'paper'],
    create: (options) =>
      isPaperScenario(options.scenario)
        ? (paper({ scenario: options.scenario, seed: options.seed }) as unknown as AnyPolicy)
        : edge.create(options as PolicyOptions<Exclude<AnyScenario, { readonly kind: string }>>),
  };
}

/**
 * `laot`, least Age of Thought, the paper's fourth baseline (its model only).
 *
 * @category policies
 */
export const laot: PolicyDefinition<PaperScenario> = {
  name: 'laot',
  description:
    "the paper's model: evicts the copy with the least Age of Thought (physical counterpart: least-context)",
  environments: ['paper'],
  create: ({ scenario }) => paperLaot(scenario.decisions.laotEvicts) as unknown as AnyPolicy,
};
