export { type ArbitraryMarketOptions, arbitraryMarket } from './arbitrary-market.js';
export { checkDsic, criticalMisreports } from './dsic.js';
export { checkEfficiency } from './efficiency.js';
export { checkFeasibility } from './feasibility.js';
export { checkIr } from './ir.js';
export { checkMisreport, misreportGain } from './misreport.js';
export { checkPermutationInvariance } from './permutation-invariance.js';
export { checkStrongBudgetBalance } from './strong-budget-balance.js';
export {
  type Check,
  type Counterexample,
  claimedProperties,
  type MarketJson,
  marketToJson,
  PROPERTY_NAMES,
  type PropertyName,
  type PropertyResult,
} from './types.js';
export type { Fraction } from './utility.js';
export {
  type MarketsTraded,
  VACUOUS_TRADE_SHARE,
  type VerifyOptions,
  type VerifyReport,
  verify,
} from './verify.js';
export { checkWeakBudgetBalance } from './weak-budget-balance.js';
export { checkWelfareBound } from './welfare-bound.js';
