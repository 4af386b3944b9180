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
