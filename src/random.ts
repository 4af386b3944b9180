/**
 * One seeded random source. Every random draw in the package (SBBA's lottery, the workload
 * generator, a random policy) comes from a generator made here, so a seed reproduces a run bit for bit.
 *
 * @packageDocumentation
 */

/**
 * A seeded pseudo-random generator (SplitMix32 seeding a xoshiro128** state).
 *
 * @category experiments
 */
export interface Rng {
  /** A float in [0, 1). */
  next(): number;
  /**
   * An integer in [0, n), for any safe integer n ≥ 1 (up to 2^53 − 1). Up to 2^32 it takes one
   * 32-bit draw (more on a rejection); beyond, 53-bit draws made of two 32-bit ones.
   */
  int(n: number): number;
  /** A new, independent generator derived from this one's stream (it consumes two draws). */
  fork(): Rng;
  /**
   * A child generator named by `key`: a function of this generator's seed and `key` alone, not of
   * the draws made so far, so a run's streams (see {@link RUN_STREAMS}) do not shift when one
   * part of the run draws more or less. Equal keys give equal streams; use distinct non-zero keys.
   */
  derive(key: number): Rng;
}

/**
 * The keys of a run's random streams, all derived from the run's one generator (`createRng(seed)`,
 * which the environment draws from itself: the workload as its `fork()`, then mobility). Keeping
 * them in one table makes a run's randomness one tree with one root: its seed. The values are the
 * seed masks the streams had before they were collected here (issue 11), so that every seeded run
 * reproduces its earlier results bit for bit.
 *
 * @category experiments
 */
export const RUN_STREAMS = {
  /** The policy's stream (`PolicyContext.rng`): T2DRL's keep/evict draws. */
  policy: 0x7f4a7c15,
} as const;

function splitmix32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x9e3779b9) >>> 0;
    let z = a;
    z = Math.imul(z ^ (z >>> 16), 0x85ebca6b) >>> 0;
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35) >>> 0;
    return (z ^ (z >>> 16)) >>> 0;
  };
}

/**
 * Creates a generator from an integer seed. Equal seeds give equal streams on every platform
 * (only 32-bit integer arithmetic is used).
 *
 * @category experiments
 */
export function createRng(seed: number): Rng {
  if (!Number.isFinite(seed)) throw new RangeError(`seed must be a finite number, got ${seed}`);
  const seed32 = Math.trunc(seed) ^ Math.trunc(seed / 2 ** 32);
  const init = splitmix32(seed32);
  let s0 = init();
  let s1 = init();
  let s2 = init();
  let s3 = init();
  if ((s0 | s1 | s2 | s3) === 0) s0 = 1;
  const nextU32 = (): number => {
    const result = Math.imul(rotl(Math.imul(s1, 5), 7), 9) >>> 0;
    const t = s1 << 9;
    s2 ^= s0;
    s3 ^= s1;
    s1 ^= s2;
    s0 ^= s3;
    s2 ^= t;
    s3 = rotl(s3, 11);
    return result;
  };
  const rng: Rng = {
    next: () => nextU32() / 2 ** 32,
    int: (n: number) => {
      if (!Number.isSafeInteger(n) || n <= 0)
        throw new RangeError(`int(n) needs a positive safe integer, got ${n}`);
      // Rejection sampling keeps every integer equally likely.
      if (n <= 2 ** 32) {
        const limit = 2 ** 32 - (2 ** 32 % n);
        let x = nextU32();
        while (x >= limit) x = nextU32();
        return x % n;
      }
      // Beyond 2^32 one draw cannot cover [0, n) (the 32-bit limit above would be 0 and the loop
      // endless): draw 53 bits (21 high, 32 low), exact in a double, and reject above the largest
      // multiple of n below 2^53.
      const limit = 2 ** 53 - (2 ** 53 % n);
      let x = (nextU32() >>> 11) * 2 ** 32 + nextU32();
      while (x >= limit) x = (nextU32() >>> 11) * 2 ** 32 + nextU32();
      return x % n;
    },
    fork: () => createRng(nextU32() ^ (nextU32() << 1)),
    derive: (key: number) => createRng(seed32 ^ key),
  };
  return rng;
}

function rotl(x: number, k: number): number {
  return ((x << k) | (x >>> (32 - k))) >>> 0;
}
