/**
 * The paper's cost terms (15)–(20) for one slot, the edge cost L^t_n (19) per server and the
 * cloud cost L^t_C (20), on projected decisions (constraints (1)–(3) hold).
 */
import { accuracyGap } from './reasoning-accuracy.js';
import type { PaperSystem } from './system.js';

/**
 * One slot's cost terms, summed over servers (paper units).
 *
 * @category edge
 */
export interface PaperCosts {
  /** (15) λ per load (0 → 1). */
  readonly switching: number;
  /** (16) Σ R·l·d_i·b. */
  readonly communication: number;
  /** (17) Σ δ·e_m/f_n. */
  readonly computation: number;
  /** (18) × the accuracy coefficient: Σ Ā·R·a·b. */
  readonly accuracy: number;
  /** (20) Σ_j l_0·(1 − b)·R, over every server, counted once. */
  readonly cloud: number;
  /** L^t_n (19) per server: switching + communication + computation + accuracy there. */
  readonly edgeByServer: readonly number[];
  /** Σ_n L^t_n + L^t_C (× N with `decisions.cloudCost: 'per-server'`): minus the slot's reward. */
  readonly total: number;
}

/** What the cost terms read for one slot; arrays are indexed by entry k. @category edge */
export interface SlotDecisions {
  /** a^{t−1} (after any forced eviction at the end of the previous slot). */
  readonly previousCached: ArrayLike<number>;
  readonly cached: ArrayLike<number>;
  readonly local: ArrayLike<number>;
  readonly demand: ArrayLike<number>;
  /** κ^t, the Age of Thought after this slot's update (13), as Ā^t reads it. */
  readonly ageOfThought: ArrayLike<number>;
  /** Per entry, tokens δ of one request served locally, when the path market changed J (default: the system's per pair). */
  readonly tokensPerRequest?: ArrayLike<number>;
}

/**
 * The edge cost of one request served locally at server n for entry (agent, model) `pair`
 * (communication + computation + accuracy, given κ), and its cloud cost: the two sides of the
 * offloading decision b.
 *
 * @category edge
 */
export function requestCosts(
  system: PaperSystem,
  n: number,
  pair: number,
  ageOfThought: number,
): { edge: number; cloud: number } {
  const s = system.scenario;
  const agent = s.agents[Math.floor(pair / system.models)];
  const model = s.models[pair % system.models];
  if (agent === undefined || model === undefined) throw new RangeError(`no (agent, model) pair ${pair}`);
  const gap = accuracyGap({
    zeroShot: system.zeroShot[pair] as number,
    gain: s.gain,
    ageOfThought,
    kappaFloor: s.decisions.kappaFloor,
  });
  return {
    edge:
      s.costs.edgeAccess * agent.inputTokens +
      ((system.tokensPerRequest[pair] as number) * model.flopsPerToken) / (system.computeFlops[n] as number) +
      s.costs.accuracy * gap,
    cloud: s.paths * s.costs.cloudAccess,
  };
}

/**
 * Equations (15)–(20) for one slot.
 *
 * @category edge
 */
export function slotCosts(system: PaperSystem, x: SlotDecisions): PaperCosts {
  const s = system.scenario;
  const { agents: I, models: M } = system;
  let switching = 0;
  let communication = 0;
  let computation = 0;
  let accuracy = 0;
  let cloud = 0;
  const edgeByServer = new Array<number>(system.servers).fill(0);
  for (let k = 0; k < system.entries; k++) {
    const n = Math.floor(k / (I * M));
    const pair = k % (I * M);
    const agent = s.agents[Math.floor(pair / M)] as PaperSystem['scenario']['agents'][number];
    const model = s.models[pair % M] as PaperSystem['scenario']['models'][number];
    const before = switching + communication + computation + accuracy;
    const a = x.cached[k] as number;
    const b = x.local[k] as number;
    const R = x.demand[k] as number;
    if (a > (x.previousCached[k] as number))
      switching += s.costs.switching * (s.decisions.switchingCost === 'per-gb' ? model.sizeGB : 1);
    communication += R * s.costs.edgeAccess * agent.inputTokens * b;
    const perRequest =
      x.tokensPerRequest === undefined ? system.tokensPerRequest[pair] : x.tokensPerRequest[k];
    const tokens = a * b * R * (perRequest as number);
    computation += (tokens * model.flopsPerToken) / (system.computeFlops[n] as number);
    if (a * b * R > 0)
      accuracy +=
        s.costs.accuracy *
        accuracyGap({
          zeroShot: system.zeroShot[pair] as number,
          gain: s.gain,
          ageOfThought: x.ageOfThought[k] as number,
          kappaFloor: s.decisions.kappaFloor,
        }) *
        R *
        a *
        b;
    edgeByServer[n] =
      (edgeByServer[n] as number) + switching + communication + computation + accuracy - before;
    cloud += s.paths * s.costs.cloudAccess * (1 - b) * R;
  }
  const cloudCounted = s.decisions.cloudCost === 'per-server' ? cloud * system.servers : cloud;
  return {
    switching,
    communication,
    computation,
    accuracy,
    cloud,
    edgeByServer,
    total: switching + communication + computation + accuracy + cloudCounted,
  };
}
