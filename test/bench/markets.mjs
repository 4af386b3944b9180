// What the clock-auction benchmarks share (dda, t-dda, ida): a seeded market with 6-decimal prices
// and the timing of repeated clears. Not a benchmark itself (run.mjs runs *.bench.mjs only).

/**
 * n bids and n asks with prices in [0, 1000) and 6 decimals, as strings (exact), from a seeded
 * linear congruential generator, so that every run and every benchmark with the same seed clears
 * the same market.
 */
export function sixDecimalMarket(n, seed) {
  let state = seed;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return state;
  };
  const price = () => `${next() % 1000}.${String(next() % 1_000_000).padStart(6, '0')}`;
  const bids = Array.from({ length: n }, (_, i) => ({ id: `b${i}`, value: price() }));
  const asks = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, cost: price() }));
  return { bids, asks };
}

/** Runs `clear` `runs` times after a garbage collection each; the sorted times (ms) and the last outcome. */
export function timeClears(runs, clear) {
  const times = [];
  let outcome;
  for (let r = 0; r < runs; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    outcome = clear();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return { times, outcome };
}
