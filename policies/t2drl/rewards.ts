/**
 * Credit per decision: the reward of each (server, model) keep/evict decision in a slot, so that
 * T2DRL learns from one signal per pair rather than from the slot's total alone. Every charge comes
 * from the environment's cost model (`src/edge/cost-model.ts`), so that the pairs' rewards and the
 * part credited to no decision sum to the slot's reward, minus its system cost.
 */
import { energyCostUsd, idleEnergyJ, modelLoadCostUsd } from '../../src/edge/cost-model.js';
import type { Transition } from '../../src/policy.js';

/**
 * Per pair, in the row order of `pairFeatures` (servers × their models), in USD: what the requests
 * the pair served saved against the cloud (the environment's cloud estimate minus what they
 * cost at the edge; negative when queueing made the edge dearer), less the cost of loading the
 * model (switching charge and load energy, as the environment charges them) when it was loaded
 * this slot. Keeping a model no request uses earns nothing; the slot's fixed costs (idle power)
 * belong to no decision.
 */
export function pairRewards(transition: Transition): Float32Array {
  const { observation, nextObservation } = transition;
  const { scenario } = transition.context;
  const rowOf = new Map<string, number>();
  let rows = 0;
  for (const server of observation.servers)
    for (const model of server.models) rowOf.set(`${server.id}|${model.modelId}`, rows++);
  const out = new Float32Array(rows);
  const views = new Map(observation.requests.map((v) => [v.request.id, v]));
  for (const served of transition.info.served) {
    if (served.target === 'cloud') continue;
    const view = views.get(served.requestId);
    const row = view === undefined ? undefined : rowOf.get(`${served.target}|${view.request.modelId}`);
    if (view === undefined || row === undefined) continue;
    out[row] = (out[row] as number) + view.cloudCostUsd - served.costUsd;
  }
  observation.servers.forEach((server, s) => {
    const spec = scenario.servers.find((x) => x.id === server.id);
    const after = nextObservation.servers[s];
    if (spec === undefined || after === undefined) return;
    for (const model of server.models) {
      const loaded = !model.cached && after.models.some((m) => m.modelId === model.modelId && m.cached);
      if (!loaded) continue;
      const loadUsd = modelLoadCostUsd(
        scenario.costWeights,
        spec,
        observation.modelWeightBytes[model.modelId] ?? 0,
      );
      const row = rowOf.get(`${server.id}|${model.modelId}`) as number;
      out[row] = (out[row] as number) - loadUsd;
    }
  });
  return out;
}

/**
 * The part of a slot's reward that {@link pairRewards} credits to no decision, in USD: minus what
 * the slot would cost if no pair served anything (every request at its cloud cost: the estimate for
 * those the edge served, the charge for those the cloud served) and minus the servers' idle energy.
 * With the pairs' rewards it sums to the slot's reward.
 */
export function uncreditedReward(transition: Transition): number {
  const { observation } = transition;
  const { scenario } = transition.context;
  const views = new Map(observation.requests.map((v) => [v.request.id, v]));
  let reward = 0;
  for (const served of transition.info.served) {
    const view = views.get(served.requestId);
    reward -= served.target === 'cloud' || view === undefined ? served.costUsd : view.cloudCostUsd;
  }
  const slotLengthS = Math.min(scenario.slotS, scenario.durationS - observation.timeS);
  let idleJ = 0;
  for (const server of scenario.servers) idleJ += idleEnergyJ(server, slotLengthS);
  return reward - energyCostUsd(scenario.costWeights, idleJ);
}
