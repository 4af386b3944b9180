/**
 * The data of the seed paper's Fig. 6: social welfare against market size for its t-DDA and the
 * iterative double auction (and any other mechanisms), averaged over seeded reasoning-path markets.
 *
 * @packageDocumentation
 */
import { createMarket } from '../market/create-market.js';
import type { Mechanism } from '../mechanism.js';
import { type Decimal, ZERO } from '../money.js';
import type { PropertyResult } from '../properties/types.js';
import { verify } from '../properties/verify.js';
import { type PathMarketOptions, pathMarket } from './path-market.js';

/**
 * Options of {@link fig6Data}.
 *
 * @category experiments
 */
export interface Fig6Options {
  /** The mechanisms to compare (the paper's: `t-dda` and `ida`). */
  // biome-ignore lint/suspicious/noExplicitAny: any registered mechanism, whatever its options
  readonly mechanisms: readonly Mechanism<any>[];
  /** Market sizes (traders per market; default the paper's 20, 40, 60, 80, 100). */
  readonly sizes?: readonly number[];
  /** Seeded markets per size (default 20). */
  readonly markets?: number;
  readonly seed?: number;
  /** How the markets are drawn, beyond size and seed. */
  readonly market?: Omit<PathMarketOptions, 'size' | 'seed'>;
}

/**
 * One point of Fig. 6: a mechanism's mean welfare over the markets of one size.
 *
 * @category experiments
 */
export interface Fig6Point {
  readonly size: number;
  readonly mechanism: string;
  readonly markets: number;
  /** Mean realised welfare (exact). */
  readonly meanWelfare: Decimal;
  /** Mean optimal welfare of the same markets. */
  readonly meanOptimalWelfare: Decimal;
  /** meanWelfare / meanOptimalWelfare (1 when nothing can trade). */
  readonly efficiency: number;
  /** Standard error of the mean welfare (float, for error bars). */
  readonly standardError: number;
}

/**
 * Clears the same `markets` seeded reasoning-path markets of every size with every mechanism, and
 * averages welfare: the data of Fig. 6. Market m of size n is `pathMarket({ size: n, seed: f(seed, n, m) })`,
 * so every mechanism sees the same markets.
 *
 * @example
 * ```ts
 * const points = fig6Data({ mechanisms: [getMechanism('t-dda'), getMechanism('ida')] });
 * relativeWelfareGain(points, 't-dda', 'ida', 20); // the paper reports about +0.36
 * ```
 * @category experiments
 */
export function fig6Data(options: Fig6Options): Fig6Point[] {
  const sizes = options.sizes ?? [20, 40, 60, 80, 100];
  const markets = options.markets ?? 20;
  const seed = options.seed ?? 0;
  if (!Number.isSafeInteger(markets) || markets < 1)
    throw new RangeError(`markets must be a positive integer, got ${markets}`);
  const points: Fig6Point[] = [];
  for (const size of sizes) {
    const drawn = Array.from({ length: markets }, (_, m) =>
      createMarket(pathMarket({ ...options.market, size, seed: seed * 1_000_003 + size * 1_009 + m }).input),
    );
    for (const mechanism of options.mechanisms) {
      let total = ZERO;
      let optimal = ZERO;
      const values: number[] = [];
      for (const market of drawn) {
        const outcome = mechanism.clear(market, { seed: 0 });
        total = total.plus(outcome.expectedWelfare);
        optimal = optimal.plus(outcome.optimalWelfare);
        values.push(outcome.expectedWelfare.toNumber());
      }
      const meanWelfare = total.div(markets);
      const meanOptimalWelfare = optimal.div(markets);
      const mean = meanWelfare.toNumber();
      const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / Math.max(1, markets - 1);
      points.push({
        size,
        mechanism: mechanism.name,
        markets,
        meanWelfare,
        meanOptimalWelfare,
        efficiency: meanOptimalWelfare.isZero() ? 1 : meanWelfare.div(meanOptimalWelfare).toNumber(),
        standardError: Math.sqrt(variance / markets),
      });
    }
  }
  return points;
}

/**
 * (W_a − W_b)/W_b at one size: how much more welfare mechanism `a` realises than `b` (the paper:
 * t-DDA about +36% over IDA at sizes 20 and 40, about +12% at 100). Undefined when a point is
 * missing or W_b is 0.
 *
 * @category experiments
 */
export function relativeWelfareGain(
  points: readonly Fig6Point[],
  a: string,
  b: string,
  size: number,
): number | undefined {
  const pa = points.find((p) => p.size === size && p.mechanism === a);
  const pb = points.find((p) => p.size === size && p.mechanism === b);
  if (pa === undefined || pb === undefined || pb.meanWelfare.isZero()) return undefined;
  return pa.meanWelfare.minus(pb.meanWelfare).div(pb.meanWelfare).toNumber();
}

/**
 * Theorems 2–4 of the paper checked on t-DDA by `verify` (single-unit traders, as the proofs
 * assume): DSIC, IR and weak budget balance on `numRuns` generated markets each. It lives beside
 * the Fig. 6 data because a run (src/experiment) does not call the verifier.
 *
 * @category experiments
 */
export function tDdaPropertyChecks(
  // biome-ignore lint/suspicious/noExplicitAny: any registered mechanism, whatever its options
  tDda: Mechanism<any>,
  numRuns: number,
  seed = 6,
): Readonly<Record<'dsic' | 'ir' | 'weak-budget-balance', PropertyResult | undefined>> {
  const report = verify(tDda, { properties: ['dsic', 'ir', 'weak-budget-balance'], numRuns, seed });
  return {
    dsic: report.results.dsic,
    ir: report.results.ir,
    'weak-budget-balance': report.results['weak-budget-balance'],
  };
}
