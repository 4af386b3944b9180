/**
 * The `Mechanism` interface and its registry. Built-in mechanisms are registered by the package's
 * entry point; users register their own through the same door, and the verification suite treats
 * both alike.
 *
 * @packageDocumentation
 */
import { DoubleDutchError, UnknownMechanismError } from './errors.js';
import type { Market } from './market/create-market.js';
import type { Outcome } from './market/outcome.js';
import type { Decimal } from './money.js';

/**
 * One move of a clock auction's two price clocks, as `clockTrace` reports it.
 *
 * @category mechanisms
 */
export interface ClockStep {
  /** Ticks elapsed since the start (both clocks together). */
  readonly round: number;
  /** The clock that moved ('start' for the initial state, 'both' for synchronised clocks). */
  readonly clock: 'start' | 'buyer' | 'seller' | 'both';
  readonly buyerPrice: Decimal;
  readonly sellerPrice: Decimal;
  /** Units committed on each side after the move. */
  readonly buyerCommitted: number;
  readonly sellerCommitted: number;
}

/**
 * The properties a mechanism guarantees for single-unit traders (the literature's setting).
 * The verification suite checks every `true` and exhibits a counterexample for every `false`.
 *
 * @category mechanisms
 */
export interface MechanismClaims {
  /** Individual rationality: no buyer pays more than its value, no seller receives less than its cost. */
  readonly ir: boolean;
  /** Dominant-strategy incentive compatibility: no unilateral misreport raises a trader's (expected) utility. */
  readonly dsic: boolean;
  /** The auctioneer never runs a deficit (surplus ≥ 0). */
  readonly weakBudgetBalance: boolean;
  /** The auctioneer neither gains nor loses (surplus = 0). */
  readonly strongBudgetBalance: boolean;
  /** Realised welfare equals the optimum with respect to the reports. */
  readonly efficient: boolean;
  /** (Expected) welfare ≥ (1 − 1/k)·OPT. Defaults to `efficient`. */
  readonly welfareBound?: boolean;
}

/**
 * Options every mechanism accepts; mechanisms add their own.
 *
 * @category mechanisms
 */
export interface ClearOptions {
  /** Seed of a randomised mechanism's realisation (default 0). */
  readonly seed?: number;
}

/**
 * A double-auction mechanism: a pure function from a market to an outcome.
 *
 * @category mechanisms
 */
export interface Mechanism<Options extends ClearOptions = ClearOptions, Result extends Outcome = Outcome> {
  /** The registry name, e.g. `mcafee`. */
  readonly name: string;
  /** One line on the rule. */
  readonly description: string;
  /** What it guarantees. */
  readonly claims: MechanismClaims;
  /** True when its outcome is a lottery (utilities are then expected utilities). */
  readonly randomised?: boolean;
  /** Clears the market. Must not mutate it; randomness only from `options.seed`. */
  clear(market: Market, options?: Options): Result;
  /**
   * A clock auction's capability: the moves of its price clocks clearing `market` (reports draw
   * them as the clock chart). Absent for mechanisms without clocks.
   */
  clockTrace?(market: Market, options?: Options): readonly ClockStep[];
}

// Options of registered mechanisms are only known to their authors; the registry stores them
// under the common option type.
// biome-ignore lint/suspicious/noExplicitAny: see above
type AnyMechanism = Mechanism<any, Outcome>;

const registry = new Map<string, AnyMechanism>();

/**
 * Registers a mechanism under its `name`. Registering a second mechanism under a taken name
 * throws unless `{ replace: true }`.
 *
 * @category mechanisms
 */
export function registerMechanism(mechanism: AnyMechanism, options: { replace?: boolean } = {}): void {
  if (typeof mechanism?.name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(mechanism.name)) {
    throw new DoubleDutchError(
      'invalid_name',
      'must be lower-case letters, digits and dashes',
      'mechanism.name',
    );
  }
  if (typeof mechanism.clear !== 'function') {
    throw new DoubleDutchError(
      'invalid_mechanism',
      'must have a clear(market, options) function',
      'mechanism.clear',
    );
  }
  if (registry.has(mechanism.name) && options.replace !== true) {
    throw new DoubleDutchError(
      'duplicate_name',
      `'${mechanism.name}' is already registered`,
      'mechanism.name',
    );
  }
  registry.set(mechanism.name, mechanism);
}

/**
 * The type of the mechanism registered under each built-in name, so that a lookup by a literal
 * name is typed with that mechanism's options and outcome (`getMechanism('dda')` takes `trace`
 * and returns a `DdaOutcome`). The built-ins fill it in where they are registered
 * (`src/builtins.ts`); a plug-in's author may add its own names the same way, by declaration
 * merging. Replacing a built-in with `registerMechanism(m, { replace: true })` keeps this type,
 * so a replacement should have it too.
 *
 * @category mechanisms
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by declaration merging (src/builtins.ts)
export interface MechanismTypes {}

/**
 * The mechanism registered under `name`; throws {@link UnknownMechanismError} listing the
 * registered names otherwise. A built-in name gives that mechanism's own type (see
 * {@link MechanismTypes}); any other name, a mechanism with options of any shape.
 *
 * @example
 * ```ts
 * const outcome = getMechanism('mcafee').clear(market);
 * getMechanism('dda').clear(market, { trace: true }).trace?.length; // typed: a DdaOutcome
 * ```
 * @category mechanisms
 */
export function getMechanism<Name extends keyof MechanismTypes>(name: Name): MechanismTypes[Name];
/** A mechanism registered under a name only known at run time (a user's, a flag's). @category mechanisms */
export function getMechanism(name: string): AnyMechanism;
export function getMechanism(name: string): AnyMechanism {
  const mechanism = registry.get(name);
  if (mechanism === undefined) throw new UnknownMechanismError(name, listMechanisms());
  return mechanism;
}

/**
 * The registered mechanism names, sorted.
 *
 * @category mechanisms
 */
export function listMechanisms(): string[] {
  return [...registry.keys()].sort();
}
