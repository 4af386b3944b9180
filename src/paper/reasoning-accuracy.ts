/**
 * Equation (14) of the seed paper and its accuracy gap Ā (the unnumbered term of (18)).
 */
import { DoubleDutchError } from '../errors.js';

function checkGain(gain: number): void {
  if (!(gain > 0 && gain < 1))
    throw new DoubleDutchError(
      'invalid_gain',
      `must be in (0, 1) so that accuracy grows with the Age of Thought, got ${gain}`,
      'gain',
    );
}

/**
 * Equation (14): A = α·log(1/β^κ) = α·κ·log(1/β), with α the zero-shot accuracy, β ∈ (0, 1) the
 * reasoning gain factor and κ the Age of Thought. As the paper writes it, A is 0 at κ = 0 and
 * unbounded; the environment caps what it reports (docs/paper.md, G5). Computed as α·κ·log(1/β),
 * which equals the printed form without β^κ underflowing for large κ.
 *
 * @example
 * ```ts
 * reasoningAccuracy({ zeroShot: 0.5, gain: 0.5, ageOfThought: 2 }); // 0.5·2·ln 2 ≈ 0.6931
 * ```
 * @category edge
 */
export function reasoningAccuracy(input: {
  readonly zeroShot: number;
  readonly gain: number;
  readonly ageOfThought: number;
}): number {
  checkGain(input.gain);
  return input.zeroShot * input.ageOfThought * Math.log(1 / input.gain);
}

/**
 * The accuracy gap of (18): Ā = (1 − α)/(κ·log(1/β)). The paper leaves it undefined at κ = 0 (at
 * t = 0 and after every eviction); we floor κ at `kappaFloor` (G9), so Ā ≤ (1 − α)/(floor·log(1/β)).
 *
 * @example
 * ```ts
 * accuracyGap({ zeroShot: 0.5, gain: 0.5, ageOfThought: 0, kappaFloor: 1 }); // 0.5/ln 2 ≈ 0.7213
 * ```
 * @category edge
 */
export function accuracyGap(input: {
  readonly zeroShot: number;
  readonly gain: number;
  readonly ageOfThought: number;
  readonly kappaFloor: number;
}): number {
  checkGain(input.gain);
  return (1 - input.zeroShot) / (Math.max(input.ageOfThought, input.kappaFloor) * Math.log(1 / input.gain));
}
