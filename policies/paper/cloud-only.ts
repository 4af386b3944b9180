/**
 * Cloud-only on the paper's model.
 *
 * @packageDocumentation
 */
import type { PaperPolicy } from '../../src/paper/policy.js';

/**
 * Caches nothing (a = 0, b = 0): every request goes to the cloud, no switching cost (Section VI,
 * baseline 1).
 *
 * @example
 * ```ts
 * await simulate({ scenario: paperScenario(), policy: 'cloud-only', seed: 1 });
 * ```
 * @category policies
 */
export function paperCloudOnly(): PaperPolicy {
  return {
    name: 'cloud-only',
    decide: (observation) => {
      const zeros = observation.demand.map(() => 0);
      return { action: { cache: zeros, local: zeros } };
    },
  };
}
