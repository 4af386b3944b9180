/**
 * One run of the paper's model under a policy: what `simulate` does for a `kind: 'paper'`
 * scenario, with the paper's own metrics (its cost terms, (21), accuracy per task).
 */
import { getMechanism, type Mechanism } from '../mechanism.js';
import { PAPER_TASKS, type PaperTask } from '../paper/accuracy-tables.js';
import { PaperEnvironment, type PaperObservation, type PaperSlotMetrics } from '../paper/environment.js';
import type { PaperPolicy } from '../paper/policy.js';
import type { PaperAction } from '../paper/projection.js';
import type { PaperScenario } from '../paper/scenario-schema.js';
import { clearPathMarkets, type PathMarketSettings } from '../paper/slot-path-market.js';
import { getPolicy } from '../policy.js';
import { runEpisode } from '../run-episode.js';
import { checkSeed } from '../seed.js';
import { checkpoint } from './checkpoint.js';
import { type MarketSlotMetrics, NO_MARKET_METRICS } from './slot-market.js';

/**
 * Options of a run on the paper's model (`simulate` with a `kind: 'paper'` scenario).
 *
 * @category experiments
 */
export interface PaperSimulateOptions {
  readonly scenario: PaperScenario;
  /** A registered policy name that runs on the paper's model, or a `PaperPolicy`. */
  readonly policy: string | PaperPolicy;
  readonly seed?: number;
  /**
   * A registered mechanism name or a `Mechanism`: hold the reasoning-path market every slot
   * (src/paper/slot-path-market.ts); its outcome sets how many paths each edge-served request gets.
   */
  // biome-ignore lint/suspicious/noExplicitAny: any registered mechanism, whatever its options
  readonly mechanism?: string | Mechanism<any>;
  /** Options passed to the mechanism's `clear`. */
  readonly mechanismOptions?: Readonly<Record<string, unknown>>;
  /** How the path market's values and costs are set (defaults: docs/paper.md §7). */
  readonly pathMarket?: PathMarketSettings;
  /** Called after every slot (for progress). */
  readonly onSlot?: (slot: number, slots: number) => void;
  /** Stops the run between two slots (throwing the signal's reason) once aborted. */
  readonly signal?: AbortSignal;
}

/**
 * Aggregate metrics of a run on the paper's model, in the paper's cost units.
 *
 * @category experiments
 */
export interface PaperRunMetrics {
  /** Σ_t (Σ_n L^t_n + L^t_C) over the episode. */
  readonly systemCost: number;
  /** (21): the mean per slot, the paper's "average total cost". */
  readonly meanSlotCost: number;
  /** Σ_t of each cost term. */
  readonly switchingCost: number;
  readonly communicationCost: number;
  readonly computationCost: number;
  readonly accuracyCost: number;
  readonly cloudCost: number;
  /** Mean reasoning accuracy per request, overall and per task (NaN for a task without requests). */
  readonly accuracy: number;
  readonly taskAccuracy: Readonly<Record<PaperTask, number>>;
  /** Share of requests served at the edge. */
  readonly edgeShare: number;
  readonly switches: number;
  readonly evictions: number;
  readonly requests: number;
  readonly energyJ: number;
  /** Path-market totals (0 without a mechanism), in the paper's cost units; trades count extra paths. */
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly irViolations: number;
  readonly clearingMs: number;
  /** Extra paths per edge-served request (0 without a mechanism). */
  readonly extraPathsPerEdgeRequest: number;
}

/**
 * One slot of a run on the paper's model: the environment's metrics and the path market's (zeros
 * without a mechanism).
 *
 * @category experiments
 */
export type PaperSlotRecord = PaperSlotMetrics & MarketSlotMetrics;

/**
 * The result of a run on the paper's model.
 *
 * @category experiments
 */
export interface PaperSimulationResult {
  readonly kind: 'paper';
  readonly policy: string;
  readonly mechanism: string | undefined;
  readonly seed: number;
  readonly metrics: PaperRunMetrics;
  readonly slots: readonly PaperSlotRecord[];
  readonly wallMs: number;
}

/**
 * Aggregates the slots of a run on the paper's model.
 *
 * @category experiments
 */
