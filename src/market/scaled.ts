/**
 * Scaled-integer money: every price of a market is stored as an integer count of 10^-scale, where
 * scale is the most decimal places any price has. While every such integer (and every sum we take
 * of them) stays below 2^53 they live in a Float64Array and compare and add exactly at machine
 * speed; otherwise the market falls back to bigint. Decimals appear only at the boundary.
 */
import { Decimal } from '../money.js';

/** Scaled prices of one side, fast (exact doubles) or exact bigints. */
export type ScaledArray = Float64Array | bigint[];
/** One scaled price. */
export type Scaled = number | bigint;

/** Exactness bound for doubles. */
export const SAFE = 2 ** 53;

/** Converts a scaled integer back to its exact Decimal value. */
export function scaledToDecimal(x: Scaled, scale: number): Decimal {
  // Read as digits with an exponent: exact at any length, where a division would round.
  return scale === 0 ? new Decimal(typeof x === 'bigint' ? x.toString() : x) : new Decimal(`${x}e-${scale}`);
}

/** Exact sum of scaled terms `q_i * x_i`, using doubles while provably exact, else bigint. */
export class ScaledSum {
  private fast = 0;
  private big = 0n;
  private bound = 0;
  private useBig = false;

  add(x: Scaled, quantity: number): void {
    if (typeof x === 'bigint') {
      this.big += x * BigInt(quantity);
      return;
    }
    const term = x * quantity;
    const magnitude = Math.abs(term);
    if (!this.useBig && magnitude < SAFE && this.bound + magnitude < SAFE) {
      this.fast += term;
      this.bound += magnitude;
    } else {
      this.useBig = true;
      this.big += BigInt(x) * BigInt(quantity);
    }
  }

  /** The exact total. */
  value(): bigint | number {
    if (this.big === 0n && !this.useBig) return this.fast;
    return this.big + BigInt(this.fast);
  }

  toDecimal(scale: number): Decimal {
    return scaledToDecimal(this.value(), scale);
  }
}
