/**
 * The classic caching baselines of the paper's Section VI on its own model (FIFO, LFU, LAoT). A
 * server's misses of a slot (an (agent, model) pair with requests and no cached copy) are taken
 * one at a time, most requested first, as a sequential cache would see them: each goes in, and
 * while it does not fit in G_n the rule evicts its victim among the copies present, the ones
 * loaded earlier in the slot included (a miss larger than G_n is skipped). The offload fraction
 * the paper does not give is b = 1 for every cached copy with requests: serve it all at the edge,
 * and let the projection's energy step move load to the cloud when (3) binds.
 */
import type { PaperObservation } from '../../src/paper/environment.js';
import type { PaperPolicy } from '../../src/paper/policy.js';
import type { PaperAction } from '../../src/paper/projection.js';
import { type PaperSystem, paperSystemOf } from '../../src/paper/system.js';

/**
 * Keep priority of entry k (higher is kept; the lowest is the victim). `loadedNow` is the order in
 * which a copy was loaded during this slot (0, 1, …), or −1 for a copy cached before it.
 */
export type PaperKeepScore = (observation: PaperObservation, k: number, loadedNow: number) => number;

/**
 * The action of a caching rule on one observation.
 *
 * @category policies
 */
export function paperCachingAction(
  observation: PaperObservation,
  system: PaperSystem,
  keep: PaperKeepScore,
): PaperAction {
  const per = system.agents * system.models;
  const cache = new Array<number>(system.entries).fill(0);
  const local = new Array<number>(system.entries).fill(0);
  const size = (k: number) => system.scenario.models[k % system.models]?.sizeGB as number;
  for (let n = 0; n < system.servers; n++) {
    // The copies present, with their keep scores (fixed within the slot).
    const present = new Map<number, number>();
    const misses: number[] = [];
    let free = system.memoryGB[n] as number;
    for (let k = n * per; k < (n + 1) * per; k++) {
      if (observation.cached[k] === 1) {
        present.set(k, keep(observation, k, -1));
        free -= size(k);
      } else if ((observation.demand[k] as number) > 0) misses.push(k);
    }
    misses.sort((x, y) => (observation.demand[y] as number) - (observation.demand[x] as number) || x - y);
    let order = 0;
    for (const k of misses) {
      if (size(k) > (system.memoryGB[n] as number)) continue;
      while (size(k) > free) {
        let victim = -1;
        let lowest = Number.POSITIVE_INFINITY;
        for (const [j, score] of present) {
          if (score < lowest || (score === lowest && j < victim)) {
            lowest = score;
            victim = j;
          }
        }
        present.delete(victim);
        free += size(victim);
      }
      present.set(k, keep(observation, k, order++));
      free -= size(k);
    }
    for (const k of present.keys()) {
      cache[k] = 1;
      local[k] = 1;
    }
  }
  return { cache, local };
}

/**
 * A paper policy from a keep score.
 *
 * @category policies
 */
export function paperCachingPolicy(name: string, keep: PaperKeepScore): PaperPolicy {
  return {
    name,
    decide: (observation, context) => ({
      action: paperCachingAction(observation, paperSystemOf(context.scenario), keep),
    }),
  };
}
