/**
 * `simulate`: one run of a scenario under a policy, with an optional market in the loop
 * (docs/experiments.md): model → policy → market → mechanism → outcome → environment. The
 * environment is the one the scenario selects (`environmentFor`); the loop is `runEpisode`'s.
 */
import type { Scenario } from '../edge/scenario-schema.js';
import type { TraceRecord } from '../edge/workload/request.js';
import { DoubleDutchError } from '../errors.js';
import type { Market } from '../market/create-market.js';
import { checkOptionNames, type Mechanism } from '../mechanism.js';
import { isPaperScenario } from '../paper/scenario.js';
import { type AnyPolicy, type AnyScenario, getPolicy, type Policy } from '../policy.js';
import { runEpisode } from '../run-episode.js';
import { checkSeed } from '../seed.js';
import { checkpoint } from './checkpoint.js';
import { environmentFor } from './environments.js';
import { aggregate, type RunMetrics, type SlotRecord } from './metrics.js';
import { type PaperSimulateOptions, type PaperSimulationResult, simulatePaper } from './simulate-paper.js';
import {
  type MarketSlotMetrics,
  marketOptions,
  NO_MARKET,
  NO_MARKET_METRICS,
  resolveMechanism,
} from './slot-market.js';

export { aggregate, type RunMetrics, type SlotRecord } from './metrics.js';

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
  /**
   * A registered mechanism name or a `Mechanism`: hold a market per model per slot. Absent, or
   * `'none'` (`NO_MARKET`), runs without a market.
   */
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
 * The result of {@link simulate}.
 *
 * @category experiments
 */
export interface SimulationResult {
  readonly policy: string;
  /** The mechanism's name, or `'none'` (`NO_MARKET`) for a run without a market. */
  readonly mechanism: string;
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
/** A run of the seed paper's model (`kind: 'paper'`), with its own metrics (src/experiment/simulate-paper.ts). */
export async function simulate(options: PaperSimulateOptions): Promise<PaperSimulationResult>;
/** A run of another environment's scenario (selected by its `kind`), under a policy of its types. */
export async function simulate(options: SimulateOptions): Promise<SimulationResult>;
export async function simulate(
  options: SimulateOptions | PaperSimulateOptions,
): Promise<SimulationResult | PaperSimulationResult> {
  // The seed paper's model (issue 12) reports its own cost terms, (21) and accuracy per task.
  if (isPaperScenario(options.scenario)) return simulatePaper(options as PaperSimulateOptions);
  return simulateEnvironment(options as SimulateOptions);
}

async function simulateEnvironment(options: SimulateOptions): Promise<SimulationResult> {
  const started = performance.now();
  // Refused rather than aliased: 1.5 and 2^32 would replay seed 1 (issue 16 item 8).
  const seed = checkSeed(options.seed ?? 0, 'seed');
  const { scenario } = options;
  const mechanism = resolveMechanism(options.mechanism);
  // A misspelled option is refused before the run, not ignored (or refused at the first market).
  if (mechanism !== undefined) checkOptionNames(mechanism, options.mechanismOptions);
  const policy =
    typeof options.policy === 'string' ? getPolicy(options.policy, { scenario, seed }) : options.policy;
  const slots: SlotRecord[] = [];
  let market: MarketSlotMetrics = NO_MARKET_METRICS;
  let slot = 0;
  try {
    await policy.prepare?.();
    const model = environmentFor(scenario, options.records === undefined ? {} : { records: options.records });
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
                marketOptions(mechanism, seed, at, options.mechanismOptions),
                onMarket === undefined ? undefined : (label, m) => onMarket(at, label, m),
              );
              market = cleared.metrics;
              return cleared.action;
            },
          }),
      onStep: (_observation, step) => {
        slots.push({ ...model.slotMetrics(step.info), ...market });
        market = NO_MARKET_METRICS;
        slot++;
        options.onSlot?.(slot, model.slots);
      },
    });
  } finally {
    // A policy made here from its name is this run's alone (its tensors too, when a run fails or is
    // interrupted); one passed in belongs to the caller.
    if (typeof options.policy === 'string') policy.dispose?.();
  }
  return {
    policy: policy.name,
    mechanism: mechanism?.name ?? NO_MARKET,
    seed,
    metrics: aggregate(slots),
    slots,
    wallMs: performance.now() - started,
  };
}
