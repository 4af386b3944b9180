import fc from 'fast-check';
import { DoubleDutchError } from '../errors.js';
import { createMarket, type Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import { type ClearOptions, checkOptionNames, getMechanism, type Mechanism } from '../mechanism.js';
import { checkSeed } from '../seed.js';
import { type ArbitraryMarketOptions, checkArbitraryMarketOptions, marketsOf } from './arbitrary-market.js';
import { checkDsic } from './dsic.js';
import { checkEfficiency } from './efficiency.js';
import { checkFeasibility } from './feasibility.js';
import { checkIr } from './ir.js';
import { checkPermutationInvariance } from './permutation-invariance.js';
import { checkStrongBudgetBalance } from './strong-budget-balance.js';
import {
  type Check,
  type Counterexample,
  type MarketJson,
  marketToJson,
  PROPERTY_NAMES,
  type PropertyName,
  type PropertyResult,
} from './types.js';
import { checkWeakBudgetBalance } from './weak-budget-balance.js';
import { checkWelfareBound } from './welfare-bound.js';

/**
 * Options of {@link verify}. `Options` are the clear options of the mechanism under test.
 *
 * @category properties
 */
export interface VerifyOptions<Options extends ClearOptions = ClearOptions> {
  /** Properties to check (default: all). */
  readonly properties?: readonly PropertyName[];
  /** Markets per property, an integer ≥ 1 (default 100). */
  readonly numRuns?: number;
  /** fast-check seed, an integer in [0, 2^32 − 1] (default 0): the same seed replays the same markets. */
  readonly seed?: number;
  /** The markets to try: an arbitrary of market JSON, or options of {@link arbitraryMarket}. */
  readonly arbitrary?: fc.Arbitrary<MarketJson> | ArbitraryMarketOptions;
  /** Seed of the mechanism's own lottery (default 0); expected utilities do not depend on it. */
  readonly mechanismSeed?: number;
  /**
   * Options passed to every `clear` of the mechanism under test (and of its misreport and
   * permutation checks), e.g. `{ k: 0.3 }` for `k-double` or `{ tick: '0.01' }` for `dda`; the
   * seed is `mechanismSeed`. A mechanism that refuses them on an empty market throws before any
   * market is generated.
   */
  readonly mechanismOptions?: Omit<Options, 'seed'>;
}

/**
 * How many of the generated markets traded: a property that holds on markets where nothing
 * trades holds vacuously (a posted price outside the price range).
 *
 * @category properties
 */
export interface MarketsTraded {
  /** Markets tried (the most any property tried). */
  readonly tried: number;
  /** Of those, markets on which the mechanism, with truthful reports, traded at least one unit. */
  readonly traded: number;
}

/**
 * What {@link verify} found, per property.
 *
 * @category properties
 */
export interface VerifyReport {
  readonly mechanism: string;
  readonly seed: number;
  readonly numRuns: number;
  readonly results: Partial<Record<PropertyName, PropertyResult>>;
  /** How many generated markets traded; see {@link VACUOUS_TRADE_SHARE}. */
  readonly markets: MarketsTraded;
  /** What makes the result weaker than it looks, in words (empty when nothing does). */
  readonly warnings: readonly string[];
}

/**
 * The share of generated markets that must trade for a passing report not to be flagged as
 * vacuous: below it, `verify` adds a warning (issue 15: a posted price outside the price range
 * traded in 0 of 300 markets, and IR and DSIC "held").
 *
 * @category properties
 */
export const VACUOUS_TRADE_SHARE = 0.1;

type Checker = (mechanism: Mechanism, market: Market, outcome: Outcome, extra: number, seed: number) => Check;

const checkers: Record<PropertyName, Checker> = {
  ir: (_m, market, outcome) => checkIr(market, outcome),
  'weak-budget-balance': (_m, market, outcome) => checkWeakBudgetBalance(market, outcome),
  'strong-budget-balance': (_m, market, outcome) => checkStrongBudgetBalance(market, outcome),
  dsic: (m, market, _o, _x, seed) => checkDsic(m, market, { seed }),
  efficiency: (_m, market, outcome) => checkEfficiency(market, outcome),
  'welfare-bound': (_m, market, outcome) => checkWelfareBound(market, outcome),
  'permutation-invariance': (m, market, _o, permutationSeed, seed) =>
    checkPermutationInvariance(m, market, permutationSeed, { seed }),
  feasibility: (_m, market, outcome) => checkFeasibility(market, outcome),
};

/** One property's check on one generated market: whether it holds, and whether the market traded. */
interface Trial {
  readonly check: Check;
  readonly traded: boolean;
}

function trial(property: PropertyName, m: Mechanism, market: Market, extra: number, seed: number): Trial {
  let outcome: Outcome;
  // A mechanism that throws on a valid market fails the property on that market.
  try {
    outcome = m.clear(market, { seed });
  } catch (error) {
    return { check: threw(error), traded: false };
  }
  const traded = outcome.fills.length > 0;
  try {
    return { check: checkers[property](m, market, outcome, extra, seed), traded };
  } catch (error) {
    return { check: threw(error), traded };
  }
}

function threw(error: unknown): Check {
  return { holds: false, reason: `clear() threw: ${error instanceof Error ? error.message : String(error)}` };
}

/**
 * Checks a mechanism's properties on generated markets with fast-check. For each property it
 * returns whether it held on every market tried and, if not, a counterexample shrunk by fast-check
 * to a minimal market, with exact prices and the participant, misreport and gain that show the
 * failure, ready to paste into a test. It also counts the markets on which the mechanism traded,
 * and warns when (almost) none did: properties then hold vacuously.
 *
 * Bad options throw a `DoubleDutchError` naming the option: `numRuns` not an integer ≥ 1, a seed
 * not an integer in [0, 2^32 − 1] (`SeedError`), malformed `arbitrary` options, an unknown
 * property, or `mechanismOptions` that the mechanism refuses.
 *
 * @example
 * ```ts
 * const report = verify(getMechanism('mcafee'), { properties: ['ir', 'weak-budget-balance', 'dsic'], numRuns: 500, seed: 42 });
 * report.results.dsic; // { holds: true, runs: 500, traded: 269 }
 * report.markets;      // { tried: 500, traded: 269 }; report.warnings: []
 * verify('vcg', { properties: ['weak-budget-balance'] }).results['weak-budget-balance']?.counterexample?.reason;
 * // 'the auctioneer runs a deficit: surplus -1 < 0'
 * // Options of the mechanism under test, and markets of cents between 0 and 2:
 * verify(getMechanism('k-double'), { mechanismOptions: { k: 0.25 }, arbitrary: { priceRange: ['0', '2'], decimals: 2 } });
 * ```
 * @category properties
 */
export function verify<Options extends ClearOptions>(
  mechanism: Mechanism<Options, Outcome>,
  options?: VerifyOptions<Options>,
): VerifyReport;
/** Verifies the mechanism registered under `name` (its options untyped). @category properties */
export function verify(
  mechanism: string,
  options?: VerifyOptions<ClearOptions & Readonly<Record<string, unknown>>>,
): VerifyReport;
export function verify(
  mechanism: Mechanism | string,
  options: VerifyOptions<ClearOptions & Readonly<Record<string, unknown>>> = {},
): VerifyReport {
  if (typeof options !== 'object' || options === null)
    throw new DoubleDutchError('invalid_option', 'must be an object of options', 'options');
  const base = typeof mechanism === 'string' ? getMechanism(mechanism) : mechanism;
  const properties: readonly PropertyName[] = options.properties ?? PROPERTY_NAMES;
  if (!Array.isArray(properties as unknown))
    throw new DoubleDutchError('invalid_option', 'must be an array of property names', 'properties');
  for (const [i, p] of properties.entries()) {
    if (!PROPERTY_NAMES.includes(p)) {
      throw new DoubleDutchError(
        'unknown_property',
        `unknown property '${p}'; properties: ${PROPERTY_NAMES.join(', ')}`,
        `properties[${i}]`,
      );
    }
  }
  const numRuns = options.numRuns ?? 100;
  // fast-check reads 0 or NaN runs as "none" and reports success: a property must never be said
  // to hold after no market (issue 16).
  if (typeof numRuns !== 'number' || !Number.isSafeInteger(numRuns) || numRuns < 1)
    throw new DoubleDutchError(
      'invalid_option',
      `must be an integer ≥ 1 (markets per property), got ${typeof numRuns === 'string' ? `'${numRuns}'` : String(numRuns)}`,
      'numRuns',
    );
  const seed = checkSeed(options.seed ?? 0, 'seed');
  const mechanismSeed = checkSeed(options.mechanismSeed ?? 0, 'mechanismSeed');
  const markets: fc.Arbitrary<MarketJson> =
    options.arbitrary instanceof fc.Arbitrary
      ? options.arbitrary
      : marketsOf(checkArbitraryMarketOptions(options.arbitrary ?? {}, 'arbitrary.'));
  const m = withOptions(base, options.mechanismOptions, mechanismSeed);
  const results: Partial<Record<PropertyName, PropertyResult>> = {};
  let busiest: MarketsTraded = { tried: 0, traded: 0 };
  for (const property of properties) {
    // Count the runs fast-check makes before its first failure (after it, the calls are shrinking).
    let tried = 0;
    let traded = 0;
    let failed = false;
    const details = fc.check(
      fc.property(markets, fc.nat(), (input, extra) => {
        const t = trial(property, m, createMarket(input), extra, mechanismSeed);
        if (!failed) {
          tried++;
          if (t.traded) traded++;
          if (!t.check.holds) failed = true;
        }
        return t.check.holds;
      }),
      { numRuns, seed },
    );
    if (tried > busiest.tried) busiest = { tried, traded };
    if (!details.failed) {
      results[property] = { holds: true, runs: details.numRuns, traded };
      continue;
    }
    const failing = details.counterexample;
    if (failing === null)
      throw new DoubleDutchError(
        'verify_interrupted',
        'fast-check stopped before finding a counterexample',
        property,
      );
    const [input, extra] = failing;
    const market = createMarket(input);
    const found = trial(property, m, market, extra, mechanismSeed).check;
    const counterexample: Counterexample = {
      market: marketToJson(market),
      reason: found.reason ?? 'fails',
      seed: mechanismSeed,
      ...(found.participant === undefined ? {} : { participant: found.participant }),
      ...(found.misreport === undefined ? {} : { misreport: found.misreport }),
      ...(found.gain === undefined ? {} : { gain: found.gain }),
    };
    results[property] = { holds: false, runs: details.numRuns, traded, counterexample };
  }
  return {
    mechanism: base.name,
    seed,
    numRuns,
    results,
    markets: busiest,
    warnings: vacuityWarnings(busiest, options.arbitrary),
  };
}

/**
 * The mechanism with `mechanismOptions` merged into every clear, after one clear of the empty
 * market so that options it refuses are reported as such, not as a failure on every market.
 */
function withOptions(
  mechanism: Mechanism,
  mechanismOptions: Readonly<Record<string, unknown>> | undefined,
  seed: number,
): Mechanism {
  if (mechanismOptions === undefined) return mechanism;
  if (typeof mechanismOptions !== 'object' || mechanismOptions === null || Array.isArray(mechanismOptions))
    throw new DoubleDutchError(
      'invalid_option',
      "must be an object of the mechanism's options",
      'mechanismOptions',
    );
  if ('seed' in mechanismOptions)
    throw new DoubleDutchError(
      'invalid_option',
      'must not set the seed; pass mechanismSeed',
      'mechanismOptions.seed',
    );
  const bound: Mechanism = {
    ...mechanism,
    clear: (market, options) => mechanism.clear(market, { ...mechanismOptions, ...options }),
  };
  try {
    // A plug-in that declares its option names but does not check them in clear is held to them too.
    checkOptionNames(mechanism, mechanismOptions);
    bound.clear(createMarket({ bids: [], asks: [] }), { seed });
  } catch (error) {
    if (!(error instanceof DoubleDutchError)) throw error;
    const option = error.field?.replace(/^options\./, '');
    const reason = error.field === undefined ? error.message : error.message.slice(error.field.length + 2);
    throw new DoubleDutchError(
      'invalid_option',
      option === undefined
        ? `${mechanism.name} refuses its options: ${reason}`
        : `${mechanism.name} refuses ${option}: ${reason}`,
      option === undefined ? 'mechanismOptions' : `mechanismOptions.${option}`,
      { cause: error },
    );
  }
  return bound;
}

function vacuityWarnings(
  markets: MarketsTraded,
  arbitrary: fc.Arbitrary<MarketJson> | ArbitraryMarketOptions | undefined,
): string[] {
  if (markets.tried === 0 || markets.traded >= VACUOUS_TRADE_SHARE * markets.tried) return [];
  const range =
    arbitrary instanceof fc.Arbitrary
      ? ''
      : ` (prices in [${(arbitrary?.priceRange ?? [0, 20]).join(', ')}])`;
  return [
    `only ${markets.traded} of ${markets.tried} generated markets traded${range}: properties that held may hold vacuously; widen the price range or change the mechanism's options so that markets trade`,
  ];
}
