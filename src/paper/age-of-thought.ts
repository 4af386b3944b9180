/**
 * Equation (13) of the seed paper: the Age of Thought κ, a consensus-weighted stock of useful
 * context that vanishes by Δ per slot, never below zero, and resets on eviction. Despite its name
 * a larger κ means more useful context, not older context (PAPER.md §2.6).
 */

/**
 * Equation (13): κ^t = a^t·max(0, κ^{t−1} + ζ_i·δ^t − Δ), i.e.
 * `cached ? max(0, previous + consensus·tokens − vanishing) : 0` (κ^0 = 0). The factor a sits
 * outside the positive part, so eviction resets κ whatever its value.
 *
 * @example
 * ```ts
 * ageOfThought({ previous: 10, tokens: 8, consensus: 0.5, vanishing: 3, cached: true }); // 10 + 4 − 3 = 11
 * ageOfThought({ previous: 2, tokens: 0, consensus: 0.5, vanishing: 3, cached: true });  // 0, never negative
 * ```
 * @category edge
 */
export function ageOfThought(input: {
  readonly previous: number;
  readonly tokens: number;
  readonly consensus: number;
  readonly vanishing: number;
  readonly cached: boolean;
}): number {
  if (!input.cached) return 0;
  return Math.max(0, input.previous + input.consensus * input.tokens - input.vanishing);
}
