import fc from 'fast-check';
import { DoubleDutchError } from '../errors.js';
import { Decimal } from '../money.js';
import type { MarketJson } from './types.js';

/**
 * Options of {@link arbitraryMarket}.
 *
 * @category properties
 */
export interface ArbitraryMarketOptions {
  /** Most bids (default 8). */
  readonly maxBids?: number;
  /** Most asks (default 8). */
  readonly maxAsks?: number;
  /** Fewest bids (default 0). */
  readonly minBids?: number;
  /** Fewest asks (default 0). */
  readonly minAsks?: number;
  /**
   * Inclusive price range (default [0, 20]), as numbers or exact decimal strings. A mechanism
   * whose prices lie outside it (a posted price of 100) trades on none of the markets, and every
   * property then holds vacuously: `verify` counts the markets that traded and warns.
   */
  readonly priceRange?: readonly [number | string, number | string];
  /** Decimal places of generated prices (default 0), an integer in [0, 30]. */
  readonly decimals?: number;
  /** Bias towards equal and adjacent prices, where mechanisms break (default true). */
  readonly ties?: boolean;
  /** Multi-unit orders: `true` for quantities up to 3, a number for up to that many (default false). */
  readonly multiUnit?: boolean | number;
}

interface OrderDraw {
  readonly useAnchor: boolean;
  readonly anchor: number;
  readonly offset: number;
  readonly uniform: number;
  readonly quantity: number;
}

/**
 * A fast-check arbitrary of markets as exact JSON (`createMarket` accepts it), ids `b0…`, `s0…`.
 * With `ties`, most prices are a few shared anchor prices or one price step away from them:
 * ties and near-ties at the margin are where double-auction implementations go wrong. It shrinks
 * towards fewer orders and smaller prices.
 *
 * @example
 * ```ts
 * fc.assert(fc.property(arbitraryMarket({ maxBids: 5 }), (input) => {
 *   const outcome = getMechanism('mcafee').clear(createMarket(input));
 *   return outcome.surplus.gte(0);
 * }));
 * ```
 * @category properties
 */
export function arbitraryMarket(options: ArbitraryMarketOptions = {}): fc.Arbitrary<MarketJson> {
  return marketsOf(checkArbitraryMarketOptions(options));
}

/** The arbitrary of {@link arbitraryMarket}, from options already checked. */
export function marketsOf(options: CheckedOptions): fc.Arbitrary<MarketJson> {
  const { maxBids, maxAsks, minBids, minAsks, decimals, ties, maxQuantity, lowSteps, highSteps } = options;
  const steps = fc.integer({ min: lowSteps, max: highSteps });
  const order: fc.Arbitrary<OrderDraw> = fc.record({
    useAnchor: ties ? fc.boolean() : fc.constant(false),
    anchor: fc.nat({ max: 2 }),
    offset: fc.constantFrom(0, 0, -1, 1),
    uniform: steps,
    quantity: fc.integer({ min: 1, max: maxQuantity }),
  });
  const price = (o: OrderDraw, anchors: readonly number[]): string => {
    const at = o.useAnchor ? (anchors[o.anchor % anchors.length] as number) + o.offset : o.uniform;
    const clamped = Math.min(highSteps, Math.max(lowSteps, at));
    return new Decimal(clamped).div(Decimal.pow(10, decimals)).toString();
  };
  return fc
    .tuple(
      fc.array(steps, { minLength: 1, maxLength: 3 }),
      fc.array(order, { minLength: minBids, maxLength: maxBids, size: 'max' }),
      fc.array(order, { minLength: minAsks, maxLength: maxAsks, size: 'max' }),
    )
    .map(([anchors, bids, asks]) => ({
      bids: bids.map((o, i) => ({
        id: `b${i}`,
        value: price(o, anchors),
        ...(o.quantity === 1 ? {} : { quantity: o.quantity }),
      })),
      asks: asks.map((o, i) => ({
        id: `s${i}`,
        cost: price(o, anchors),
        ...(o.quantity === 1 ? {} : { quantity: o.quantity }),
      })),
    }));
}

/** The most decimal places `arbitraryMarket` generates (prices stay well inside createMarket's 40 digits). */
const MAX_DECIMALS = 30;

/** {@link ArbitraryMarketOptions} with defaults filled in and prices in steps. */
export interface CheckedOptions {
  readonly maxBids: number;
  readonly maxAsks: number;
  readonly minBids: number;
  readonly minAsks: number;
  readonly decimals: number;
  readonly ties: boolean;
  readonly maxQuantity: number;
  /** The price range in steps of 10^−decimals, exactly. */
  readonly lowSteps: number;
  readonly highSteps: number;
}

