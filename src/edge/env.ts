/**
 * The edge environment, in Gymnasium's contract: `reset({ seed })` → `{ observation, info }`,
 * `step(action)` → `{ observation, reward, terminated, truncated, info }`, reward = −system cost
 * of the slot in USD. One seeded random source per environment; seeded runs are bit-for-bit
 * reproducible. The equations are in docs/edge-model.md, each in its own module.
 */
import type { Environment, StepResult as EnvironmentStepResult, ResetResult } from '../environment.js';
import { DoubleDutchError } from '../errors.js';
import { createRng, type Rng } from '../random.js';
import { accuracy, effectiveExamples } from './accuracy.js';
import { cloudLatencyS, cloudPriceUsd } from './cloud.js';
import { decodeTimeS, GIB, kvCacheBytes, modelLoadTimeS, prefillTimeS, weightBytes } from './compute.js';
import { idleEnergyJ, modelLoad, requestCostUsd, slotOverheadCostUsd } from './cost-model.js';
import { dynamicEnergyJ, radioEnergyJ } from './energy.js';
import { type AgentPosition, moveAgents, placeAgents } from './mobility.js';
import { distanceM, pathGain, shannonRateBps, transmissionTimeS } from './radio.js';
import type { ModelSpec, Scenario, ServerSpec } from './scenario-schema.js';
import type {
  Action,
  EdgeResetInfo,
  EdgeStepInfo,
  Observation,
  RequestView,
  ServedRequest,
  ServerView,
  SlotMetrics,
  Target,
} from './types.js';
import { generateWorkload } from './workload/generate.js';
import type { LlmRequest, TraceRecord } from './workload/request.js';

interface ModelStats {
  loadedAtS: number;
  lastUsedS: number;
  useCount: number;
}

interface ContextState {
  readonly sessionId: string;
  readonly modelId: string;
  tokens: number;
  kvBytes: number;
  lastUseS: number;
}

interface ServerState {
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

interface SessionState {
  historyTokens: number;
  lastRoundS: number;
  contextServer: string | undefined;
}

/** Step result of the edge environment, as in Gymnasium. @category edge */
export type StepResult = EnvironmentStepResult<Observation, EdgeStepInfo>;

/** Options of {@link EdgeEnvironment}. @category edge */
export interface EdgeEnvironmentOptions {
  /** A trace already parsed (shared by many runs of one scenario). */
  readonly records?: readonly TraceRecord[];
  /** Stop after this many slots with `truncated: true`. */
  readonly maxSlots?: number;
}

/** Thrown when the simulator's own invariant breaks (a bug, never a user error). */
export class InvariantError extends DoubleDutchError {}

/** The estimated figures of serving one request somewhere. */
interface Service {
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

/**
 * A mobile edge network serving long-context LLM agents (docs/edge-model.md).
 *
 * @example
 * ```ts
 * const env = new EdgeEnvironment(defaultScenario());
 * let { observation } = env.reset({ seed: 1 });
 * const step = env.step({ cache: {}, route: {} }); // everything to the cloud
 * step.reward; // −(system cost of the first slot in USD)
 * ```
 * @category edge
 */
export class EdgeEnvironment implements Environment<Observation, Action, EdgeResetInfo, EdgeStepInfo> {
  readonly scenario: Scenario;
  readonly slots: number;
  private readonly models: Map<string, ModelSpec>;
  private readonly modelWeights: Record<string, number>;
  private readonly records: readonly TraceRecord[] | undefined;
  private readonly maxSlots: number;
  private rng: Rng = createRng(0);
  private requests: LlmRequest[] = [];
  private cursor = 0;
  private slot = 0;
  private servers: ServerState[] = [];
  private sessions = new Map<string, SessionState>();
  private agents: AgentPosition[] = [];
  private current: LlmRequest[] = [];
  private lastDemand: Record<string, number> = {};

  constructor(scenario: Scenario, options: EdgeEnvironmentOptions = {}) {
    this.scenario = scenario;
    this.slots = Math.ceil(scenario.durationS / scenario.slotS);
    this.models = new Map(scenario.models.map((m) => [m.id, m]));
    this.modelWeights = Object.fromEntries(scenario.models.map((m) => [m.id, weightBytes(m)]));
    this.records = options.records;
    this.maxSlots = options.maxSlots ?? Number.POSITIVE_INFINITY;
  }

