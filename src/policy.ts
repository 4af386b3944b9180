/**
 * The `Policy` interface and its registry (docs/policies.md). A policy decides, each slot, which models
 * each edge server caches and where each request is served, and supplies the valuations that
 * become bids and asks in the slot's markets. Policies are stateful (a learning policy learns in
 * `observe`), so the registry holds factories and every run gets a fresh instance.
 *
 * @packageDocumentation
 */
import { defaultScenario } from './edge/default-scenario.js';
import type { Scenario } from './edge/scenario-schema.js';
import type { Action, Observation, ServedRequest, SlotMetrics } from './edge/types.js';
import type { LlmRequest } from './edge/workload/request.js';
import { DoubleDutchError, UnknownNameError } from './errors.js';
import type { Rng } from './random.js';

/**
 * What a policy is given besides the observation: the scenario and its own seeded random stream.
 *
 * @category policies
 */
export interface PolicyContext {
  readonly scenario: Scenario;
  readonly rng: Rng;
  /** The next slot's requests, given only to oracle policies (`needsFuture`), as a reference bound. */
  readonly futureRequests?: readonly LlmRequest[];
}

/**
 * Valuations for one slot's markets, in USD: a bid per request (what being served at the edge is
 * worth to it: the cost it saves against the cloud), and asks for server capacity (units a server
 * offers for a model, at its marginal cost).
 *
 * @category policies
 */
export interface Valuations {
  readonly bids: readonly {
    readonly requestId: string;
    readonly modelId: string;
    readonly valueUsd: number;
  }[];
  readonly asks: readonly {
    readonly serverId: string;
    readonly modelId: string;
    readonly costUsd: number;
    readonly quantity: number;
  }[];
}

/**
 * One step of experience, for learning policies.
 *
 * @category policies
 */
export interface Transition {
  readonly observation: Observation;
  readonly action: Action;
  readonly reward: number;
  readonly nextObservation: Observation;
  readonly terminated: boolean;
  readonly metrics: SlotMetrics;
  /** What each request of the slot cost and where it was served (for credit per decision). */
  readonly served: readonly ServedRequest[];
}

/**
 * A caching/offloading policy.
 *
 * @category policies
 */
export interface Policy {
  readonly name: string;
  /** Caching and offloading decisions for the slot. */
  act(observation: Observation, context: PolicyContext): Action;
  /** Bids for requests and asks for server capacity. */
  valuations(observation: Observation, context: PolicyContext): Valuations;
  /** The learning hook: called after every step, in training and at test time. */
  observe?(transition: Transition): void;
  /** True for reference policies that see the next slot (`context.futureRequests`). */
  readonly needsFuture?: boolean;
  /** Asynchronous set-up (loading weights, a TensorFlow.js backend), awaited before the first slot. */
  prepare?(): Promise<void>;
  /** Frees what `prepare` or learning allocated (TensorFlow.js tensors); `simulate` calls it for the policies it made from a name. */
  dispose?(): void;
}

/** Makes a fresh policy for a run. @category policies */
export type PolicyFactory = (options: { readonly scenario: Scenario; readonly seed: number }) => Policy;

const registry = new Map<string, { factory: PolicyFactory; description: string }>();

/**
 * Registers a policy factory under `name` (a taken name throws unless `{ replace: true }`).
 *
 * @category policies
 */
export function registerPolicy(
  name: string,
  description: string,
  factory: PolicyFactory,
  options: { replace?: boolean } = {},
): void {
  if (!/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new DoubleDutchError(
      'invalid_name',
      'must be lower-case letters, digits and dashes',
      'policy.name',
    );
  }
  if (registry.has(name) && options.replace !== true) {
    throw new DoubleDutchError('duplicate_name', `'${name}' is already registered`, 'policy.name');
  }
  registry.set(name, { factory, description });
}

/**
 * A fresh instance of the policy registered under `name`; throws {@link UnknownNameError} listing
 * the registered policies otherwise.
 *
 * @example
 * ```ts
 * const lru = getPolicy('lru', { scenario: defaultScenario(), seed: 1 }); // both optional
 * ```
 * @category policies
 */
export function getPolicy(
  name: string,
  options: { readonly scenario?: Scenario; readonly seed?: number } = {},
): Policy {
  const entry = registry.get(name);
  if (entry === undefined) throw new UnknownNameError('policy', name, listPolicies());
  return entry.factory({ scenario: options.scenario ?? defaultScenario(), seed: options.seed ?? 0 });
}

/** The registered policy names, sorted. @category policies */
export function listPolicies(): string[] {
  return [...registry.keys()].sort();
}

/** The one-line description of a registered policy. @category policies */
export function describePolicy(name: string): string {
  const entry = registry.get(name);
  if (entry === undefined) throw new UnknownNameError('policy', name, listPolicies());
  return entry.description;
}
