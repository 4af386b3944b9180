/**
 * The picture of a double Dutch auction: the descending buyer clock and the ascending seller
 * clock over time, with the committed units at each move and the crossing marked.
 */
import type { ClockStep } from '../mechanism.js';
import { renderVegaLiteSvg, type VegaLiteSpec } from './render.js';

/**
 * One move of two price clocks (a mechanism's `clockTrace`): the double Dutch auction's trace
 * (`DdaTraceStep`: one clock moves at a time) or the synchronised clocks of `t-dda` and `dda-sync`
 * (`SyncClockTraceStep`: `clock: 'both'`).
 *
 * @category mechanisms
 */
export type { ClockStep };

/** Options of {@link ddaClockChart}. @category experiments */
export interface DdaClockChartOptions {
  readonly title?: string;
  /** Most points drawn per clock; longer traces are thinned evenly, keeping every clock's turning points at the ends (default 2,000). */
  readonly maxPoints?: number;
  readonly width?: number;
  readonly height?: number;
}

function thin<T>(items: readonly T[], maxPoints: number): T[] {
  if (items.length <= maxPoints) return [...items];
  const out: T[] = [];
  const stride = (items.length - 1) / (maxPoints - 1);
  for (let i = 0; i < maxPoints; i++) out.push(items[Math.round(i * stride)] as T);
  return out;
}

/**
 * The Vega-Lite spec of the clock chart of a DDA trace (from `clear(market, { trace: true })`).
 * Prices are drawn as doubles: a picture needs no more precision than a pixel.
 *
 * @category experiments
 */
export function ddaClockChartSpec(
  trace: readonly ClockStep[],
  options: DdaClockChartOptions = {},
): VegaLiteSpec {
  if (trace.length === 0) throw new RangeError('the trace is empty');
  const steps = thin(trace, options.maxPoints ?? 2000);
  const last = trace[trace.length - 1] as ClockStep;
  if (steps[steps.length - 1] !== last) steps.push(last);
  const values = steps.flatMap((t) => [
    { round: t.round, price: t.buyerPrice.toNumber(), clock: 'buyer clock', committed: t.buyerCommitted },
    { round: t.round, price: t.sellerPrice.toNumber(), clock: 'seller clock', committed: t.sellerCommitted },
  ]);
  // Alternating clocks stop where they cross (the moving clock ran into the other one's price);
  // synchronised clocks may run on past the crossing (t-dda), so the crossing and the stop are
  // marked apart.
  const crossedAt = trace.find((t) => t.buyerPrice.lte(t.sellerPrice)) ?? last;
  const crossPrice = crossedAt.clock === 'seller' ? crossedAt.buyerPrice : crossedAt.sellerPrice;
  const marks = [
    {
      round: crossedAt.round,
      price: crossPrice.toNumber(),
      label:
        crossedAt.clock === 'both'
          ? `clocks cross at tick ${crossedAt.round} (buyer ${crossedAt.buyerPrice.toString()}, seller ${crossedAt.sellerPrice.toString()})`
          : `crossing at ${crossPrice.toString()} after ${crossedAt.round} ticks`,
    },
  ];
  if (last.clock === 'both' && last !== crossedAt) {
    marks.push({
      round: last.round,
      price: last.buyerPrice.toNumber(),
      label: `stop at tick ${last.round}: stop prices revealed`,
    });
  }
  return {
    $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
    title: options.title ?? 'Double Dutch auction: the two clocks',
    width: options.width ?? 520,
    height: options.height ?? 300,
    layer: [
      {
        data: { values },
        // Between two moves one clock walks tick by tick while the other waits: straight lines are exact.
        mark: { type: 'line', point: steps.length <= 60 },
        encoding: {
          x: { field: 'round', type: 'quantitative', title: 'time (clock ticks)' },
          y: { field: 'price', type: 'quantitative', title: 'clock price' },
          color: {
            field: 'clock',
            type: 'nominal',
            title: null,
            scale: { domain: ['buyer clock', 'seller clock'], range: ['#1f77b4', '#d62728'] },
          },
          tooltip: [
            { field: 'clock', type: 'nominal' },
            { field: 'round', type: 'quantitative' },
            { field: 'price', type: 'quantitative' },
            { field: 'committed', type: 'quantitative', title: 'units committed' },
          ],
        },
      },
      {
        data: { values: marks },
        mark: { type: 'point', shape: 'diamond', size: 140, filled: true, color: 'black' },
        encoding: {
          x: { field: 'round', type: 'quantitative' },
          y: { field: 'price', type: 'quantitative' },
        },
      },
      {
        data: { values: marks },
        mark: { type: 'text', align: 'right', dx: -8, dy: -12, fontSize: 11 },
        encoding: {
          x: { field: 'round', type: 'quantitative' },
          y: { field: 'price', type: 'quantitative' },
          text: { field: 'label' },
        },
      },
    ],
  };
}

/**
 * Renders the clock chart of a DDA trace as SVG: the two clocks over time, the
 * crossing marked with a diamond and labelled with its price and time.
 *
 * @example
 * ```ts
 * import { dda, ddaClockChart } from 'doubledutch';
 * const outcome = dda.clear(market, { trace: true }); // typed DdaOutcome (getMechanism gives Outcome)
 * const svg = await ddaClockChart(outcome.trace ?? []);
 * ```
 * @category experiments
 */
export async function ddaClockChart(
  trace: readonly ClockStep[],
  options: DdaClockChartOptions = {},
): Promise<string> {
  return renderVegaLiteSvg(ddaClockChartSpec(trace, options));
}
