/**
 * GPU-memory management of an edge server: which models it caches and which session contexts (KV
 * caches) stay resident, under one invariant: weights + resident KV ≤ GPU memory. Evicting a model
 * drops its contexts; room for a new model or context is made by dropping the least recently used
 * contexts first.
 */
import { DoubleDutchError } from '../errors.js';
import { modelLoad } from './cost-model.js';
import type { ServerState, SessionState } from './state.js';

/** Thrown when the simulator's own invariant breaks (a bug, never a user error). */
export class InvariantError extends DoubleDutchError {}

/**
 * The models of `list` that fit in `memoryBytes`, as the environment will keep them: the longest
 * prefix (unknown ids and repeats skipped) whose weights fit.
 *
 * @category policies
 */
export function fittingModels(
  list: readonly string[],
  weights: Readonly<Record<string, number>>,
  memoryBytes: number,
): string[] {
  const keep: string[] = [];
  let bytes = 0;
  for (const id of list) {
    const w = weights[id];
    if (w === undefined || keep.includes(id)) continue;
    if (bytes + w > memoryBytes) break;
    keep.push(id);
    bytes += w;
  }
  return keep;
}

/** Drops a session's context from a server (if resident), and the session's pointer to it. */
export function dropContext(
  sessions: ReadonlyMap<string, SessionState>,
  server: ServerState,
  sessionId: string,
): void {
  const ctx = server.contexts.get(sessionId);
  if (ctx === undefined) return;
  server.kvBytes -= ctx.kvBytes;
  server.contexts.delete(sessionId);
  const session = sessions.get(sessionId);
  if (session?.contextServer === server.spec.id) session.contextServer = undefined;
}

/** Evicts least-recently-used contexts (never `keep`) until `extraBytes` more fit. */
export function makeRoom(
  sessions: ReadonlyMap<string, SessionState>,
  server: ServerState,
  extraBytes: number,
  keep?: string,
): void {
  for (const [sessionId] of server.contexts) {
    if (server.weightBytes + server.kvBytes + extraBytes <= server.memoryBytes) return;
    if (sessionId !== keep) dropContext(sessions, server, sessionId);
  }
}

/** Throws {@link InvariantError} when weights + KV exceed the server's memory. */
export function checkMemory(server: ServerState): void {
  // A tolerance of one byte absorbs floating-point sums of byte counts.
  if (server.weightBytes + server.kvBytes > server.memoryBytes + 1) {
    throw new InvariantError(
      'memory_exceeded',
      `${server.spec.id}: weights ${server.weightBytes} + KV ${server.kvBytes} > memory ${server.memoryBytes}`,
    );
  }
}

/**
 * Applies a caching decision at the start of a slot: keeps the longest prefix of `wanted` that fits
 * (`undefined`: keep what is cached), evicts the rest with their contexts, and loads the missing
 * models one after the other (the server is busy while loading). Returns the loads and their energy.
 */
export function applyCache(
  sessions: ReadonlyMap<string, SessionState>,
  server: ServerState,
  modelWeights: Readonly<Record<string, number>>,
  wanted: readonly string[] | undefined,
  slotStartS: number,
): { loads: number; loadEnergyJ: number } {
  const keep = fittingModels(wanted ?? [...server.cached], modelWeights, server.memoryBytes);
  for (const id of [...server.cached]) {
    if (keep.includes(id)) continue;
    server.cached.delete(id);
    server.weightBytes -= modelWeights[id] as number;
    for (const [sessionId, ctx] of [...server.contexts])
      if (ctx.modelId === id) dropContext(sessions, server, sessionId);
  }
  let loads = 0;
  let loadEnergyJ = 0;
  let readyS = Math.max(server.busyUntilS, slotStartS);
  for (const id of keep) {
    if (server.cached.has(id)) continue;
    const w = modelWeights[id] as number;
    makeRoom(sessions, server, w);
    server.cached.add(id);
    server.weightBytes += w;
    const stats = server.stats.get(id);
    if (stats !== undefined) stats.loadedAtS = slotStartS;
    const load = modelLoad(server.spec, w);
    readyS += load.loadS;
    loadEnergyJ += load.energyJ;
    loads++;
  }
  server.busyUntilS = readyS;
  checkMemory(server);
  return { loads, loadEnergyJ };
}

/**
 * Stores a session's context of `tokens` tokens (`bytesPerToken` each) on a server after a round,
 * making room by evicting other contexts; a context larger than the free memory keeps its most
 * recent tokens that fit. Returns the tokens stored (0: none).
 */
export function storeContext(
  sessions: ReadonlyMap<string, SessionState>,
  server: ServerState,
  context: { readonly sessionId: string; readonly modelId: string; readonly atS: number },
  tokens: number,
  bytesPerToken: number,
): number {
  makeRoom(sessions, server, tokens * bytesPerToken, context.sessionId);
  const free = server.memoryBytes - server.weightBytes - server.kvBytes;
  const stored = tokens * bytesPerToken > free ? Math.max(0, Math.floor(free / bytesPerToken)) : tokens;
  if (stored > 0) {
    server.contexts.set(context.sessionId, {
      sessionId: context.sessionId,
      modelId: context.modelId,
      tokens: stored,
      kvBytes: stored * bytesPerToken,
      lastUseS: context.atS,
    });
    server.kvBytes += stored * bytesPerToken;
  }
  return stored;
}
