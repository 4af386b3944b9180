/**
 * The reasoning-path market held in every slot of the paper's environment (PAPER.md §4.1–4.2,
 * issue 14 item 4). Per model, one double auction: buyers are the slot's requests served at the
 * edge, each with a concave demand for extra SC-CoT paths beyond the scenario's J (the j-th extra
 * path is worth (24), Q·c_acc·(acc(J + j) − acc(J + j − 1)), with acc from the model's Tables III/IV
 * row for the agent's task); sellers are the edge servers holding the model, whose k-th extra path
 * costs (25), G_n·l_cmp·(1 + slope·(k − 1)), with G_n = 1 + (the server's energy use / E_n): the
 * marginal cost rises with the load. Every unit is a single-unit order (a request with demand for
 * three paths is three buyers), so the mechanisms' single-unit claims hold per unit: DSIC in
 * particular is not a claim about a request's multi-unit report (G24). The outcome sets each
 * edge-served request's number of paths.
 *
 * @packageDocumentation
 */
import { createMarket } from '../market/create-market.js';
import type { Mechanism } from '../mechanism.js';
import { checkIr } from '../properties/ir.js';
import { tableAccuracy } from './accuracy-tables.js';
import { serverEnergyJ } from './constraints.js';
import type { PaperObservation } from './environment.js';
import { type PaperAction, projectPaperAction } from './projection.js';
import type { PaperSystem } from './system.js';

/**
 * Settings of the reasoning-path market. The paper gives no Q_i, G_j, slope or capacity
 * (PAPER.md §5.1, G27–G28): every default is ours.
 *
 * @category experiments
 */
export interface PathMarketSettings {
  /** Q_i in (24), one for every request: the worth of one unit of accuracy, in multiples of the accuracy cost coefficient (default 1). */
  readonly quality?: number;
  /** The k-th extra path a server sells costs (1 + loadSlope·(k − 1)) times its first (default 0.25). */
  readonly loadSlope?: number;
  /** Most extra paths a server sells per model per slot (default 20); also bounded by its energy budget (3). */
  readonly pathsPerServer?: number;
  /** Most paths a request reaches, base J included (default: the last column of the model's table, 20). */
  readonly maxPaths?: number;
}

/**
 * The market figures of one slot, summed over its per-model markets (the fields and meaning of
 * the physical model's `MarketSlotMetrics`, in the paper's cost units; trades count extra paths).
 *
 * @category experiments
 */
export interface PathMarketMetrics {
  readonly welfare: number;
  readonly surplus: number;
  readonly trades: number;
  readonly irViolations: number;
  readonly clearingMs: number;
  readonly markets: number;
}

/**
 * What the market of one slot decided.
 *
 * @category experiments
 */
export interface PathMarketSlot {
  /** Per entry k: the mean number of paths of its edge-served requests (J when nothing was bought). */
  readonly paths: number[];
  /** Extra paths bought per entry. */
  readonly extraPaths: number[];
  /** Welfare, surplus, trades (extra paths traded) and IR violations, summed over the slot's markets. */
  readonly metrics: PathMarketMetrics;
}

/** Paper cost units to integer nano-units: the market's exact unit (like the physical model's nano-USD). */
const NANO = 1e9;
const nano = (x: number): number => (Number.isFinite(x) && x > 0 ? Math.round(x * NANO) : 0);

/**
 * Builds and clears the slot's path markets (one per model) for a policy's action. The action is
 * first projected onto (1)–(3) exactly as the environment will project it, so that the buyers are
 * the requests that will be served at the edge (⌊b·R⌉ of entry k) and the sellers the servers that
 * will hold the model, with the energy budget the base paths leave.
 *
 * @example
 * ```ts
 * const slot = clearPathMarkets(env.system, observation, action, getMechanism('t-dda'), {});
 * env.step({ ...action, paths: slot.paths });
 * ```
 * @category experiments
 */
