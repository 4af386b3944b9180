/**
 * First in, first out.
 *
 * @packageDocumentation
 */
import type { PolicyDefinition } from '../src/policy.js';
import { byDescending, cachingRulePolicy } from './caching-rule.js';

/**
 * FIFO caching: each server evicts the model it loaded first, whatever its use since.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'fifo', seed: 1 });
 * ```
 * @category policies
 */
export const fifo: PolicyDefinition = {
  name: 'fifo',
  description: 'evicts the model loaded first',
  create: () =>
    cachingRulePolicy(
      'fifo',
      byDescending((m) => m.loadedAtS),
    ),
};