export function aggregatePaper(
  slots: readonly (PaperSlotMetrics & Partial<MarketSlotMetrics>)[],
): PaperRunMetrics {
  const sum = (f: (x: PaperSlotMetrics & Partial<MarketSlotMetrics>) => number) =>
    slots.reduce((s, x) => s + f(x), 0);
  const requests = sum((x) => x.requests);
  const edgeRequests = sum((x) => x.edgeRequests);
  const systemCost = sum((x) => x.systemCost);
  const taskAccuracy = {} as Record<PaperTask, number>;
  let correct = 0;
  PAPER_TASKS.forEach((task, t) => {
    const n = sum((x) => x.taskRequests[t] as number);
    const c = sum((x) =>
      (x.taskRequests[t] as number) > 0 ? (x.taskAccuracy[t] as number) * (x.taskRequests[t] as number) : 0,
    );
    taskAccuracy[task] = n === 0 ? Number.NaN : c / n;
    correct += c;
  });
  return {
    systemCost,
    meanSlotCost: slots.length === 0 ? 0 : systemCost / slots.length,
    switchingCost: sum((x) => x.switchingCost),
    communicationCost: sum((x) => x.communicationCost),
    computationCost: sum((x) => x.computationCost),
    accuracyCost: sum((x) => x.accuracyCost),
    cloudCost: sum((x) => x.cloudCost),
    accuracy: requests === 0 ? Number.NaN : correct / requests,
    taskAccuracy,
    edgeShare: requests === 0 ? 0 : sum((x) => x.edgeRequests) / requests,
    switches: sum((x) => x.switches),
    evictions: sum((x) => x.evictions),
    requests,
    energyJ: sum((x) => x.energyJ),
    welfare: sum((x) => x.welfare ?? 0),
    surplus: sum((x) => x.surplus ?? 0),
    trades: sum((x) => x.trades ?? 0),
    irViolations: sum((x) => x.irViolations ?? 0),
    clearingMs: sum((x) => x.clearingMs ?? 0),
    extraPathsPerEdgeRequest: edgeRequests === 0 ? 0 : sum((x) => x.trades ?? 0) / edgeRequests,
  };
}

/**
 * Runs one episode of the paper's environment under a policy (the shared episode loop,
 * `runEpisode`; the policy's stream derives from the run's seed).
 *
 * @example
 * ```ts
 * const result = await simulatePaper({ scenario: paperScenario(), policy: 'lfu', seed: 1 });
 * result.metrics.meanSlotCost; // (21)
 * ```
 * @category experiments
 */
export async function simulatePaper(options: PaperSimulateOptions): Promise<PaperSimulationResult> {
  const started = performance.now();
  const seed = checkSeed(options.seed ?? 0, 'seed');
  const { scenario } = options;
  const policy =
    typeof options.policy === 'string'
      ? (getPolicy(options.policy, { scenario, seed }) as unknown as PaperPolicy)
      : options.policy;
  await policy.prepare?.();
  const environment = new PaperEnvironment(scenario);
  const mechanism =
    typeof options.mechanism === 'string' ? getMechanism(options.mechanism) : options.mechanism;
  const slots: PaperSlotRecord[] = [];
  let market: MarketSlotMetrics = NO_MARKET_METRICS;
  await runEpisode({
    environment,
    policy,
    scenario,
    seed,
    beforeSlot: () => checkpoint(options.signal),
    ...(mechanism === undefined
      ? {}
      : {
          // The reasoning-path market (issue 14): its outcome sets each entry's J for the step.
          market: (observation: PaperObservation, decision: { readonly action: PaperAction }) => {
            const slot = clearPathMarkets(
              environment.system,
              observation,
              decision.action,
              mechanism,
              options.mechanismOptions ?? {},
              options.pathMarket,
            );
            market = slot.metrics;
            return { ...decision.action, paths: slot.paths };
          },
        }),
    onStep: (_observation, step) => {
      slots.push({ ...step.info.metrics, ...market });
      market = NO_MARKET_METRICS;
      options.onSlot?.(slots.length, scenario.slots);
    },
  });
  // A policy made here from its name is this run's alone; one passed in belongs to the caller.
  if (typeof options.policy === 'string') policy.dispose?.();
  return {
    kind: 'paper',
    policy: policy.name,
    mechanism: mechanism?.name,
    seed,
    metrics: aggregatePaper(slots),
    slots,
    wallMs: performance.now() - started,
  };
}
