import type { ClockStep } from '../charts/dda-clock-chart.js';
import type { Outcome } from '../market/outcome.js';

/** An outcome that may carry a clock trace (the double Dutch auction's, with `trace: true`). */
export interface DdaOutcomeLike extends Outcome {
  readonly trace?: readonly ClockStep[];
}
