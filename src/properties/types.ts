import type { Market } from '../market/create-market.js';
import type { Outcome } from '../market/outcome.js';
import type { Side } from '../market/types.js';
import type { MechanismClaims } from '../mechanism.js';

/**
 * The properties `verify` can check.
 *
 * @category properties
 */
export type PropertyName =
  | 'ir'
  | 'weak-budget-balance'
  | 'strong-budget-balance'
  | 'dsic'
  | 'efficiency'
  | 'welfare-bound'
  | 'permutation-invariance'
  | 'feasibility';

/** Every property, in the order reports list them. @category properties */
export const PROPERTY_NAMES: readonly PropertyName[] = [
  'ir',
  'weak-budget-balance',
  'strong-budget-balance',
  'dsic',
  'efficiency',
  'welfare-bound',
  'permutation-invariance',
  'feasibility',
];

/**
 * A market as plain JSON with exact decimal strings: paste it into `createMarket` to replay.
 *
 * @category properties
 */
export interface MarketJson {
  readonly bids: readonly { readonly id: string; readonly value: string; readonly quantity?: number }[];
  readonly asks: readonly { readonly id: string; readonly cost: string; readonly quantity?: number }[];
}

/**
 * The result of checking one property on one market: `holds`, or a violation saying who and why.
 *
 * @category properties
 */
export interface Check {
  readonly holds: boolean;
  /** Why the property fails, in words with exact numbers. */
  readonly reason?: string;
  /** The participant at fault, where there is one. */
  readonly participant?: string;
  /** For `dsic`: the profitable misreport (a price) and the exact (expected) utility gain. */
  readonly misreport?: string;
  readonly gain?: string;
}

/**
 * A shrunk, exact counterexample: the market, and what goes wrong in it.
 *
 * @category properties
 */
export interface Counterexample {
  readonly market: MarketJson;
  readonly reason: string;
  readonly participant?: string;
  readonly misreport?: string;
  readonly gain?: string;
  /** The seed the mechanism's lottery was realised with. */
  readonly seed: number;
}

/**
 * What `verify` found for one property.
 *
 * @category properties
 */
export interface PropertyResult {
  readonly holds: boolean;
  /** Markets tried (up to the first failure). */
  readonly runs: number;
  /** Of those, markets on which the mechanism traded at least one unit (truthful reports). */
  readonly traded: number;
  readonly counterexample?: Counterexample;
}

/** A participant of a market, by side. */
export interface Participant {
  readonly id: string;
  readonly side: Side;
}

/** A check of one (market, outcome) pair. */
export type OutcomeCheck = (market: Market, outcome: Outcome) => Check;

/** Converts a market to exact JSON (for counterexamples and replays). @category properties */
export function marketToJson(market: Market): MarketJson {
  return {
    bids: market.bids.map((b) => ({
      id: b.id,
      value: b.value.toString(),
      ...(b.quantity === 1 ? {} : { quantity: b.quantity }),
    })),
    asks: market.asks.map((a) => ({
      id: a.id,
      cost: a.cost.toString(),
      ...(a.quantity === 1 ? {} : { quantity: a.quantity }),
    })),
  };
}

export const HOLDS: Check = { holds: true };

/**
 * The properties a mechanism's claims promise, by property name (`welfare-bound` defaults to
 * `efficient`; permutation invariance and feasibility are promised by every mechanism).
 *
 * @example
 * ```ts
 * claimedProperties(getMechanism('vcg').claims)['weak-budget-balance']; // false
 * ```
 * @category properties
 */
export function claimedProperties(claims: MechanismClaims): Record<PropertyName, boolean> {
  return {
    ir: claims.ir,
    dsic: claims.dsic,
    'weak-budget-balance': claims.weakBudgetBalance,
    'strong-budget-balance': claims.strongBudgetBalance,
    efficiency: claims.efficient,
    'welfare-bound': claims.welfareBound ?? claims.efficient,
    'permutation-invariance': true,
    feasibility: true,
  };
}
