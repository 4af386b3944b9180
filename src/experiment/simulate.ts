/**
 * `simulate`: one run of a scenario under a policy, with an optional market in the loop
 * (docs/experiments.md): model → policy → market → mechanism → outcome → environment. The
 * environment is the one the scenario selects (`environmentFor`); the loop is `runEpisode`'s.
 */
import type { Scenario } from '../edge/scenario-schema.js';
import type { SlotMetrics } from '../edge/types.js';
import type { TraceRecord } from '../edge/workload/request.js';
import { DoubleDutchError } from '../errors.js';
import type { Market } from '../market/create-market.js';
import { getMechanism, type Mechanism } from '../mechanism.js';
import { type AnyPolicy, type AnyScenario, getPolicy, type Policy } from '../policy.js';
import { runEpisode } from '../run-episode.js';
import { checkpoint } from './checkpoint.js';
import { environmentFor } from './environments.js';
import type { MarketSlotMetrics } from './slot-market.js';

/**
 * Options of {@link simulate}.
 *
 * @category experiments
 */
export interface SimulateOptions {
  /** The physical model's scenario, or another environment's (selected by its `kind`). */
  readonly scenario: AnyScenario;
  /** A registered policy name or a `Policy` value (of the scenario's environment). */
  readonly policy: string | AnyPolicy;
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
export async function simulate(
  options: Omit<SimulateOptions, 'scenario' | 'policy'> & {
    readonly scenario: Scenario;
    readonly policy: string | Policy;
  },
): Promise<SimulationResult>;
/** A run of another environment's scenario (selected by its `kind`), under a policy of its types. */
export async function simulate(options: SimulateOptions): Promise<SimulationResult>;
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
  const model = environmentFor(scenario, options.records === undefined ? {} : { records: options.records });
  const slots: SlotRecord[] = [];
  let market: MarketSlotMetrics = NO_MARKET;
  let slot = 0;
  await runEpisode({
    environment: model.environment,
    policy,
    scenario,
    seed,
    // Lets a signal handler run, and an aborted run stop, between slots (issue 16 item 1).
    beforeSlot: () => checkpoint(options.signal),
    ...(model.futureRequests === undefined
      ? {}
      : { futureRequests: (observation: unknown) => model.futureRequests?.(observation) ?? [] }),
    ...(mechanism === undefined
      ? {}
      : {
          market: (observation: unknown, decision: { action: unknown; valuations?: unknown }) => {
            if (decision.valuations === undefined)
              throw new DoubleDutchError(
                'missing_valuations',
                `policy '${policy.name}' gave no valuations although the slot's markets are held (context.market)`,
                'policy',
              );
            const at = slot;
            const onMarket = options.onMarket;
            const cleared = model.holdMarkets(
              observation,
              decision.action,
              decision.valuations,
              mechanism,
              { seed: seed + at, ...(options.mechanismOptions ?? {}) },
              onMarket === undefined ? undefined : (label, m) => onMarket(at, label, m),
            );
            market = cleared.metrics;
            return cleared.action;
          },
        }),
    onStep: (_observation, step) => {
      slots.push({ ...model.slotMetrics(step.info), ...market });
      market = NO_MARKET;
      slot++;
      options.onSlot?.(slot, model.slots);
    },
  });
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

const NO_MARKET: MarketSlotMetrics = {
  welfare: 0,
  surplus: 0,
  trades: 0,
  irViolations: 0,
  clearingMs: 0,
  markets: 0,
};

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
