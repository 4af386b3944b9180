/**
 * Service-time estimation: the latency, time to first token, energy, accuracy and cloud charge of
 * serving one request at an edge server or in the cloud, given the episode's state. Pure: it reads
 * the state and changes nothing, so the observation's estimates and the step's charges are the
 * same computation (docs/edge-model.md gives the equations, each in its own module).
 */
import { accuracy, effectiveExamples } from './accuracy.js';
import { cloudLatencyS, cloudPriceUsd } from './cloud.js';
import { decodeTimeS, kvCacheBytes, prefillTimeS } from './compute.js';
import { dynamicEnergyJ, radioEnergyJ } from './energy.js';
import type { AgentPosition } from './mobility.js';
import { distanceM, pathGain, shannonRateBps, transmissionTimeS } from './radio.js';
import type { ModelSpec } from './scenario-schema.js';
import type { EpisodeState, ServerState } from './state.js';
import type { LlmRequest } from './workload/request.js';

/** The estimated figures of serving one request somewhere. */
export interface Service {
  latencyS: number;
  ttftS: number;
  energyJ: number;
  accuracy: number;
  cloudUsd: number;
  /** Compute time the server is busy. */
  busyS: number;
  uplinkS: number;
  contextTokensAfter: number;
  reprefill: boolean;
}

/** The position of the agent that sent a request (agent ids end in their index). */
export function agentPosition(state: EpisodeState, agentId: string): AgentPosition {
  return state.agents[Number(agentId.slice(agentId.lastIndexOf('-') + 1))] as AgentPosition;
}

/** The server nearest to a position: the agent's radio access point. */
export function nearestServer(state: EpisodeState, position: AgentPosition): ServerState {
  let best = state.servers[0] as ServerState;
  let bestD = Number.POSITIVE_INFINITY;
  for (const s of state.servers) {
    const d = distanceM(position, s.spec);
    if (d < bestD) {
      bestD = d;
      best = s;
    }
  }
  return best;
}

function uplinkRateBps(state: EpisodeState, position: AgentPosition, server: ServerState): number {
  const a = state.scenario.agents;
  return shannonRateBps(
    a.uplinkBandwidthMHz * 1e6,
    a.uplinkPowerW,
    pathGain(distanceM(position, server.spec)),
  );
}

function downlinkRateBps(position: AgentPosition, server: ServerState): number {
  return shannonRateBps(
    server.spec.radioBandwidthMHz * 1e6,
    server.spec.downlinkPowerW,
    pathGain(distanceM(position, server.spec)),
  );
}

function accuracyOf(state: EpisodeState, model: ModelSpec, tokens: number, ageS: number): number {
  const c = state.scenario.context;
  return accuracy(
    model.accuracy,
    effectiveExamples(tokens, model.contextWindowTokens, c.tokensPerExample, ageS, c.ageDecayS),
  );
}

