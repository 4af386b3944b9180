import { createMarket } from '../market/create-market.js';
import { getMechanism, listMechanisms } from '../mechanism.js';
import { parseFlags } from './args.js';
import type { Command } from './command.js';

/** A textbook market (McAfee 1992's setting): k = 3, with (k+1)-th orders present. */
export const demoMarket = {
  bids: [
    { id: 'b1', value: 10 },
    { id: 'b2', value: 9 },
    { id: 'b3', value: 7 },
    { id: 'b4', value: 4 },
  ],
  asks: [
    { id: 's1', cost: 2 },
    { id: 's2', cost: 3 },
    { id: 's3', cost: 6 },
    { id: 's4', cost: 8 },
  ],
};

/** Clears a textbook market with every registered mechanism and prints the comparison. */
export const demoCommand: Command = {
  name: 'demo',
  summary: 'clear a textbook market with every registered mechanism',
  usage: 'doubledutch demo',
  async run(args) {
    parseFlags(args, {});
    const market = createMarket(demoMarket);
    const rows = [['mechanism', 'trades', 'buyer price', 'seller price', 'welfare', 'optimal', 'surplus']];
    for (const name of listMechanisms()) {
      const outcome = getMechanism(name).clear(market);
      const buy = outcome.fills.find((f) => f.side === 'buy');
      const sell = outcome.fills.find((f) => f.side === 'sell');
      const trades = outcome.fills.filter((f) => f.side === 'buy').reduce((s, f) => s + f.quantity, 0);
      rows.push([
        name,
        String(trades),
        buy?.price.toString() ?? '-',
        sell?.price.toString() ?? '-',
        outcome.expectedWelfare.toSignificantDigits(8).toString(),
        outcome.optimalWelfare.toString(),
        outcome.surplus.toString(),
      ]);
    }
    console.log('bids: 10, 9, 7, 4   asks: 2, 3, 6, 8   (k = 3, [L, H] = [6, 7])\n');
    console.log(formatTable(rows));
    return 0;
  },
};

/** Left-aligned plain-text table. */
export function formatTable(rows: readonly (readonly string[])[]): string {
  const widths = rows[0]?.map((_, c) => Math.max(...rows.map((r) => (r[c] ?? '').length))) ?? [];
  return rows
    .map((r) =>
      r
        .map((cell, c) => cell.padEnd(widths[c] ?? 0))
        .join('  ')
        .trimEnd(),
    )
    .join('\n');
}
