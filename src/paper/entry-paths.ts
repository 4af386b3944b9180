/**
 * What a request of one entry costs and reaches with its own number of SC-CoT paths, when the
 * reasoning-path market (slot-path-market.ts) gives the edge-served requests of an entry more paths
 * than the scenario's J. The same rules as `paperSystem`'s per-(agent, model) constants.
 */
import { tableAccuracy } from './accuracy-tables.js';
import type { PaperSystem } from './system.js';

/**
 * Tokens δ of one request of (agent, model) `pair` served locally with `paths` paths (G7 as the
 * scenario decides); at the scenario's J this is `system.tokensPerRequest[pair]`.
 *
 * @category edge
 */
export function pathTokens(system: PaperSystem, pair: number, paths: number): number {
  const agent = system.scenario.agents[Math.floor(pair / system.models)];
  if (agent === undefined) throw new RangeError(`no (agent, model) pair ${pair}`);
  return paths * agent.thoughtTokens * (system.scenario.decisions.pathTokens === 'as-printed' ? paths : 1);
}

/**
 * The accuracy `paths` paths reach for (agent, model) `pair` (the tables, interpolated); at the
 * scenario's J this is `system.pathAccuracy[pair]`.
 *
 * @category edge
 */
export function pathAccuracyAt(system: PaperSystem, pair: number, paths: number): number {
  const s = system.scenario;
  const agent = s.agents[Math.floor(pair / system.models)];
  const model = s.models[pair % system.models];
  if (agent === undefined || model === undefined) throw new RangeError(`no (agent, model) pair ${pair}`);
  return tableAccuracy(model.accuracy.paths, model.accuracy.byTask[agent.task] as number[], paths);
}
