/**
 * Seeded reasoning-path markets (the seed paper's market, PAPER.md §4.1–4.2): requests buy extra
 * SC-CoT reasoning paths, valued by (24) with the marginal accuracy gain of Tables III/IV, and edge
 * servers sell them at a marginal cost (25) that rises with their load. Every unit is a
 * single-unit order, so the mechanisms' single-unit claims (DSIC above all) apply per unit, not per
 * request (G24).
 *
 * @packageDocumentation
 */
import type { MarketInput } from '../market/types.js';
import { createRng, type Rng } from '../random.js';
import {
  monotoneTable,
  PAPER_TASKS,
  TABLE_III_LAMDA,
  TABLE_IV_PALM,
  TABLE_PATHS,
  tableAccuracy,
} from './accuracy-tables.js';

/**
 * The SC-CoT accuracy rows (fractions) of the paper's Tables III (LaMDA-137B, rows 0–6) and IV
 * (PaLM-540B, rows 7–13), tasks in the tables' order, from the accuracy tables module: the rows the
 * paper's environment uses, made non-decreasing by `monotoneFit` (PaLM's SVAMP falls from 88 to 85),
 * so that no marginal gain is negative.
 */
const SC_ROWS: readonly (readonly number[])[] = [TABLE_III_LAMDA, TABLE_IV_PALM].flatMap((table) => {
  const rows = monotoneTable(table);
  return PAPER_TASKS.map((task) => rows[task]);
});

/** Accuracy (fraction) with `j` paths: linear between the table's columns, flat beyond 20. */
function accuracyAt(row: readonly number[], j: number): number {
  return tableAccuracy(TABLE_PATHS, row, j);
}

/**
 * Options of {@link pathMarket}. Every default is ours: the paper gives no Q_i, G_j, cost levels or
 * distributions (PAPER.md §5.1, G27–G28).
 *
 * @category experiments
 */
export interface PathMarketOptions {
  /** Traders in the market: ⌈size/2⌉ requests (buyers) and ⌊size/2⌋ edge servers (sellers). Fig. 6 uses 20–100. */
  readonly size: number;
  readonly seed: number;
  /** Extra paths a request may buy (default 4). */
  readonly maxExtraPaths?: number;
  /** Paths a server can sell in the slot (default 4). */
  readonly pathsPerServer?: number;
  /** Range of Q_i in (24), the value of one unit of accuracy (fraction) (default [50, 150]). */
  readonly qualityRange?: readonly [number, number];
  /** Range of G_j in (25), the resource-utilisation coefficient (default [0.5, 1.5]). */
  readonly utilisationRange?: readonly [number, number];
  /** l_swi + l_com + l_cmp of one path at an idle server, before G_j (default 1). */
  readonly costPerPath?: number;
  /** The k-th path a server sells costs (1 + loadSlope·(k − 1)) times its first (default 0.25). */
  readonly loadSlope?: number;
  /** Paths a request already holds, drawn uniformly from 1..maxBasePaths (default 5). */
  readonly maxBasePaths?: number;
}

/**
 * A request of a reasoning-path market.
 *
 * @category experiments
 */
export interface PathRequest {
  readonly id: string;
  /** Row of Tables III/IV: index 0–6 LaMDA-137B, 7–13 PaLM-540B, tasks in the tables' order. */
  readonly row: number;
  readonly basePaths: number;
  readonly quality: number;
}

/**
 * A generated market: the single-unit orders, and the requests and servers they come from.
 *
 * @category experiments
 */
export interface PathMarket {
  readonly input: MarketInput;
  readonly requests: readonly PathRequest[];
  readonly servers: readonly { readonly id: string; readonly utilisation: number }[];
}

function uniform(rng: Rng, [low, high]: readonly [number, number]): number {
  return low + (high - low) * rng.next();
}

/** Money as an exact 6-decimal string. */
function price(x: number): string {
  return Math.max(0, x).toFixed(6);
}

/**
 * Draws a reasoning-path market. Request i (ids `r<i>.<j>` for its j-th extra path) has a task and
 * a model (a row of Tables III/IV), J0 paths already, and a quality Q_i; its bid for the j-th extra
 * path is (24) with the marginal accuracy gain, Q_i·(acc(J0 + j) − acc(J0 + j − 1)), which falls with
 * j (the buyer's demand is concave). Server e (ids `e<e>.<k>`) offers `pathsPerServer` paths, the
 * k-th at (25): G_e·costPerPath·(1 + loadSlope·(k − 1)), rising with its load. Equal seeds give
 * equal markets.
 *
 * @example
 * ```ts
 * const { input } = pathMarket({ size: 20, seed: 1 });
 * tDda.clear(createMarket(input)).welfare;
 * ```
 * @category experiments
 */
export function pathMarket(options: PathMarketOptions): PathMarket {
  const { size, seed } = options;
  if (!Number.isSafeInteger(size) || size < 2)
    throw new RangeError(`size must be an integer ≥ 2, got ${size}`);
  const rng = createRng(seed);
  const maxExtra = options.maxExtraPaths ?? 4;
  const perServer = options.pathsPerServer ?? 4;
  const quality = options.qualityRange ?? [50, 150];
  const utilisation = options.utilisationRange ?? [0.5, 1.5];
  const costPerPath = options.costPerPath ?? 1;
  const slope = options.loadSlope ?? 0.25;
  const maxBase = options.maxBasePaths ?? 5;
  const requests: PathRequest[] = [];
  const bids: { id: string; value: string }[] = [];
  for (let i = 0; i < Math.ceil(size / 2); i++) {
    const request: PathRequest = {
      id: `r${i}`,
      row: rng.int(SC_ROWS.length),
      basePaths: 1 + rng.int(maxBase),
      quality: uniform(rng, quality),
    };
    requests.push(request);
    const row = SC_ROWS[request.row] as readonly number[];
    for (let j = 1; j <= maxExtra; j++) {
      const gain = accuracyAt(row, request.basePaths + j) - accuracyAt(row, request.basePaths + j - 1);
      bids.push({ id: `${request.id}.${j}`, value: price(request.quality * gain) });
    }
  }
  const servers: { id: string; utilisation: number }[] = [];
  const asks: { id: string; cost: string }[] = [];
  for (let e = 0; e < Math.floor(size / 2); e++) {
    const server = { id: `e${e}`, utilisation: uniform(rng, utilisation) };
    servers.push(server);
    for (let k = 1; k <= perServer; k++) {
      asks.push({
        id: `${server.id}.${k}`,
        cost: price(server.utilisation * costPerPath * (1 + slope * (k - 1))),
      });
    }
  }
  return { input: { bids, asks }, requests, servers };
}
