/**
 * doubledutch: double auctions in exact money, property verification, and an edge-computing market
 * of LLM agents. This is the composition root: it registers the built-in mechanisms and re-exports
 * the public API by name: the library, not the command line's plumbing (atomic writes, CSV
 * parsing, shard flags and the HTML page stay internal, free to change). Chart rendering and the
 * T2DRL policies import Vega and TensorFlow.js when first used, so importing the package for its
 * market costs neither (issue 11).
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
  ddaTrade,
} from '../mechanisms/dda.js';
export { type DdaSyncOptions, ddaSync } from '../mechanisms/dda-sync.js';
export { ddaTr } from '../mechanisms/dda-tr.js';
export { type IdaOptions, type IdaOutcome, ida } from '../mechanisms/ida.js';
export { type KDoubleOptions, kDouble } from '../mechanisms/k-double.js';
export { mcafee } from '../mechanisms/mcafee.js';
export { sbba } from '../mechanisms/sbba.js';
export {
  type SyncClockContext,
  type SyncClockOptions,
  type SyncClockOutcome,
  type SyncClockState,
  type SyncClockTraceStep,
  syncClockContext,
  syncInitialState,
  syncStep,
} from '../mechanisms/sync-clocks.js';
export { type TddaClearing, type TddaOptions, type TddaOutcome, tDda } from '../mechanisms/t-dda.js';
export { tradeReduction } from '../mechanisms/trade-reduction.js';
export { vcg } from '../mechanisms/vcg.js';
export { welfareMax } from '../mechanisms/welfare-max.js';
export {
  type ActorCriticKind,
  type PaperEnvironmentPolicyOptions,
  type PaperPolicyOptions,
  type PaperTrainOptions,
  paperActorCriticPolicy,
  paperEnvironmentPolicy,
  trainPaperActorCritic,
} from '../policies/t2drl/ttt/api.js';
export {
  type ClockStep,
  type DdaClockChartOptions,
  ddaClockChart,
  ddaClockChartSpec,
} from './charts/dda-clock-chart.js';
export {
  type ComparisonChartOptions,
  type PolicyMechanismCell,
  policyMechanismHeatmapSpec,
  type RunSummary,
  relativeCostChartSpec,
  supplyDemandChartSpec,
  systemCostChartSpec,
  welfareSurplusChartSpec,
} from './charts/experiment-charts.js';
export { renderVegaLiteSvg, type VegaLiteSpec } from './charts/render.js';
export { type AccuracyCurve, accuracy, effectiveExamples } from './edge/accuracy.js';
export { defaultCatalogue } from './edge/catalogue.js';
export { type CloudLink, cloudLatencyS, cloudPriceUsd } from './edge/cloud.js';
export {
  decodeTimeS,
  GIB,
  kvCacheBytes,
  type ModelShape,
  modelLoadTimeS,
  prefillTimeS,
  weightBytes,
} from './edge/compute.js';
export { defaultScenario, popularityShiftScenario } from './edge/default-scenario.js';
export { dynamicEnergyJ, powerW, radioEnergyJ } from './edge/energy.js';
export { EdgeEnvironment, type EdgeEnvironmentOptions, type StepResult } from './edge/env.js';
export { distanceM, NOISE_W_PER_HZ, pathGain, shannonRateBps, transmissionTimeS } from './edge/radio.js';
export { loadScenario, parseScenario, ScenarioError } from './edge/scenario.js';
export type { CloudSpec, ModelSpec, Scenario, ScenarioInput, ServerSpec } from './edge/scenario-schema.js';
export type {
  Action,
  EdgeResetInfo,
  EdgeStepInfo,
  Observation,
  RequestView,
  ServedRequest,
  ServerModelView,
  ServerView,
  SlotMetrics,
  Target,
} from './edge/types.js';
export { estimatedValuations, fittingModels } from './edge/valuations.js';
export { generateWorkload, syntheticWorkload, traceWorkload } from './edge/workload/generate.js';
export type { LlmRequest, TraceRecord } from './edge/workload/request.js';
export { BUILT_IN_TRACES, parseAzure, parseMooncake, readTrace } from './edge/workload/traces.js';
export {
  DoubleDutchError,
  MarketError,
  MechanismError,
  OutcomeError,
  UnknownMechanismError,
  UnknownNameError,
} from './errors.js';
export {
  type CompareOptions,
  type CompareResult,
  compare,
  NO_MARKET,
  type SampleMarket,
  SUMMARY_COLUMNS,
  type SummaryRow,
  summaryRow,
  TIMING_COLUMNS,
} from './experiment/compare.js';
export { type CsvValue, toCsv } from './experiment/csv.js';
export { METRICS, type MetricSpec } from './experiment/metrics.js';
export { reportFiles } from './experiment/report.js';
export {
  aggregate,
  type RunMetrics,
  type SimulateOptions,
  type SimulationResult,
  type SlotRecord,
  simulate,
} from './experiment/simulate.js';
export {
  aggregatePaper,
  type PaperRunMetrics,
  type PaperSimulateOptions,
  type PaperSimulationResult,
  type PaperSlotRecord,
  simulatePaper,
} from './experiment/simulate-paper.js';
export { clearSlotMarkets, MARKET_TICK_USD, type MarketSlotMetrics } from './experiment/slot-market.js';
export {
  type Grid,
  type JobResult,
  loadGrid,
  readJobResults,
  runSweep,
  type SweepJob,
  type SweepOptions,
  sweepJobs,
} from './experiment/sweep.js';
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
  MAX_PRICE_DIGITS,
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
  COMMON_OPTIONS,
  checkOptionNames,
  checkSharedOptionNames,
  getMechanism,
  listMechanisms,
  type Mechanism,
  type MechanismClaims,
  type MechanismTypes,
  optionsFor,
  registerMechanism,
  takesOption,
} from './mechanism.js';
export { Decimal, type PriceInput } from './money.js';
export {
  monotoneFit,
  PAPER_TASKS,
  type PaperTask,
  type PublishedAccuracyTable,
  TABLE_III_LAMDA,
  TABLE_IV_PALM,
  TABLE_PATHS,
  tableAccuracy,
} from './paper/accuracy-tables.js';
export { ageOfThought } from './paper/age-of-thought.js';
export {
  CONSTRAINT_EPSILON,
  constraintViolations,
  serverEnergyJ,
  serverMemoryGB,
} from './paper/constraints.js';
export {
  edgeRequestFloor,
  type PaperBoundOptions,
  type PaperCostBound,
  type PaperSlotBound,
  paperCostLowerBound,
  slotCostLowerBound,
} from './paper/cost-bound.js';
export { type PaperCosts, requestCosts, type SlotDecisions, slotCosts } from './paper/costs.js';
export { createPaperDemand, type PaperDemand } from './paper/demand.js';
export {
  PaperEnvironment,
  type PaperObservation,
  type PaperResetInfo,
  type PaperSlotMetrics,
  type PaperStepInfo,
} from './paper/environment.js';
export { type Fig6Options, type Fig6Point, fig6Data, relativeWelfareGain } from './paper/fig6.js';
export {
  type PathMarket,
  type PathMarketOptions,
  type PathRequest,
  pathMarket,
} from './paper/path-market.js';
export type { PaperPolicy, PaperTransition } from './paper/policy.js';
export { type PaperAction, type ProjectedAction, projectPaperAction } from './paper/projection.js';
export { accuracyGap, reasoningAccuracy } from './paper/reasoning-accuracy.js';
export {
  DEFAULT_PAPER_DECISIONS,
  isPaperScenario,
  PaperScenarioError,
  type PaperScenarioOptions,
  paperScenario,
  parsePaperScenario,
} from './paper/scenario.js';
export type {
  PaperAgent,
  PaperDecisions,
  PaperModel,
  PaperScenario,
  PaperScenarioInput,
} from './paper/scenario-schema.js';
export {
  clearPathMarkets,
  type PathMarketMetrics,
  type PathMarketSettings,
  type PathMarketSlot,
} from './paper/slot-path-market.js';
export { type PaperSystem, paperSystem, paperSystemOf } from './paper/system.js';
export { thoughtStock } from './paper/thought-stock.js';
export {
  type AnyPolicy,
  type AnyScenario,
  type Decision,
  describePolicy,
  getPolicy,
  listPolicies,
  type Policy,
  type PolicyContext,
  type PolicyDefinition,
  type PolicyFactory,
  type PolicyOptions,
  policyEnvironments,
  registerPolicy,
  type Transition,
  type Valuations,
} from './policy.js';
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
  claimedProperties,
  criticalMisreports,
  type Fraction,
  type MarketJson,
  type MarketsTraded,
  marketToJson,
  misreportGain,
  PROPERTY_NAMES,
  type PropertyName,
  type PropertyResult,
  VACUOUS_TRADE_SHARE,
  type VerifyOptions,
  type VerifyReport,
  verify,
} from './properties/index.js';
export { createRng, type Rng, RUN_STREAMS } from './random.js';
export { checkSeed, MAX_SEED, parseSeed, SeedError } from './seed.js';
