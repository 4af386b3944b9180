/**
 * The `Policy` interface and its registry (docs/policies.md). A policy decides, each slot, what the
 * environment does (on the physical model: which models each edge server caches and where each
 * request is served) and, when the slot's markets are held, the valuations that become their bids
 * and asks: one call, `decide`, returns both, so nothing depends on the order of calls. Policies
 * are stateful (a learning policy learns in `observe`), so the registry holds definitions whose
 * `create` makes a fresh instance for every run.
 *
 * The types are generic in the environment's observation, action, step information, scenario and
 * valuations, with the physical model's as defaults, so that another environment (the seed paper's)
 * reuses the same contract.
 *
 * @packageDocumentation
 */
import { defaultScenario } from './edge/default-scenario.js';
import type { Scenario } from './edge/scenario-schema.js';
import type { Action, EdgeStepInfo, Observation, Valuations } from './edge/types.js';
import type { LlmRequest } from './edge/workload/request.js';
import { DoubleDutchError, UnknownNameError } from './errors.js';
import type { Rng } from './random.js';

export type { Valuations } from './edge/types.js';

/**
 * A scenario of any environment: the physical model's (`Scenario`, which has no `kind`), or another
 * environment's, which names itself with `kind` (the seed paper's: `'paper'`).
 *
 * @category policies
 */
export type AnyScenario = Scenario | { readonly kind: string };

/**
 * The environment kind a scenario selects: its `kind`, or `'edge'` for the physical model's.
 *
 * @category policies
 */
export function scenarioKind(scenario: AnyScenario): string {
  return 'kind' in scenario && typeof scenario.kind === 'string' ? scenario.kind : 'edge';
}

/**
 * What a policy is given besides the observation.
 *
 * @category policies
 */
export interface PolicyContext<S = Scenario> {
  readonly scenario: S;
  /** The policy's random stream, derived from the run's one generator (`RUN_STREAMS.policy`). */
  readonly rng: Rng;
  /** True when the slot's markets are held: the decision must then carry valuations. */
  readonly market: boolean;
  /** The next slot's requests, given only to oracle policies (`needsFuture`), as a reference bound. */
  readonly futureRequests?: readonly LlmRequest[];
}

/**
 * A policy's answer for one slot: the action, and (when `context.market`) the valuations for the
 * slot's markets, computed for that same action.
 *
 * @category policies
 */
export interface Decision<A = Action, V = Valuations> {
  readonly action: A;
  readonly valuations?: V;
}

/**
 * One step of experience, for learning policies: everything `observe` needs, so that a policy keeps
 * nothing from `decide` for it but its own learning state.
 *
 * @category policies
 */
export interface Transition<O = Observation, A = Action, I = EdgeStepInfo, S = Scenario> {
  readonly observation: O;
  /** The action the environment applied (after the market, whose outcome replaces the routes). */
  readonly action: A;
  /** Minus the slot's system cost (the environment's reward). */
  readonly reward: number;
  readonly nextObservation: O;
  readonly terminated: boolean;
  readonly truncated: boolean;
  /** The environment's step information (physical model: the slot's metrics and what each request cost). */
  readonly info: I;
  /** The context the decision was made in. */
  readonly context: PolicyContext<S>;
}

/**
 * A caching/offloading policy.
 *
 * @category policies
 */
export interface Policy<O = Observation, A = Action, I = EdgeStepInfo, S = Scenario, V = Valuations> {
  readonly name: string;
  /** The slot's action, with its valuations when `context.market` is true. */
  decide(observation: O, context: PolicyContext<S>): Decision<A, V>;
  /**
   * The learning hook: called after every step, in training and at test time. A learning policy
   * may return a promise (a network update that gives the event loop turns, so that Ctrl-C is
   * heard within it); the episode loop awaits it before the next slot.
   */
  observe?(transition: Transition<O, A, I, S>): void | Promise<void>;
  /** True for reference policies that see the next slot (`context.futureRequests`). */
  readonly needsFuture?: boolean;
  /** Asynchronous set-up (loading weights, a TensorFlow.js backend), awaited before the first slot. */
  prepare?(): Promise<void>;
  /** Frees what `prepare` or learning allocated (TensorFlow.js tensors); `simulate` calls it for the policies it made from a name. */
  dispose?(): void;
}

/**
 * A policy of any environment, as the registry holds it.
 *
 * @category policies
 */
export type AnyPolicy = Policy<unknown, unknown, unknown, unknown, unknown>;

/**
 * What a factory is given: the run's scenario and seed.
 *
 * @category policies
 */
export interface PolicyOptions<S = Scenario> {
  readonly scenario: S;
  readonly seed: number;
}

/** Makes a fresh policy for a run. @category policies */
export type PolicyFactory = (options: PolicyOptions) => Policy;

/**
 * A policy as its file exports it, as a mechanism file exports its mechanism: its registry name,
 * a one-line description and the factory of fresh instances.
 *
 * @example
 * ```ts
 * export const lru: PolicyDefinition = {
 *   name: 'lru',
 *   description: 'evicts the least recently used model',
 *   create: () => cachingRulePolicy('lru', byRecency),
 * };
 * registerPolicy(lru);
 * ```
 * @category policies
 */
