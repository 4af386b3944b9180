/**
 * The environment's contract: what a policy observes and how it acts. A DRL policy consumes these
 * structures, so they change only with a note in docs/edge-model.md.
 */
import type { LlmRequest } from './workload/request.js';

/** Where a request is served: an edge server's id, or the cloud. @category edge */
export type Target = string | 'cloud';

/** What a policy sees of one (server, model) pair. @category edge */
export interface ServerModelView {
  readonly modelId: string;
  readonly cached: boolean;
  /** When the model was last loaded onto this server (−Infinity if never). */
  readonly loadedAtS: number;
  /** When a request last used it here (−Infinity if never). */
  readonly lastUsedS: number;
  /** Requests it has served here so far. */
  readonly useCount: number;
  /** Contexts of this model resident here, and their tokens. */
  readonly residentContexts: number;
  readonly residentTokens: number;
  /** Σ effective in-context examples of the resident contexts, decayed by their age (Age of Context). */
  readonly effectiveContext: number;
}

/** What a policy sees of one edge server. @category edge */
export interface ServerView {
  readonly id: string;
  readonly memoryBytes: number;
  readonly weightBytes: number;
  readonly kvBytes: number;
  /** When the server finishes the work already queued (model loads and requests), in seconds of simulated time. */
  readonly busyUntilS: number;
  readonly models: readonly ServerModelView[];
}

/** What a policy sees of one request of the current slot. @category edge */
export interface RequestView {
  readonly request: LlmRequest;
  /** Context tokens the session has accumulated before this round. */
  readonly historyTokens: number;
  /** The server holding this session's context for the model, if any. */
  readonly residentServer: string | undefined;
  /** The server nearest to the agent (its radio access point). */
  readonly nearestServer: string;
  /** Estimated cost in USD of serving it in the cloud. */
  readonly cloudCostUsd: number;
  /**
   * Estimated cost in USD at each server (by id), without queueing: a server without the model
   * adds its loading time. Add `latencyUsdPerS` × the wait a policy projects.
   */
  readonly edgeCostUsd: Readonly<Record<string, number>>;
  /** Compute time the request would keep each server busy (prefill + decode), seconds. */
  readonly edgeBusyS: Readonly<Record<string, number>>;
}

/** The observation at the start of a slot. @category edge */
export interface Observation {
  readonly slot: number;
  readonly slots: number;
  readonly timeS: number;
  readonly slotS: number;
  readonly modelIds: readonly string[];
  readonly modelWeightBytes: Readonly<Record<string, number>>;
  readonly servers: readonly ServerView[];
  /** This slot's requests, in arrival order. */
  readonly requests: readonly RequestView[];
  /** Requests per model in the previous slot. */
  readonly lastDemand: Readonly<Record<string, number>>;
}

/**
 * A policy's decision for one slot: the models each server keeps (in priority order: when they do
 * not fit in GPU memory the environment keeps the longest prefix that fits), and where each
 * request is served (requests not listed, or sent to a server without their model, go to the cloud).
 *
 * @category edge
 */
export interface Action {
  readonly cache: Readonly<Record<string, readonly string[]>>;
  readonly route: Readonly<Record<string, Target>>;
}

/** The metrics of one slot. @category edge */
export interface SlotMetrics {
  readonly slot: number;
  readonly requests: number;
  /** System cost of the slot in USD (the negative reward). */
  readonly systemCost: number;
  /** Mean end-to-end latency and time to first token of the slot's requests, in seconds. */
  readonly latencyS: number;
  readonly ttftS: number;
  readonly energyJ: number;
  /** Mean accuracy of the slot's requests. */
  readonly accuracy: number;
  /** Model loads (switches) this slot. */
  readonly switches: number;
  readonly edgeRequests: number;
  readonly cloudRequests: number;
  /** Requests routed to a server that did not hold their model (served in the cloud instead). */
  readonly misrouted: number;
  /** Rounds whose context was re-sent and re-prefilled, wholly (lost to eviction or movement) or in part (stored truncated for lack of memory). */
  readonly reprefills: number;
  readonly cloudChargesUsd: number;
  /** GPU memory use at the end of the slot, the largest over servers, as a fraction of memory. */
  readonly memoryUse: number;
}

/** What one request cost (for the market layer and for analysis). @category edge */
export interface ServedRequest {
  readonly requestId: string;
  readonly target: Target;
  readonly latencyS: number;
  readonly ttftS: number;
  readonly energyJ: number;
  readonly accuracy: number;
  readonly costUsd: number;
}

/**
 * Valuations for one slot's markets, in USD: a bid per request (what being served at the edge is
 * worth to it: the cost it saves against the cloud), and asks for server capacity (units a server
 * offers for a model, at its marginal cost).
 *
 * @category policies
 */
export interface Valuations {
  readonly bids: readonly {
    readonly requestId: string;
    readonly modelId: string;
    readonly valueUsd: number;
  }[];
  readonly asks: readonly {
    readonly serverId: string;
    readonly modelId: string;
    readonly costUsd: number;
    readonly quantity: number;
  }[];
}

/** What the edge environment's `step` reports besides the reward. @category edge */
export interface EdgeStepInfo {
  readonly metrics: SlotMetrics;
  /** What each request of the slot cost and where it was served. */
  readonly served: readonly ServedRequest[];
}

/** What the edge environment's `reset` reports. @category edge */
export interface EdgeResetInfo {
  /** Requests in the episode's workload. */
  readonly requests: number;
}
