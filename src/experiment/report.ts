/**
 * The files of a comparison: `summary.csv`, `runs.jsonl`, SVG charts, and one self-contained HTML
 * report showing them with the tables. Produced in memory first and written all or nothing.
 */
import { ddaClockChart } from '../charts/dda-clock-chart.js';
import {
  supplyDemandChartSpec,
  systemCostChartSpec,
  welfareSurplusChartSpec,
} from '../charts/experiment-charts.js';
import { renderVegaLiteSvg } from '../charts/render.js';
import { getMechanism } from '../mechanism.js';
import type { CompareResult, SummaryRow } from './compare.js';
import { SUMMARY_COLUMNS } from './compare.js';
import { toCsv } from './csv.js';
import type { DdaOutcomeLike } from './dda-trace.js';
import { type ReportChart, renderHtmlReport } from './html-report.js';
import type { SimulationResult } from './simulate.js';

/** Mean of a column over rows. */
function mean(rows: readonly SummaryRow[], key: keyof SummaryRow): number {
  return rows.length === 0 ? 0 : rows.reduce((s, r) => s + Number(r[key]), 0) / rows.length;
}

function fmt(x: number, digits = 3): string {
  return Number.isFinite(x) ? x.toFixed(digits) : '';
}

/** One line per run: its identity, metrics and per-slot records. */
export function runsJsonl(runs: readonly SimulationResult[]): string {
  return (
    runs
      .map((r) =>
        JSON.stringify({
          policy: r.policy,
          mechanism: r.mechanism ?? 'none',
          seed: r.seed,
          metrics: r.metrics,
          slots: r.slots,
        }),
      )
      .join('\n') + '\n'
  );
}

/** Means over seeds per (policy, mechanism), in first-seen order. */
export function meansByPair(
  rows: readonly SummaryRow[],
): { policy: string; mechanism: string; rows: SummaryRow[] }[] {
  const groups = new Map<string, { policy: string; mechanism: string; rows: SummaryRow[] }>();
  for (const r of rows) {
    const key = `${r.policy}\u0000${r.mechanism}`;
    const g = groups.get(key) ?? { policy: r.policy, mechanism: r.mechanism, rows: [] };
    g.rows.push(r);
    groups.set(key, g);
  }
  return [...groups.values()];
}

/** The table of means, as rows of strings (also used by the README and the CLI). */
export function meansTable(rows: readonly SummaryRow[]): { columns: string[]; rows: string[][] } {
  const columns = [
    'policy',
    'mechanism',
    'seeds',
    'system cost (USD)',
    'latency (s)',
    'accuracy',
    'edge share',
    'welfare (USD)',
    'surplus (USD)',
    'trades',
    'IR violations',
  ];
  return {
    columns,
    rows: meansByPair(rows).map((g) => [
      g.policy,
      g.mechanism,
      String(g.rows.length),
      fmt(mean(g.rows, 'system_cost'), 2),
      fmt(mean(g.rows, 'latency_s'), 2),
      fmt(mean(g.rows, 'accuracy')),
      fmt(mean(g.rows, 'edge_share')),
      fmt(mean(g.rows, 'welfare')),
      fmt(mean(g.rows, 'surplus')),
      fmt(mean(g.rows, 'trades'), 0),
      fmt(mean(g.rows, 'ir_violations'), 0),
    ]),
  };
}

/**
 * Every output file of a comparison, by relative path.
 *
 * @category experiments
 */
export async function reportFiles(
  result: CompareResult,
  meta: readonly string[],
): Promise<Record<string, string>> {
  const charts: (ReportChart & { file: string })[] = [
    {
      file: 'charts/system-cost.svg',
      title: 'System cost by policy',
      svg: await renderVegaLiteSvg(systemCostChartSpec(result.rows)),
    },
  ];
  if (result.rows.some((r) => r.mechanism !== 'none')) {
    charts.push({
      file: 'charts/welfare-surplus.svg',
      title: 'Welfare and surplus by mechanism',
      svg: await renderVegaLiteSvg(welfareSurplusChartSpec(result.rows)),
    });
  }
  if (result.sampleMarket !== undefined) {
    const { market, label } = result.sampleMarket;
    charts.push({
      file: 'charts/supply-demand.svg',
      title: 'Supply and demand of one market',
      caption: label,
      svg: await renderVegaLiteSvg(supplyDemandChartSpec(market, `One slot's market (${label})`)),
    });
    const outcome = getMechanism('dda').clear(market, { trace: true }) as DdaOutcomeLike;
    if (outcome.trace !== undefined && outcome.trace.length > 0) {
      charts.push({
        file: 'charts/dda-clocks.svg',
        title: 'The clocks of one double Dutch auction',
        caption: label,
        svg: await ddaClockChart(outcome.trace, { title: `Double Dutch auction (${label})` }),
      });
    }
  }
  const means = meansTable(result.rows);
  const html = renderHtmlReport({
    title: 'doubledutch: policies × mechanisms',
    meta,
    charts,
    tables: [
      { title: 'Means over seeds', columns: means.columns, rows: means.rows },
      {
        title: 'Every run',
        columns: [...SUMMARY_COLUMNS],
        rows: result.rows.map((r) =>
          SUMMARY_COLUMNS.map((c) => (typeof r[c] === 'number' ? fmt(r[c] as number, 4) : String(r[c]))),
        ),
      },
    ],
  });
  const files: Record<string, string> = {
    'summary.csv': toCsv(SUMMARY_COLUMNS, result.rows as unknown as Record<string, string | number>[]),
    'runs.jsonl': runsJsonl(result.runs),
    'report.html': html,
  };
  for (const c of charts) files[c.file] = c.svg;
  return files;
}
