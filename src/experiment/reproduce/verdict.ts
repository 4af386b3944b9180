/**
 * Small rules that turn a comparison into a verdict, written once so every claim reads alike.
 */
import type { Verdict } from './figure.js';

/** Reproduced when `full` holds, partly when only `partial` does, otherwise not. */
export function verdict(full: boolean, partial: boolean): Verdict {
  return full ? 'reproduced' : partial ? 'partly' : 'not reproduced';
}

/** Relative change from `a` to `b`, in percent. */
export function percentChange(a: number, b: number): number {
  return a === 0 ? 0 : ((b - a) / Math.abs(a)) * 100;
}

/** Rounds for a CSV cell: 4 significant digits. */
export function round(x: number): number {
  return Number.isFinite(x) ? Number(x.toPrecision(4)) : x;
}

/**
 * A difference of means with floating-point noise removed: sums of the same accuracies taken in a
 * different order differ by ~1e-15, which must read as "no change", not as a rise or a fall.
 */
export function snapNoise(x: number): number {
  return Math.abs(x) < 1e-9 ? 0 : x;
}