  /** Starts an episode: generates the workload and places the agents from `seed`. */
  reset(options: { readonly seed?: number } = {}): ResetResult<Observation, EdgeResetInfo> {
    this.rng = createRng(options.seed ?? 0);
    const workloadRng = this.rng.fork();
    this.requests = generateWorkload(this.scenario, workloadRng, this.records);
    this.cursor = 0;
    this.slot = 0;
    this.sessions = new Map();
    this.lastDemand = Object.fromEntries(this.scenario.models.map((m) => [m.id, 0]));
    this.servers = this.scenario.servers.map((spec) => ({
      spec,
      memoryBytes: spec.gpuMemoryGiB * GIB,
      cached: new Set<string>(),
      stats: new Map(
        this.scenario.models.map((m) => [m.id, { loadedAtS: -Infinity, lastUsedS: -Infinity, useCount: 0 }]),
      ),
      contexts: new Map(),
      weightBytes: 0,
      kvBytes: 0,
      busyUntilS: 0,
    }));
    const { width, height } = this.scenario.areaM;
    this.agents = placeAgents(this.scenario.agents.count, width, height, this.rng);
    this.takeSlotRequests();
    return { observation: this.observe(), info: { requests: this.requests.length } };
  }

  /** Every request of the episode (after `reset`), for analysis and oracle policies. */
  workload(): readonly LlmRequest[] {
    return this.requests;
  }

  private takeSlotRequests(): void {
    const end = (this.slot + 1) * this.scenario.slotS;
    const batch: LlmRequest[] = [];
    while (this.cursor < this.requests.length && (this.requests[this.cursor] as LlmRequest).arrivalS < end) {
      batch.push(this.requests[this.cursor++] as LlmRequest);
    }
    this.current = batch;
  }

  private agentPosition(agentId: string): AgentPosition {
    return this.agents[Number(agentId.slice(agentId.lastIndexOf('-') + 1))] as AgentPosition;
  }

  private nearestServer(position: AgentPosition): ServerState {
    let best = this.servers[0] as ServerState;
    let bestD = Number.POSITIVE_INFINITY;
    for (const s of this.servers) {
      const d = distanceM(position, s.spec);
      if (d < bestD) {
        bestD = d;
        best = s;
      }
    }
    return best;
  }

  private uplinkRateBps(position: AgentPosition, server: ServerState): number {
    const a = this.scenario.agents;
    return shannonRateBps(
      a.uplinkBandwidthMHz * 1e6,
      a.uplinkPowerW,
      pathGain(distanceM(position, server.spec)),
    );
  }

  private downlinkRateBps(position: AgentPosition, server: ServerState): number {
    return shannonRateBps(
      server.spec.radioBandwidthMHz * 1e6,
      server.spec.downlinkPowerW,
      pathGain(distanceM(position, server.spec)),
    );
  }

  private accuracyOf(model: ModelSpec, tokens: number, ageS: number): number {
    const c = this.scenario.context;
    return accuracy(
      model.accuracy,
      effectiveExamples(tokens, model.contextWindowTokens, c.tokensPerExample, ageS, c.ageDecayS),
    );
  }

  /** The figures of serving `r` at `server` now (queueing excluded when `waitS` is 0). */
  private edgeService(r: LlmRequest, server: ServerState, waitS: number): Service {
    const model = this.models.get(r.modelId) as ModelSpec;
    const session = this.sessions.get(r.sessionId);
    const history = session?.historyTokens ?? 0;
    const stored = session?.contextServer === server.spec.id ? server.contexts.get(r.sessionId) : undefined;
    const resident = stored !== undefined;
    const ageS = session === undefined ? 0 : r.arrivalS - session.lastRoundS;
    const window = model.contextWindowTokens;
    // What the server does not hold is sent and prefilled again: the whole history when the
    // context is elsewhere or lost, the cut-off part when it was stored truncated for lack of memory.
    const resend = resident ? Math.max(0, Math.min(history, window) - stored.tokens) : history;
    const position = this.agentPosition(r.agentId);
    const bytesPerToken = this.scenario.context.bytesPerToken;
    const uplinkS = transmissionTimeS(
      (r.promptTokens + resend) * bytesPerToken,
      this.uplinkRateBps(position, server),
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
      this.modelWeights[r.modelId] as number,
      kvCacheBytes(model, contextTokensAfter),
      spec.memoryBandwidthGBps * 1e9,
    );
    const downlinkS = transmissionTimeS(
      r.outputTokens * bytesPerToken,
      this.downlinkRateBps(position, server),
    );
    const busyS = prefillS + decodeS;
    const latencyS = uplinkS + waitS + busyS + downlinkS;
    const ttftS = uplinkS + waitS + prefillS + decodeS / r.outputTokens + downlinkS / r.outputTokens;
    const energyJ =
      dynamicEnergyJ(spec.idlePowerW, spec.maxPowerW, busyS) +
      radioEnergyJ(this.scenario.agents.uplinkPowerW, uplinkS) +
      radioEnergyJ(spec.downlinkPowerW, downlinkS);
    return {
      latencyS,
      ttftS,
      energyJ,
      accuracy: this.accuracyOf(model, Math.min(history + r.promptTokens, window), ageS),
      cloudUsd: 0,
      busyS,
      uplinkS,
      contextTokensAfter,
      reprefill: resend > 0,
    };
  }

