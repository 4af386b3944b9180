/**
 * The charts of a comparison, as Vega-Lite specs rendered to SVG by `renderVegaLiteSvg`.
 */
import type { SummaryRow } from '../experiment/compare.js';
import type { Market } from '../market/create-market.js';
import type { VegaLiteSpec } from './render.js';

/**
 * Mean system cost (over seeds) per policy, one bar per mechanism, with the min–max range of the seeds.
 *
 * @category experiments
 */
export function systemCostChartSpec(rows: readonly SummaryRow[]): VegaLiteSpec {
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'System cost by policy (USD per hour; mean over seeds, bars show min–max)',
    width: 560,
    height: 280,
    data: { values: rows.map((r) => ({ policy: r.policy, mechanism: r.mechanism, cost: r.system_cost })) },
    encoding: {
      x: { field: 'policy', type: 'nominal', title: 'policy', axis: { labelAngle: -30 } },
      xOffset: { field: 'mechanism', type: 'nominal' },
      color: { field: 'mechanism', type: 'nominal', title: 'mechanism' },
    },
    layer: [
      {
        mark: 'bar',
        encoding: {
          y: { aggregate: 'mean', field: 'cost', type: 'quantitative', title: 'system cost (USD)' },
        },
      },
      {
        mark: { type: 'rule', color: 'black' },
        encoding: {
          y: { aggregate: 'min', field: 'cost', type: 'quantitative' },
          y2: { aggregate: 'max', field: 'cost' },
        },
      },
    ],
  };
}

/**
 * Mean welfare and auctioneer surplus per mechanism (runs with a market only).
 *
 * @category experiments
 */
export function welfareSurplusChartSpec(rows: readonly SummaryRow[]): VegaLiteSpec {
  const values = rows
    .filter((r) => r.mechanism !== 'none')
    .flatMap((r) => [
      { mechanism: r.mechanism, measure: 'welfare', usd: r.welfare },
      { mechanism: r.mechanism, measure: 'surplus', usd: r.surplus },
    ]);
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: 'Social welfare and auctioneer surplus by mechanism (USD per hour, mean over policies and seeds)',
    width: 480,
    height: 260,
    data: { values },
    mark: 'bar',
    encoding: {
      x: { field: 'mechanism', type: 'nominal', axis: { labelAngle: -30 } },
      xOffset: { field: 'measure', type: 'nominal' },
      y: { aggregate: 'mean', field: 'usd', type: 'quantitative', title: 'USD' },
      color: { field: 'measure', type: 'nominal', title: null, scale: { range: ['#2ca02c', '#9467bd'] } },
    },
  };
}

/**
 * Supply and demand of one market: bids in descending and asks in ascending order against
 * cumulative units (step curves); they cross at the efficient quantity k.
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
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title,
    width: 480,
    height: 260,
    data: { values: [...curve(bids, 'demand (bids)'), ...curve(asks, 'supply (asks)')] },
    mark: { type: 'line' },
    encoding: {
      x: { field: 'units', type: 'quantitative', title: 'cumulative units' },
      y: { field: 'price', type: 'quantitative', title: 'USD per request' },
      color: { field: 'side', type: 'nominal', title: null, scale: { range: ['#1f77b4', '#d62728'] } },
    },
  };
}
