import fc from 'fast-check';
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
  /** Inclusive price range (default [0, 20]). */
  readonly priceRange?: readonly [number, number];
  /** Decimal places of generated prices (default 0). */
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
  const maxBids = options.maxBids ?? 8;
  const maxAsks = options.maxAsks ?? 8;
  const [low, high] = options.priceRange ?? [0, 20];
  const decimals = options.decimals ?? 0;
  const ties = options.ties ?? true;
  const maxQuantity =
    options.multiUnit === true ? 3 : typeof options.multiUnit === 'number' ? options.multiUnit : 1;
  const scale = 10 ** decimals;
  const lowSteps = Math.ceil(low * scale);
  const highSteps = Math.floor(high * scale);
  if (!(lowSteps >= 0 && highSteps >= lowSteps))
    throw new RangeError('priceRange must be [low, high] with 0 ≤ low ≤ high');
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
    return new Decimal(clamped).div(scale).toString();
  };
  return fc
    .tuple(
      fc.array(steps, { minLength: 1, maxLength: 3 }),
      fc.array(order, { maxLength: maxBids, size: 'max' }),
      fc.array(order, { maxLength: maxAsks, size: 'max' }),
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