  private cloudService(r: LlmRequest): Service {
    const model = this.models.get(r.modelId) as ModelSpec;
    const session = this.sessions.get(r.sessionId);
    const history = session?.historyTokens ?? 0;
    const ageS = session === undefined ? 0 : r.arrivalS - session.lastRoundS;
    const cloud = this.scenario.cloud;
    const sent = Math.min(history, cloud.historyTokensCap);
    const position = this.agentPosition(r.agentId);
    const access = this.nearestServer(position);
    const bytesPerToken = this.scenario.context.bytesPerToken;
    const uplinkS = transmissionTimeS(
      (r.promptTokens + sent) * bytesPerToken,
      this.uplinkRateBps(position, access),
    );
    const downlinkS = transmissionTimeS(
      r.outputTokens * bytesPerToken,
      this.downlinkRateBps(position, access),
    );
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
        radioEnergyJ(this.scenario.agents.uplinkPowerW, uplinkS) +
        radioEnergyJ(access.spec.downlinkPowerW, downlinkS),
      accuracy: this.accuracyOf(model, Math.min(promptTokens, model.contextWindowTokens), ageS),
      cloudUsd: cloudPriceUsd(link, promptTokens, r.outputTokens),
      busyS: 0,
      uplinkS,
      contextTokensAfter: 0,
      reprefill: false,
    };
  }

  private costUsd(s: Service): number {
    return requestCostUsd(this.scenario.costWeights, s);
  }

