// Issue 14 benchmark: the seed paper's t-DDA on 100,000 bids and 100,000 asks with 6-decimal
// prices and Θ = 0.000001. Target: ≤ 1 s (createMarket included), event-driven like dda.
import { createMarket, getMechanism } from 'doubledutch';
import { sixDecimalMarket, timeClears } from './markets.mjs';

const n = Number(process.argv[2] ?? 100_000);
const { bids, asks } = sixDecimalMarket(n, 987654321);
const tDda = getMechanism('t-dda');

const { times, outcome } = timeClears(5, () =>
  tDda.clear(createMarket({ bids, asks }), { tick: '0.000001' }),
);
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
