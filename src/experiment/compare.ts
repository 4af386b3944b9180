/**
 * Comparisons: policies × mechanisms × seeds on one scenario, the main job of the toolkit.
 */
import type { Scenario } from '../edge/scenario-schema.js';
import type { TraceRecord } from '../edge/workload/request.js';
import { readTrace } from '../edge/workload/traces.js';
import type { Market } from '../market/create-market.js';
import { getMechanism } from '../mechanism.js';
import { getPolicy } from '../policy.js';
import { betweenRuns, type SimulationResult, simulate } from './simulate.js';

/** The mechanism name that means "no market: the policy's routes stand". @category experiments */
export const NO_MARKET = 'none';

/**
 * One row of `summary.csv`: a run of one policy under one mechanism for one seed.
 *
 * @category experiments
 */
export interface SummaryRow {
  readonly policy: string;
  readonly mechanism: string;
  readonly seed: number;
  readonly system_cost: number;
  readonly latency_s: number;
  readonly ttft_s: number;
  readonly energy_j: number;
  readonly accuracy: number;
  readonly edge_share: number;
  readonly switches: number;
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly ir_violations: number;
  readonly clearing_ms: number;
  readonly run_ms: number;
  readonly requests: number;
}

/** The columns of `summary.csv`, in order. @category experiments */
export const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = [
  'policy',
  'mechanism',
  'seed',
  'system_cost',
  'latency_s',
  'ttft_s',
  'energy_j',
  'accuracy',
  'edge_share',
  'switches',
  'welfare',
  'surplus',
  'trades',
  'ir_violations',
  'clearing_ms',
  'run_ms',
  'requests',
];

/** Options of {@link compare}. @category experiments */
export interface CompareOptions {
  readonly scenario: Scenario;
  readonly policies: readonly string[];
  /** Mechanism names; `'none'` runs without a market. */
  readonly mechanisms: readonly string[];
  readonly seeds: readonly number[];
  /** Options passed to every mechanism's `clear` (e.g. a posted price, k, a tick). */
  readonly mechanismOptions?: Readonly<Record<string, unknown>>;
  /** Progress: called after each run. */
  readonly onRun?: (done: number, total: number, label: string) => void;
}

/** What {@link compare} returns. @category experiments */
export interface CompareResult {
  readonly rows: SummaryRow[];
  readonly runs: SimulationResult[];
  /** The largest market cleared by the double Dutch auction (or any mechanism), for charts. */
  readonly sampleMarket: { readonly market: Market; readonly label: string } | undefined;
}

/** The summary row of a run. @category experiments */
export function summaryRow(run: SimulationResult): SummaryRow {
  const m = run.metrics;
  return {
    policy: run.policy,
    mechanism: run.mechanism ?? NO_MARKET,
    seed: run.seed,
    system_cost: m.systemCost,
    latency_s: m.latencyS,
    ttft_s: m.ttftS,
    energy_j: m.energyJ,
    accuracy: m.accuracy,
    edge_share: m.edgeShare,
    switches: m.switches,
    welfare: m.welfare,
    surplus: m.surplus,
    trades: m.trades,
    ir_violations: m.irViolations,
    clearing_ms: m.clearingMs,
    run_ms: run.wallMs,
    requests: m.requests,
  };
}

/** Checks every name before any run starts, so a typo fails fast and writes nothing. */
export function checkNames(
  scenario: Scenario,
  policies: readonly string[],
  mechanisms: readonly string[],
): void {
  for (const p of policies) getPolicy(p, { scenario, seed: 0 });
  for (const m of mechanisms) if (m !== NO_MARKET) getMechanism(m);
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
  const records = scenarioRecords(scenario);
  const total = options.policies.length * options.mechanisms.length * options.seeds.length;
  const rows: SummaryRow[] = [];
  const runs: SimulationResult[] = [];
  let sample: { market: Market; label: string; size: number; isDda: boolean } | undefined;
  let done = 0;
  for (const policy of options.policies) {
    for (const mechanism of options.mechanisms) {
      for (const seed of options.seeds) {
        const isDda = mechanism === 'dda';
        const run = await simulate({
          scenario,
          policy,
          seed,
          ...(mechanism === NO_MARKET ? {} : { mechanism }),
          ...(options.mechanismOptions === undefined ? {} : { mechanismOptions: options.mechanismOptions }),
          ...(records === undefined ? {} : { records }),
          onMarket: (slot, modelId, market) => {
            const size = market.bidUnits + market.askUnits;
            if (
              sample === undefined ||
              (isDda && !sample.isDda) ||
              (isDda === sample.isDda && size > sample.size)
            ) {
              sample = { market, label: `${policy}, slot ${slot}, ${modelId}, seed ${seed}`, size, isDda };
            }
          },
        });
        runs.push(run);
        rows.push(summaryRow(run));
        options.onRun?.(++done, total, `${policy} × ${mechanism} × seed ${seed}`);
        await betweenRuns();
      }
    }
  }
  return {
    rows,
    runs,
    sampleMarket: sample === undefined ? undefined : { market: sample.market, label: sample.label },
  };
}
