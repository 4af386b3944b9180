/**
 * The data behind Fig. 3 of the seed paper: the cost and its four parts per training episode (an
 * environment that adds them up while the learners train, learners.ts), and the convergence rule.
 */
import type { Environment } from '../../environment.js';
import { PaperEnvironment, type PaperStepInfo } from '../../paper/environment.js';
import { type PaperScenarioOptions, paperScenario } from '../../paper/scenario.js';

/**
 * Fig. 3b's parts of the cost (21), per slot: switching (15); edge accuracy (18); edge inference,
 * communication (16) + computation (17); cloud inference (20).
 */
export interface CostParts {
  readonly cost: number;
  readonly switching: number;
  readonly edgeAccuracy: number;
  readonly edgeInference: number;
  readonly cloudInference: number;
}

/** Wraps the paper's environment to add up the cost parts its steps report. */
export class RecordingEnvironment implements Environment<unknown, unknown, unknown, PaperStepInfo> {
  private readonly inner: PaperEnvironment;
  private sums = { cost: 0, switching: 0, edgeAccuracy: 0, edgeInference: 0, cloudInference: 0 };
  private steps = 0;
  constructor(options: PaperScenarioOptions) {
    this.inner = new PaperEnvironment(paperScenario(options));
  }
  reset(options?: { readonly seed?: number }) {
    this.sums = { cost: 0, switching: 0, edgeAccuracy: 0, edgeInference: 0, cloudInference: 0 };
    this.steps = 0;
    return this.inner.reset(options);
  }
  step(action: unknown) {
    const result = this.inner.step(action as Parameters<PaperEnvironment['step']>[0]);
    const c = result.info.costs;
    this.sums.cost += c.total;
    this.sums.switching += c.switching;
    this.sums.edgeAccuracy += c.accuracy;
    this.sums.edgeInference += c.communication + c.computation;
    this.sums.cloudInference += c.cloud;
    this.steps++;
    return result;
  }
  /** The episode's parts so far, per slot (the unit of Fig. 4's cost). */
  parts(): CostParts {
    const n = Math.max(1, this.steps);
    const s = this.sums;
    return {
      cost: s.cost / n,
      switching: s.switching / n,
      edgeAccuracy: s.edgeAccuracy / n,
      edgeInference: s.edgeInference / n,
      cloudInference: s.cloudInference / n,
    };
  }
}

/**
 * The first episode from which the trailing moving average (window `window`) stays within
 * `tolerance` (relative) of its value at the last episode; `undefined` for an empty curve.
 */
export function convergenceEpisode(
  costs: readonly number[],
  window: number,
  tolerance = 0.02,
): number | undefined {
  if (costs.length === 0) return undefined;
  const ma = movingAverage(costs, window);
  const final = ma[ma.length - 1] as number;
  let first = ma.length;
  for (let i = ma.length - 1; i >= 0; i--) {
    if (Math.abs((ma[i] as number) - final) > tolerance * Math.abs(final)) break;
    first = i;
  }
  return first + 1;
}

/**
 * How far a curve falls: `first`, the mean of its first `window` episodes; `last`, the mean of its
 * last `window` (the trailing moving average at the last episode); and `fall`, (first − last) /
 * first, positive when it falls, 0 or less when it stays flat or rises (0 for an empty curve). A
 * curve of at most `window` episodes has one window only, so it cannot show a fall.
 */
export function curveFall(
  costs: readonly number[],
  window: number,
): { readonly first: number; readonly last: number; readonly fall: number } {
  if (costs.length === 0) return { first: 0, last: 0, fall: 0 };
  const w = Math.max(1, Math.min(window, costs.length));
  const mean = (xs: readonly number[]) => xs.reduce((s, v) => s + v, 0) / xs.length;
  const first = mean(costs.slice(0, w));
  const last = mean(costs.slice(costs.length - w));
  return { first, last, fall: first === 0 ? 0 : (first - last) / Math.abs(first) };
}

/** The trailing moving average of `costs` with `window`. */
export function movingAverage(costs: readonly number[], window: number): number[] {
  return costs.map((_, i) => {
    const from = Math.max(0, i - window + 1);
    const slice = costs.slice(from, i + 1);
    return slice.reduce((s, v) => s + v, 0) / slice.length;
  });
}
