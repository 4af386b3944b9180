/**
 * A lower bound on the episode cost of ANY policy on the paper's model (issue 13): the demand R^t
 * does not depend on actions (demand.ts), so for a scenario and a seed the cost of every policy is
 * at least Σ_t of the least cost of slot t over every feasible decision, and each slot's least cost
 * is at least that of a relaxation that is easy to solve. docs/paper.md §8.1 has the proof.
 *
 * The relaxations, per slot t, server n and entry (agent i, model m) with R requests:
 * 1. Switching (15) ≥ 0 is dropped; slots are coupled only through a ceiling on κ (item 2).
 * 2. A request served at the edge costs at least ê = l·d_i (16) + δ_J·e_m/f_n (17) + c·Ā_min (18):
 *    δ is at least the tokens δ_J of J paths (the path market only adds paths), and
 *    Ā ≥ (1 − α)/(max(κ_floor, κ̄)·log(1/β)) for a ceiling κ̄ ≥ κ^t valid for every policy: the
 *    recursion U^t = max(0, U^{t−1} + ζ_i·R^t·δ_max − Δ_i) (every request served, none evicted),
 *    and with `contextWindow: 'evict'` also ζ_i·(w_m + R^t·δ_max), since κ ≤ ζ_i·K and K^{t−1} ≤ w_m.
 *    In the cloud a request costs J·l_0 (× N with `cloudCost: 'per-server'`).
 * 3. The mixed 0/1 problem max Σ w·b (w = R·(cloud − ê)⁺) subject to b ≤ a, memory (1) and energy
 *    (3) is bounded by its Lagrangian dual on (3): for every λ ≥ 0, λ·E_n plus an exact 0/1
 *    knapsack on memory with values (w − λ·q)⁺, q the joules the entry's requests draw (its LP
 *    relaxation, a larger value, where the count vectors to enumerate exceed `maxCopyVectors`). Each λ
 *    gives a valid bound; we take the least over a golden-section search on this convex function
 *    of λ and its breakpoints. λ = 0 is the memory-only bound and the dual is never above the
 *    energy-only fractional knapsack, so it is at least as tight as either alone.
 */
import { createRng } from '../random.js';
import { CONSTRAINT_EPSILON } from './constraints.js';
import { requestCosts } from './costs.js';
import { createPaperDemand } from './demand.js';
import { pathTokens } from './entry-paths.js';
import type { PaperScenario } from './scenario-schema.js';
import { type PaperSystem, paperSystem } from './system.js';

/**
 * The bound for one slot (paper units, the same as the environment's −reward).
 *
 * @category edge
 */
export interface PaperSlotBound {
  /** Requests of the slot. */
  readonly requests: number;
  /** The cost of serving every request in the cloud (b = 0): Σ R·J·l_0 (× N per server). */
  readonly cloudOnly: number;
  /** Per server, an upper bound on what serving at the edge can save against `cloudOnly`. */
  readonly savingByServer: readonly number[];
  /** `cloudOnly − Σ savingByServer`: no feasible decision of this slot costs less. */
  readonly bound: number;
}

/**
 * A lower bound on one episode's total cost, for a scenario and a seed.
 *
 * @category edge
 */
export interface PaperCostBound {
  /** Σ_t of the slots' bounds: no policy's Σ_t (Σ_n L^t_n + L^t_C) is smaller. */
  readonly total: number;
  /** The cost of cloud-only on the same demand (exact: it caches nothing). */
  readonly cloudOnly: number;
  readonly slots: readonly PaperSlotBound[];
}

/**
 * Options of {@link paperCostLowerBound} and {@link slotCostLowerBound}.
 *
 * @category edge
 */
export interface PaperBoundOptions {
  /**
   * The most paths an edge-served request may get (the path market's per-entry J, issue 14); the
   * bound holds for every action whose `paths` lie in [J, maxPaths]. Default: the scenario's J
   * (no path market).
   */
  readonly maxPaths?: number;
  /**
   * The most count vectors (copies per model) the exact memory knapsack may visit per server
   * (default {@link MAX_COPY_VECTORS}); with more (many models of small size and many agents, whose
   * vectors grow as agents^models) the knapsack's LP relaxation stands in, still a valid bound.
   */
  readonly maxCopyVectors?: number;
}

