/**
 * LAoT (least Age of Thought) on the paper's model.
 *
 * @packageDocumentation
 */
import type { PaperPolicy } from '../../src/paper/policy.js';
import type { PaperDecisions } from '../../src/paper/scenario-schema.js';
import { paperCachingPolicy } from './caching-rule.js';

/**
 * Least Age of Thought (Section VI, baseline 4): on a miss, evicts the copy with the least Age of
 * Thought κ, the one whose eviction loses the least useful context; ties by recency of requests.
 * The paper's text says it evicts the *largest* age, which contradicts κ in (13), where a larger κ
 * is more useful context (G21); `decisions.laotEvicts: 'largest'` follows the text instead. Its
 * physical-model counterpart is `least-context`.
 *
 * @example
 * ```ts
 * await simulate({ scenario: paperScenario(), policy: 'laot', seed: 1 });
 * ```
 * @category policies
 */
export function paperLaot(evicts: PaperDecisions['laotEvicts'] = 'least'): PaperPolicy {
  const sign = evicts === 'least' ? 1 : -1;
  return paperCachingPolicy(
    'laot',
    (o, k) =>
      sign * (o.ageOfThought[k] as number) +
      ((o.demand[k] as number) > 0 ? o.slot : (o.lastRequestedSlot[k] as number)) * 1e-9,
  );
}
