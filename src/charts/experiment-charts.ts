/**
 * The charts of a comparison, as Vega-Lite specs rendered to SVG by `renderVegaLiteSvg`. They draw
 * data the experiment layer has prepared (rows of runs, cells of a policy × mechanism table) and
 * know nothing of how runs are made; the run without a market is whichever mechanism the caller
 * names as the `baseline`.
 */
import type { Market } from '../market/create-market.js';
import type { VegaLiteSpec } from './render.js';

/**
 * What the comparison charts read of a run (a `summary.csv` row has these fields).
 *
 * @category experiments
 */
export interface RunSummary {
  readonly policy: string;
  readonly mechanism: string;
  readonly system_cost: number;
  readonly welfare: number;
  readonly surplus: number;
}

/**
 * One cell of a policy × mechanism table: a value and the text printed in it.
 *
 * @category experiments
 */
export interface PolicyMechanismCell {
  readonly policy: string;
  readonly mechanism: string;
  readonly value: number;
  readonly text: string;
}

/** Options of the comparison charts. @category experiments */
export interface ComparisonChartOptions {
  /** The mechanism drawn as the baseline (grey, first): the run without a market. */
  readonly baseline?: string;
  readonly title?: string;
}

const SCHEMA = 'https://vega.github.io/schema/vega-lite/v6.json';

/** Colours of the built-in mechanisms, the same in every report (Tableau 10, in the docs' order). */
const FIXED_COLOURS: Readonly<Record<string, string>> = {
  dda: '#1f77b4',
  'dda-tr': '#17becf',
  'welfare-max': '#2ca02c',
  'k-double': '#bcbd22',
  average: '#8c564b',
  vcg: '#9467bd',
  'trade-reduction': '#d62728',
  mcafee: '#ff7f0e',
  sbba: '#e377c2',
};
const OTHER_COLOURS = [
  '#393b79',
  '#637939',
  '#8c6d31',
  '#843c39',
  '#7b4173',
  '#3182bd',
  '#e6550d',
  '#31a354',
];
const BASELINE_COLOUR = '#9e9e9e';

/** A mechanism's colour: fixed for the built-ins, by a hash of the name for others (stable across reports). */
export function mechanismColour(name: string, baseline?: string): string {
  if (name === baseline) return BASELINE_COLOUR;
  const fixed = FIXED_COLOURS[name];
  if (fixed !== undefined) return fixed;
  let h = 0;
  for (const ch of name) h = (Math.imul(h, 31) + (ch.codePointAt(0) ?? 0)) >>> 0;
  return OTHER_COLOURS[h % OTHER_COLOURS.length] as string;
}

/** The mechanisms in order of first appearance, the baseline first, with their colours. */
function mechanismScale(mechanisms: readonly string[], baseline: string | undefined) {
  const names = [...new Set(mechanisms)];
  const domain =
    baseline !== undefined && names.includes(baseline)
      ? [baseline, ...names.filter((n) => n !== baseline)]
      : names;
  return { domain, range: domain.map((n) => mechanismColour(n, baseline)) };
}

/**
 * Mean system cost (over seeds) per policy, one point per mechanism with the min–max range of the
 * seeds. The axis is zoomed to the data: the differences between mechanisms are a few percent of
 * the cost, invisible on bars from zero (issue 15).
 *
 * @category experiments
 */
export function systemCostChartSpec(
  rows: readonly RunSummary[],
  options: ComparisonChartOptions = {},
): VegaLiteSpec {
  const scale = mechanismScale(
    rows.map((r) => r.mechanism),
    options.baseline,
  );
  return {
    $schema: SCHEMA,
    title:
      options.title ?? 'System cost by policy (USD; mean over seeds, lines show min–max; axis not from 0)',
    width: 560,
    height: 280,
    data: { values: rows.map((r) => ({ policy: r.policy, mechanism: r.mechanism, cost: r.system_cost })) },
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy', axis: { labelAngle: -30 } },
      xOffset: { field: 'mechanism', type: 'nominal', scale: { domain: scale.domain } },
      color: { field: 'mechanism', type: 'nominal', title: 'mechanism', scale },
    },
    layer: [
      {
        mark: { type: 'rule' },
        encoding: {
          y: { aggregate: 'min', field: 'cost', type: 'quantitative', scale: { zero: false } },
          y2: { aggregate: 'max', field: 'cost' },
        },
      },
      {
        mark: { type: 'point', filled: true, size: 50 },
        encoding: {
          y: {
            aggregate: 'mean',
            field: 'cost',
            type: 'quantitative',
            title: 'system cost (USD)',
            scale: { zero: false },
          },
        },
      },
    ],
  };
}

/**
 * The change in mean system cost that each mechanism brings, relative to the same policy's run
 * without a market (percent; below zero the market saves cost), one bar per mechanism.
 *
 * @category experiments
 */
