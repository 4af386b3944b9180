/**
 * Least context.
 *
 * @packageDocumentation
 */
import type { PolicyDefinition } from '../src/policy.js';
import { byDescending, cachingRulePolicy } from './caching-rule.js';

/**
 * Least-context caching: each server evicts the model whose resident contexts hold the fewest
 * effective in-context examples, weighted by their age (Age of Context): evicting it loses the
 * least accuracy. Ties by recency of use.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'least-context', seed: 1 });
 * ```
 * @category policies
 */
export const leastContext: PolicyDefinition = {
  name: 'least-context',
  description: 'evicts the model with the least effective (age-weighted) context',
  create: () =>
    cachingRulePolicy(
      'least-context',
      byDescending((m) => m.effectiveContext + Math.max(m.lastUsedS, 0) * 1e-9),
    ),
};
