/**
 * Serving one request, with its effects on the episode's state: at an edge server it queues behind
 * the server's work and leaves its session's context resident there (and only there); in the cloud
 * it leaves no context at the edge. Either way the session's history grows by the round.
 */
import { kvCacheBytes } from './compute.js';
import { checkMemory, dropContext, storeContext } from './memory.js';
import type { ModelSpec } from './scenario-schema.js';
import { cloudService, edgeService, type Service } from './service.js';
import type { EpisodeState, ServerState, SessionState } from './state.js';
import type { LlmRequest } from './workload/request.js';

function sessionOf(state: EpisodeState, r: LlmRequest): SessionState {
  return (
    state.sessions.get(r.sessionId) ?? { historyTokens: 0, lastRoundS: r.arrivalS, contextServer: undefined }
  );
}

/** Drops the session's context from the server holding it, unless that is `except`. */
function dropElsewhere(state: EpisodeState, session: SessionState, sessionId: string, except?: string): void {
  if (session.contextServer === undefined || session.contextServer === except) return;
  const other = state.servers.find((s) => s.spec.id === session.contextServer);
  if (other !== undefined) dropContext(state.sessions, other, sessionId);
}

function endRound(state: EpisodeState, session: SessionState, r: LlmRequest): void {
  session.historyTokens += r.promptTokens + r.outputTokens;
  session.lastRoundS = r.arrivalS;
  state.sessions.set(r.sessionId, session);
}

/** Serves `r` at `server` (which holds its model); returns its figures, queueing included. */
export function serveAtEdge(state: EpisodeState, r: LlmRequest, server: ServerState): Service {
  const estimate = edgeService(state, r, server, 0);
  const readyS = r.arrivalS + estimate.uplinkS;
  const waitS = Math.max(0, server.busyUntilS - readyS);
  const service = { ...estimate, latencyS: estimate.latencyS + waitS, ttftS: estimate.ttftS + waitS };
  server.busyUntilS = readyS + waitS + estimate.busyS;
  // The session's context now lives here, and only here.
  const session = sessionOf(state, r);
  dropElsewhere(state, session, r.sessionId, server.spec.id);
  dropContext(state.sessions, server, r.sessionId);
  const model = state.models.get(r.modelId) as ModelSpec;
  const stored = storeContext(
    state.sessions,
    server,
    { sessionId: r.sessionId, modelId: r.modelId, atS: r.arrivalS },
    estimate.contextTokensAfter,
    kvCacheBytes(model, 1),
  );
  session.contextServer = stored > 0 ? server.spec.id : undefined;
  endRound(state, session, r);
  const stats = server.stats.get(r.modelId);
  if (stats !== undefined) {
    stats.lastUsedS = r.arrivalS;
    stats.useCount++;
  }
  checkMemory(server);
  return service;
}

/** Serves `r` in the cloud; returns its figures. */
export function serveInCloud(state: EpisodeState, r: LlmRequest): Service {
  const service = cloudService(state, r);
  const session = sessionOf(state, r);
  // An edge context that misses this round is stale: it is dropped.
  dropElsewhere(state, session, r.sessionId);
  endRound(state, session, r);
  return service;
}
