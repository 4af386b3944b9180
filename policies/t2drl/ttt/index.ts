/**
 * The seed paper's T2DRL (a TTT-Linear actor–critic trained by PPO, PAPER.md §3) and its PPO
 * baseline (the same network without the TTT layer), as policies on the physical edge model.
 * Factories take the weights to use, so a script can load its own (`doubledutch train --out DIR`).
 *
 * @packageDocumentation
 */

import { scenarioHash } from '../../../src/edge/scenario.js';
import type { Scenario } from '../../../src/edge/scenario-schema.js';
import { DoubleDutchError } from '../../../src/errors.js';
import type { PaperPolicy } from '../../../src/paper/policy.js';
import type { PaperScenario } from '../../../src/paper/scenario-schema.js';
import type { Policy } from '../../../src/policy.js';
import { warnOnce } from '../../../src/warn-once.js';
import {
  type ActorCritic,
  type ActorCriticConfig,
  createActorCritic,
  disposeActorCritic,
  withInnerLoopOff,
} from './actor-critic.js';
import { createLearner, type Learner } from './learner.js';
import { PAPER_ENTRY_FEATURES, PAPER_REWARD_SCALE, paperLearnerPolicy, paperScenarioHash } from './paper.js';
import { PHYSICAL_ENTRY_FEATURES, PHYSICAL_REWARD_SCALE, physicalPolicy } from './physical.js';
import { PAPER_TTT } from './ttt-linear.js';
import {
  type ActorCriticMeta,
  loadActorCritic,
  shippedActorCriticDir,
  warnOnScenarioMismatch,
} from './weights.js';
import { weightsDirFor } from './weights-dir.js';

/**
 * A policy whose network is loaded when the policy is prepared (so that registering it loads no
 * weights) and freed with the policy; shared by both models' factories.
 */
function withLoadedNetwork<P extends { dispose?(): void }>(
  build: (load: () => Promise<Learner>) => P,
  loadNet: () => ActorCritic,
  sample: boolean,
  rewardScale: number,
): P {
  let net: ActorCritic | undefined;
  const policy = build(async () => {
    net = loadNet();
    return createLearner({ net, learn: false, sample, rewardScale });
  });
  return {
    ...policy,
    dispose: () => {
      policy.dispose?.();
      if (net !== undefined) disposeActorCritic(net);
      net = undefined;
    },
  };
}

/** Which network: with the TTT layer (`t2drl`) or without (`ppo`). @category policies */
export type ActorCriticKind = 't2drl' | 'ppo';

/**
 * The network sizes of the paper (TTT 32 wide, 4 heads, mini-batch 4; heads 128 wide) for
 * entries of `entryFeatures` features; `ppo` has no TTT layer.
 *
 * @example
 * ```ts
 * const net = createActorCritic(paperNetworkConfig('t2drl', PAPER_ENTRY_FEATURES), 1);
 * ```
 * @category policies
 */
export function paperNetworkConfig(kind: ActorCriticKind, entryFeatures: number): ActorCriticConfig {
  return {
    entryFeatures,
    embed: PAPER_TTT.width,
    hidden: 128,
    ...(kind === 't2drl' ? { ttt: PAPER_TTT } : {}),
  };
}

/**
 * The paper's sizes on the physical model, with b starting at ½ (u's initial mean 0, a dense
 * layer's default bias): there b is an admission price (physical.ts) whose range has the best
 * fixed price near its middle, so the network starts from no preference, not from the
 * price-free end (+2, b ≈ 0.88, is the paper model's start, where b is the edge share).
 *
 * @example
 * ```ts
 * const net = createActorCritic(physicalNetworkConfig('ppo'), 1);
 * ```
 * @category policies
 */
export function physicalNetworkConfig(kind: ActorCriticKind): ActorCriticConfig {
  return { ...paperNetworkConfig(kind, PHYSICAL_ENTRY_FEATURES), initialFractionMean: 0 };
}

/** Options of {@link paperActorCriticPolicy}. @category policies */
export interface PaperPolicyOptions {
  /** Seeds an untrained network, made only when no weights are found (none shipped, none given). */
  readonly seed: number;
  /**
   * The scenario being run, for the trained-elsewhere warning when the weights load; without it,
   * the warning waits for the first decision's scenario.
   */
  readonly scenario?: Scenario;
  /**
   * A weights directory: `train --out DIR`, or its `weights/` (found as `--weights DIR` finds
   * them); when omitted, the process's (`--weights DIR`, weights-dir.ts), else the shipped weights.
   */
  readonly weights?: string;
  /** Draw actions (true) or take the policy's mode (default). */
  readonly sample?: boolean;
  /**
   * false keeps T2DRL's W at W0 all episode (inner learning rate 0): the ablation that measures
   * what test-time training is worth. Default true; no effect on `ppo`, which has no TTT layer.
   */
  readonly testTimeTraining?: boolean;
}

/**
 * A script's `weights`, found as `--weights DIR` finds them (DIR, DIR/weights, DIR/KIND,
 * DIR/KIND/weights: weights-dir.ts), so that the `train --out` directory works here too; `dir`
 * itself when none holds them (its load then says what is wrong).
 */
function ownWeights(kind: ActorCriticKind, dir: string | undefined): string | undefined {
  return dir === undefined ? undefined : (weightsDirFor(kind, dir) ?? dir);
}

