// Issue 4 benchmark: the double Dutch auction on 100,000 bids and 100,000 asks with 6-decimal
// prices and tick 0.000001. Target: ≤ 1 s (createMarket included), and the trace of that run made
// without running out of memory.
import { createMarket, getMechanism } from 'doubledutch';
import { sixDecimalMarket, timeClears } from './markets.mjs';

const n = Number(process.argv[2] ?? 100_000);
const { bids, asks } = sixDecimalMarket(n, 987654321);
const dda = getMechanism('dda');

const { times, outcome } = timeClears(5, () => dda.clear(createMarket({ bids, asks }), { tick: '0.000001' }));
const trades = outcome.fills.filter((f) => f.side === 'buy').length;
console.log(`n = ${n} a side, 6-decimal prices, tick 0.000001`);
console.log(
  `clear (createMarket + dda): median ${times[2].toFixed(0)} ms (min ${times[0].toFixed(0)}), ${trades} trades at ${outcome.fills[0]?.price}`,
);

globalThis.gc?.();
const heapBefore = process.memoryUsage().heapUsed;
const t1 = performance.now();
const traced = dda.clear(createMarket({ bids, asks }), { tick: '0.000001', trace: true });
const trace = traced.trace;
const t2 = performance.now();
globalThis.gc?.();
const heapAfter = process.memoryUsage().heapUsed;
const json = JSON.stringify(trace);
console.log(
  `with trace: ${(t2 - t1).toFixed(0)} ms; ${trace.length} steps, last round ${trace.at(-1).round.toExponential(3)} ticks; ` +
    `heap held ${((heapAfter - heapBefore) / 2 ** 20).toFixed(0)} MiB; as JSON ${(json.length / 2 ** 20).toFixed(1)} MiB; ` +
    `peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`,
);
