/**
 * The cloud-only baseline.
 *
 * @packageDocumentation
 */
import type { Policy, PolicyDefinition } from '../src/policy.js';

/**
 * Caches nothing and sends every request to the cloud: the reference every edge policy must beat.
 * It bids nothing and asks nothing.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'cloud-only', seed: 1 });
 * result.metrics.edgeShare; // 0
 * ```
 * @category policies
 */
export function cloudOnlyPolicy(): Policy {
  return {
    name: 'cloud-only',
    decide: (observation, context) => {
      const action = {
        cache: Object.fromEntries(observation.servers.map((s) => [s.id, []])),
        route: {},
      };
      return context.market ? { action, valuations: { bids: [], asks: [] } } : { action };
    },
  };
}

/** The `cloud-only` policy. @category policies */
export const cloudOnly: PolicyDefinition = {
  name: 'cloud-only',
  description: 'caches nothing; every request to the cloud',
  create: () => cloudOnlyPolicy(),
};
