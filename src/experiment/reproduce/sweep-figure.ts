/**
 * A figure of the seed paper drawn against one swept parameter (Figs. 4 and 5): the module
 * skeleton they share (plan, then rows, method, chart and claims from the runs), with the title
 * and chart frame made once, so that each figure says only what it draws.
 */
import type { VegaLiteSpec } from '../../charts/render.js';
import type { CsvValue } from '../csv.js';
import type { Claim, FigureModule, FigureOutput } from './figure.js';
import type { PaperRuns } from './runs.js';

/** What a swept figure draws; {@link sweepFigure} makes its module. */
export interface SweepFigure<Row extends Record<string, CsvValue>> {
  /** File stem, `fig4a`; the title's figure number is what follows `fig`. */
  readonly id: string;
  /** What the y-axis shows, for the title (`average total cost`). */
  readonly quantity: string;
  /** The swept parameter, for the title (`number of agents`). */
  readonly label: string;
  /** Added to the chart's title in parentheses (the policy drawn), when given. */
  readonly chartNote?: string;
  readonly paperSays: string;
  /** The runs it needs. */
  plan(runs: PaperRuns): void;
  /** Its data rows (the CSV), from the runs. */
  rows(runs: PaperRuns): Row[];
  /** How it was measured. */
  method(runs: PaperRuns): string;
  /** The chart without its schema, title and size: data, then mark or layers, and encoding. */
  chart(rows: readonly Row[]): Readonly<Record<string, unknown>>;
  claims(runs: PaperRuns): Claim[];
}

/** The module of a swept figure: titled `Fig. <n>: <quantity> vs <label>`, its chart 420 × 260. */
export function sweepFigure<Row extends Record<string, CsvValue>>(figure: SweepFigure<Row>): FigureModule {
  return {
    id: figure.id,
    plan: (runs) => figure.plan(runs),
    produce(runs): FigureOutput {
      const rows = figure.rows(runs);
      const title = `Fig. ${figure.id.slice(3)}: ${figure.quantity} vs ${figure.label}`;
      return {
        id: figure.id,
        title,
        paperSays: figure.paperSays,
        method: figure.method(runs),
        spec: {
          $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
          title: figure.chartNote === undefined ? title : `${title} (${figure.chartNote})`,
          width: 420,
          height: 260,
          ...figure.chart(rows),
          // The frame above and the figure's own part make a whole Vega-Lite spec.
        } as VegaLiteSpec,
        rows,
        claims: figure.claims(runs),
      };
    },
  };
}