/** The figures of serving `r` at `server` now (queueing excluded when `waitS` is 0). */
export function edgeService(state: EpisodeState, r: LlmRequest, server: ServerState, waitS: number): Service {
  const model = state.models.get(r.modelId) as ModelSpec;
  const session = state.sessions.get(r.sessionId);
  const history = session?.historyTokens ?? 0;
  const stored = session?.contextServer === server.spec.id ? server.contexts.get(r.sessionId) : undefined;
  const resident = stored !== undefined;
  const ageS = session === undefined ? 0 : r.arrivalS - session.lastRoundS;
  const window = model.contextWindowTokens;
  // What the server does not hold is sent and prefilled again: the whole history when the
  // context is elsewhere or lost, the cut-off part when it was stored truncated for lack of memory.
  const resend = resident ? Math.max(0, Math.min(history, window) - stored.tokens) : history;
  const position = agentPosition(state, r.agentId);
  const bytesPerToken = state.scenario.context.bytesPerToken;
  const uplinkS = transmissionTimeS(
    (r.promptTokens + resend) * bytesPerToken,
    uplinkRateBps(state, position, server),
  );
  const prefillTokens = Math.min(r.promptTokens + resend, window);
  const contextTokensAfter = Math.min(history + r.promptTokens + r.outputTokens, window);
  const spec = server.spec;
  const prefillS = prefillTimeS(
    model.parametersB,
    prefillTokens,
    spec.peakTflops * 1e12,
    spec.computeEfficiency,
  );
  const decodeS = decodeTimeS(
    r.outputTokens,
    state.modelWeights[r.modelId] as number,
    kvCacheBytes(model, contextTokensAfter),
    spec.memoryBandwidthGBps * 1e9,
  );
  const downlinkS = transmissionTimeS(r.outputTokens * bytesPerToken, downlinkRateBps(position, server));
  const busyS = prefillS + decodeS;
  const latencyS = uplinkS + waitS + busyS + downlinkS;
  const ttftS = uplinkS + waitS + prefillS + decodeS / r.outputTokens + downlinkS / r.outputTokens;
  const energyJ =
    dynamicEnergyJ(spec.idlePowerW, spec.maxPowerW, busyS) +
    radioEnergyJ(state.scenario.agents.uplinkPowerW, uplinkS) +
    radioEnergyJ(spec.downlinkPowerW, downlinkS);
  return {
    latencyS,
    ttftS,
    energyJ,
    accuracy: accuracyOf(state, model, Math.min(history + r.promptTokens, window), ageS),
    cloudUsd: 0,
    busyS,
    uplinkS,
    contextTokensAfter,
    reprefill: resend > 0,
  };
}

/** The figures of serving `r` in the cloud, through the agent's nearest server. */
export function cloudService(state: EpisodeState, r: LlmRequest): Service {
  const model = state.models.get(r.modelId) as ModelSpec;
  const session = state.sessions.get(r.sessionId);
  const history = session?.historyTokens ?? 0;
  const ageS = session === undefined ? 0 : r.arrivalS - session.lastRoundS;
  const cloud = state.scenario.cloud;
  const sent = Math.min(history, cloud.historyTokensCap);
  const position = agentPosition(state, r.agentId);
  const access = nearestServer(state, position);
  const bytesPerToken = state.scenario.context.bytesPerToken;
  const uplinkS = transmissionTimeS(
    (r.promptTokens + sent) * bytesPerToken,
    uplinkRateBps(state, position, access),
  );
  const downlinkS = transmissionTimeS(r.outputTokens * bytesPerToken, downlinkRateBps(position, access));
  const link = {
    rttS: cloud.rttS,
    backhaulBandwidthBps: cloud.backhaulBandwidthGbps * 1e9,
    prefillTokensPerS: cloud.prefillTokensPerS,
    tokensPerS: cloud.decodeTokensPerS,
    inputPriceUsdPer1kTokens: cloud.inputPriceUsdPer1kTokens,
    outputPriceUsdPer1kTokens: cloud.outputPriceUsdPer1kTokens,
  };
  const promptTokens = sent + r.promptTokens;
  const backhaulS = cloudLatencyS(
    link,
    promptTokens * bytesPerToken,
    r.outputTokens * bytesPerToken,
    promptTokens,
    r.outputTokens,
  );
  const latencyS = uplinkS + backhaulS + downlinkS;
  const firstTokenS =
    uplinkS + cloud.rttS + promptTokens / cloud.prefillTokensPerS + 1 / cloud.decodeTokensPerS;
  return {
    latencyS,
    ttftS: firstTokenS,
    energyJ:
      radioEnergyJ(state.scenario.agents.uplinkPowerW, uplinkS) +
      radioEnergyJ(access.spec.downlinkPowerW, downlinkS),
    accuracy: accuracyOf(state, model, Math.min(promptTokens, model.contextWindowTokens), ageS),
    cloudUsd: cloudPriceUsd(link, promptTokens, r.outputTokens),
    busyS: 0,
    uplinkS,
    contextTokensAfter: 0,
    reprefill: false,
  };
}
