/**
 * The files of a comparison: `summary.csv`, `runs.jsonl`, SVG charts, and one self-contained HTML
 * report showing them with the tables; wall-clock timings go to `timings.csv` alone, so that the
 * other files of a seeded run are the same bytes on every run (issue 16 item 10). Produced in
 * memory first and written all or nothing. Every table column comes from the metrics table
 * (`metrics.ts`).
 */
import { ddaClockChart } from '../charts/dda-clock-chart.js';
import {
  type PolicyMechanismCell,
  policyMechanismHeatmapSpec,
  relativeCostChartSpec,
  supplyDemandChartSpec,
  systemCostChartSpec,
  welfareSurplusChartSpec,
} from '../charts/experiment-charts.js';
import { renderVegaLiteSvg } from '../charts/render.js';
import type { CompareResult } from './compare.js';
import { toCsv } from './csv.js';
import { type ReportChart, renderHtmlReport } from './html-report.js';
import {
  METRICS,
  type MetricSpec,
  SUMMARY_COLUMNS,
  type SummaryRow,
  TIMING_COLUMNS,
  withoutTimings,
} from './metrics.js';
import type { SimulationResult } from './simulate.js';
import { NO_MARKET } from './slot-market.js';

/** A row of a report: a run's summary, and the sweep parameters it ran with (merged sweeps). */
export type ReportRow = SummaryRow & { readonly parameters?: Readonly<Record<string, unknown>> };

/** What {@link reportFiles} reports: a comparison's rows and runs (a merged sweep's rows carry parameters). */
export type ReportInput = Omit<CompareResult, 'rows' | 'runs'> & {
  readonly rows: readonly ReportRow[];
  readonly runs: readonly Pick<SimulationResult, 'policy' | 'mechanism' | 'seed' | 'metrics' | 'slots'>[];
};

const MARKET_KEYS = new Set(
  (METRICS as readonly MetricSpec[]).filter((m) => m.market === true).map((m) => m.column),
);
const INTEGER_KEYS = new Set<string>([
  'seed',
  ...(METRICS as readonly MetricSpec[]).filter((m) => m.integer === true).map((m) => m.column),
]);

/** Mean of a column over rows. */
function mean(rows: readonly SummaryRow[], key: keyof SummaryRow): number {
  return rows.length === 0 ? 0 : rows.reduce((s, r) => s + Number(r[key]), 0) / rows.length;
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '';
}

/** A number for a table: integers as integers, others to 4 significant digits (no exponent below 10^6). */
function formatCell(x: number, integer: boolean): string {
  if (!Number.isFinite(x)) return '';
  if (integer || Number.isInteger(x) || Math.abs(x) >= 1e4) return Math.round(x).toString();
  return Number(x.toPrecision(4)).toString();
}

