import { createMarket, type Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import type { Mechanism } from '../mechanism.js';
import { createRng } from '../random.js';
import { checkSeed } from '../seed.js';
import { type Check, HOLDS } from './types.js';

function shuffled<T>(items: readonly T[], rng: ReturnType<typeof createRng>): T[] {
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [out[i], out[j]] = [out[j] as T, out[i] as T];
  }
  return out;
}

function signature(outcome: Outcome): string {
  const fills = outcome.fills.map((f) => `${f.id}:${f.side}:${f.quantity}@${f.price.toString()}`).sort();
  return `${fills.join(' ')} | surplus ${outcome.surplus.toString()} | E[welfare] ${outcome.expectedWelfare.toString()}`;
}

/**
 * Permutation invariance: clearing the market with its bids and asks in another order (drawn
 * from `permutationSeed`) gives the same fills, prices, surplus and expected welfare.
 *
 * @example
 * ```ts
 * checkPermutationInvariance(getMechanism('mcafee'), market, 7).holds; // true
 * ```
 * @category properties
 */
export function checkPermutationInvariance(
  mechanism: Mechanism,
  market: Market,
  permutationSeed: number,
  options: { readonly seed?: number } = {},
): Check {
  const seed = checkSeed(options.seed ?? 0, 'options.seed');
  const rng = createRng(checkSeed(permutationSeed, 'permutationSeed'));
  const permuted = createMarket({
    bids: shuffled(market.bids, rng).map((b) => ({ id: b.id, value: b.value, quantity: b.quantity })),
    asks: shuffled(market.asks, rng).map((a) => ({ id: a.id, cost: a.cost, quantity: a.quantity })),
  });
  const a = signature(mechanism.clear(market, { seed }));
  const b = signature(mechanism.clear(permuted, { seed }));
  if (a === b) return HOLDS;
  return { holds: false, reason: `input order changes the outcome: ${a} vs ${b}` };
}
