// Issue 14 benchmark: the iterative double auction on 10,000 bids and 10,000 asks with 6-decimal
// prices and its default step (the market's step, 10^-6): ~10^9 rounds, which the event-driven
// implementation skips between trades. Target: ≤ 2 s (createMarket included).
import { createMarket, getMechanism } from 'doubledutch';
import { sixDecimalMarket, timeClears } from './markets.mjs';

const n = Number(process.argv[2] ?? 10_000);
const { bids, asks } = sixDecimalMarket(n, 123456789);
const ida = getMechanism('ida');

const { times, outcome } = timeClears(3, () => ida.clear(createMarket({ bids, asks }), { maxRounds: 1e12 }));
const trades = outcome.fills.filter((f) => f.side === 'buy').length;
console.log(`n = ${n} a side, 6-decimal prices, step 0.000001, maxRounds 10^12`);
console.log(
  `clear (createMarket + ida): median ${times[1].toFixed(0)} ms (min ${times[0].toFixed(0)}), ${trades} trades, ` +
    `${outcome.rounds.toExponential(3)} rounds (capped: ${outcome.capped}); welfare ${outcome.welfare.toFixed(2)} of ${outcome.optimalWelfare.toFixed(2)}`,
);
