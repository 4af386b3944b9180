/**
 * The shape of one reproduced figure of the seed paper: a module that runs what it needs (through
 * the shared run cache), and returns its chart, its data rows and the claims it checks. New
 * figures (Fig. 3 with T2DRL and PPO, issue 13; Fig. 6 with the markets, issue 14) are more
 * modules in `FIGURES` (figures.ts); nothing else changes.
 */
import type { VegaLiteSpec } from '../../charts/render.js';
import type { CsvValue } from '../csv.js';
import type { PaperRuns } from './runs.js';

/**
 * How a measured number compares with what the paper states.
 *
 * @category experiments
 */
export type Verdict = 'reproduced' | 'partly' | 'not reproduced';

/**
 * One row of `claims.csv`: a statement of the paper, its number, ours and the verdict.
 *
 * @category experiments
 */
export interface Claim {
  /** A stable id, e.g. `fig4a-fifo-cloud-grow`. */
  readonly id: string;
  /** The statement, in words, with its figure. */
  readonly claim: string;
  /** What the paper states (a number or a direction). */
  readonly paper: string;
  /** What we measured: a number (percentages for comparisons). */
  readonly measured: number;
  readonly verdict: Verdict;
}

/**
 * What a figure module produces.
 *
 * @category experiments
 */
export interface FigureOutput {
  /** File stem: `fig4a` → `fig4a.svg`, `fig4a.csv`. */
  readonly id: string;
  readonly title: string;
  /** What the paper shows and says about this figure. */
  readonly paperSays: string;
  /** How we measured it (policies, seeds, decisions that matter here). */
  readonly method: string;
  readonly spec: VegaLiteSpec;
  readonly rows: readonly Record<string, CsvValue>[];
  readonly claims: readonly Claim[];
}

/**
 * A reproduced figure: how many runs it needs (for progress) and how to produce it.
 *
 * @category experiments
 */
export interface FigureModule {
  readonly id: string;
  /** The run keys it needs; the run cache runs each once across figures. */
  plan(runs: PaperRuns): void;
  produce(runs: PaperRuns): Promise<FigureOutput> | FigureOutput;
}
