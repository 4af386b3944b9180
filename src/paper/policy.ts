/**
 * The policy contract on the paper's environment: one call per slot, `decide(observation,
 * context) → { action }`, as the shared policy contract (src/policy.ts) is being reshaped to
 * (issue 11). The registered baselines (`cloud-only`, `fifo`, `lfu`, `laot`) have a paper
 * implementation under `policies/paper/`; `lookupPaperPolicy` finds it by the registered name.
 */
import { DoubleDutchError } from '../errors.js';
import type { Rng } from '../random.js';
import type { PaperObservation, PaperStepInfo } from './environment.js';
import type { PaperAction } from './projection.js';
import type { PaperScenario } from './scenario-schema.js';
import type { PaperSystem } from './system.js';

/**
 * What a paper policy is given besides the observation.
 *
 * @category policies
 */
export interface PaperPolicyContext {
  readonly scenario: PaperScenario;
  readonly system: PaperSystem;
  readonly rng: Rng;
}

/**
 * A policy of the paper's environment: its raw action each slot (the environment projects it
 * onto (1)–(3)).
 *
 * @category policies
 */
export interface PaperPolicy {
  readonly name: string;
  decide(observation: PaperObservation, context: PaperPolicyContext): { readonly action: PaperAction };
  /** The learning hook: called after every step, in training and at test time. */
  observe?(transition: PaperTransition): void;
  /** Asynchronous set-up (weights, a TensorFlow.js backend), awaited before the first slot. */
  prepare?(): Promise<void>;
  /** Frees what `prepare` or learning allocated; called for policies made from a name. */
  dispose?(): void;
}

/**
 * One step of experience on the paper's model: the raw action the policy chose, what the
 * projection applied, and the reward −(Σ_n L^t_n + L^t_C).
 *
 * @category policies
 */
export interface PaperTransition {
  readonly observation: PaperObservation;
  readonly action: PaperAction;
  readonly reward: number;
  readonly nextObservation: PaperObservation;
  readonly terminated: boolean;
  readonly info: PaperStepInfo;
}

/** Makes a fresh paper policy for a run. @category policies */
export type PaperPolicyFactory = (options: {
  readonly scenario: PaperScenario;
  readonly seed: number;
}) => PaperPolicy;

const paperPolicies = new Map<string, PaperPolicyFactory>();

/**
 * Registers the paper-environment implementation of a policy name (the same names as the
 * physical model's registry, so that one name runs on both environments).
 *
 * @category policies
 */
export function registerPaperPolicy(name: string, factory: PaperPolicyFactory): void {
  paperPolicies.set(name, factory);
}

/** The policy names that run on the paper's environment, sorted. @category policies */
export function listPaperPolicies(): string[] {
  return [...paperPolicies.keys()].sort();
}

/**
 * A fresh paper policy by name; a name registered only for the physical model throws one line
 * saying so (`lru` has no counterpart in the paper's model, which records no per-request recency).
 *
 * @category policies
 */
export function getPaperPolicy(
  name: string,
  options: { readonly scenario: PaperScenario; readonly seed: number },
): PaperPolicy {
  const factory = paperPolicies.get(name);
  if (factory === undefined) throw new UnsupportedEnvironmentError(name, 'paper', listPaperPolicies());
  return factory(options);
}

/**
 * A policy asked to run on an environment it has no implementation for (e.g. `lru` on the paper's
 * model). Code `unsupported_environment`, field `policy`; the message lists the policies that do run there.
 *
 * @category errors
 */
export class UnsupportedEnvironmentError extends DoubleDutchError {
  constructor(policy: string, environment: 'paper' | 'physical', supported: readonly string[]) {
    const model = environment === 'paper' ? "the paper's model (kind: 'paper')" : 'the physical edge model';
    super(
      'unsupported_environment',
      `'${policy}' does not run on ${model}; policies that do: ${supported.join(', ') || '(none)'}`,
      'policy',
    );
  }
}
