/**
 * Credit per decision: the reward of each (server, model) keep/evict decision in a slot, so that
 * T2DRL learns from one signal per pair rather than from the slot's total alone.
 */
import type { Scenario } from '../../src/edge/scenario-schema.js';
import type { Transition } from '../../src/policy.js';

const J_PER_KWH = 3.6e6;

/**
 * Per pair, in the row order of `pairFeatures` (servers × their models), in USD: what the requests
 * the pair served saved against the cloud (the environment's cloud estimate minus what they
 * cost at the edge; negative when queueing made the edge dearer), less the switching charge and
 * the energy of loading the model when it was loaded this slot. Keeping a model no request uses
 * earns nothing; the slot's fixed costs (idle power) belong to no decision.
 */
export function pairRewards(transition: Transition, scenario: Scenario): Float32Array {
  const { observation, nextObservation } = transition;
  const rowOf = new Map<string, number>();
  let rows = 0;
  for (const server of observation.servers)
    for (const model of server.models) rowOf.set(`${server.id}|${model.modelId}`, rows++);
  const out = new Float32Array(rows);
  const views = new Map(observation.requests.map((v) => [v.request.id, v]));
  for (const served of transition.served) {
    if (served.target === 'cloud') continue;
    const view = views.get(served.requestId);
    const row = view === undefined ? undefined : rowOf.get(`${served.target}|${view.request.modelId}`);
    if (view === undefined || row === undefined) continue;
    out[row] = (out[row] as number) + view.cloudCostUsd - served.costUsd;
  }
  const weights = scenario.costWeights;
  observation.servers.forEach((server, s) => {
    const spec = scenario.servers.find((x) => x.id === server.id);
    const after = nextObservation.servers[s];
    if (spec === undefined || after === undefined) return;
    for (const model of server.models) {
      const loaded = !model.cached && after.models.some((m) => m.modelId === model.modelId && m.cached);
      if (!loaded) continue;
      const loadS = (observation.modelWeightBytes[model.modelId] ?? 0) / (spec.loadBandwidthGBps * 1e9);
      const energyUsd = ((spec.maxPowerW * loadS) / J_PER_KWH) * weights.energyUsdPerKWh;
      const row = rowOf.get(`${server.id}|${model.modelId}`) as number;
      out[row] = (out[row] as number) - weights.switchUsd - energyUsd;
    }
  });
  return out;
}
