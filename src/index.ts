/**
 * doubledutch: double auctions in exact money, property verification, and an edge-computing market
 * of LLM agents. This is the composition root: it registers the built-in mechanisms and re-exports
 * the public API by name.
 *
 * @packageDocumentation
 */
import './builtins.js';

export { average } from '../mechanisms/average.js';
export {
  type DdaContext,
  type DdaOptions,
  type DdaOutcome,
  type DdaState,
  type DdaTraceStep,
  dda,
  ddaInitialState,
  ddaIsTerminal,
  ddaNextClock,
  ddaOutcome,
  ddaPrice,
  ddaStep,
} from '../mechanisms/dda.js';
export { ddaTr } from '../mechanisms/dda-tr.js';
export { type KDoubleOptions, kDouble } from '../mechanisms/k-double.js';
export { mcafee } from '../mechanisms/mcafee.js';
export { sbba } from '../mechanisms/sbba.js';
export { tradeReduction } from '../mechanisms/trade-reduction.js';
export { vcg } from '../mechanisms/vcg.js';
export { welfareMax } from '../mechanisms/welfare-max.js';
export {
  type ClockStep,
  type DdaClockChartOptions,
  ddaClockChart,
  ddaClockChartSpec,
} from './charts/dda-clock-chart.js';
export { renderVegaLiteSvg, type VegaLiteSpec } from './charts/render.js';
export {
  DoubleDutchError,
  MarketError,
  MechanismError,
  OutcomeError,
  UnknownMechanismError,
  UnknownNameError,
} from './errors.js';
export {
  type Ask,
  type AskInput,
  type Bid,
  type BidInput,
  buildOutcome,
  createMarket,
  type Fill,
  type FillInput,
  type Lottery,
  type Market,
  type MarketInput,
  type OrderStatistics,
  type Outcome,
  type OutcomeSpec,
  orderStatistics,
  type Side,
  type Trade,
} from './market/index.js';
export { clearTopUnits } from './market/outcome.js';
export {
  type ClearOptions,
  getMechanism,
  listMechanisms,
  type Mechanism,
  type MechanismClaims,
  registerMechanism,
} from './mechanism.js';
export { Decimal, type PriceInput } from './money.js';
export {
  type ArbitraryMarketOptions,
  arbitraryMarket,
  type Check,
  type Counterexample,
  checkDsic,
  checkEfficiency,
  checkFeasibility,
  checkIr,
  checkMisreport,
  checkPermutationInvariance,
  checkStrongBudgetBalance,
  checkWeakBudgetBalance,
  checkWelfareBound,
  criticalMisreports,
  type Fraction,
  type MarketJson,
  marketToJson,
  misreportGain,
  PROPERTY_NAMES,
  type PropertyName,
  type PropertyResult,
  type VerifyOptions,
  type VerifyReport,
  verify,
} from './properties/index.js';
export { createRng, type Rng } from './random.js';