function loadNetwork(
  kind: ActorCriticKind,
  options: PaperPolicyOptions,
): { net: ActorCritic; meta?: ActorCriticMeta } {
  const dir =
    ownWeights(kind, options.weights) ?? weightsDirFor(kind) ?? shippedActorCriticDir(`${kind}-physical`);
  if (dir === undefined) {
    warnOnce(
      `untrained\u0000${kind}`,
      `${kind}: no trained weights found (run doubledutch train --policy ${kind}); using an untrained network`,
    );
    return { net: createActorCritic(physicalNetworkConfig(kind), options.seed) };
  }
  const { net, meta } = loadActorCritic(dir, { policy: kind, environment: 'physical' });
  if (options.scenario !== undefined) warnOnScenarioMismatch(kind, meta, scenarioHash(options.scenario));
  return { net, meta };
}

/**
 * A policy running the paper's actor–critic (`kind`) on the physical model, with fixed outer
 * parameters; T2DRL's TTT weights W still adapt at every slot and return to W0 each episode.
 *
 * @example
 * ```ts
 * const policy = paperActorCriticPolicy('t2drl', { seed: 1, weights: 'results/t2drl/weights' });
 * const result = await simulate({ scenario: defaultScenario(), policy, seed: 1 });
 * ```
 * @category policies
 */
export function paperActorCriticPolicy(kind: ActorCriticKind, options: PaperPolicyOptions): Policy {
  let unchecked: ActorCriticMeta | undefined;
  const policy = withLoadedNetwork(
    (load) => physicalPolicy(kind, load),
    () => {
      const { net, meta } = loadNetwork(kind, options);
      if (options.scenario === undefined) unchecked = meta;
      return options.testTimeTraining === false ? withInnerLoopOff(net) : net;
    },
    options.sample ?? false,
    PHYSICAL_REWARD_SCALE,
  );
  if (options.scenario !== undefined) return policy;
  // A script need not name the scenario: the first decision's context does, and the
  // trained-elsewhere warning is as due there as on the command line.
  return {
    ...policy,
    decide: (observation, context) => {
      if (unchecked !== undefined) warnOnScenarioMismatch(kind, unchecked, scenarioHash(context.scenario));
      unchecked = undefined;
      return policy.decide(observation, context);
    },
  };
}

/** Options of {@link paperEnvironmentPolicy}. @category policies */
export interface PaperEnvironmentPolicyOptions {
  /** Seeds an untrained network, made only when no weights are found (none shipped, none given). */
  readonly seed: number;
  /** The paper scenario being run (for the trained-elsewhere warning). */
  readonly scenario: PaperScenario;
  /**
   * A weights directory trained on the paper's environment (`train --scenario paper --out DIR`, or
   * its `weights/`); the shipped ones when omitted.
   */
  readonly weights?: string;
  /** Draw actions (true) or take the policy's mode (default). */
  readonly sample?: boolean;
  /** false keeps T2DRL's W at W0 all episode, as {@link PaperPolicyOptions.testTimeTraining}. */
  readonly testTimeTraining?: boolean;
}

function loadPaperNetwork(kind: ActorCriticKind, options: PaperEnvironmentPolicyOptions): ActorCritic {
  const dir = ownWeights(kind, options.weights) ?? shippedActorCriticDir(`${kind}-paper`);
  if (dir === undefined) {
    warnOnce(
      `untrained\u0000${kind}\u0000paper`,
      `${kind}: no trained weights for the paper's environment (run doubledutch train --policy ${kind} --scenario paper); using an untrained network`,
    );
    return createActorCritic(paperNetworkConfig(kind, PAPER_ENTRY_FEATURES), options.seed);
  }
  const { net, meta } = loadActorCritic(dir, { policy: kind, environment: 'paper' });
  if (meta.config.entryFeatures !== PAPER_ENTRY_FEATURES) {
    disposeActorCritic(net);
    throw new DoubleDutchError(
      'bad_weights',
      `${dir}: weights for the ${meta.environment} environment (${meta.config.entryFeatures} features per entry), not the paper's (${PAPER_ENTRY_FEATURES})`,
    );
  }
  warnOnScenarioMismatch(kind, meta, paperScenarioHash(options.scenario));
  return net;
}

/**
 * The paper's actor–critic (`kind`) on the seed paper's own environment (kind 'paper'), with
 * fixed outer parameters; T2DRL's W adapts at every slot and returns to W0 each episode.
 * `options.weights` loads a directory written by `doubledutch train --scenario paper --out DIR`
 * (DIR or its `weights/`); the shipped weights otherwise.
 *
 * @example
 * ```ts
 * const scenario = paperScenario();
 * const policy = paperEnvironmentPolicy('t2drl', { seed: 1, scenario, weights: 'results/t2drl/weights' });
 * const result = await simulate({ scenario, policy, seed: 1 });
 * ```
 * @category policies
 */
export function paperEnvironmentPolicy(
  kind: ActorCriticKind,
  options: PaperEnvironmentPolicyOptions,
): PaperPolicy {
  return withLoadedNetwork(
    (load) => paperLearnerPolicy(kind, load),
    () => {
      const net = loadPaperNetwork(kind, options);
      return options.testTimeTraining === false ? withInnerLoopOff(net) : net;
    },
    options.sample ?? false,
    PAPER_REWARD_SCALE,
  );
}
