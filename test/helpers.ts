import type { Outcome } from '../src/index.js';

/** A compact, order-independent view of an outcome's fills: `id:quantity@price`, sorted. */
export function fillsOf(outcome: Outcome): string[] {
  return outcome.fills.map((f) => `${f.id}:${f.quantity}@${f.price.toString()}`).sort();
}

/** Units bought in an outcome. */
export function unitsTraded(outcome: Outcome): number {
  return outcome.fills.filter((f) => f.side === 'buy').reduce((sum, f) => sum + f.quantity, 0);
}
