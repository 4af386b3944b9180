/**
 * The seed paper's system as an environment (Gymnasium's reset/step, `src/environment.ts`):
 * each step projects the action onto (1)–(3), serves the slot's demand, updates the thought stock
 * (12) and the Age of Thought (13), charges (15)–(20), evicts the models whose thought stock
 * overflows their context window, and draws the next slot's demand. Reward: −(Σ_n L^t_n + L^t_C).
 */
import type { Environment, ResetResult, StepResult } from '../environment.js';
import { createRng } from '../random.js';
import { PAPER_TASKS } from './accuracy-tables.js';
import { ageOfThought } from './age-of-thought.js';
import { serverEnergyJ, serverMemoryGB } from './constraints.js';
import { type PaperCosts, slotCosts } from './costs.js';
import { createPaperDemand, type PaperDemand } from './demand.js';
import { pathAccuracyAt, pathTokens } from './entry-paths.js';
import { type PaperAction, type ProjectedAction, projectPaperAction } from './projection.js';
import { reasoningAccuracy } from './reasoning-accuracy.js';
import type { PaperScenario } from './scenario-schema.js';
import { type PaperSystem, paperSystem } from './system.js';
import { thoughtStock } from './thought-stock.js';

/**
 * What a policy observes at the start of slot t: O^t = (a, R^t, κ) of the paper's MDP, with K and
 * the bookkeeping the classic caching rules need. Arrays hold one entry per (server, agent, model),
 * k = (n·I + i)·M + m.
 *
 * @category edge
 */
export interface PaperObservation {
  readonly slot: number;
  readonly slots: number;
  readonly servers: number;
  readonly agents: number;
  readonly models: number;
  /** R^t: this slot's requests. */
  readonly demand: readonly number[];
  /** a^{t−1}: what is cached now (1) or not (0). */
  readonly cached: readonly number[];
  /** K^{t−1} (tokens). */
  readonly thoughtStock: readonly number[];
  /** κ^{t−1} (tokens). */
  readonly ageOfThought: readonly number[];
  /** The slot at which each cached entry was loaded (−1 when not cached). */
  readonly loadedAtSlot: readonly number[];
  /** Requests per entry over the slots before this one. */
  readonly requestCount: readonly number[];
  /** The last slot before this one with requests for the entry (−1 if none). */
  readonly lastRequestedSlot: readonly number[];
}

/**
 * The metrics of one slot of the paper's environment (costs in the paper's units).
 *
 * @category edge
 */
export interface PaperSlotMetrics {
  readonly slot: number;
  readonly requests: number;
  /** Requests served at the edge (Σ a·b·R) and in the cloud (Σ (1 − b)·R); fractional with b ∈ (0, 1). */
  readonly edgeRequests: number;
  readonly cloudRequests: number;
  /** Σ_n L^t_n + L^t_C: minus the reward. */
  readonly systemCost: number;
  readonly switchingCost: number;
  readonly communicationCost: number;
  readonly computationCost: number;
  readonly accuracyCost: number;
  readonly cloudCost: number;
  /** Model loads (0 → 1) and evictions forced by the context window. */
  readonly switches: number;
  readonly evictions: number;
  /** Mean reasoning accuracy per request, and per task (index of PAPER_TASKS; NaN without requests). */
  readonly accuracy: number;
  readonly taskAccuracy: readonly number[];
  readonly taskRequests: readonly number[];
  /** Σ_n energy charged in (3), J; the largest server memory use as a fraction of G_n. */
  readonly energyJ: number;
  readonly memoryUse: number;
}

/**
 * What `step` reports besides the reward: the projected action actually applied, the cost terms
 * and the slot's metrics.
 *
 * @category edge
 */
export interface PaperStepInfo {
  readonly applied: ProjectedAction;
  readonly costs: PaperCosts;
  readonly metrics: PaperSlotMetrics;
}