/** The text of a sweep's parameter value (as it is written in the grid). */
function parameterText(value: unknown): string {
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** One line per run: its identity, metrics and per-slot records, without wall-clock timings. */
export function runsJsonl(runs: ReportInput['runs']): string {
  return (
    runs
      .map((r) =>
        JSON.stringify({
          policy: r.policy,
          mechanism: r.mechanism,
          seed: r.seed,
          metrics: withoutTimings(r.metrics),
          slots: r.slots.map((s) => withoutTimings(s)),
        }),
      )
      .join('\n') + '\n'
  );
}

/** A group of runs: one parameter setting, policy and mechanism, over seeds. */
interface Group {
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly policy: string;
  readonly mechanism: string;
  readonly rows: ReportRow[];
}

/** Runs grouped by (parameters, policy, mechanism), in first-seen order: the means are over seeds only. */
export function meansByPair(rows: readonly ReportRow[]): Group[] {
  const groups = new Map<string, Group>();
  for (const r of rows) {
    const parameters = r.parameters ?? {};
    const key = JSON.stringify([parameters, r.policy, r.mechanism]);
    const g = groups.get(key) ?? { parameters, policy: r.policy, mechanism: r.mechanism, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The parameter paths the rows vary (a merged sweep's), in first-seen order. */
function parameterNames(rows: readonly ReportRow[]): string[] {
  return [...new Set(rows.flatMap((r) => Object.keys(r.parameters ?? {})))];
}

/** The group's policy with its parameter setting, as charts label it. */
function policyLabel(g: Group, names: readonly string[]): string {
  return names.length === 0
    ? g.policy
    : `${g.policy} (${names.map((n) => `${n}=${parameterText(g.parameters[n])}`).join(', ')})`;
}

/** Mean system cost relative to the same policy and parameters without a market, in percent. */
function costChanges(groups: readonly Group[]): Map<Group, number> {
  const baseline = new Map<string, number>();
  for (const g of groups)
    if (g.mechanism === NO_MARKET)
      baseline.set(JSON.stringify([g.parameters, g.policy]), mean(g.rows, 'system_cost'));
  const changes = new Map<Group, number>();
  for (const g of groups) {
    const base = baseline.get(JSON.stringify([g.parameters, g.policy]));
    if (base !== undefined && base !== 0) changes.set(g, (100 * (mean(g.rows, 'system_cost') - base)) / base);
  }
  return changes;
}

/**
 * The table of means over seeds, one row per (parameter setting,) policy and mechanism, as rows of
 * strings (also printed by the CLI). Market columns show `–` for runs without a market; `cost vs
 * none` is the change in system cost against the same policy without a market.
 */
export function meansTable(rows: readonly ReportRow[]): { columns: string[]; rows: string[][] } {
  const names = parameterNames(rows);
  const shown = (METRICS as readonly MetricSpec[]).filter((m) => m.means !== undefined);
  const groups = meansByPair(rows);
  const changes = costChanges(groups);
  const withChange = changes.size > 0;
  const columns = [
    ...names,
    'policy',
    'mechanism',
    'seeds',
    ...shown.map((m) => m.means?.title as string),
    ...(withChange ? ['cost vs none'] : []),
  ];
  return {
    columns,
    rows: groups.map((g) => {
      const change = changes.get(g);
      return [
        ...names.map((n) => (n in g.parameters ? parameterText(g.parameters[n]) : '–')),
        g.policy,
        g.mechanism,
        String(g.rows.length),
        ...shown.map((m) =>
          m.market === true && g.mechanism === NO_MARKET
            ? '–'
            : fmt(mean(g.rows, m.column as keyof SummaryRow), m.means?.digits),
        ),
        ...(withChange
          ? [
              change === undefined || g.mechanism === NO_MARKET
                ? '–'
                : `${change >= 0 ? '+' : ''}${change.toFixed(2)}%`,
            ]
          : []),
      ];
    }),
  };
}

/** The table of every run: integers as integers, `–` where a run had no market. */
function runsTable(rows: readonly ReportRow[]): { columns: string[]; rows: string[][] } {
  const names = parameterNames(rows);
  return {
    columns: [...names, ...SUMMARY_COLUMNS.map((c) => c.replace(/_/g, ' '))],
    rows: rows.map((r) => [
      ...names.map((n) =>
        r.parameters !== undefined && n in r.parameters ? parameterText(r.parameters[n]) : '–',
      ),
      ...SUMMARY_COLUMNS.map((c) => {
        const v = r[c];
        if (typeof v !== 'number') return String(v);
        if (MARKET_KEYS.has(c) && r.mechanism === NO_MARKET) return '–';
        return formatCell(v, INTEGER_KEYS.has(c));
      }),
    ]),
  };
}

/** `timings.csv`: the wall-clock measurements of each run (with a sweep's parameters). */
function timingsCsv(rows: readonly ReportRow[]): string {
  const names = parameterNames(rows);
  return toCsv(
    [...names, ...TIMING_COLUMNS],
    rows.map((r) => ({
      ...Object.fromEntries(
        names.map((n) => [n, r.parameters === undefined ? '' : parameterText(r.parameters[n])]),
      ),
      ...r,
    })) as unknown as Record<string, string | number>[],
  );
}

/** The charts of the runs: costs (absolute, relative, heatmap) and, with a market, welfare. */
async function comparisonCharts(rows: readonly ReportRow[]): Promise<(ReportChart & { file: string })[]> {
  const names = parameterNames(rows);
  const groups = meansByPair(rows);
  const label = (r: ReportRow) =>
    names.length === 0
      ? r.policy
      : policyLabel(
          { parameters: r.parameters ?? {}, policy: r.policy, mechanism: r.mechanism, rows: [] },
          names,
        );
  const labelled = rows.map((r) => ({ ...r, policy: label(r) }));
  const charts: (ReportChart & { file: string })[] = [
    {
      file: 'charts/system-cost.svg',
      title: 'System cost by policy',
      svg: await renderVegaLiteSvg(systemCostChartSpec(labelled, { baseline: NO_MARKET })),
    },
  ];
  const changes = costChanges(groups);
  const changeCells: PolicyMechanismCell[] = groups
    .filter((g) => g.mechanism !== NO_MARKET && changes.has(g))
    .map((g) => {
      const value = changes.get(g) as number;
      return {
        policy: policyLabel(g, names),
        mechanism: g.mechanism,
        value,
        text: `${value >= 0 ? '+' : ''}${value.toFixed(1)}%`,
      };
    });
  if (changeCells.length > 0) {
    charts.push(
      {
        file: 'charts/cost-vs-no-market.svg',
        title: "System cost relative to each policy's run without a market",
        svg: await renderVegaLiteSvg(relativeCostChartSpec(changeCells, { baseline: NO_MARKET })),
      },
      {
        file: 'charts/cost-heatmap.svg',
        title: 'Change in system cost, policy × mechanism',
        svg: await renderVegaLiteSvg(
          policyMechanismHeatmapSpec(changeCells, {
            title: "Change in system cost against the policy's run without a market (%; blue saves)",
            legend: '%',
            diverging: true,
          }),
        ),
      },
    );
  }
  // Welfare per policy, leaving out the policies whose markets never traded (cloud-only): their
  // zeros would only pull a mean down.
  const market = groups.filter((g) => g.mechanism !== NO_MARKET);
  const trading = new Set(market.filter((g) => mean(g.rows, 'trades') > 0).map((g) => policyLabel(g, names)));
  const welfareCells: PolicyMechanismCell[] = market
    .filter((g) => trading.has(policyLabel(g, names)))
    .map((g) => {
      const value = mean(g.rows, 'welfare');
      return { policy: policyLabel(g, names), mechanism: g.mechanism, value, text: value.toFixed(2) };
    });
  if (welfareCells.length > 0) {
    charts.push(
      {
        file: 'charts/welfare-surplus.svg',
        title: 'Welfare and surplus by mechanism, per policy',
        svg: await renderVegaLiteSvg(
          welfareSurplusChartSpec(
            labelled.filter((r) => trading.has(r.policy)),
            { baseline: NO_MARKET },
          ),
        ),
      },
      {
        file: 'charts/welfare-heatmap.svg',
        title: 'Social welfare, policy × mechanism',
        svg: await renderVegaLiteSvg(
          policyMechanismHeatmapSpec(welfareCells, {
            title: 'Social welfare of the slot markets (USD; mean over seeds; policies that trade)',
            legend: 'USD',
          }),
        ),
      },
    );
  }
  return charts;
}

/**
 * Every output file of a comparison, by relative path. `timings.csv` holds the wall-clock times;
 * every other file is the same for the same runs, byte for byte.
 *
 * @category experiments
 */
export async function reportFiles(
  result: ReportInput,
  meta: readonly string[],
): Promise<Record<string, string>> {
  const charts = await comparisonCharts(result.rows);
  if (result.sampleMarket !== undefined) {
    const { market, label, mechanism, options } = result.sampleMarket;
    charts.push({
      file: 'charts/supply-demand.svg',
      title: 'Supply and demand of one market',
      caption: label,
      svg: await renderVegaLiteSvg(supplyDemandChartSpec(market, `One slot's market (${label}), USD`)),
    });
    const trace = mechanism.clockTrace?.(market, options) ?? [];
    if (trace.length > 0) {
      charts.push({
        file: 'charts/clocks.svg',
        title: `The clocks of one auction (${mechanism.name})`,
        caption: label,
        svg: await ddaClockChart(trace, { title: `${mechanism.name} price clocks, USD (${label})` }),
      });
    }
  }
  const means = meansTable(result.rows);
  const runs = runsTable(result.rows);
  const html = renderHtmlReport({
    title: 'doubledutch: policies × mechanisms',
    meta,
    charts,
    tables: [
      {
        title: 'Means over seeds',
        columns: means.columns,
        rows: means.rows,
        caption:
          "Money in USD; – where a run has no market; cost vs none: against the same policy's run without a market.",
      },
      {
        title: 'Every run',
        columns: runs.columns,
        rows: runs.rows,
        caption: 'Wall-clock timings are in timings.csv.',
      },
    ],
  });
  const files: Record<string, string> = {
    'summary.csv': toCsv(SUMMARY_COLUMNS, result.rows as unknown as Record<string, string | number>[]),
    'timings.csv': timingsCsv(result.rows),
    'runs.jsonl': runsJsonl(result.runs),
    'report.html': html,
  };
  for (const c of charts) files[c.file] = c.svg;
  return files;
}