/**
 * The default of {@link PaperBoundOptions.maxCopyVectors}: every point of Fig. 4 visits at most
 * 56 per server; five models of about 20 GB with 40 agents visit millions (4.7 s a slot).
 *
 * @category edge
 */
export const MAX_COPY_VECTORS = 2000;

/**
 * The least cost of one request of (agent, model) `pair` served at edge server n when the Age of
 * Thought of the entry is at most `kappaCeiling` after the slot's update (relaxation 2 above):
 * l·d_i + δ_J·e_m/f_n + c·(1 − α)/(L·max(κ_floor, kappaCeiling)), L = log(1/β). A lower bound
 * whatever a, b, the paths in [J, maxPaths] and the history are.
 *
 * @example
 * ```ts
 * const system = paperSystem(paperScenario());
 * edgeRequestFloor(system, 0, 0, Infinity); // communication + computation of one LaMDA request
 * ```
 * @category edge
 */
export function edgeRequestFloor(system: PaperSystem, n: number, pair: number, kappaCeiling: number): number {
  // The edge side of the offloading decision at κ = the ceiling: Ā = (1 − α)/(max(κ, floor)·L)
  // falls with κ (α ≤ 1: the tables are fractions), so no κ below the ceiling costs less.
  return requestCosts(system, n, pair, kappaCeiling).edge;
}

/**
 * The ceiling of κ^t from the context window alone, for an entry with R requests this slot: with
 * `contextWindow: 'evict'`, κ ≤ ζ_i·K and K^{t−1} ≤ w_m, so κ^t ≤ ζ_i·(w_m + R·δ_max); with
 * `'cap'` the window does not bound κ (Infinity).
 */
function windowCeiling(system: PaperSystem, pair: number, requests: number, maxTokens: number): number {
  const s = system.scenario;
  if (s.decisions.contextWindow !== 'evict') return Number.POSITIVE_INFINITY;
  const agent = s.agents[Math.floor(pair / system.models)] as PaperScenario['agents'][number];
  const model = s.models[pair % system.models] as PaperScenario['models'][number];
  return agent.consensus * (model.contextWindowTokens + requests * maxTokens);
}

/** Server n's GPU memory G_n, with the constraint checks' tolerance. */
function capacityGB(system: PaperSystem, n: number): number {
  return (system.memoryGB[n] as number) * (1 + CONSTRAINT_EPSILON);
}

/**
 * Per server, the count vectors (copies per model) that fill memory (1) maximally; undefined when
 * more than `limit` vectors would have to be visited to find them.
 */
function maximalCopySets(system: PaperSystem, n: number, limit: number): number[][] | undefined {
  const sizes = system.scenario.models.map((m) => m.sizeGB);
  const most = system.agents;
  const out: number[][] = [];
  const counts = new Array<number>(sizes.length).fill(0);
  let visited = 0;
  // False once the limit is passed: the caller falls back to the LP relaxation.
  const visit = (m: number, free: number): boolean => {
    if (m === sizes.length) {
      if (++visited > limit) return false;
      // Values are ≥ 0, so a set that could take one more copy is never better than a larger one.
      if (sizes.every((size, j) => (counts[j] as number) >= most || size > free)) out.push([...counts]);
      return true;
    }
    const size = sizes[m] as number;
    for (let c = Math.min(most, Math.floor(free / size)); c >= 0; c--) {
      counts[m] = c;
      if (!visit(m + 1, free - c * size)) return false;
    }
    counts[m] = 0;
    return true;
  };
  return visit(0, capacityGB(system, n)) ? out : undefined;
}

/**
 * The LP relaxation of the memory knapsack (each entry takable in part): entries by value per GB,
 * the last one that does not fit taken in part (a model larger than the memory never). At least
 * the 0/1 optimum, so a valid stand-in.
 */
function fractionalKnapsack(values: readonly number[], sizes: readonly number[], capacity: number): number {
  const items = values
    .map((v, pair) => ({ v, size: sizes[pair % sizes.length] as number }))
    .filter((x) => x.v > 0 && x.size <= capacity)
    .sort((x, y) => y.v / y.size - x.v / x.size);
  let free = capacity;
  let sum = 0;
  for (const { v, size } of items) {
    if (size <= free) {
      sum += v;
      free -= size;
    } else {
      sum += (v * free) / size;
      break;
    }
  }
  return sum;
}

