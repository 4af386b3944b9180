/**
 * The deterministic feasibility layer of the paper's Section IV (PAPER.md §3.2): any action, the
 * raw output of a policy, becomes one that satisfies constraints (1)–(3).
 *
 * 1. Memory (1): entries whose cache score is ≥ 1/2 are admitted in order of score per GB (ties by
 *    index), each if it still fits in G_n: a greedy knapsack.
 * 2. Executability (2): b = 0 where the model is not cached or there is no demand; b is clipped to [0, 1].
 * 3. Energy (3): while the server's energy exceeds E_n, b is lowered on the entry with the lowest
 *    advantage per joule (the cost one request saves at the edge against the cloud, per joule it
 *    draws), moving its load to the cloud. The paper's text enforces (23), with 1 − b in place of
 *    b (G11); `decisions.energyProjection: 'as-printed-23'` does that instead (raising b), and then
 *    (3) is not guaranteed.
 */
import { requestCosts } from './costs.js';
import type { PaperSystem } from './system.js';

/**
 * A raw decision for one slot, one entry per (server, agent, model), k = (n·I + i)·M + m:
 * `cache` is a score (≥ 1/2 asks for the model to be cached; higher scores per GB win memory),
 * `local` the wished fraction b served at the edge (clipped to [0, 1]).
 *
 * @category edge
 */
export interface PaperAction {
  readonly cache: ArrayLike<number>;
  readonly local: ArrayLike<number>;
  /**
   * Per entry, the number of SC-CoT paths of its edge-served requests (the mean when they differ),
   * as the reasoning-path market sets it (slot-path-market.ts); the scenario's J when absent.
   */
  readonly paths?: ArrayLike<number>;
}

/**
 * A feasible decision: a ∈ {0, 1}, b ∈ [0, 1], with (1)–(3) holding.
 *
 * @category edge
 */
export interface ProjectedAction {
  readonly cached: number[];
  readonly local: number[];
}

/**
 * Projects a raw action onto constraints (1)–(3) for a slot with demand R^t and Age of Thought
 * κ^{t−1} (which sets the advantage of serving locally). Deterministic; feasible actions are kept
 * as they are, apart from b on entries without demand, which becomes 0.
 *
 * @example
 * ```ts
 * const { cached, local } = projectPaperAction(system, { cache, local: wished }, demand, kappa);
 * constraintViolations(system, { cached, local, demand }); // []
 * ```
 * @category edge
 */
export function projectPaperAction(
  system: PaperSystem,
  action: PaperAction,
  demand: ArrayLike<number>,
  ageOfThought: ArrayLike<number>,
): ProjectedAction {
  const per = system.agents * system.models;
  const cached = new Array<number>(system.entries).fill(0);
  const local = new Array<number>(system.entries).fill(0);
  const models = system.scenario.models;
  for (let n = 0; n < system.servers; n++) {
    const base = n * per;
    // (1) Greedy knapsack by score per GB.
    const candidates: { k: number; value: number; size: number }[] = [];
    for (let pair = 0; pair < per; pair++) {
      const score = action.cache[base + pair] ?? 0;
      const size = models[pair % system.models]?.sizeGB as number;
      if (score >= 0.5) candidates.push({ k: base + pair, value: score / size, size });
    }
    candidates.sort((x, y) => y.value - x.value || x.k - y.k);
    let free = system.memoryGB[n] as number;
    for (const c of candidates) {
      if (c.size <= free) {
        cached[c.k] = 1;
        free -= c.size;
      }
    }
    // (2) Local execution only where cached and requested.
    for (let pair = 0; pair < per; pair++) {
      const k = base + pair;
      const wished = action.local[k] ?? 0;
      local[k] =
        cached[k] === 1 && (demand[k] ?? 0) > 0
          ? Number.isNaN(wished)
            ? 0
            : Math.min(1, Math.max(0, wished))
          : 0;
    }
    // (3) Energy budget.
    const energyOf = (pair: number) =>
      (system.energyPerRequestJ[pair] as number) * (demand[base + pair] as number);
    const printed = system.scenario.decisions.energyProjection === 'as-printed-23';
    const charged = (pair: number) => {
      const k = base + pair;
      return (
        energyOf(pair) * (cached[k] as number) * (printed ? 1 - (local[k] as number) : (local[k] as number))
      );
    };
    const budget = system.energyBudgetJ[n] as number;
    let used = 0;
    for (let pair = 0; pair < per; pair++) used += charged(pair);
    if (used <= budget) continue;
    const order: { pair: number; perJoule: number }[] = [];
    for (let pair = 0; pair < per; pair++) {
      if (charged(pair) <= 0) continue;
      const costs = requestCosts(system, n, pair, (ageOfThought[base + pair] as number) ?? 0);
      order.push({ pair, perJoule: (costs.cloud - costs.edge) / (system.energyPerRequestJ[pair] as number) });
    }
    order.sort((x, y) => x.perJoule - y.perJoule || x.pair - y.pair);
    for (const { pair } of order) {
      if (used <= budget) break;
      const k = base + pair;
      const joules = energyOf(pair);
      const room = printed ? 1 - (local[k] as number) : (local[k] as number);
      const cut = Math.min(room, (used - budget) / joules);
      // The last entry touched takes exactly the excess; an entry cut to its end is set exactly.
      const next = cut >= room ? (printed ? 1 : 0) : (local[k] as number) + (printed ? cut : -cut);
      used -= Math.abs(next - (local[k] as number)) * joules;
      local[k] = next;
    }
  }
  return { cached, local };
}
