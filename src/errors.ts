/**
 * Typed errors. A user's or programmer's mistake throws one of these with a stable `code` and,
 * where a single input is at fault, the `field` that names it (`bids[3].value`). Expected results
 * such as "no trade" are data, never errors.
 *
 * @packageDocumentation
 */

/**
 * The base class of every error this package throws on purpose.
 *
 * @category errors
 */
export class DoubleDutchError extends Error {
  /** A stable, machine-readable reason, e.g. `negative_price`. */
  readonly code: string;
  /** The path of the offending input, e.g. `bids[3].value`, when one input is at fault. */
  readonly field: string | undefined;

  /**
   * `options.cause` keeps the error this one explains (ES2022 error cause): a caller that knows
   * where a bad value came from (a scenario field behind a market's `bids[12].value`) throws its
   * own error naming that, with the original as the cause.
   */
  constructor(code: string, message: string, field?: string, options?: ErrorOptions) {
    super(field === undefined ? message : `${field}: ${message}`, options);
    this.name = new.target.name;
    this.code = code;
    this.field = field;
  }
}

/**
 * Thrown by `createMarket` for input that is not a valid market: a missing field, a negative,
 * non-finite or non-numeric price, a non-positive or fractional quantity, a duplicate id.
 *
 * @category errors
 */
export class MarketError extends DoubleDutchError {}

/**
 * Thrown when a mechanism's outcome is infeasible (more units bought than sold, an order
 * overfilled, an unknown participant), or when `buildOutcome` is given malformed fills.
 *
 * @category errors
 */
export class OutcomeError extends DoubleDutchError {}

/**
 * Thrown for an invalid mechanism option (e.g. `k` outside [0, 1]) or a mechanism that cannot
 * finish (e.g. the double Dutch auction exceeding `maxRounds`).
 *
 * @category errors
 */
export class MechanismError extends DoubleDutchError {}

/**
 * Thrown by a registry lookup for a name that is not registered; the message lists the names that are.
 *
 * @category errors
 */
export class UnknownNameError extends DoubleDutchError {
  /** The registered names at the time of the lookup. */
  readonly known: readonly string[];

  constructor(kind: string, name: string, known: readonly string[], code = `unknown_${kind}`) {
    super(code, `unknown ${kind} '${name}'; registered: ${known.join(', ') || '(none)'}`);
    this.known = known;
    // The message already names the kind; the field still says which input was wrong.
    (this as { field: string | undefined }).field = kind;
  }
}

/**
 * Thrown by `getMechanism` for an unregistered name; the message lists the registered mechanisms.
 *
 * @category errors
 */
export class UnknownMechanismError extends UnknownNameError {
  constructor(name: string, known: readonly string[]) {
    super('mechanism', name, known);
  }
}