/**
 * The largest Σ_{k∈S} value_k over the sets S of entries that fit memory (1): copies of one model
 * are interchangeable in size, so the best set takes, per model, its most valuable entries, and
 * only the count per model is to be chosen.
 */
function memoryKnapsack(values: readonly number[], models: number, copySets: CopySets): number {
  if ('sizes' in copySets) return fractionalKnapsack(values, copySets.sizes, copySets.capacity);
  const byModel = Array.from({ length: models }, () => [] as number[]);
  values.forEach((v, pair) => {
    byModel[pair % models]?.push(v);
  });
  const prefix = byModel.map((vs) => {
    vs.sort((x, y) => y - x);
    const p = [0];
    for (const v of vs) p.push((p[p.length - 1] as number) + v);
    return p;
  });
  let best = 0;
  for (const counts of copySets) {
    let sum = 0;
    counts.forEach((c, m) => {
      sum += prefix[m]?.[c] as number;
    });
    if (sum > best) best = sum;
  }
  return best;
}

/**
 * An upper bound on max Σ w·b subject to b ≤ a, Σ a·s ≤ G (exact) and Σ q·b ≤ E: the least over
 * λ ≥ 0 of λE + knapsack((w − λq)⁺), a convex function of λ (each evaluation is a valid bound).
 */
function lagrangianSaving(
  weights: readonly number[],
  joules: readonly number[],
  budget: number,
  models: number,
  copySets: CopySets,
  energyBinds: boolean,
): number {
  const at = (lambda: number) =>
    lambda * budget +
    memoryKnapsack(
      weights.map((w, p) => Math.max(0, w - lambda * (joules[p] as number))),
      models,
      copySets,
    );
  let best = at(0);
  if (!energyBinds) return best;
  let top = 0;
  const breakpoints: number[] = [];
  weights.forEach((w, p) => {
    const q = joules[p] as number;
    if (w > 0 && q > 0) {
      breakpoints.push(w / q);
      top = Math.max(top, w / q);
    }
  });
  if (top === 0) return best;
  for (const lambda of breakpoints) best = Math.min(best, at(lambda));
  // Golden-section search on [0, top]; the function is convex, and every point tried is valid.
  const phi = (Math.sqrt(5) - 1) / 2;
  let lo = 0;
  let hi = top;
  let x1 = hi - phi * (hi - lo);
  let x2 = lo + phi * (hi - lo);
  let f1 = at(x1);
  let f2 = at(x2);
  for (let iter = 0; iter < 60; iter++) {
    if (f1 <= f2) {
      hi = x2;
      x2 = x1;
      f2 = f1;
      x1 = hi - phi * (hi - lo);
      f1 = at(x1);
    } else {
      lo = x1;
      x1 = x2;
      f1 = f2;
      x2 = lo + phi * (hi - lo);
      f2 = at(x2);
    }
    best = Math.min(best, f1, f2);
  }
  return best;
}

/**
 * The bound for one slot with demand R^t (one entry per (server, agent, model)): the cloud-only
 * cost minus, per server, an upper bound on what the edge can save under (1)–(3). `kappaCeiling`
 * bounds κ^t per entry (what {@link paperCostLowerBound} carries from slot to slot); without it only
 * the context window bounds κ.
 *
 * @example
 * ```ts
 * const system = paperSystem(paperScenario());
 * const slot = slotCostLowerBound(system, new Array(system.entries).fill(1));
 * slot.bound <= slot.cloudOnly; // true
 * ```
 * @category edge
 */
