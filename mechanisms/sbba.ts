/**
 * The strongly budget-balanced double auction (SBBA).
 *
 * @packageDocumentation
 */
import type { Market } from '../src/market/create-market.js';
import { buildOutcome, clearTopUnits, type FillInput, type Outcome } from '../src/market/outcome.js';
import { orderStatistics } from '../src/market/statistics.js';
import type { ClearOptions, Mechanism } from '../src/mechanism.js';
import { type Decimal, ZERO } from '../src/money.js';
import { createRng } from '../src/random.js';

/**
 * SBBA (Segal-Halevi, Hassidim & Aumann, "SBBA: a strongly-budget-balanced double-auction
 * mechanism", SAGT 2016). The price is p = min(b_k, s_{k+1}) (a missing s_{k+1} is +∞). If
 * p = s_{k+1} (ties included), all k efficient pairs trade at p. Otherwise p = b_k: buyers 1..k−1
 * buy at p, and k−1 of the k lowest seller units, drawn uniformly at random, sell at p. Every unit
 * trades at one price, so the budget balances exactly; truthful (in expectation for sellers), IR,
 * and expected welfare ≥ (1 − 1/k)·OPT.
 *
 * The outcome's `lottery` describes the draw; `fills` hold the realisation for `options.seed`
 * (default 0), and `expectedWelfare` is the expectation over the draw (rounded at the 100th
 * significant digit when it does not terminate, e.g. 35/3; the verifier uses exact fractions).
 * This is the seller-side SBBA of the paper; its mirror image (a lottery among buyers) is not
 * implemented.
 *
 * @example
 * ```ts
 * const m = createMarket({
 *   bids: [{ id: 'b1', value: 9 }, { id: 'b2', value: 7 }],
 *   asks: [{ id: 's1', cost: 1 }, { id: 's2', cost: 3 }],
 * });
 * sbba.clear(m, { seed: 1 }).lottery?.winners; // 1 (one of s1, s2 sells to b1 at 7)
 * ```
 * @category mechanisms
 */
export const sbba: Mechanism<ClearOptions> = {
  name: 'sbba',
  description:
    'p = min(b_k, s_{k+1}); all k trade at p if p = s_{k+1}, else buyers 1..k−1 and a random k−1 of sellers 1..k',
  randomised: true,
  claims: {
    ir: true,
    dsic: true,
    weakBudgetBalance: true,
    strongBudgetBalance: true,
    efficient: false,
    welfareBound: true,
  },
  clear(market: Market, options: ClearOptions = {}): Outcome {
    const stats = orderStatistics(market);
    const { k } = stats;
    if (k === 0) return clearTopUnits(market, 'sbba', 0, ZERO, ZERO);
    const bk = stats.bid(k) as Decimal;
    const sNext = stats.ask(k + 1);
    if (sNext !== undefined && sNext.lte(bk)) return clearTopUnits(market, 'sbba', k, sNext, sNext);
    const price = bk;
    const pool: string[] = [];
    for (let i = 1; i <= k; i++) pool.push(stats.asker(i) as string);
    const excluded = createRng(options.seed ?? 0).int(k);
    const fills: FillInput[] = [];
    const buyers = new Map<string, number>();
    for (let i = 1; i < k; i++) {
      const id = stats.bidder(i) as string;
      buyers.set(id, (buyers.get(id) ?? 0) + 1);
    }
    for (const [id, quantity] of buyers) fills.push({ id, side: 'buy', quantity, price });
    const sellers = new Map<string, number>();
    pool.forEach((id, unit) => {
      if (unit !== excluded) sellers.set(id, (sellers.get(id) ?? 0) + 1);
    });
    for (const [id, quantity] of sellers) fills.push({ id, side: 'sell', quantity, price });
    return buildOutcome(market, {
      mechanism: 'sbba',
      fills,
      lottery: { side: 'sell', pool, winners: k - 1, price },
    });
  },
};
