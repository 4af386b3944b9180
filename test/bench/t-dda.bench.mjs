// Issue 14 benchmark: the seed paper's t-DDA on 100,000 bids and 100,000 asks with 6-decimal
// prices and Θ = 0.000001. Target: ≤ 1 s (createMarket included), event-driven like dda.
import { createMarket, getMechanism } from 'doubledutch';

const n = Number(process.argv[2] ?? 100_000);
let state = 987654321;
const next = () => {
  state = (Math.imul(state, 1103515245) + 12345) >>> 0;
  return state;
};
// Prices in [0, 1000) with 6 decimals, as strings (exact): the same markets as dda.bench.mjs.
const price = () => `${next() % 1000}.${String(next() % 1_000_000).padStart(6, '0')}`;
const bids = Array.from({ length: n }, (_, i) => ({ id: `b${i}`, value: price() }));
const asks = Array.from({ length: n }, (_, i) => ({ id: `s${i}`, cost: price() }));
const tDda = getMechanism('t-dda');

const times = [];
let outcome;
for (let r = 0; r < 5; r++) {
  globalThis.gc?.();
  const t0 = performance.now();
  outcome = tDda.clear(createMarket({ bids, asks }), { tick: '0.000001' });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
const trades = outcome.fills.filter((f) => f.side === 'buy').length;
console.log(`n = ${n} a side, 6-decimal prices, tick 0.000001`);
console.log(
  `clear (createMarket + t-dda): median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}), ` +
    `k* = ${outcome.clearing.kStar}, Case ${outcome.clearing.case}, ${trades} trades, ${outcome.rounds.toExponential(3)} ticks`,
);

globalThis.gc?.();
const t1 = performance.now();
const traced = tDda.clear(createMarket({ bids, asks }), { tick: '0.000001', trace: true });
const trace = traced.trace;
const t2 = performance.now();
console.log(
  `with trace: ${(t2 - t1).toFixed(0)} ms; ${trace.length} steps; peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
