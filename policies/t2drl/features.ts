/**
 * What the T2DRL network sees: one feature vector per (server, model) pair, so that one shared
 * network scores every pair and the action space grows with servers × models without new weights.
 */
import type { Observation } from '../../src/edge/types.js';

/** Features per (server, model) pair. */
export const PAIR_FEATURES = 12;

/** The requests of a slot assigned to each server (its context's server, else its nearest). */
export function assignedDemand(observation: Observation): Map<string, Map<string, number>> {
  const out = new Map<string, Map<string, number>>();
  for (const v of observation.requests) {
    const server = v.residentServer ?? v.nearestServer;
    const m = out.get(server) ?? new Map<string, number>();
    m.set(v.request.modelId, (m.get(v.request.modelId) ?? 0) + 1);
    out.set(server, m);
  }
  return out;
}

/**
 * The pair features, row-major [servers × models, PAIR_FEATURES], each scaled to about [0, 1]:
 * cached; this slot's demand at the server and in all; last slot's demand; the share of the
 * server's memory the model's weights take; the server's memory use and queue; the model's
 * resident contexts, tokens and effective (age-weighted) context there; recency of use; and the
 * mean cost the model's requests save at this server against the cloud.
 */
export function pairFeatures(observation: Observation): Float32Array {
  const servers = observation.servers;
  const models = observation.modelIds;
  const out = new Float32Array(servers.length * models.length * PAIR_FEATURES);
  const demand = assignedDemand(observation);
  const total = new Map<string, number>();
  const saving = new Map<string, number>();
  for (const v of observation.requests) total.set(v.request.modelId, (total.get(v.request.modelId) ?? 0) + 1);
  const n = Math.max(1, observation.requests.length);
  let row = 0;
  for (const server of servers) {
    const memoryUse = (server.weightBytes + server.kvBytes) / server.memoryBytes;
    const queueS = Math.max(0, server.busyUntilS - observation.timeS) / observation.slotS;
    for (const model of server.models) {
      let s = 0;
      let count = 0;
      for (const v of observation.requests) {
        if (v.request.modelId !== model.modelId) continue;
        s += v.cloudCostUsd - (v.edgeCostUsd[server.id] ?? v.cloudCostUsd);
        count++;
      }
      saving.set(model.modelId, count === 0 ? 0 : s / count);
      const sinceUseS = Number.isFinite(model.lastUsedS) ? observation.timeS - model.lastUsedS : 3600;
      const f = row * PAIR_FEATURES;
      out[f] = model.cached ? 1 : 0;
      out[f + 1] = (demand.get(server.id)?.get(model.modelId) ?? 0) / 10;
      out[f + 2] = (total.get(model.modelId) ?? 0) / n;
      out[f + 3] = (observation.lastDemand[model.modelId] ?? 0) / n;
      out[f + 4] = (observation.modelWeightBytes[model.modelId] ?? 0) / server.memoryBytes;
      out[f + 5] = memoryUse;
      out[f + 6] = Math.min(queueS, 5) / 5;
      out[f + 7] = Math.min(model.residentContexts, 20) / 20;
      out[f + 8] = Math.min(model.residentTokens / 1e5, 1);
      out[f + 9] = Math.min(model.effectiveContext / 100, 1);
      out[f + 10] = Math.min(sinceUseS, 3600) / 3600;
      out[f + 11] = Math.max(-1, Math.min(1, (saving.get(model.modelId) ?? 0) * 200));
      row++;
    }
  }
  return out;
}
