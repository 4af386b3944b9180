/**
 * Training restarts kept by validation cost (PPO's outcome varies with its seed): the rule the
 * physical model's and the paper model's trainers share.
 */
import type { Restart } from '../train.js';
import { type ActorCritic, disposeActorCritic } from './actor-critic.js';

/**
 * Trains one network per seed `seed`, `seed + 1`, … (at least one), keeps the one with the lowest
 * validation cost and frees the others' tensors.
 */
export async function bestOfRestarts<T extends { readonly net: ActorCritic }>(
  options: {
    readonly seed: number;
    readonly restarts: number;
    readonly onRestart?: (restart: Restart) => void;
  },
  train: (seed: number) => Promise<T>,
  validate: (net: ActorCritic) => Promise<number>,
): Promise<{ best: T & { readonly seed: number }; restarts: Restart[] }> {
  let best: (T & { seed: number; cost: number }) | undefined;
  const restarts: Restart[] = [];
  for (let r = 0; r < Math.max(1, options.restarts); r++) {
    const seed = options.seed + r;
    const trained = await train(seed);
    const cost = await validate(trained.net);
    restarts.push({ seed, validationCost: cost });
    options.onRestart?.({ seed, validationCost: cost });
    if (best === undefined || cost < best.cost) {
      if (best !== undefined) disposeActorCritic(best.net);
      best = { ...trained, seed, cost };
    } else disposeActorCritic(trained.net);
  }
  return { best: best as T & { seed: number; cost: number }, restarts };
}
