/**
 * `simulate`: one run of a scenario under a policy, with an optional market in the loop
 * (docs/experiments.md): model → policy → market → mechanism → outcome → environment.
 */
import { EdgeEnvironment } from '../edge/env.js';
import type { Scenario } from '../edge/scenario-schema.js';
import type { Action, SlotMetrics } from '../edge/types.js';
import type { TraceRecord } from '../edge/workload/request.js';
import type { Market } from '../market/create-market.js';
import { getMechanism, type Mechanism } from '../mechanism.js';
import { getPolicy, type Policy, type PolicyContext } from '../policy.js';
import { createRng } from '../random.js';
import { checkpoint } from './checkpoint.js';
import { clearSlotMarkets, type MarketSlotMetrics } from './slot-market.js';

/**
 * Options of {@link simulate}.
 *
 * @category experiments
 */
export interface SimulateOptions {
  readonly scenario: Scenario;
  /** A registered policy name or a `Policy` value. */
  readonly policy: string | Policy;
  readonly seed?: number;
  /** A registered mechanism name or a `Mechanism`: hold a market per model per slot. */
  readonly mechanism?: string | Mechanism;
  /** Options passed to the mechanism's `clear`. */
  readonly mechanismOptions?: Readonly<Record<string, unknown>>;
  /** A trace already parsed, shared by runs of one scenario. */
  readonly records?: readonly TraceRecord[];
  /** Called after every slot (for progress). */
  readonly onSlot?: (slot: number, slots: number) => void;
  /** Called with every market cleared (for charts of one market). */
  readonly onMarket?: (slot: number, modelId: string, market: Market) => void;
  /** Stops the run between two slots (throwing the signal's reason) once aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Aggregate metrics of a run.
 *
 * @category experiments
 */
export interface RunMetrics {
  /** Σ slot system costs, USD. */
  readonly systemCost: number;
  /** Mean per request, seconds. */
  readonly latencyS: number;
  readonly ttftS: number;
  /** Σ energy, joules. */
  readonly energyJ: number;
  /** Mean per request. */
  readonly accuracy: number;
  /** Share of requests served at the edge. */
  readonly edgeShare: number;
  readonly switches: number;
  /** Market totals (0 without a mechanism), USD. */
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly irViolations: number;
  readonly clearingMs: number;
  readonly requests: number;
}

/**
 * One slot of a run: the environment's metrics and the markets'.
 *
 * @category experiments
 */
export type SlotRecord = SlotMetrics & MarketSlotMetrics;

/**
 * The result of {@link simulate}.
 *
 * @category experiments
 */
export interface SimulationResult {
  readonly policy: string;
  readonly mechanism: string | undefined;
  readonly seed: number;
  readonly metrics: RunMetrics;
  readonly slots: readonly SlotRecord[];
  /** Wall-clock time of the run, and the part spent clearing markets. */
  readonly wallMs: number;
}

/**
 * Runs a scenario under a policy for one seed, optionally with a market per model per slot whose
 * winners are served at the edge at the mechanism's prices and whose losers go to the cloud.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'lru', mechanism: 'dda', seed: 1 });
 * result.metrics; // { systemCost, latencyS, energyJ, accuracy, edgeShare, switches, welfare, surplus, trades, ... }
 * result.slots;   // the same per slot
 * ```
 * @category experiments
 */
export async function simulate(options: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  const seed = options.seed ?? 0;
  const { scenario } = options;
  const policy =
    typeof options.policy === 'string' ? getPolicy(options.policy, { scenario, seed }) : options.policy;
  const mechanism =
    options.mechanism === undefined
      ? undefined
      : typeof options.mechanism === 'string'
        ? getMechanism(options.mechanism)
        : options.mechanism;
  await policy.prepare?.();
  const env = new EdgeEnvironment(
    scenario,
    options.records === undefined ? {} : { records: options.records },
  );
  let { observation } = env.reset({ seed });
  const workload = env.workload();
  const rng = createRng(seed ^ 0x5bd1e995);
  const slots: SlotRecord[] = [];
  for (;;) {
    // Lets a signal handler run, and an aborted run stop, between slots (issue 16 item 1).
    await checkpoint(options.signal);
    let context: PolicyContext = { scenario, rng };
    if (policy.needsFuture === true) {
      // The workload does not depend on actions, so the next slot's requests are known to an oracle.
      const from = (observation.slot + 1) * scenario.slotS;
      const to = from + scenario.slotS;
      context = {
        scenario,
        rng,
        futureRequests: workload.filter((r) => r.arrivalS >= from && r.arrivalS < to),
      };
    }
    let action: Action = policy.act(observation, context);
    let market: MarketSlotMetrics = {
      welfare: 0,
      surplus: 0,
      trades: 0,
      irViolations: 0,
      clearingMs: 0,
      markets: 0,
    };
    if (mechanism !== undefined) {
      const slot = observation.slot;
      const cleared = clearSlotMarkets(
        observation,
        action,
        policy.valuations(observation, context),
        mechanism,
        { seed: seed + slot, ...(options.mechanismOptions ?? {}) },
        options.onMarket === undefined
          ? undefined
          : (modelId, market) => options.onMarket?.(slot, modelId, market),
      );
      action = cleared.action;
      market = cleared.metrics;
    }
    const step = env.step(action);
    policy.observe?.({
      observation,
      action,
      reward: step.reward,
      nextObservation: step.observation,
      terminated: step.terminated,
      metrics: step.info.metrics,
      served: step.info.served,
    });
    slots.push({ ...step.info.metrics, ...market });
    options.onSlot?.(observation.slot + 1, observation.slots);
    observation = step.observation;
    if (step.terminated || step.truncated) break;
  }
  // A policy made here from its name is this run's alone; one passed in belongs to the caller.
  if (typeof options.policy === 'string') policy.dispose?.();
  return {
    policy: policy.name,
    mechanism: mechanism?.name,
    seed,
    metrics: aggregate(slots),
    slots,
    wallMs: performance.now() - started,
  };
}

/** Aggregates slot records into run metrics (means weighted by requests). */
export function aggregate(slots: readonly SlotRecord[]): RunMetrics {
  const requests = slots.reduce((s, x) => s + x.requests, 0);
  const weighted = (f: (x: SlotRecord) => number) =>
    requests === 0 ? 0 : slots.reduce((s, x) => s + f(x) * x.requests, 0) / requests;
  const sum = (f: (x: SlotRecord) => number) => slots.reduce((s, x) => s + f(x), 0);
  return {
    systemCost: sum((x) => x.systemCost),
    latencyS: weighted((x) => x.latencyS),
    ttftS: weighted((x) => x.ttftS),
    energyJ: sum((x) => x.energyJ),
    accuracy: weighted((x) => x.accuracy),
    edgeShare: requests === 0 ? 0 : sum((x) => x.edgeRequests) / requests,
    switches: sum((x) => x.switches),
    welfare: sum((x) => x.welfare),
    surplus: sum((x) => x.surplus),
    trades: sum((x) => x.trades),
    irViolations: sum((x) => x.irViolations),
    clearingMs: sum((x) => x.clearingMs),
    requests,
  };
}

/**
 * Resolves on the next turn of the event loop. A run is synchronous work: loops of runs (a
 * comparison, training episodes) await this between them so that timers and signal handlers
 * (Ctrl-C) get their turn.
 *
 * @category experiments
 */
export function betweenRuns(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
