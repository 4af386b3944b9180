/**
 * Comparisons: policies × mechanisms × seeds on one scenario, the main job of the toolkit.
 */
import type { Scenario } from '../edge/scenario-schema.js';
import type { TraceRecord } from '../edge/workload/request.js';
import { readTrace } from '../edge/workload/traces.js';
import { nextTurn } from '../event-loop.js';
import type { Market } from '../market/create-market.js';
import { checkSharedOptionNames, type Mechanism, optionsFor } from '../mechanism.js';
import { getPolicy } from '../policy.js';
import { checkSeed } from '../seed.js';
import { metricsRow, type SummaryRow } from './metrics.js';
import { type SimulationResult, simulate } from './simulate.js';
import { marketOptions, resolveMechanism } from './slot-market.js';

export { SUMMARY_COLUMNS, type SummaryRow, TIMING_COLUMNS } from './metrics.js';
export { NO_MARKET } from './slot-market.js';

/** Options of {@link compare}. @category experiments */
export interface CompareOptions {
  readonly scenario: Scenario;
  readonly policies: readonly string[];
  /** Mechanism names; `'none'` runs without a market. */
  readonly mechanisms: readonly string[];
  readonly seeds: readonly number[];
  /**
   * Options for the mechanisms' `clear` (e.g. a posted price, k, a tick): each mechanism gets the
   * names it declares (see `Mechanism.options`; all of them if it declares none), and a name no
   * mechanism takes is refused.
   */
  readonly mechanismOptions?: Readonly<Record<string, unknown>>;
  /** Progress: called after each run. */
  readonly onRun?: (done: number, total: number, label: string) => void;
}

/**
 * One market of a comparison, kept for the report's charts (supply and demand; the clocks of a
 * mechanism that has them), with the mechanism and options it was cleared with.
 *
 * @category experiments
 */
export interface SampleMarket {
  readonly market: Market;
  readonly label: string;
  readonly mechanism: Mechanism;
  readonly options: Readonly<Record<string, unknown>>;
}

/** What {@link compare} returns. @category experiments */
export interface CompareResult {
  readonly rows: SummaryRow[];
  readonly runs: SimulationResult[];
  /** The largest market cleared by a clock auction (a mechanism with `clockTrace`), else by any mechanism. */
  readonly sampleMarket: SampleMarket | undefined;
}

/** The summary row of a run (its timings included; `SUMMARY_COLUMNS` leaves them out). @category experiments */
export function summaryRow(run: SimulationResult): SummaryRow {
  return metricsRow(run, run.metrics);
}

/** Checks every name before any run starts, so a typo fails fast and writes nothing. */
export function checkNames(
  scenario: Scenario,
  policies: readonly string[],
  mechanisms: readonly string[],
): void {
  for (const p of policies) getPolicy(p, { scenario, seed: 0 });
  for (const m of mechanisms) resolveMechanism(m);
}

/** The parsed trace of a trace-driven scenario, read once for all its runs. */
export function scenarioRecords(scenario: Scenario): readonly TraceRecord[] | undefined {
  const w = scenario.workload;
  return w.kind === 'trace' ? readTrace(w.format, w.source) : undefined;
}

/**
 * Runs every policy under every mechanism for every seed.
 *
 * @example
 * ```ts
 * const { rows } = await compare({ scenario: defaultScenario(), policies: ['lru', 'lfu'], mechanisms: ['none', 'dda'], seeds: [1, 2] });
 * ```
 * @category experiments
 */
export async function compare(options: CompareOptions): Promise<CompareResult> {
  const { scenario } = options;
  checkNames(scenario, options.policies, options.mechanisms);
  // Before any run, so that a bad seed late in the list does not fail the job after hours of runs.
  for (const seed of options.seeds) checkSeed(seed, 'seeds');
  const resolved = options.mechanisms.map(resolveMechanism).filter((m) => m !== undefined);
  // One set of options for every mechanism: each gets the names it takes, and a name none takes
  // (a misspelling) is refused before any run.
  if (options.mechanismOptions !== undefined) checkSharedOptionNames(resolved, options.mechanismOptions);
  const records = scenarioRecords(scenario);
  const total = options.policies.length * options.mechanisms.length * options.seeds.length;
  const rows: SummaryRow[] = [];
  const runs: SimulationResult[] = [];
  let sample: (SampleMarket & { size: number; clocks: boolean }) | undefined;
  let done = 0;
  for (const policy of options.policies) {
    for (const name of options.mechanisms) {
      const mechanism = resolveMechanism(name);
      const clocks = mechanism?.clockTrace !== undefined;
      const mechanismOptions =
        mechanism === undefined || options.mechanismOptions === undefined
          ? undefined
          : optionsFor(mechanism, options.mechanismOptions);
      for (const seed of options.seeds) {
        const run = await simulate({
          scenario,
          policy,
          seed,
          ...(mechanism === undefined ? {} : { mechanism }),
          ...(mechanismOptions === undefined ? {} : { mechanismOptions }),
          ...(records === undefined ? {} : { records }),
          onMarket: (slot, modelId, market) => {
            if (mechanism === undefined) return;
            const size = market.bidUnits + market.askUnits;
            if (
              sample === undefined ||
              (clocks && !sample.clocks) ||
              (clocks === sample.clocks && size > sample.size)
            ) {
              sample = {
                market,
                label: `${policy}, ${mechanism.name}, slot ${slot}, ${modelId}, seed ${seed}`,
                mechanism,
                options: marketOptions(mechanism, seed, slot, mechanismOptions),
                size,
                clocks,
              };
            }
          },
        });
        runs.push(run);
        rows.push(summaryRow(run));
        options.onRun?.(++done, total, `${policy} × ${name} × seed ${seed}`);
        await nextTurn();
      }
    }
  }
  return {
    rows,
    runs,
    sampleMarket:
      sample === undefined
        ? undefined
        : {
            market: sample.market,
            label: sample.label,
            mechanism: sample.mechanism,
            options: sample.options,
          },
  };
}