export function clearPathMarkets(
  system: PaperSystem,
  observation: PaperObservation,
  action: PaperAction,
  // biome-ignore lint/suspicious/noExplicitAny: any registered mechanism, whatever its options
  mechanism: Mechanism<any>,
  mechanismOptions: Readonly<Record<string, unknown>>,
  settings: PathMarketSettings = {},
): PathMarketSlot {
  const s = system.scenario;
  const { servers: N, agents: I, models: M } = system;
  const J = s.paths;
  const quality = (settings.quality ?? 1) * s.costs.accuracy;
  const slope = settings.loadSlope ?? 0.25;
  const perServer = settings.pathsPerServer ?? 20;
  const { cached, local } = projectPaperAction(system, action, observation.demand, observation.ageOfThought);
  const extraPaths = new Array<number>(system.entries).fill(0);
  const edgeRequests = new Array<number>(system.entries).fill(0);
  let welfare = 0;
  let surplus = 0;
  let trades = 0;
  let irViolations = 0;
  let clearingMs = 0;
  let markets = 0;
  // The base load of every server (energy of (3) at J paths) and what is left of E_n.
  const used = Array.from({ length: N }, (_, n) =>
    serverEnergyJ(system, n, cached, local, observation.demand),
  );
  const meanThought = s.agents.reduce((t, a) => t + a.thoughtTokens, 0) / Math.max(1, I);
  for (let m = 0; m < M; m++) {
    const model = s.models[m] as (typeof s.models)[number];
    const lastColumn = model.accuracy.paths[model.accuracy.paths.length - 1] ?? J;
    const maxExtra = Math.max(0, Math.floor((settings.maxPaths ?? lastColumn) - J));
    const bids: { id: string; value: number }[] = [];
    const entryOf = new Map<string, number>();
    for (let n = 0; n < N; n++) {
      for (let i = 0; i < I; i++) {
        const k = (n * I + i) * M + m;
        const served = (cached[k] as number) * (local[k] as number) * (observation.demand[k] as number);
        edgeRequests[k] = served;
        const buyers = Math.round(served);
        if (buyers === 0) continue;
        const row = model.accuracy.byTask[(s.agents[i] as (typeof s.agents)[number]).task] as number[];
        for (let r = 0; r < buyers; r++) {
          for (let j = 1; j <= maxExtra; j++) {
            const gain =
              tableAccuracy(model.accuracy.paths, row, J + j) -
              tableAccuracy(model.accuracy.paths, row, J + j - 1);
            const value = nano(quality * gain);
            if (value === 0) break;
            const id = `k${k}.r${r}.p${j}`;
            bids.push({ id, value });
            entryOf.set(id, k);
          }
        }
      }
    }
    const asks: { id: string; cost: number }[] = [];
    for (let n = 0; n < N; n++) {
      const holds = Array.from({ length: I }, (_, i) => cached[(n * I + i) * M + m] === 1).some(Boolean);
      if (!holds) continue;
      // l_cmp of one path of an average thought (17); l_swi and l_com do not grow with paths.
      const pathCost = (meanThought * model.flopsPerToken) / (system.computeFlops[n] as number);
      const budget = system.energyBudgetJ[n] as number;
      const load = 1 + (used[n] as number) / budget;
      const pathEnergy = model.energyJPerToken * meanThought;
      // The energy budget left is shared evenly by the server's models.
      const byEnergy = Math.floor(Math.max(0, budget - (used[n] as number)) / M / pathEnergy);
      const units = Math.min(perServer, byEnergy);
      for (let u = 1; u <= units; u++)
        asks.push({
          id: `n${n}.m${m}.u${u}`,
          cost: Math.max(1, nano(load * pathCost * (1 + slope * (u - 1)))),
        });
    }
    if (bids.length === 0 || asks.length === 0) continue;
    const t0 = performance.now();
    const market = createMarket({ bids, asks });
    const outcome = mechanism.clear(market, mechanismOptions);
    clearingMs += performance.now() - t0;
    markets++;
    for (const fill of outcome.fills) {
      if (fill.side !== 'buy') continue;
      const k = entryOf.get(fill.id) as number;
      extraPaths[k] = (extraPaths[k] as number) + fill.quantity;
      trades += fill.quantity;
    }
    welfare += outcome.welfare.toNumber() / NANO;
    surplus += outcome.surplus.toNumber() / NANO;
    if (!checkIr(market, outcome).holds) irViolations++;
  }
  const paths = extraPaths.map((x, k) =>
    (edgeRequests[k] as number) > 0 ? J + x / (edgeRequests[k] as number) : J,
  );
  return { paths, extraPaths, metrics: { welfare, surplus, trades, irViolations, clearingMs, markets } };
}
