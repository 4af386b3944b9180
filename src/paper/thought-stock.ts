/**
 * Equation (12) of the seed paper: the thought stock K, the tokens of reasoning accumulated by a
 * cached (agent, model) pair at a server. Eviction (a = 0) resets it.
 */

/**
 * Equation (12): K^t = a^t·(K^{t−1} + δ^t), i.e. `cached ? previous + tokens : 0` (K^0 = 0).
 *
 * @example
 * ```ts
 * thoughtStock({ previous: 100, tokens: 60, cached: true });  // 160
 * thoughtStock({ previous: 100, tokens: 60, cached: false }); // 0: eviction resets the stock
 * ```
 * @category edge
 */
export function thoughtStock(input: {
  readonly previous: number;
  readonly tokens: number;
  readonly cached: boolean;
}): number {
  return input.cached ? input.previous + input.tokens : 0;
}
