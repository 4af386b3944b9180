/**
 * The greedy oracle.
 *
 * @packageDocumentation
 */

import type { Action, Observation } from '../src/edge/types.js';
import { fittingModels } from '../src/edge/valuations.js';
import type { Policy, PolicyContext, PolicyDefinition } from '../src/policy.js';
import { admissionRoutes } from './caching-rule.js';
import { estimatedDecision } from './decision.js';

/**
 * Greedy oracle: it sees the next slot's requests (`context.futureRequests`), a reference bound,
 * not a competitor. Each server loads the models its requests need now, then keeps the cached
 * models by how often they will be requested in the next slot (this slot's demand breaking ties),
 * so it never evicts a model about to be used when another is idle. Routing as the baselines.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'greedy-oracle', seed: 1 });
 * ```
 * @category policies
 */
export function greedyOraclePolicy(): Policy {
  const act = (observation: Observation, context: PolicyContext): Action => {
    const next = new Map<string, number>();
    for (const r of context.futureRequests ?? []) next.set(r.modelId, (next.get(r.modelId) ?? 0) + 1);
    const preferred = new Map(
      observation.requests.map((v) => [v.request.id, v.residentServer ?? v.nearestServer]),
    );
    const cache: Record<string, string[]> = {};
    for (const server of observation.servers) {
      const now = new Map<string, number>();
      for (const v of observation.requests)
        if (preferred.get(v.request.id) === server.id)
          now.set(v.request.modelId, (now.get(v.request.modelId) ?? 0) + 1);
      const score = (id: string) => (next.get(id) ?? 0) * 1000 + (now.get(id) ?? 0);
      const needed = [...now.keys()].sort(
        (a, b) => (now.get(b) ?? 0) - (now.get(a) ?? 0) || (a < b ? -1 : 1),
      );
      const rest = observation.modelIds
        .filter((id) => !needed.includes(id))
        .sort((a, b) => score(b) - score(a) || (a < b ? -1 : 1));
      cache[server.id] = fittingModels(
        [...needed, ...rest.filter((id) => (next.get(id) ?? 0) > 0)],
        observation.modelWeightBytes,
        server.memoryBytes,
      );
    }
    return {
      cache,
      route: admissionRoutes(observation, cache, context.scenario.costWeights, preferred),
    };
  };
  return {
    name: 'greedy-oracle',
    needsFuture: true,
    decide: (observation, context) => estimatedDecision(observation, act(observation, context), context),
  };
}

/** The `greedy-oracle` policy. @category policies */
export const greedyOracle: PolicyDefinition = {
  name: 'greedy-oracle',
  description: 'sees the next slot: a reference bound, not a competitor',
  create: () => greedyOraclePolicy(),
};
