/**
 * The `Mechanism` interface and its registry. Built-in mechanisms are registered by the package's
 * entry point; users register their own through the same door, and the verification suite treats
 * both alike.
 *
 * @packageDocumentation
 */
import { DoubleDutchError, MechanismError, UnknownMechanismError } from './errors.js';
import type { Market } from './market/create-market.js';
import type { Outcome } from './market/outcome.js';
import type { Decimal } from './money.js';
import { didYouMean, escapeControl } from './text.js';

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
  /**
   * The names of the options `clear` takes besides those every mechanism takes
   * ({@link COMMON_OPTIONS}). When given, {@link checkOptionNames} refuses any other name (every
   * built-in's `clear` does, and `verify`, `compare` and `run` check a plug-in's options against
   * it), and the slot markets give it their `tick` only when it is listed. Omitted, any options
   * are passed through unchecked.
   */
  readonly options?: readonly string[];
  /** Clears the market. Must not mutate it; randomness only from `options.seed`. */
  clear(market: Market, options?: Options): Result;
  /**
   * A clock auction's capability: the moves of its price clocks clearing `market` (reports draw
   * them as the clock chart). Absent for mechanisms without clocks.
   */
  clockTrace?(market: Market, options?: Options): readonly ClockStep[];
}

/**
 * The option names every mechanism takes, whatever its own {@link Mechanism.options}.
 *
 * @category mechanisms
 */
export const COMMON_OPTIONS: readonly string[] = Object.freeze(['seed']);

/** What {@link checkOptionNames} needs of a mechanism. */
type Declaring = Pick<Mechanism, 'name' | 'options'>;

/**
 * True when `mechanism` takes the option `name`: a common option, one it declares, or any name
 * for a mechanism that declares none.
 *
 * @category mechanisms
 */
export function takesOption(mechanism: Declaring, name: string): boolean {
  return mechanism.options === undefined || COMMON_OPTIONS.includes(name) || mechanism.options.includes(name);
}

/**
 * Refuses an option name that `mechanism` does not take (see {@link Mechanism.options}) with a
 * {@link MechanismError} (`unknown_option`, field `options.<name>`) naming it and the closest
 * known name: `dda` with `{ tik: '0.1' }` fails with "did you mean 'tick'?" instead of running with
 * the default tick. Does nothing for a mechanism that declares no options. Built-ins call it first
 * thing in `clear`; a plug-in's `clear` may too.
 *
 * @example
 * ```ts
 * checkOptionNames(getMechanism('dda'), { tik: '0.1' }); // throws: options.tik: dda has no option 'tik'; did you mean 'tick'? …
 * ```
 * @category mechanisms
 */
export function checkOptionNames(mechanism: Declaring, options: unknown): void {
  if (mechanism.options === undefined || typeof options !== 'object' || options === null) return;
  for (const name of Object.keys(options)) {
    if (takesOption(mechanism, name)) continue;
    const known = [...COMMON_OPTIONS, ...mechanism.options];
    throw new MechanismError(
      'unknown_option',
      `${mechanism.name} has no option '${escapeControl(name)}'${didYouMean(name, known)} (it takes ${known.join(', ')})`,
      `options.${escapeControl(name)}`,
    );
  }
}

/**
 * The options of `options` that `mechanism` takes (all of them for a mechanism that declares
 * none): one set of options shared by several mechanisms (`compare`'s), cut to one mechanism.
 *
 * @category mechanisms
 */
export function optionsFor(mechanism: Declaring, options: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(options).filter(([name]) => takesOption(mechanism, name)));
}

/**
 * Refuses an option of a set shared by several mechanisms that none of them takes, naming it and
 * the closest name one of them takes; a mechanism that declares no options takes every name.
 *
 * @category mechanisms
 */
export function checkSharedOptionNames(
  mechanisms: readonly Declaring[],
  options: Readonly<Record<string, unknown>>,
): void {
  for (const name of Object.keys(options)) {
    if (mechanisms.length === 0 || mechanisms.some((m) => takesOption(m, name))) continue;
    const known = new Set<string>(COMMON_OPTIONS);
    for (const m of mechanisms) for (const o of m.options ?? []) known.add(o);
    throw new MechanismError(
      'unknown_option',
      `no mechanism here (${mechanisms.map((m) => m.name).join(', ')}) has an option '${escapeControl(name)}'${didYouMean(name, known)} (they take ${[...known].join(', ')})`,
      `options.${escapeControl(name)}`,
    );
  }
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
