/**
 * Valuations from the environment's own estimates, shared by the baseline policies: a request's
 * bid is the cost it saves at the best edge server holding its model against the cloud; a server
 * asks for each model it will hold its opportunity cost plus the energy of an average request
 * there. Learning policies may value differently.
 */
import { marginalServiceCostUsd } from './cost-model.js';
import { fittingModels } from './memory.js';
import type { Scenario } from './scenario-schema.js';
import type { Action, Observation, Valuations } from './types.js';

export { fittingModels } from './memory.js';

/**
 * Cost-saving bids and marginal-cost asks for the models a caching decision keeps. The third
 * argument is the scenario (a policy's context, which carries it, is accepted too).
 *
 * @category policies
 */
export function estimatedValuations(
  observation: Observation,
  action: Action,
  scenarioOrContext: Scenario | { readonly scenario: Scenario },
): Valuations {
  const scenario = 'scenario' in scenarioOrContext ? scenarioOrContext.scenario : scenarioOrContext;
  const held = new Map<string, string[]>();
  for (const server of observation.servers) {
    const list = action.cache[server.id] ?? server.models.filter((m) => m.cached).map((m) => m.modelId);
    held.set(server.id, fittingModels(list, observation.modelWeightBytes, server.memoryBytes));
  }
  const bids = observation.requests.map((v) => {
    let best = Number.POSITIVE_INFINITY;
    for (const [serverId, models] of held) {
      if (models.includes(v.request.modelId)) best = Math.min(best, v.edgeCostUsd[serverId] ?? best);
    }
    return {
      requestId: v.request.id,
      modelId: v.request.modelId,
      valueUsd: Math.max(0, v.cloudCostUsd - best),
    };
  });
  const market = scenario.market;
  const asks = [...held].flatMap(([serverId, models]) => {
    const spec = scenario.servers.find((s) => s.id === serverId);
    const server = observation.servers.find((s) => s.id === serverId);
    if (spec === undefined || server === undefined || models.length === 0) return [];
    // Capacity: the requests the server can still finish this slot at this slot's mean service
    // time there, shared among its models in proportion to their demand.
    const relevant = observation.requests.filter((v) => models.includes(v.request.modelId));
    const meanBusyS =
      relevant.length === 0
        ? 1
        : relevant.reduce((sum, v) => sum + (v.edgeBusyS[serverId] ?? 0), 0) / relevant.length;
    const freeS = Math.max(
      0,
      observation.timeS + observation.slotS - Math.max(server.busyUntilS, observation.timeS),
    );
    // Selling every free second would run the server at utilisation 1, where queueing delay
    // grows without bound: the server sells only up to its target utilisation.
    const capacity = Math.min(
      market.capacityUnitsPerSlot,
      Math.floor((market.targetUtilisation * freeS) / Math.max(meanBusyS, 1e-3)),
    );
    const demand = new Map(models.map((id) => [id, relevant.filter((v) => v.request.modelId === id).length]));
    const total = [...demand.values()].reduce((a, b) => a + b, 0);
    // The marginal cost of a unit: its energy, and the latency its service time adds to the
    // requests queued behind it, so that slow servers ask more than fast ones.
    const marginalUsd = marginalServiceCostUsd(scenario.costWeights, spec, meanBusyS);
    return models
      .map((modelId) => ({
        serverId,
        modelId,
        costUsd: market.opportunityCostUsd + marginalUsd,
        quantity: total === 0 ? 0 : Math.floor((capacity * (demand.get(modelId) ?? 0)) / total),
      }))
      .filter((a) => a.quantity > 0);
  });
  return { bids, asks };
}
