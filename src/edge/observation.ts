/**
 * Observation building: what a policy sees at the start of a slot (`types.ts`), from the episode's
 * state. Each request's cost estimates use the same service estimation and cost model as the step.
 */
import { effectiveExamples } from './accuracy.js';
import { modelLoadTimeS } from './compute.js';
import { requestCostUsd } from './cost-model.js';
import type { ModelSpec } from './scenario-schema.js';
import { agentPosition, cloudService, edgeService, nearestServer } from './service.js';
import type { EpisodeState, ModelStats, ServerState } from './state.js';
import type { Observation, RequestView, ServerView } from './types.js';
import type { LlmRequest } from './workload/request.js';

/** Where the episode is: the slot about to be served and its requests. */
export interface SlotPosition {
  readonly slot: number;
  readonly slots: number;
  readonly requests: readonly LlmRequest[];
  /** Requests per model in the previous slot. */
  readonly lastDemand: Readonly<Record<string, number>>;
}

function serverView(state: EpisodeState, s: ServerState, now: number): ServerView {
  const c = state.scenario.context;
  const perModel = new Map<string, { contexts: number; tokens: number; effective: number }>();
  for (const ctx of s.contexts.values()) {
    const model = state.models.get(ctx.modelId) as ModelSpec;
    const entry = perModel.get(ctx.modelId) ?? { contexts: 0, tokens: 0, effective: 0 };
    entry.contexts++;
    entry.tokens += ctx.tokens;
    entry.effective += effectiveExamples(
      ctx.tokens,
      model.contextWindowTokens,
      c.tokensPerExample,
      now - ctx.lastUseS,
      c.ageDecayS,
    );
    perModel.set(ctx.modelId, entry);
  }
  return {
    id: s.spec.id,
    memoryBytes: s.memoryBytes,
    weightBytes: s.weightBytes,
    kvBytes: s.kvBytes,
    busyUntilS: s.busyUntilS,
    models: state.scenario.models.map((m) => {
      const st = s.stats.get(m.id) as ModelStats;
      const resident = perModel.get(m.id);
      return {
        modelId: m.id,
        cached: s.cached.has(m.id),
        loadedAtS: st.loadedAtS,
        lastUsedS: st.lastUsedS,
        useCount: st.useCount,
        residentContexts: resident?.contexts ?? 0,
        residentTokens: resident?.tokens ?? 0,
        effectiveContext: resident?.effective ?? 0,
      };
    }),
  };
}

function requestView(state: EpisodeState, r: LlmRequest): RequestView {
  const weights = state.scenario.costWeights;
  const session = state.sessions.get(r.sessionId);
  const position = agentPosition(state, r.agentId);
  const edgeCostUsd: Record<string, number> = {};
  const edgeBusyS: Record<string, number> = {};
  for (const s of state.servers) {
    // A server without the model first loads it: the request waits for the load.
    const loadS = s.cached.has(r.modelId)
      ? 0
      : modelLoadTimeS(state.modelWeights[r.modelId] as number, s.spec.loadBandwidthGBps * 1e9);
    const service = edgeService(state, r, s, loadS);
    edgeCostUsd[s.spec.id] = requestCostUsd(weights, service);
    edgeBusyS[s.spec.id] = service.busyS;
  }
  return {
    request: r,
    historyTokens: session?.historyTokens ?? 0,
    residentServer: session?.contextServer,
    nearestServer: nearestServer(state, position).spec.id,
    cloudCostUsd: requestCostUsd(weights, cloudService(state, r)),
    edgeCostUsd,
    edgeBusyS,
  };
}

/** The observation at the start of the slot `at.slot`. */
export function buildObservation(state: EpisodeState, at: SlotPosition): Observation {
  const now = at.slot * state.scenario.slotS;
  return {
    slot: at.slot,
    slots: at.slots,
    timeS: now,
    slotS: state.scenario.slotS,
    modelIds: state.scenario.models.map((m) => m.id),
    modelWeightBytes: state.modelWeights,
    servers: state.servers.map((s) => serverView(state, s, now)),
    requests: at.requests.map((r) => requestView(state, r)),
    lastDemand: at.lastDemand,
  };
}
