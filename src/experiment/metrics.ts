/**
 * The one table of a run's metrics (issue 11 item 5). Each row says how a per-slot value
 * aggregates over a run, its `summary.csv` column, whether it exists only with a market, whether it
 * is a wall-clock measurement (kept out of the result files: issue 16 item 10), and how the report
 * shows it. Run metrics, summary rows, CSV columns and report tables are all derived from it, so
 * adding a metric is two edits: the per-slot value (the environment's `SlotMetrics` or the
 * market's `MarketSlotMetrics`) and one row here.
 */
import type { SlotMetrics } from '../edge/types.js';
import type { MarketSlotMetrics } from './slot-market.js';

/**
 * One slot of a run: the environment's metrics and the markets'.
 *
 * @category experiments
 */
export type SlotRecord = SlotMetrics & MarketSlotMetrics;

/**
 * How a metric is defined (a row of {@link METRICS}).
 *
 * @category experiments
 */
export interface MetricSpec {
  /** The field of `RunMetrics`. */
  readonly key: string;
  /** The numeric field of each slot record it aggregates. */
  readonly slot: { [K in keyof SlotRecord]: SlotRecord[K] extends number ? K : never }[keyof SlotRecord];
  /**
   * `sum` over slots; `mean` per request (slot means weighted by the slot's requests); `share` of
   * requests (the slot counts summed, over all requests).
   */
  readonly aggregate: 'sum' | 'mean' | 'share';
  /** Its column in `summary.csv` (or `timings.csv`). */
  readonly column: string;
  /** What it measures, with its unit. */
  readonly description: string;
  /** A count: printed without decimals. */
  readonly integer?: boolean;
  /** Exists only when a market clears (reports show `–` for runs without one). */
  readonly market?: boolean;
  /** Wall-clock time: differs between identical runs, so it is written to `timings.csv` only. */
  readonly timing?: boolean;
  /** Its column in the report's table of means, with the decimals shown; absent: not in that table. */
  readonly means?: { readonly title: string; readonly digits: number };
}

/**
 * Every metric of a run, in the order of `RunMetrics` and of the CSV columns.
 *
 * @category experiments
 */
export const METRICS = [
  {
    key: 'systemCost',
    slot: 'systemCost',
    aggregate: 'sum',
    column: 'system_cost',
    description: 'Σ slot system costs, USD',
    means: { title: 'system cost (USD)', digits: 2 },
  },
  {
    key: 'latencyS',
    slot: 'latencyS',
    aggregate: 'mean',
    column: 'latency_s',
    description: 'end-to-end latency, mean per request, seconds',
    means: { title: 'latency (s)', digits: 2 },
  },
  {
    key: 'ttftS',
    slot: 'ttftS',
    aggregate: 'mean',
    column: 'ttft_s',
    description: 'time to first token, mean per request, seconds',
  },
  { key: 'energyJ', slot: 'energyJ', aggregate: 'sum', column: 'energy_j', description: 'Σ energy, joules' },
  {
    key: 'accuracy',
    slot: 'accuracy',
    aggregate: 'mean',
    column: 'accuracy',
    description: 'answer accuracy, mean per request',
    means: { title: 'accuracy', digits: 3 },
  },
  {
    key: 'edgeShare',
    slot: 'edgeRequests',
    aggregate: 'share',
    column: 'edge_share',
    description: 'share of requests served at the edge',
    means: { title: 'edge share', digits: 3 },
  },
  {
    key: 'switches',
    slot: 'switches',
    aggregate: 'sum',
    column: 'switches',
    description: 'model loads',
    integer: true,
  },
  {
    key: 'welfare',
    slot: 'welfare',
    aggregate: 'sum',
    column: 'welfare',
    description: "social welfare of the slot markets (Σ winners' values − Σ sellers' costs), USD",
    market: true,
    means: { title: 'welfare (USD)', digits: 3 },
  },
  {
    key: 'surplus',
    slot: 'surplus',
    aggregate: 'sum',
    column: 'surplus',
    description: "the auctioneer's surplus (payments in − payments out), USD",
    market: true,
    means: { title: 'surplus (USD)', digits: 3 },
  },
  {
    key: 'trades',
    slot: 'trades',
    aggregate: 'sum',
    column: 'trades',
    description: 'requests served at the edge through the market',
    integer: true,
    market: true,
    means: { title: 'trades', digits: 0 },
  },
  {
    key: 'irViolations',
    slot: 'irViolations',
    aggregate: 'sum',
    column: 'ir_violations',
    description: 'markets whose outcome charged a buyer above its bid or paid a seller below its ask',
    integer: true,
    market: true,
    means: { title: 'IR violations', digits: 0 },
  },
  {
    key: 'clearingMs',
    slot: 'clearingMs',
    aggregate: 'sum',
    column: 'clearing_ms',
    description: 'wall-clock time spent making and clearing markets, ms',
    market: true,
    timing: true,
  },
  {
    key: 'requests',
    slot: 'requests',
    aggregate: 'sum',
    column: 'requests',
    description: 'requests served',
    integer: true,
  },
] as const satisfies readonly MetricSpec[];

