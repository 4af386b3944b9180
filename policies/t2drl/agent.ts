/**
 * The T2DRL policy: test-time deep reinforcement learning. A PPO agent scores each (server, model)
 * pair and keeps the pairs it draws; requests are routed exactly as the classic baselines route
 * them (to their context's server, else the nearest, when cheaper than the cloud), so that a
 * comparison isolates what is learned: caching. It keeps learning while it is evaluated: every
 * `updateEvery` slots it takes a PPO step on the rewards it has just seen, and so adapts when
 * contexts and usage shift. `drl-frozen` is the same network with test-time updates off.
 */
import * as tf from '@tensorflow/tfjs-core';
import type { Action, Observation } from '../../src/edge/types.js';
import { fittingModels } from '../../src/edge/valuations.js';
import type { Policy, PolicyContext, Transition } from '../../src/policy.js';
import { admissionRoutes } from '../caching-rule.js';
import { estimatedDecision } from '../decision.js';
import { initTensorflow } from './backend.js';
import { type CreditScheme, createLearner } from './credit.js';
import { pairFeatures } from './features.js';
import { disposeNetworks, type Networks } from './network.js';
import { DEFAULT_PPO, type PpoConfig } from './ppo.js';

/** Options of {@link createT2drlAgent}. */
export interface T2drlAgentOptions {
  readonly name: string;
  /** The networks, or a promise of them (loaded in `prepare`). */
  readonly networks: Networks | (() => Promise<Networks>);
  /** Keep learning from the rewards seen (T2DRL) or not (drl-frozen). */
  readonly learn: boolean;
  readonly learningRate?: number;
  /** Slots between two test-time updates. */
  readonly updateEvery?: number;
  /** What the PPO step learns from: the slot's total reward (default) or one reward per decision. */
  readonly credit?: CreditScheme;
  /** Rewards are divided by this (USD; default 2 per slot, or 0.01 per decision) so that values stay near 1. */
  readonly rewardScale?: number;
  readonly ppo?: PpoConfig;
}

/** The T2DRL agent: a `Policy` with its learning state. */
export interface T2drlAgent extends Policy {
  /** Σ reward of the slots seen so far (for learning curves). */
  readonly episodeReturn: () => number;
  /** The networks, once prepared. */
  readonly networks: () => Networks;
  readonly prepare: () => Promise<void>;
  /** Frees the optimiser's state, and the networks when the agent loaded them itself. */
  readonly dispose: () => void;
}

/** Creates a T2DRL (or frozen DRL) agent. */
export function createT2drlAgent(options: T2drlAgentOptions): T2drlAgent {
  let networks: Networks | undefined = typeof options.networks === 'function' ? undefined : options.networks;
  let optimizer: tf.Optimizer | undefined;
  const learner = createLearner(options.credit ?? 'slot', options.rewardScale);
  let episodeReturn = 0;
  const updateEvery = options.updateEvery ?? 10;

  const act = (observation: Observation, context: PolicyContext): Action => {
    if (networks === undefined) throw new Error(`${options.name}: call prepare() before decide()`);
    const logits = learner.score(networks, pairFeatures(observation));
    const actions = new Float32Array(logits.length);
    const logProbs = new Float32Array(logits.length);
    for (let i = 0; i < logits.length; i++) {
      const l = logits[i] as number;
      const p = 1 / (1 + Math.exp(-l));
      // The keep/evict draws come from the run's policy stream (RUN_STREAMS.policy).
      const keep = context.rng.next() < p;
      actions[i] = keep ? 1 : 0;
      logProbs[i] = keep ? -Math.log1p(Math.exp(-l)) : -Math.log1p(Math.exp(l));
    }
    learner.chose(actions, logProbs);
    const models = observation.modelIds;
    const cache: Record<string, string[]> = {};
    observation.servers.forEach((server, s) => {
      const kept = models
        .map((id, m) => ({
          id,
          logit: logits[s * models.length + m] as number,
          keep: actions[s * models.length + m] === 1,
        }))
        .filter((x) => x.keep)
        .sort((a, b) => b.logit - a.logit || (a.id < b.id ? -1 : 1))
        .map((x) => x.id);
      cache[server.id] = fittingModels(kept, observation.modelWeightBytes, server.memoryBytes);
    });
    const preferred = new Map(
      observation.requests.map((v) => [v.request.id, v.residentServer ?? v.nearestServer]),
    );
    return {
      cache,
      route: admissionRoutes(observation, cache, context.scenario.costWeights, preferred),
    };
  };

  const agent: T2drlAgent = {
    name: options.name,
    prepare: async () => {
      await initTensorflow();
      if (networks === undefined && typeof options.networks === 'function')
        networks = await options.networks();
      if (options.learn) optimizer ??= tf.train.adam(options.learningRate ?? 1e-3);
    },
    decide: (observation, context) => estimatedDecision(observation, act(observation, context), context),
    observe: (transition: Transition) => {
      episodeReturn += transition.reward;
      if (!options.learn || networks === undefined || optimizer === undefined) return undefined;
      const buffered = learner.record(transition);
      if (buffered >= updateEvery || transition.terminated) {
        const next = transition.terminated ? undefined : transition.nextObservation;
        // The update yields between its epochs (a signal is heard within one); the episode awaits it.
        return learner.update(networks, optimizer, options.ppo ?? DEFAULT_PPO, next);
      }
      return undefined;
    },
    episodeReturn: () => episodeReturn,
    // The optimiser is this agent's, and so are networks it loaded itself (given as a loader);
    // networks given as values are the caller's.
    dispose: () => {
      optimizer?.dispose();
      optimizer = undefined;
      if (typeof options.networks === 'function' && networks !== undefined) {
        disposeNetworks(networks);
        networks = undefined;
      }
    },
    networks: () => {
      if (networks === undefined) throw new Error(`${options.name}: not prepared`);
      return networks;
    },
  };
  return agent;
}
