/**
 * The state of an edge episode in progress, shared by the modules that read it (service
 * estimation, observation) and the ones that change it (GPU memory, the step). Internal to the
 * edge model: policies see it only through the observation (`types.ts`).
 */
import type { AgentPosition } from './mobility.js';
import type { ModelSpec, Scenario, ServerSpec } from './scenario-schema.js';

/** A model's history on one server. */
export interface ModelStats {
  loadedAtS: number;
  lastUsedS: number;
  useCount: number;
}

/** A session's context resident in a server's GPU memory (its KV cache). */
export interface ContextState {
  readonly sessionId: string;
  readonly modelId: string;
  tokens: number;
  kvBytes: number;
  lastUseS: number;
}

/** One edge server: its cached models, resident contexts and queue. */
export interface ServerState {
  readonly spec: ServerSpec;
  readonly memoryBytes: number;
  /** Cached models, in load order. */
  readonly cached: Set<string>;
  readonly stats: Map<string, ModelStats>;
  /** Resident contexts keyed by session, in least-recently-used-first order. */
  readonly contexts: Map<string, ContextState>;
  weightBytes: number;
  kvBytes: number;
  busyUntilS: number;
}

/** A multi-round session: its accumulated context and where that context lives. */
export interface SessionState {
  historyTokens: number;
  lastRoundS: number;
  contextServer: string | undefined;
}

/** An episode's state. The containers are mutated in place by the step. */
export interface EpisodeState {
  readonly scenario: Scenario;
  readonly models: ReadonlyMap<string, ModelSpec>;
  /** Weight bytes per model id. */
  readonly modelWeights: Readonly<Record<string, number>>;
  readonly servers: readonly ServerState[];
  readonly sessions: Map<string, SessionState>;
  readonly agents: AgentPosition[];
}

/** A server with nothing cached, no context resident and an empty queue. */
export function emptyServer(
  spec: ServerSpec,
  models: readonly ModelSpec[],
  memoryBytes: number,
): ServerState {
  return {
    spec,
    memoryBytes,
    cached: new Set<string>(),
    stats: new Map(models.map((m) => [m.id, { loadedAtS: -Infinity, lastUsedS: -Infinity, useCount: 0 }])),
    contexts: new Map(),
    weightBytes: 0,
    kvBytes: 0,
    busyUntilS: 0,
  };
}
