// Renders the figures of the docs from the built package: `npm run build && node docs/render-figures.mjs`.
import { writeFileSync } from 'node:fs';
import { createMarket, ddaClockChart, getMechanism } from 'doubledutch';

// The textbook market of docs/mechanisms.md: bids 10, 9, 7, 4; asks 2, 3, 6, 8.
const market = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});
const outcome = getMechanism('dda').clear(market, { trace: true });
const svg = await ddaClockChart(outcome.trace, { title: 'Double Dutch auction: bids 10, 9, 7, 4; asks 2, 3, 6, 8; tick 1' });
writeFileSync(new URL('./dda-clocks.svg', import.meta.url), svg);
console.log('docs/dda-clocks.svg');

// The seed paper's t-DDA on its first worked example (PAPER.md §4.9): bids 10, 8, 4; asks 2, 5, 9.
const paperMarket = createMarket({
  bids: [10, 8, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 5, 9].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});
const tDdaOutcome = getMechanism('t-dda').clear(paperMarket, { trace: true });
const tDdaSvg = await ddaClockChart(tDdaOutcome.trace, {
  title: 't-DDA: bids 10, 8, 4; asks 2, 5, 9; tick 1 (synchronised clocks)',
});
writeFileSync(new URL('./t-dda-clocks.svg', import.meta.url), tDdaSvg);
console.log('docs/t-dda-clocks.svg');