export function relativeCostChartSpec(
  cells: readonly PolicyMechanismCell[],
  options: ComparisonChartOptions = {},
): VegaLiteSpec {
  const scale = mechanismScale(
    cells.map((c) => c.mechanism),
    options.baseline,
  );
  return {
    $schema: SCHEMA,
    title: options.title ?? "System cost relative to the policy's run without a market (%; mean over seeds)",
    width: 560,
    height: 280,
    data: { values: cells.map((c) => ({ policy: c.policy, mechanism: c.mechanism, change: c.value })) },
    mark: 'bar',
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy', axis: { labelAngle: -30 } },
      xOffset: { field: 'mechanism', type: 'nominal', scale: { domain: scale.domain } },
      y: { field: 'change', type: 'quantitative', title: 'change in system cost (%)' },
      color: { field: 'mechanism', type: 'nominal', title: 'mechanism', scale },
    },
  };
}

/**
 * A policy × mechanism heatmap: one cell per pair, coloured by its value and labelled with its text
 * (a diverging scale centred on 0 when `diverging`, for changes against a baseline).
 *
 * @category experiments
 */
export function policyMechanismHeatmapSpec(
  cells: readonly PolicyMechanismCell[],
  options: { readonly title: string; readonly legend: string; readonly diverging?: boolean },
): VegaLiteSpec {
  const mechanisms = [...new Set(cells.map((c) => c.mechanism))];
  const policies = [...new Set(cells.map((c) => c.policy))];
  return {
    $schema: SCHEMA,
    title: options.title,
    width: Math.max(200, 64 * mechanisms.length),
    height: Math.max(120, 24 * policies.length),
    data: { values: cells.map((c) => ({ ...c })) },
    encoding: {
      x: { field: 'mechanism', type: 'nominal', sort: mechanisms, axis: { labelAngle: -30 } },
      y: { field: 'policy', type: 'nominal', sort: policies },
    },
    layer: [
      {
        mark: 'rect',
        encoding: {
          color: {
            field: 'value',
            type: 'quantitative',
            title: options.legend,
            scale:
              options.diverging === true
                ? { scheme: 'redblue', domainMid: 0, reverse: true }
                : { scheme: 'greens' },
          },
        },
      },
      { mark: { type: 'text', fontSize: 10 }, encoding: { text: { field: 'text', type: 'nominal' } } },
    ],
  };
}

/**
 * Mean welfare and auctioneer surplus per mechanism, one panel per policy (runs with a market
 * only; the caller leaves out the baseline and the policies that trade nothing).
 *
 * @category experiments
 */
export function welfareSurplusChartSpec(
  rows: readonly RunSummary[],
  options: ComparisonChartOptions = {},
): VegaLiteSpec {
  const values = rows
    .filter((r) => r.mechanism !== options.baseline)
    .flatMap((r) => [
      { policy: r.policy, mechanism: r.mechanism, measure: 'welfare', usd: r.welfare },
      { policy: r.policy, mechanism: r.mechanism, measure: 'surplus', usd: r.surplus },
    ]);
  return {
    $schema: SCHEMA,
    title:
      options.title ??
      'Social welfare and auctioneer surplus by mechanism, per policy (USD; mean over seeds)',
    data: { values },
    mark: 'bar',
    width: 200,
    height: 180,
    encoding: {
      facet: { field: 'policy', type: 'nominal', title: null, columns: 3 },
      x: { field: 'mechanism', type: 'nominal', axis: { labelAngle: -30 } },
      xOffset: { field: 'measure', type: 'nominal' },
      y: { aggregate: 'mean', field: 'usd', type: 'quantitative', title: 'USD' },
      color: { field: 'measure', type: 'nominal', title: null, scale: { range: ['#2ca02c', '#9467bd'] } },
    },
  };
}

/**
 * Supply and demand of one market: bids in descending and asks in ascending order against
 * cumulative units (step curves); they cross at the efficient quantity k. Prices are the
 * market's, in USD for the slot markets.
 *
 * @category experiments
 */
export function supplyDemandChartSpec(market: Market, title: string): VegaLiteSpec {
  const curve = (orders: readonly { price: number; quantity: number }[], side: string) => {
    const points: { units: number; price: number; side: string }[] = [];
    let units = 0;
    for (const o of orders) {
      points.push({ units, price: o.price, side });
      units += o.quantity;
      points.push({ units, price: o.price, side });
    }
    return points;
  };
  const bids = market.bids
    .map((b) => ({ price: b.value.toNumber(), quantity: b.quantity }))
    .sort((a, b) => b.price - a.price);
  const asks = market.asks
    .map((a) => ({ price: a.cost.toNumber(), quantity: a.quantity }))
    .sort((a, b) => a.price - b.price);
  return {
    $schema: SCHEMA,
    title,
    width: 480,
    height: 260,
    data: { values: [...curve(bids, 'demand (bids)'), ...curve(asks, 'supply (asks)')] },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'units', type: 'quantitative', title: 'cumulative units (requests)' },
      y: { field: 'price', type: 'quantitative', title: 'USD per request' },
      color: { field: 'side', type: 'nominal', title: null, scale: { range: ['#1f77b4', '#d62728'] } },
    },
  };
}
