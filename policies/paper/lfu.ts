/**
 * LFU on the paper's model.
 *
 * @packageDocumentation
 */
import type { PaperPolicy } from '../../src/paper/policy.js';
import { paperCachingPolicy } from './caching-rule.js';

/**
 * On a miss, evicts the least frequently requested copy (requests at that server so far, this slot's included), ties
 * broken by recency of requests (Section VI, baseline 3).
 *
 * @example
 * ```ts
 * await simulate({ scenario: paperScenario(), policy: 'lfu', seed: 1 });
 * ```
 * @category policies
 */
export function paperLfu(): PaperPolicy {
  // Counts are integers and slots < 1e6, so the recency term only breaks ties.
  return paperCachingPolicy(
    'lfu',
    (o, k) =>
      (o.requestCount[k] as number) +
      (o.demand[k] as number) +
      ((o.demand[k] as number) > 0 ? o.slot : (o.lastRequestedSlot[k] as number)) * 1e-6,
  );
}
