import type { Rng } from '../../random.js';

/**
 * Zipf popularity: item of rank r (1-based) has weight r^(−s). Returns the cumulative distribution.
 *
 * @category edge
 */
export function zipfCdf(items: number, exponent: number): number[] {
  const weights = Array.from({ length: items }, (_, r) => (r + 1) ** -exponent);
  const total = weights.reduce((a, b) => a + b, 0);
  let acc = 0;
  return weights.map((w) => (acc += w / total));
}

/** Draws a 0-based rank from a cumulative distribution. */
export function drawFromCdf(cdf: readonly number[], rng: Rng): number {
  const u = rng.next();
  for (let i = 0; i < cdf.length; i++) if (u < (cdf[i] as number)) return i;
  return cdf.length - 1;
}

/** An exponential variate with the given mean. */
export function exponential(mean: number, rng: Rng): number {
  return -mean * Math.log(1 - rng.next());
}

/** A log-normal variate with the given median and log-standard deviation σ. */
export function logNormal(median: number, sigma: number, rng: Rng): number {
  // Box–Muller from two uniforms of the one seeded stream.
  const u1 = 1 - rng.next();
  const u2 = rng.next();
  const z = Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  return median * Math.exp(sigma * z);
}
