import fc from 'fast-check';
import { DoubleDutchError } from '../errors.js';
import { createMarket, type Market } from '../market/create-market.js';
import { getMechanism, type Mechanism } from '../mechanism.js';
import { type ArbitraryMarketOptions, arbitraryMarket } from './arbitrary-market.js';
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
 * Options of {@link verify}.
 *
 * @category properties
 */
export interface VerifyOptions {
  /** Properties to check (default: all). */
  readonly properties?: readonly PropertyName[];
  /** Markets per property (default 100). */
  readonly numRuns?: number;
  /** fast-check seed (default 0): the same seed replays the same markets. */
  readonly seed?: number;
  /** The markets to try: an arbitrary of market JSON, or options of {@link arbitraryMarket}. */
  readonly arbitrary?: fc.Arbitrary<MarketJson> | ArbitraryMarketOptions;
  /** Seed of the mechanism's own lottery (default 0); expected utilities do not depend on it. */
  readonly mechanismSeed?: number;
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
}

type Checker = (mechanism: Mechanism, market: Market, extra: number, seed: number) => Check;

const checkers: Record<PropertyName, Checker> = {
  ir: (m, market, _x, seed) => checkIr(market, m.clear(market, { seed })),
  'weak-budget-balance': (m, market, _x, seed) => checkWeakBudgetBalance(market, m.clear(market, { seed })),
  'strong-budget-balance': (m, market, _x, seed) =>
    checkStrongBudgetBalance(market, m.clear(market, { seed })),
  dsic: (m, market, _x, seed) => checkDsic(m, market, { seed }),
  efficiency: (m, market, _x, seed) => checkEfficiency(market, m.clear(market, { seed })),
  'welfare-bound': (m, market, _x, seed) => checkWelfareBound(market, m.clear(market, { seed })),
  'permutation-invariance': (m, market, permutationSeed, seed) =>
    checkPermutationInvariance(m, market, permutationSeed, { seed }),
  feasibility: (m, market, _x, seed) => checkFeasibility(market, m.clear(market, { seed })),
};

/**
 * Checks a mechanism's properties on generated markets with fast-check. For each property it
 * returns whether it held on every market tried and, if not, a counterexample shrunk by fast-check
 * to a minimal market, with exact prices and the participant, misreport and gain that show the
 * failure, ready to paste into a test.
 *
 * @example
 * ```ts
 * const report = verify(getMechanism('mcafee'), { properties: ['ir', 'weak-budget-balance', 'dsic'], numRuns: 500, seed: 42 });
 * report.results.dsic; // { holds: true, runs: 500 }
 * verify('vcg', { properties: ['weak-budget-balance'] }).results['weak-budget-balance']?.counterexample?.reason;
 * // 'the auctioneer runs a deficit: surplus -1 < 0'
 * ```
 * @category properties
 */
export function verify(mechanism: Mechanism | string, options: VerifyOptions = {}): VerifyReport {
  const m = typeof mechanism === 'string' ? getMechanism(mechanism) : mechanism;
  const properties = options.properties ?? PROPERTY_NAMES;
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
  const seed = options.seed ?? 0;
  const mechanismSeed = options.mechanismSeed ?? 0;
  const markets =
    options.arbitrary instanceof fc.Arbitrary ? options.arbitrary : arbitraryMarket(options.arbitrary ?? {});
  const results: Partial<Record<PropertyName, PropertyResult>> = {};
  for (const property of properties) {
    const unsafe = checkers[property];
    // A mechanism that throws on a valid market fails the property on that market.
    const check: Checker = (mech, market, extra, lotterySeed) => {
      try {
        return unsafe(mech, market, extra, lotterySeed);
      } catch (error) {
        return {
          holds: false,
          reason: `clear() threw: ${error instanceof Error ? error.message : String(error)}`,
        };
      }
    };
    const details = fc.check(
      fc.property(
        markets,
        fc.nat(),
        (input, extra) => check(m, createMarket(input), extra, mechanismSeed).holds,
      ),
      { numRuns, seed },
    );
    if (!details.failed) {
      results[property] = { holds: true, runs: details.numRuns };
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
    const found = check(m, market, extra, mechanismSeed);
    const counterexample: Counterexample = {
      market: marketToJson(market),
      reason: found.reason ?? 'fails',
      seed: mechanismSeed,
      ...(found.participant === undefined ? {} : { participant: found.participant }),
      ...(found.misreport === undefined ? {} : { misreport: found.misreport }),
      ...(found.gain === undefined ? {} : { gain: found.gain }),
    };
    results[property] = { holds: false, runs: details.numRuns, counterexample };
  }
  return { mechanism: m.name, seed, numRuns, results };
}
