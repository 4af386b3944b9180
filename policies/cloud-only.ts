/**
 * The cloud-only baseline.
 *
 * @packageDocumentation
 */
import type { Policy } from '../src/policy.js';

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
export function cloudOnly(): Policy {
  return {
    name: 'cloud-only',
    act: (observation) => ({
      cache: Object.fromEntries(observation.servers.map((s) => [s.id, []])),
      route: {},
    }),
    valuations: () => ({ bids: [], asks: [] }),
  };
}
