import type { Market } from '../market/create-market.js';
import { buildOutcome, type Outcome } from '../market/outcome.js';
import { type Check, HOLDS } from './types.js';

/**
 * Feasibility and honest accounting: the outcome's fills, trades and lottery pass
 * `buildOutcome`'s checks (participants exist on their side, none overfilled, units bought =
 * units sold, trades match fills), and the totals it reports (surplus, welfare, expected welfare,
 * optimum, k) are the ones its fills imply.
 *
 * @example
 * ```ts
 * checkFeasibility(market, getMechanism('mcafee').clear(market)).holds; // true
 * ```
 * @category properties
 */
export function checkFeasibility(market: Market, outcome: Outcome): Check {
  let rebuilt: Outcome;
  try {
    rebuilt = buildOutcome(market, {
      mechanism: outcome.mechanism,
      fills: outcome.fills,
      trades: outcome.trades,
      ...(outcome.lottery === undefined ? {} : { lottery: outcome.lottery }),
    });
  } catch (error) {
    return { holds: false, reason: `infeasible: ${error instanceof Error ? error.message : String(error)}` };
  }
  const fields = ['surplus', 'welfare', 'expectedWelfare', 'optimalWelfare'] as const;
  for (const field of fields) {
    if (!rebuilt[field].eq(outcome[field])) {
      return {
        holds: false,
        reason: `reports ${field} ${outcome[field].toString()}, its fills imply ${rebuilt[field].toString()}`,
      };
    }
  }
  if (rebuilt.efficientTrades !== outcome.efficientTrades) {
    return {
      holds: false,
      reason: `reports k = ${outcome.efficientTrades}, the market has k = ${rebuilt.efficientTrades}`,
    };
  }
  return HOLDS;
}
