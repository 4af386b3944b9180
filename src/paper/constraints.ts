/**
 * Constraints (1)–(3) of the seed paper, checked on a slot's decisions: what the projection must
 * guarantee and what the tests assert at every step.
 */
import type { PaperSystem } from './system.js';

/** Relative tolerance of the budget checks (sums of floats). @category edge */
export const CONSTRAINT_EPSILON = 1e-9;

/**
 * The energy (3) charges at server n: Σ e_m·a·b·R (per token or per request, `decisions.energyCharge`).
 *
 * @category edge
 */
export function serverEnergyJ(
  system: PaperSystem,
  n: number,
  cached: ArrayLike<number>,
  local: ArrayLike<number>,
  demand: ArrayLike<number>,
  /** Per entry, tokens of one request when the path market changed J (issue 14). */
  tokensPerRequest?: ArrayLike<number>,
): number {
  const per = system.agents * system.models;
  const byTokens = system.scenario.decisions.energyCharge === 'tokens';
  let used = 0;
  for (let pair = 0; pair < per; pair++) {
    const k = n * per + pair;
    const perRequest =
      tokensPerRequest !== undefined && byTokens
        ? (system.scenario.models[pair % system.models]?.energyJPerToken as number) *
          (tokensPerRequest[k] as number)
        : (system.energyPerRequestJ[pair] as number);
    used += perRequest * (cached[k] as number) * (local[k] as number) * (demand[k] as number);
  }
  return used;
}

/**
 * The GPU memory (1) the cached copies take at server n: Σ a·s_m (GB).
 *
 * @category edge
 */
export function serverMemoryGB(system: PaperSystem, n: number, cached: ArrayLike<number>): number {
  const per = system.agents * system.models;
  let used = 0;
  for (let pair = 0; pair < per; pair++)
    used += (cached[n * per + pair] as number) * (system.scenario.models[pair % system.models]?.sizeGB ?? 0);
  return used;
}

/**
 * Every violated constraint among (1) memory, (2) local execution needs the model cached, (3)
 * energy, and the domains a ∈ {0, 1}, b ∈ [0, 1]; an empty list when the decisions are feasible.
 *
 * @example
 * ```ts
 * constraintViolations(system, { cached, local, demand }); // [] after projectPaperAction
 * ```
 * @category edge
 */
export function constraintViolations(
  system: PaperSystem,
  x: {
    readonly cached: ArrayLike<number>;
    readonly local: ArrayLike<number>;
    readonly demand: ArrayLike<number>;
  },
): string[] {
  const out: string[] = [];
  for (let k = 0; k < system.entries; k++) {
    const a = x.cached[k] as number;
    const b = x.local[k] as number;
    if (a !== 0 && a !== 1) out.push(`a[${k}] = ${a} is not 0 or 1`);
    if (!(b >= 0 && b <= 1)) out.push(`b[${k}] = ${b} is outside [0, 1]`);
    if (b * ((x.demand[k] as number) > 0 ? 1 : 0) > a) out.push(`(2) b[${k}] = ${b} > a = ${a}`);
  }
  for (let n = 0; n < system.servers; n++) {
    const memory = serverMemoryGB(system, n, x.cached);
    const G = system.memoryGB[n] as number;
    if (memory > G * (1 + CONSTRAINT_EPSILON)) out.push(`(1) server ${n}: ${memory} GB > G_n = ${G} GB`);
    const energy = serverEnergyJ(system, n, x.cached, x.local, x.demand);
    const E = system.energyBudgetJ[n] as number;
    if (energy > E * (1 + CONSTRAINT_EPSILON) + CONSTRAINT_EPSILON)
      out.push(`(3) server ${n}: ${energy} J > E_n = ${E} J`);
  }
  return out;
}
