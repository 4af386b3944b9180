/**
 * FIFO on the paper's model.
 *
 * @packageDocumentation
 */
import type { PaperPolicy } from '../../src/paper/policy.js';
import { paperCachingPolicy } from './caching-rule.js';

/**
 * On a miss, evicts the copy loaded earliest until the missed ones fit (Section VI, baseline 2).
 *
 * @example
 * ```ts
 * await simulate({ scenario: paperScenario(), policy: 'fifo', seed: 1 });
 * ```
 * @category policies
 */
export function paperFifo(): PaperPolicy {
  return paperCachingPolicy('fifo', (o, k, now) =>
    now >= 0 ? o.slot + now / 1e6 : (o.loadedAtSlot[k] as number),
  );
}
