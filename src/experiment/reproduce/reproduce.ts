/**
 * `reproduce`: re-runs the seed paper's experiments on its own model and checks its claims.
 */

import type { FigureModule } from './figure.js';
import { FIGURES } from './figures.js';
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
  /** The figures (default: all of {@link FIGURES}). */
  readonly figures?: readonly FigureModule[];
  /** Called once with the number of runs, then after each run. */
  readonly onStart?: (runs: number) => void;
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
  const runs = new PaperRuns(Array.from({ length: seeds }, (_, i) => i + 1));
  const figures = options.figures ?? FIGURES;
  for (const f of figures) f.plan(runs);
  const total = runs.pending;
  options.onStart?.(total);
  await runs.runAll((label) => options.onRun?.(label));
  const outputs = [];
  for (const f of figures) outputs.push(await f.produce(runs));
  return { quick, seeds, runs: total, seconds: (performance.now() - started) / 1000, figures: outputs };
}