type Metric = (typeof METRICS)[number];

/**
 * Aggregate metrics of a run: one number per row of {@link METRICS}, under its `key`.
 *
 * @category experiments
 */
export type RunMetrics = { readonly [M in Metric as M['key']]: number };

/**
 * Aggregates slot records into run metrics, as {@link METRICS} defines each.
 *
 * @category experiments
 */
export function aggregate(slots: readonly SlotRecord[]): RunMetrics {
  const requests = slots.reduce((s, x) => s + x.requests, 0);
  const metrics: Record<string, number> = {};
  for (const m of METRICS as readonly MetricSpec[]) {
    const total = slots.reduce((s, x) => s + x[m.slot] * (m.aggregate === 'mean' ? x.requests : 1), 0);
    metrics[m.key] = m.aggregate === 'sum' ? total : requests === 0 ? 0 : total / requests;
  }
  return metrics as RunMetrics;
}

/** The columns of `summary.csv` that identify a run. */
const RUN_COLUMNS = ['policy', 'mechanism', 'seed'] as const;

/**
 * One row of `summary.csv` (and of `timings.csv`): a run of one policy under one mechanism for one
 * seed, with a column per metric and `run_ms`, the run's wall-clock time.
 *
 * @category experiments
 */
export type SummaryRow = { readonly policy: string; readonly mechanism: string; readonly seed: number } & {
  readonly [M in Metric as M['column']]: number;
} & { readonly run_ms: number };

/**
 * The columns of `summary.csv`, in order: the run, then every metric that is not a timing. Two
 * runs with the same seed give the same file, byte for byte.
 *
 * @category experiments
 */
export const SUMMARY_COLUMNS: readonly (keyof SummaryRow)[] = [
  ...RUN_COLUMNS,
  ...METRICS.filter((m: MetricSpec) => m.timing !== true).map((m) => m.column),
];

/**
 * The columns of `timings.csv`: the run, then its wall-clock measurements (these differ between
 * identical runs, so they are kept out of the result files).
 *
 * @category experiments
 */
export const TIMING_COLUMNS: readonly (keyof SummaryRow)[] = [
  ...RUN_COLUMNS,
  ...METRICS.filter((m: MetricSpec) => m.timing === true).map((m) => m.column),
  'run_ms',
];

/** Run metrics without the wall-clock ones (for files that must be reproducible). */
export function withoutTimings<T extends object>(metrics: T): T {
  const out = { ...metrics } as Record<string, unknown>;
  for (const m of METRICS as readonly MetricSpec[]) if (m.timing === true) delete out[m.key];
  return out as T;
}

/** The row of a run for `summary.csv` and `timings.csv`. */
export function metricsRow(
  run: {
    readonly policy: string;
    readonly mechanism: string;
    readonly seed: number;
    readonly wallMs: number;
  },
  metrics: RunMetrics,
): SummaryRow {
  const row: Record<string, string | number> = {
    policy: run.policy,
    mechanism: run.mechanism,
    seed: run.seed,
  };
  for (const m of METRICS) row[m.column] = metrics[m.key];
  row.run_ms = run.wallMs;
  return row as SummaryRow;
}