/**
 * Checks {@link ArbitraryMarketOptions}, throwing a `DoubleDutchError` (code `invalid_option`)
 * whose field is `prefix` + the option's name; `verify` passes `arbitrary.` as the prefix.
 */
export function checkArbitraryMarketOptions(options: ArbitraryMarketOptions, prefix = ''): CheckedOptions {
  if (typeof options !== 'object' || options === null)
    throw new DoubleDutchError(
      'invalid_option',
      'must be an object of options',
      prefix.replace(/\.$/, '') || 'options',
    );
  const count = (name: keyof ArbitraryMarketOptions, fallback: number, min: number): number => {
    const value = options[name];
    if (value === undefined) return fallback;
    if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < min)
      throw new DoubleDutchError(
        'invalid_option',
        `must be an integer ≥ ${min}, got ${show(value)}`,
        prefix + name,
      );
    return value;
  };
  const maxBids = count('maxBids', 8, 0);
  const maxAsks = count('maxAsks', 8, 0);
  const minBids = count('minBids', 0, 0);
  const minAsks = count('minAsks', 0, 0);
  if (minBids > maxBids)
    throw new DoubleDutchError(
      'invalid_option',
      `must be ≤ maxBids (${maxBids}), got ${minBids}`,
      `${prefix}minBids`,
    );
  if (minAsks > maxAsks)
    throw new DoubleDutchError(
      'invalid_option',
      `must be ≤ maxAsks (${maxAsks}), got ${minAsks}`,
      `${prefix}minAsks`,
    );
  const decimals = count('decimals', 0, 0);
  if (decimals > MAX_DECIMALS)
    throw new DoubleDutchError(
      'invalid_option',
      `must be an integer in [0, ${MAX_DECIMALS}], got ${decimals}`,
      `${prefix}decimals`,
    );
  if (options.ties !== undefined && typeof options.ties !== 'boolean')
    throw new DoubleDutchError(
      'invalid_option',
      `must be true or false, got ${show(options.ties)}`,
      `${prefix}ties`,
    );
  const multiUnit = options.multiUnit;
  let maxQuantity = 1;
  if (multiUnit === true) maxQuantity = 3;
  else if (typeof multiUnit === 'number' && Number.isSafeInteger(multiUnit) && multiUnit >= 1)
    maxQuantity = multiUnit;
  else if (multiUnit !== undefined && multiUnit !== false)
    throw new DoubleDutchError(
      'invalid_option',
      `must be true, false or the largest quantity (an integer ≥ 1), got ${show(multiUnit)}`,
      `${prefix}multiUnit`,
    );
  const [lowSteps, highSteps] = priceSteps(options.priceRange ?? [0, 20], decimals, `${prefix}priceRange`);
  return {
    maxBids,
    maxAsks,
    minBids,
    minAsks,
    decimals,
    ties: options.ties ?? true,
    maxQuantity,
    lowSteps,
    highSteps,
  };
}

/** The range's ends in whole steps of 10^−decimals, computed exactly (0.7·10 is 7, not 7.000000000000001). */
function priceSteps(range: unknown, decimals: number, field: string): [number, number] {
  const wrong = (what: string): never => {
    throw new DoubleDutchError('invalid_option', `must be [low, high] with 0 ≤ low ≤ high; ${what}`, field);
  };
  if (!Array.isArray(range) || range.length !== 2) return wrong(`got ${show(range)}`);
  const ends = range.map((end: unknown) => {
    if (
      (typeof end !== 'number' && typeof end !== 'string') ||
      !/^\s*(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(String(end))
    )
      return wrong(`${show(end)} is not a non-negative decimal number`);
    return new Decimal(end);
  });
  const step = Decimal.pow(10, decimals);
  const low = (ends[0] as Decimal).times(step).ceil();
  const high = (ends[1] as Decimal).times(step).floor();
  if (!high.isFinite() || high.gt(Number.MAX_SAFE_INTEGER))
    return wrong(`${show(range[1])} has too many steps of 10^-${decimals}`);
  if (low.gt(high))
    return wrong(`[${show(range[0])}, ${show(range[1])}] holds no price with ${decimals} decimal places`);
  return [low.toNumber(), high.toNumber()];
}

function show(value: unknown): string {
  if (typeof value === 'string') return `'${value}'`;
  if (Array.isArray(value)) return `[${value.map(show).join(', ')}]`;
  return value === null ? 'null' : typeof value === 'object' ? 'an object' : String(value);
}
