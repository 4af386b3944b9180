/**
 * The edge environment, in Gymnasium's contract (`src/environment.ts`): `reset({ seed })` →
 * `{ observation, info }`, `step(action)` → `{ observation, reward, terminated, truncated, info }`,
 * reward = −system cost of the slot in USD (`cost-model.ts`). One seeded random source per
 * environment; seeded runs are bit-for-bit reproducible. This file is the step itself; service
 * estimation (`service.ts`), serving (`serve.ts`), GPU memory (`memory.ts`) and the observation
 * (`observation.ts`) are modules of their own, and the equations are in docs/edge-model.md.
 */
import type { Environment, StepResult as EnvironmentStepResult, ResetResult } from '../environment.js';
import { DoubleDutchError } from '../errors.js';
import { createRng, type Rng } from '../random.js';
import { GIB, weightBytes } from './compute.js';
import { idleEnergyJ, requestCostUsd, slotOverheadCostUsd } from './cost-model.js';
import { applyCache } from './memory.js';
import { moveAgents, placeAgents } from './mobility.js';
import { buildObservation } from './observation.js';
import type { Scenario } from './scenario-schema.js';
import { serveAtEdge, serveInCloud } from './serve.js';
import type { Service } from './service.js';
import { type EpisodeState, emptyServer } from './state.js';
import type {
  Action,
  EdgeResetInfo,
  EdgeStepInfo,
  Observation,
  ServedRequest,
  SlotMetrics,
  Target,
} from './types.js';
import { generateWorkload } from './workload/generate.js';
import type { LlmRequest, TraceRecord } from './workload/request.js';

export { InvariantError } from './memory.js';

/** Step result of the edge environment, as in Gymnasium. @category edge */
export type StepResult = EnvironmentStepResult<Observation, EdgeStepInfo>;

/** Options of {@link EdgeEnvironment}. @category edge */
export interface EdgeEnvironmentOptions {
  /** A trace already parsed (shared by many runs of one scenario). */
  readonly records?: readonly TraceRecord[];
  /** Stop after this many slots with `truncated: true`. */
  readonly maxSlots?: number;
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
  private readonly modelWeights: Record<string, number>;
  private readonly records: readonly TraceRecord[] | undefined;
  private readonly maxSlots: number;
  private rng: Rng = createRng(0);
  private state: EpisodeState | undefined;
  private requests: LlmRequest[] = [];
  private cursor = 0;
  private slot = 0;
  private current: LlmRequest[] = [];
  private lastDemand: Record<string, number> = {};

  constructor(scenario: Scenario, options: EdgeEnvironmentOptions = {}) {
    this.scenario = scenario;
    this.slots = Math.ceil(scenario.durationS / scenario.slotS);
    this.modelWeights = Object.fromEntries(scenario.models.map((m) => [m.id, weightBytes(m)]));
    this.records = options.records;
    this.maxSlots = options.maxSlots ?? Number.POSITIVE_INFINITY;
  }

  /** Starts an episode: generates the workload and places the agents from `seed`. */
  reset(options: { readonly seed?: number } = {}): ResetResult<Observation, EdgeResetInfo> {
    const scenario = this.scenario;
    // The environment's stream is the run's generator itself: the workload is its first fork,
    // the agents' placement and movement draw from it after (src/random.ts, RUN_STREAMS).
    this.rng = createRng(options.seed ?? 0);
    const workloadRng = this.rng.fork();
    this.requests = generateWorkload(scenario, workloadRng, this.records);
    this.cursor = 0;
    this.slot = 0;
    this.lastDemand = Object.fromEntries(scenario.models.map((m) => [m.id, 0]));
    const { width, height } = scenario.areaM;
    this.state = {
      scenario,
      models: new Map(scenario.models.map((m) => [m.id, m])),
      modelWeights: this.modelWeights,
      servers: scenario.servers.map((spec) => emptyServer(spec, scenario.models, spec.gpuMemoryGiB * GIB)),
      sessions: new Map(),
      agents: placeAgents(scenario.agents.count, width, height, this.rng),
    };
    this.takeSlotRequests();
    return { observation: this.observe(this.state), info: { requests: this.requests.length } };
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

  private observe(state: EpisodeState): Observation {
    return buildObservation(state, {
      slot: this.slot,
      slots: this.slots,
      requests: this.current,
      lastDemand: this.lastDemand,
    });
  }

  /** Serves the current slot with `action` and advances to the next slot. */
  step(action: Action): StepResult {
    const state = this.state;
    if (state === undefined || this.slot >= this.slots)
      throw new DoubleDutchError('episode_over', 'the episode has ended; call reset()');
    const slotStartS = this.slot * this.scenario.slotS;
    let switches = 0;
    let energyJ = 0;
    for (const server of state.servers) {
      const { loads, loadEnergyJ } = applyCache(
        state.sessions,
        server,
        state.modelWeights,
        action.cache[server.spec.id],
        slotStartS,
      );
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
      const server = target === 'cloud' ? undefined : state.servers.find((s) => s.spec.id === target);
      let service: Service;
      if (server !== undefined && server.cached.has(r.modelId)) {
        service = serveAtEdge(state, r, server);
        edge++;
        if (service.reprefill) reprefills++;
      } else {
        if (target !== 'cloud') misrouted++;
        target = 'cloud';
        service = serveInCloud(state, r);
      }
      const requestCost = requestCostUsd(this.scenario.costWeights, service);
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
    for (const server of state.servers) energyJ += idleEnergyJ(server.spec, slotLengthS);
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
      memoryUse: Math.max(...state.servers.map((s) => (s.weightBytes + s.kvBytes) / s.memoryBytes)),
    };
    this.lastDemand = demand;
    const { width, height } = this.scenario.areaM;
    moveAgents(state.agents, this.scenario.slotS, this.scenario.agents.speedMps, width, height, this.rng);
    this.slot++;
    this.takeSlotRequests();
    const terminated = this.slot >= this.slots;
    const truncated = !terminated && this.slot >= this.maxSlots;
    return {
      observation: this.observe(state),
      reward: -cost,
      terminated,
      truncated,
      info: { metrics, served },
    };
  }
}
