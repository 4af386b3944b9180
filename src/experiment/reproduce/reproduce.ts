/**
 * `reproduce`: re-runs the seed paper's experiments on its own model and checks its claims.
 */

import { DoubleDutchError } from '../../errors.js';
import { fig3Budget } from './fig3.js';
import type { FigureModule } from './figure.js';
import { FIGURES } from './figures.js';
import { Learners, paperWeightsDirs } from './learners.js';
import type { ReproduceResult } from './report.js';
import { PaperRuns } from './runs.js';

/**
 * Options of {@link reproduce}.
 *
 * @category experiments
 */
export interface ReproduceOptions {
  /** A reduced run (3 seeds per point instead of 50) for CI and a first look. */
  readonly quick?: boolean;
  /** Seeds per point (overrides `quick`). */
  readonly seeds?: number;
  /** Training episodes of T2DRL and PPO for Fig. 3 (default: {@link fig3Budget}'s, 20 quick, 300 full). */
  readonly episodes?: number;
  /**
   * Saved T2DRL and PPO weights to use instead of training (a directory holding both, trained on
   * the paper's environment, as `run --weights` finds them); their saved learning curves, when
   * beside them, are Fig. 3's. Not with `episodes`.
   */
  readonly weights?: string;
  /** The figures (default: all of {@link FIGURES}). */
  readonly figures?: readonly FigureModule[];
  /**
   * Called once with the number of progress steps (runs, and the learners' training episodes when
   * a figure needs them), then `onRun` after each.
   */
  readonly onStart?: (steps: number) => void;
  readonly onRun?: (label: string) => void;
}

/**
 * Runs every figure's experiments (each distinct run once) and collects figures and claims.
 *
 * @example
 * ```ts
 * const result = await reproduce({ quick: true });
 * result.figures.flatMap((f) => f.claims); // [{ id, claim, paper, measured, verdict }, ...]
 * ```
 * @category experiments
 */
export async function reproduce(options: ReproduceOptions = {}): Promise<ReproduceResult> {
  const started = performance.now();
  const quick = options.quick === true;
  const seeds = options.seeds ?? (quick ? 3 : 50);
  if (options.weights !== undefined && options.episodes !== undefined)
    throw new DoubleDutchError('usage', 'sets the training budget, and weights skip training', 'episodes');
  const seedList = Array.from({ length: seeds }, (_, i) => i + 1);
  const budget = fig3Budget(seeds);
  // The learners are trained (or loaded) only if a figure runs them (runs.ts).
  const learners = new Learners({
    episodes: options.episodes ?? budget.episodes,
    seed: 1,
    pointSeeds: seedList.slice(0, budget.pointSeeds),
    ...(options.weights === undefined ? {} : { weights: paperWeightsDirs(options.weights) }),
  });
  const runs = new PaperRuns(seedList, learners);
  const figures = options.figures ?? FIGURES;
  for (const f of figures) f.plan(runs);
  const total = runs.pending;
  options.onStart?.(total);
  await runs.runAll((label) => options.onRun?.(label));
  const outputs = [];
  for (const f of figures) outputs.push(await f.produce(runs));
  // Prepared (timed) only if a figure ran them; training counts one step per episode.
  const prepared = learners.seconds.size > 0;
  const trainingEpisodes = prepared ? learners.steps : 0;
  return {
    quick,
    seeds,
    runs: total - trainingEpisodes,
    trainingEpisodes,
    ...(prepared && options.weights !== undefined ? { weights: options.weights } : {}),
    seconds: (performance.now() - started) / 1000,
    figures: outputs,
  };
}
