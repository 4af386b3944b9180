/**
 * Random caching.
 *
 * @packageDocumentation
 */
import type { Policy, PolicyDefinition } from '../src/policy.js';
import { cachingRulePolicy } from './caching-rule.js';

/**
 * Random caching: each server keeps the models its requests need and evicts uniformly at random
 * (from a stream seeded with the run's seed: a linear congruential generator, kept as it was so
 * that seeded runs reproduce their earlier results).
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'random', seed: 1 });
 * ```
 * @category policies
 */
export function randomPolicy(seed: number): Policy {
  let state = seed >>> 0;
  const next = (): number => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state;
  };
  return cachingRulePolicy('random', (_server, models) => {
    const out = [...models].sort((a, b) => (a.modelId < b.modelId ? -1 : 1));
    for (let i = out.length - 1; i > 0; i--) {
      const j = next() % (i + 1);
      [out[i], out[j]] = [out[j] as (typeof out)[number], out[i] as (typeof out)[number]];
    }
    return out;
  });
}

/** The `random` policy. @category policies */
export const random: PolicyDefinition = {
  name: 'random',
  description: 'evicts a random model (seeded)',
  create: ({ seed }) => randomPolicy(seed),
};