export interface PolicyDefinition<S = Scenario> {
  readonly name: string;
  readonly description: string;
  /**
   * The environment kinds whose scenarios `create` accepts (`scenarioKind`); default `['edge']`.
   * `getPolicy` refuses a scenario of another kind with a clear error.
   */
  readonly environments?: readonly string[];
  create(options: PolicyOptions<S>): AnyPolicy;
}

interface Entry {
  readonly definition: PolicyDefinition<AnyScenario>;
}

const registry = new Map<string, Entry>();

/**
 * Registers a policy definition (a taken name throws unless `{ replace: true }`).
 *
 * @example
 * ```ts
 * registerPolicy({ name: 'keep-all', description: 'caches every model that fits', create: () => keepAll() });
 * ```
 * @category policies
 */
export function registerPolicy<S = Scenario>(
  definition: PolicyDefinition<S>,
  options?: { replace?: boolean },
): void;
/**
 * The earlier form, kept for plug-ins written against it.
 *
 * @deprecated Pass a {@link PolicyDefinition}: `registerPolicy({ name, description, create })`.
 */
export function registerPolicy(
  name: string,
  description: string,
  factory: PolicyFactory,
  options?: { replace?: boolean },
): void;
export function registerPolicy(
  first: string | PolicyDefinition<never>,
  second?: string | { replace?: boolean },
  factory?: PolicyFactory,
  fourth?: { replace?: boolean },
): void {
  const definition = (
    typeof first === 'string'
      ? { name: first, description: String(second), create: factory as PolicyFactory }
      : first
  ) as PolicyDefinition<AnyScenario>;
  const options = (typeof first === 'string' ? fourth : (second as { replace?: boolean })) ?? {};
  const { name } = definition;
  if (typeof name !== 'string' || !/^[a-z0-9][a-z0-9-]*$/.test(name)) {
    throw new DoubleDutchError(
      'invalid_name',
      'must be lower-case letters, digits and dashes',
      'policy.name',
    );
  }
  if (typeof definition.create !== 'function') {
    throw new DoubleDutchError('invalid_policy', 'create must be a function', 'policy.create');
  }
  if (registry.has(name) && options.replace !== true) {
    throw new DoubleDutchError('duplicate_name', `'${name}' is already registered`, 'policy.name');
  }
  registry.set(name, { definition });
}

/**
 * A fresh instance of the policy registered under `name`; throws {@link UnknownNameError} listing
 * the registered policies otherwise, and a `DoubleDutchError` (`unsupported_environment`) when the
 * policy does not run on the scenario's environment.
 *
 * @example
 * ```ts
 * const lru = getPolicy('lru', { scenario: defaultScenario(), seed: 1 }); // both optional
 * ```
 * @category policies
 */
export function getPolicy(
  name: string,
  options?: { readonly scenario?: Scenario; readonly seed?: number },
): Policy;
/** A policy for another environment's scenario (its types are that environment's). */
export function getPolicy(
  name: string,
  options: { readonly scenario: AnyScenario; readonly seed?: number },
): AnyPolicy;
export function getPolicy(
  name: string,
  options: { readonly scenario?: AnyScenario; readonly seed?: number } = {},
): AnyPolicy {
  const entry = registry.get(name);
  if (entry === undefined) throw new UnknownNameError('policy', name, listPolicies());
  const scenario = options.scenario ?? defaultScenario();
  const kind = scenarioKind(scenario);
  const kinds = entry.definition.environments ?? ['edge'];
  if (!kinds.includes(kind)) {
    // Name the ones that do run there, so that the user need not guess from `--help`.
    const there = listPolicies().filter((p) =>
      (registry.get(p)?.definition.environments ?? ['edge']).includes(kind),
    );
    throw new DoubleDutchError(
      'unsupported_environment',
      `policy '${name}' runs on the ${kinds.join(', ')} environment, not on '${kind}'; ${there.length === 0 ? `no registered policy runs on '${kind}'` : `policies that run on '${kind}': ${there.join(', ')}`}`,
      'policy',
    );
  }
  return entry.definition.create({ scenario, seed: options.seed ?? 0 });
}

/** The registered policy names, sorted. @category policies */
export function listPolicies(): string[] {
  return [...registry.keys()].sort();
}

/** The environment kinds a registered policy runs on (`['edge']` unless its definition says). @category policies */
export function policyEnvironments(name: string): readonly string[] {
  const entry = registry.get(name);
  if (entry === undefined) throw new UnknownNameError('policy', name, listPolicies());
  return entry.definition.environments ?? ['edge'];
}

/** The one-line description of a registered policy. @category policies */
export function describePolicy(name: string): string {
  const entry = registry.get(name);
  if (entry === undefined) throw new UnknownNameError('policy', name, listPolicies());
  return entry.definition.description;
}
