/**
 * Least frequently used.
 *
 * @packageDocumentation
 */
import type { PolicyDefinition } from '../src/policy.js';
import { byDescending, cachingRulePolicy } from './caching-rule.js';

/**
 * LFU caching: each server evicts the model it has served least often (ties: least recently used,
 * then model id).
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'lfu', seed: 1 });
 * ```
 * @category policies
 */
export const lfu: PolicyDefinition = {
  name: 'lfu',
  description: 'evicts the least frequently used model',
  create: () =>
    cachingRulePolicy(
      'lfu',
      byDescending((m, demand) => m.useCount + (demand?.count ?? 0) + Math.max(m.lastUsedS, 0) * 1e-9),
    ),
};
