/**
 * Accuracy of an LLM agent as a function of its context. In-context learning improves with the
 * number of examples and saturates (performance convergence; Brown et al., 2020; the T2DRL paper
 * this toolkit follows models it as A(n) = A_max − (A_max − A_0)·e^(−λn)). The usable context is
 * capped by the context window (older tokens are truncated), and its value decays with its age
 * (Age of Context): a context untouched for a while is less relevant to the agent's current task.
 */

/** The accuracy curve of a model. */
export interface AccuracyCurve {
  /** Zero-shot accuracy A_0. */
  readonly zeroShot: number;
  /** Saturation accuracy A_max. */
  readonly max: number;
  /** Convergence rate λ per effective example. */
  readonly rate: number;
}

/**
 * A(n) = A_max − (A_max − A_0)·exp(−λ·n).
 *
 * @example
 * ```ts
 * accuracy({ zeroShot: 0.5, max: 0.9, rate: 0.1 }, 10); // 0.9 − 0.4·e^−1 ≈ 0.7528
 * ```
 * @category edge
 */
export function accuracy(curve: AccuracyCurve, effectiveExamples: number): number {
  return curve.max - (curve.max - curve.zeroShot) * Math.exp(-curve.rate * Math.max(0, effectiveExamples));
}

/**
 * Effective in-context examples: usable tokens (the context capped by the window) per example,
 * decayed by age: n = min(tokens, window) / tokensPerExample · exp(−age / τ).
 *
 * @example
 * ```ts
 * effectiveExamples(10_000, 8192, 512, 0, 600); // 16 (the window caps 10,000 at 8,192)
 * ```
 * @category edge
 */
export function effectiveExamples(
  contextTokens: number,
  windowTokens: number,
  tokensPerExample: number,
  ageS: number,
  ageDecayS: number,
): number {
  const usable = Math.min(contextTokens, windowTokens);
  return (usable / tokensPerExample) * Math.exp(-Math.max(0, ageS) / ageDecayS);
}