/** What `reset` reports: the derived constants of the scenario. @category edge */
export interface PaperResetInfo {
  readonly system: PaperSystem;
}

/**
 * The paper's model as an {@link Environment}.
 *
 * @example
 * ```ts
 * const env = new PaperEnvironment(paperScenario());
 * let { observation } = env.reset({ seed: 1 });
 * const step = env.step({ cache: observation.demand.map(() => 1), local: observation.demand.map(() => 1) });
 * step.reward; // −(Σ_n L_n + L_C)
 * ```
 * @category edge
 */
export class PaperEnvironment
  implements Environment<PaperObservation, PaperAction, PaperResetInfo, PaperStepInfo>
{
  readonly system: PaperSystem;
  private demandSource: PaperDemand | undefined;
  private slot = 0;
  private demand: number[] = [];
  private cached: number[] = [];
  private stock: number[] = [];
  private kappa: number[] = [];
  private loadedAt: number[] = [];
  private counts: number[] = [];
  private lastRequested: number[] = [];

  constructor(readonly scenario: PaperScenario) {
    this.system = paperSystem(scenario);
  }

  reset(options: { readonly seed?: number } = {}): ResetResult<PaperObservation, PaperResetInfo> {
    const size = this.system.entries;
    this.demandSource = createPaperDemand(this.scenario, createRng(options.seed ?? 0));
    this.slot = 0;
    this.cached = new Array<number>(size).fill(0);
    this.stock = new Array<number>(size).fill(0);
    this.kappa = new Array<number>(size).fill(0);
    this.loadedAt = new Array<number>(size).fill(-1);
    this.counts = new Array<number>(size).fill(0);
    this.lastRequested = new Array<number>(size).fill(-1);
    this.demand = this.demandSource.next();
    return { observation: this.observe(), info: { system: this.system } };
  }

  step(action: PaperAction): StepResult<PaperObservation, PaperStepInfo> {
    if (this.demandSource === undefined) throw new Error('PaperEnvironment: call reset() before step()');
    const sys = this.system;
    const s = this.scenario;
    const { agents: I, models: M } = sys;
    const demand = this.demand;
    const applied = projectPaperAction(sys, action, demand, this.kappa);
    const { cached, local } = applied;
    // The reasoning-path market's J per entry (issue 14): tokens and accuracy of the edge-served requests.
    const paths = action.paths;
    const tokensPerRequest =
      paths === undefined
        ? undefined
        : Array.from({ length: sys.entries }, (_, k) => pathTokens(sys, k % (I * M), paths[k] as number));
    const stock = new Array<number>(sys.entries);
    const kappa = new Array<number>(sys.entries);
    const taskSum = new Array<number>(PAPER_TASKS.length).fill(0);
    const taskRequests = new Array<number>(PAPER_TASKS.length).fill(0);
    let requests = 0;
    let edgeRequests = 0;
    let switches = 0;
    for (let k = 0; k < sys.entries; k++) {
      const pair = k % (I * M);
      const agent = s.agents[Math.floor(pair / M)] as PaperScenario['agents'][number];
      const a = cached[k] as number;
      const b = local[k] as number;
      const R = demand[k] as number;
      const perRequest = tokensPerRequest === undefined ? sys.tokensPerRequest[pair] : tokensPerRequest[k];
      const tokens = a * b * R * (perRequest as number);
      stock[k] = thoughtStock({ previous: this.stock[k] as number, tokens, cached: a === 1 });
      kappa[k] = ageOfThought({
        previous: this.kappa[k] as number,
        tokens,
        consensus: agent.consensus,
        vanishing: sys.vanishingTokens[Math.floor(pair / M)] as number,
        cached: a === 1,
      });
      if (a > (this.cached[k] as number)) switches++;
      if (R > 0) {
        // G5: (14) is unbounded; what is reported is capped by what J paths reach (Tables III/IV).
        const edgePaths = paths === undefined ? undefined : (paths[k] as number);
        const edgeTable =
          edgePaths === undefined ? (sys.pathAccuracy[pair] as number) : pathAccuracyAt(sys, pair, edgePaths);
        const cap = s.decisions.accuracyCap === 'table' ? edgeTable : 1;
        const edge = Math.min(
          cap,
          reasoningAccuracy({
            zeroShot: sys.zeroShot[pair] as number,
            gain: s.gain,
            ageOfThought: kappa[k] as number,
          }),
        );
        const served = a * b * R;
        const accuracy = served * edge + (R - served) * (sys.pathAccuracy[pair] as number);
        const task = PAPER_TASKS.indexOf(agent.task);
        taskSum[task] = (taskSum[task] as number) + accuracy;
        taskRequests[task] = (taskRequests[task] as number) + R;
        requests += R;
        edgeRequests += served;
      }
    }
    const costs = slotCosts(sys, {
      previousCached: this.cached,
      cached,
      local,
      demand,
      ageOfThought: kappa,
      ...(tokensPerRequest === undefined ? {} : { tokensPerRequest }),
    });
    let energyJ = 0;
    let memoryUse = 0;
    for (let n = 0; n < sys.servers; n++) {
      energyJ += serverEnergyJ(sys, n, cached, local, demand, tokensPerRequest);
      memoryUse = Math.max(memoryUse, serverMemoryGB(sys, n, cached) / (sys.memoryGB[n] as number));
    }
    // G8: a thought stock beyond the context window cannot be kept; the model is evicted (or K capped).
    let evictions = 0;
    const next = [...cached];
    for (let k = 0; k < sys.entries; k++) {
      const window = s.models[k % M]?.contextWindowTokens as number;
      if ((stock[k] as number) <= window) continue;
      if (s.decisions.contextWindow === 'cap') {
        stock[k] = window;
        continue;
      }
      evictions++;
      next[k] = 0;
      stock[k] = 0;
      kappa[k] = 0;
    }
    for (let k = 0; k < sys.entries; k++) {
      if (next[k] !== 1) this.loadedAt[k] = -1;
      else if (this.cached[k] !== 1) this.loadedAt[k] = this.slot;
      this.counts[k] = (this.counts[k] as number) + (demand[k] as number);
      if ((demand[k] as number) > 0) this.lastRequested[k] = this.slot;
    }
    const metrics: PaperSlotMetrics = {
      slot: this.slot,
      requests,
      edgeRequests,
      cloudRequests: requests - edgeRequests,
      systemCost: costs.total,
      switchingCost: costs.switching,
      communicationCost: costs.communication,
      computationCost: costs.computation,
      accuracyCost: costs.accuracy,
      cloudCost: costs.cloud,
      switches,
      evictions,
      accuracy: requests === 0 ? Number.NaN : taskSum.reduce((t, x) => t + x, 0) / requests,
      taskAccuracy: taskSum.map((x, t) =>
        (taskRequests[t] as number) === 0 ? Number.NaN : x / (taskRequests[t] as number),
      ),
      taskRequests,
      energyJ,
      memoryUse,
    };
    this.cached = next;
    this.stock = stock;
    this.kappa = kappa;
    this.slot++;
    this.demand = this.demandSource.next();
    return {
      observation: this.observe(),
      reward: -costs.total,
      terminated: this.slot >= s.slots,
      truncated: false,
      info: { applied, costs, metrics },
    };
  }

  private observe(): PaperObservation {
    const sys = this.system;
    return {
      slot: this.slot,
      slots: this.scenario.slots,
      servers: sys.servers,
      agents: sys.agents,
      models: sys.models,
      demand: this.demand,
      cached: this.cached,
      thoughtStock: this.stock,
      ageOfThought: this.kappa,
      loadedAtSlot: [...this.loadedAt],
      requestCount: [...this.counts],
      lastRequestedSlot: [...this.lastRequested],
    };
  }
}
