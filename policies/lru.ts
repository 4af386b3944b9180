/**
 * Least recently used.
 *
 * @packageDocumentation
 */
import type { PolicyDefinition } from '../src/policy.js';
import { byDescending, cachingRulePolicy } from './caching-rule.js';

/**
 * LRU caching: when memory runs out, each server evicts the model it used least recently.
 * Requests go to the server holding their context, else to the nearest server.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'lru', seed: 1 });
 * ```
 * @category policies
 */
export const lru: PolicyDefinition = {
  name: 'lru',
  description: 'evicts the least recently used model',
  create: () =>
    cachingRulePolicy(
      'lru',
      byDescending((m, demand) => Math.max(m.lastUsedS, demand?.lastArrivalS ?? Number.NEGATIVE_INFINITY)),
    ),
};