export function slotCostLowerBound(
  system: PaperSystem,
  demand: ArrayLike<number>,
  kappaCeiling?: ArrayLike<number>,
  options: PaperBoundOptions = {},
): PaperSlotBound {
  const s = system.scenario;
  const per = system.agents * system.models;
  const maxPaths = Math.max(s.paths, options.maxPaths ?? s.paths);
  const cloudPerRequest =
    s.paths * s.costs.cloudAccess * (s.decisions.cloudCost === 'per-server' ? system.servers : 1);
  // With the printed (23) the projection does not enforce (3): only memory is kept.
  const energyBinds = s.decisions.energyProjection === 'constraint-3';
  let requests = 0;
  const savingByServer: number[] = [];
  for (let n = 0; n < system.servers; n++) {
    const weights: number[] = [];
    const joules: number[] = [];
    for (let pair = 0; pair < per; pair++) {
      const k = n * per + pair;
      const R = demand[k] as number;
      requests += R;
      let saving = 0;
      if (R > 0) {
        const ceiling = Math.min(
          kappaCeiling === undefined ? Number.POSITIVE_INFINITY : (kappaCeiling[k] as number),
          windowCeiling(system, pair, R, pathTokens(system, pair, maxPaths)),
        );
        saving = cloudPerRequest - edgeRequestFloor(system, n, pair, ceiling);
      }
      weights.push(R * Math.max(0, saving));
      joules.push((system.energyPerRequestJ[pair] as number) * R);
    }
    const budget = (system.energyBudgetJ[n] as number) * (1 + CONSTRAINT_EPSILON) + CONSTRAINT_EPSILON;
    savingByServer.push(
      lagrangianSaving(
        weights,
        joules,
        budget,
        system.models,
        copySetsOf(system, n, options.maxCopyVectors ?? MAX_COPY_VECTORS),
        energyBinds,
      ),
    );
  }
  const cloudOnly = requests * cloudPerRequest;
  return {
    requests,
    cloudOnly,
    savingByServer,
    bound: cloudOnly - savingByServer.reduce((t, x) => t + x, 0),
  };
}

/**
 * What the memory knapsack of one server works on: its maximal count vectors, or, where they are
 * too many to visit, the model sizes and capacity of its LP relaxation.
 */
type CopySets = readonly number[][] | { readonly sizes: readonly number[]; readonly capacity: number };

const copySetCache = new WeakMap<PaperSystem, Map<number, CopySets[]>>();
function copySetsOf(system: PaperSystem, n: number, limit: number): CopySets {
  let byLimit = copySetCache.get(system);
  if (byLimit === undefined) {
    byLimit = new Map();
    copySetCache.set(system, byLimit);
  }
  let sets = byLimit.get(limit);
  if (sets === undefined) {
    sets = Array.from(
      { length: system.servers },
      (_, server): CopySets =>
        maximalCopySets(system, server, limit) ?? {
          sizes: system.scenario.models.map((m) => m.sizeGB),
          capacity: capacityGB(system, server),
        },
    );
    byLimit.set(limit, sets);
  }
  return sets[n] as CopySets;
}

/**
 * A lower bound on the total cost Σ_t (Σ_n L^t_n + L^t_C) that ANY policy pays over one episode
 * of `scenario` with `seed` (whose demand it draws with the environment's own generator): no
 * sequence of actions (with per-entry paths in [J, `maxPaths`] when the path market sets them)
 * costs less. So `(C − total)/C` is the most any policy can be below a policy of cost C.
 *
 * κ is carried as a ceiling U^t = max(0, U^{t−1} + ζ_i·R^t·δ_max − Δ_i), U^{−1} = 0: (13) with
 * every request served at the edge with the most tokens, which bounds κ^t of every policy by
 * induction (eviction only lowers κ to 0).
 *
 * @example
 * ```ts
 * const { total, cloudOnly } = paperCostLowerBound(paperScenario(), 1);
 * (cloudOnly - total) / cloudOnly; // the most any policy can save against cloud-only
 * ```
 * @category edge
 */
export function paperCostLowerBound(
  scenario: PaperScenario,
  seed: number,
  options: PaperBoundOptions = {},
): PaperCostBound {
  const system = paperSystem(scenario);
  const { agents: I, models: M } = system;
  const maxPaths = Math.max(scenario.paths, options.maxPaths ?? scenario.paths);
  const demand = createPaperDemand(scenario, createRng(seed));
  const ceiling = new Array<number>(system.entries).fill(0);
  const slots: PaperSlotBound[] = [];
  for (let t = 0; t < scenario.slots; t++) {
    const R = demand.next();
    for (let k = 0; k < system.entries; k++) {
      const pair = k % (I * M);
      const agent = scenario.agents[Math.floor(pair / M)] as PaperScenario['agents'][number];
      const tokens = (R[k] as number) * pathTokens(system, pair, maxPaths);
      ceiling[k] = Math.max(
        0,
        (ceiling[k] as number) +
          agent.consensus * tokens -
          (system.vanishingTokens[Math.floor(pair / M)] as number),
      );
    }
    slots.push(slotCostLowerBound(system, R, ceiling, options));
  }
  return {
    total: slots.reduce((x, slot) => x + slot.bound, 0),
    cloudOnly: slots.reduce((x, slot) => x + slot.cloudOnly, 0),
    slots,
  };
}