  private observe(): Observation {
    const now = this.slot * this.scenario.slotS;
    const c = this.scenario.context;
    const servers: ServerView[] = this.servers.map((s) => {
      const perModel = new Map<string, { contexts: number; tokens: number; effective: number }>();
      for (const ctx of s.contexts.values()) {
        const model = this.models.get(ctx.modelId) as ModelSpec;
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
        models: this.scenario.models.map((m) => {
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
    });
    const requests: RequestView[] = this.current.map((r) => {
      const session = this.sessions.get(r.sessionId);
      const position = this.agentPosition(r.agentId);
      const edgeCostUsd: Record<string, number> = {};
      const edgeBusyS: Record<string, number> = {};
      for (const s of this.servers) {
        const loadS = s.cached.has(r.modelId)
          ? 0
          : modelLoadTimeS(this.modelWeights[r.modelId] as number, s.spec.loadBandwidthGBps * 1e9);
        const service = this.edgeService(r, s, loadS);
        edgeCostUsd[s.spec.id] = this.costUsd(service);
        edgeBusyS[s.spec.id] = service.busyS;
      }
      return {
        request: r,
        historyTokens: session?.historyTokens ?? 0,
        residentServer: session?.contextServer,
        nearestServer: this.nearestServer(position).spec.id,
        cloudCostUsd: this.costUsd(this.cloudService(r)),
        edgeCostUsd,
        edgeBusyS,
      };
    });
    return {
      slot: this.slot,
      slots: this.slots,
      timeS: now,
      slotS: this.scenario.slotS,
      modelIds: this.scenario.models.map((m) => m.id),
      modelWeightBytes: this.modelWeights,
      servers,
      requests,
      lastDemand: this.lastDemand,
    };
  }

  private dropContext(server: ServerState, sessionId: string): void {
    const ctx = server.contexts.get(sessionId);
    if (ctx === undefined) return;
    server.kvBytes -= ctx.kvBytes;
    server.contexts.delete(sessionId);
    const session = this.sessions.get(sessionId);
    if (session?.contextServer === server.spec.id) session.contextServer = undefined;
  }

  /** Evicts least-recently-used contexts (never `keep`) until `extraBytes` more fit. */
  private makeRoom(server: ServerState, extraBytes: number, keep?: string): void {
    for (const [sessionId] of server.contexts) {
      if (server.weightBytes + server.kvBytes + extraBytes <= server.memoryBytes) return;
      if (sessionId !== keep) this.dropContext(server, sessionId);
    }
  }

  private checkMemory(server: ServerState): void {
    // A tolerance of one byte absorbs floating-point sums of byte counts.
    if (server.weightBytes + server.kvBytes > server.memoryBytes + 1) {
      throw new InvariantError(
        'memory_exceeded',
        `${server.spec.id}: weights ${server.weightBytes} + KV ${server.kvBytes} > memory ${server.memoryBytes}`,
      );
    }
  }

  /** Applies the caching decision; returns the number of models loaded. */
  private applyCache(
    server: ServerState,
    wanted: readonly string[] | undefined,
    slotStartS: number,
  ): { loads: number; loadEnergyJ: number } {
    const keep: string[] = [];
    let bytes = 0;
    for (const id of wanted ?? [...server.cached]) {
      const w = this.modelWeights[id];
      if (w === undefined || keep.includes(id)) continue;
      if (bytes + w > server.memoryBytes) break;
      keep.push(id);
      bytes += w;
    }
    for (const id of [...server.cached]) {
      if (keep.includes(id)) continue;
      server.cached.delete(id);
      server.weightBytes -= this.modelWeights[id] as number;
      for (const [sessionId, ctx] of [...server.contexts])
        if (ctx.modelId === id) this.dropContext(server, sessionId);
    }
    let loads = 0;
    let loadEnergyJ = 0;
    let readyS = Math.max(server.busyUntilS, slotStartS);
    for (const id of keep) {
      if (server.cached.has(id)) continue;
      const w = this.modelWeights[id] as number;
      this.makeRoom(server, w);
      server.cached.add(id);
      server.weightBytes += w;
      (server.stats.get(id) as ModelStats).loadedAtS = slotStartS;
      const load = modelLoad(server.spec, w);
      readyS += load.loadS;
      loadEnergyJ += load.energyJ;
      loads++;
    }
    server.busyUntilS = readyS;
    this.checkMemory(server);
    return { loads, loadEnergyJ };
  }

  private serveAtEdge(r: LlmRequest, server: ServerState): Service {
    const estimate = this.edgeService(r, server, 0);
    const readyS = r.arrivalS + estimate.uplinkS;
    const waitS = Math.max(0, server.busyUntilS - readyS);
    const service = { ...estimate, latencyS: estimate.latencyS + waitS, ttftS: estimate.ttftS + waitS };
    server.busyUntilS = readyS + waitS + estimate.busyS;
    // The session's context now lives here, and only here.
    const session = this.sessions.get(r.sessionId) ?? {
      historyTokens: 0,
      lastRoundS: r.arrivalS,
      contextServer: undefined,
    };
    if (session.contextServer !== undefined && session.contextServer !== server.spec.id) {
      const other = this.servers.find((s) => s.spec.id === session.contextServer);
      if (other !== undefined) this.dropContext(other, r.sessionId);
    }
    this.dropContext(server, r.sessionId);
    const model = this.models.get(r.modelId) as ModelSpec;
    let tokens = estimate.contextTokensAfter;
    const perToken = kvCacheBytes(model, 1);
    this.makeRoom(server, tokens * perToken, r.sessionId);
    const free = server.memoryBytes - server.weightBytes - server.kvBytes;
    // A context larger than the free memory keeps its most recent tokens that fit.
    if (tokens * perToken > free) tokens = Math.max(0, Math.floor(free / perToken));
    if (tokens > 0) {
      server.contexts.set(r.sessionId, {
        sessionId: r.sessionId,
        modelId: r.modelId,
        tokens,
        kvBytes: tokens * perToken,
        lastUseS: r.arrivalS,
      });
      server.kvBytes += tokens * perToken;
      session.contextServer = server.spec.id;
    } else session.contextServer = undefined;
    session.historyTokens += r.promptTokens + r.outputTokens;
    session.lastRoundS = r.arrivalS;
    this.sessions.set(r.sessionId, session);
    const stats = server.stats.get(r.modelId) as ModelStats;
    stats.lastUsedS = r.arrivalS;
    stats.useCount++;
    this.checkMemory(server);
    return service;
  }

  private serveInCloud(r: LlmRequest): Service {
    const service = this.cloudService(r);
    const session = this.sessions.get(r.sessionId) ?? {
      historyTokens: 0,
      lastRoundS: r.arrivalS,
      contextServer: undefined,
    };
    // An edge context that misses this round is stale: it is dropped.
    if (session.contextServer !== undefined) {
      const other = this.servers.find((s) => s.spec.id === session.contextServer);
      if (other !== undefined) this.dropContext(other, r.sessionId);
    }
    session.historyTokens += r.promptTokens + r.outputTokens;
    session.lastRoundS = r.arrivalS;
    this.sessions.set(r.sessionId, session);
    return service;
  }

  /** Serves the current slot with `action` and advances to the next slot. */
  step(action: Action): StepResult {
    if (this.slot >= this.slots)
      throw new DoubleDutchError('episode_over', 'the episode has ended; call reset()');
    const slotStartS = this.slot * this.scenario.slotS;
    let switches = 0;
    let energyJ = 0;
    for (const server of this.servers) {
      const { loads, loadEnergyJ } = this.applyCache(server, action.cache[server.spec.id], slotStartS);
      switches += loads;
      energyJ += loadEnergyJ;
    }
    const served: ServedRequest[] = [];
    let cost = 0;
    let latency = 0;
    let ttft = 0;
    let acc = 0;
    let edge = 0;
    let misrouted = 0;
    let reprefills = 0;
    let cloudUsd = 0;
    const demand: Record<string, number> = Object.fromEntries(this.scenario.models.map((m) => [m.id, 0]));
    for (const r of this.current) {
      demand[r.modelId] = (demand[r.modelId] ?? 0) + 1;
      let target: Target = action.route[r.id] ?? 'cloud';
      const server = target === 'cloud' ? undefined : this.servers.find((s) => s.spec.id === target);
      let service: Service;
      if (server !== undefined && server.cached.has(r.modelId)) {
        service = this.serveAtEdge(r, server);
        edge++;
        if (service.reprefill) reprefills++;
      } else {
        if (target !== 'cloud') misrouted++;
        target = 'cloud';
        service = this.serveInCloud(r);
      }
      const requestCost = this.costUsd(service);
      served.push({
        requestId: r.id,
        target,
        latencyS: service.latencyS,
        ttftS: service.ttftS,
        energyJ: service.energyJ,
        accuracy: service.accuracy,
        costUsd: requestCost,
      });
      cost += requestCost;
      latency += service.latencyS;
      ttft += service.ttftS;
      acc += service.accuracy;
      energyJ += service.energyJ;
      cloudUsd += service.cloudUsd;
    }
    // The last slot may be cut short by the scenario's duration.
    const slotLengthS = Math.min(this.scenario.slotS, this.scenario.durationS - slotStartS);
    for (const server of this.servers) energyJ += idleEnergyJ(server.spec, slotLengthS);
    // Idle and loading energy are system costs too; request energy is already in the request costs.
    const requestEnergyJ = served.reduce((s, x) => s + x.energyJ, 0);
    cost += slotOverheadCostUsd(this.scenario.costWeights, energyJ - requestEnergyJ, switches);
    const n = this.current.length;
    const metrics: SlotMetrics = {
      slot: this.slot,
      requests: n,
      systemCost: cost,
      latencyS: n === 0 ? 0 : latency / n,
      ttftS: n === 0 ? 0 : ttft / n,
      energyJ,
      accuracy: n === 0 ? 0 : acc / n,
      switches,
      edgeRequests: edge,
      cloudRequests: n - edge,
      misrouted,
      reprefills,
      cloudChargesUsd: cloudUsd,
      memoryUse: Math.max(...this.servers.map((s) => (s.weightBytes + s.kvBytes) / s.memoryBytes)),
    };
    this.lastDemand = demand;
    const { width, height } = this.scenario.areaM;
    moveAgents(this.agents, this.scenario.slotS, this.scenario.agents.speedMps, width, height, this.rng);
    this.slot++;
    this.takeSlotRequests();
    const terminated = this.slot >= this.slots;
    const truncated = !terminated && this.slot >= this.maxSlots;
    return { observation: this.observe(), reward: -cost, terminated, truncated, info: { metrics, served } };
  }
}
