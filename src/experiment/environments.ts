/**
 * The one place where `simulate` chooses the environment a scenario runs on (issue 11): the
 * physical edge model by default, another environment when the scenario names its `kind` (the seed
 * paper's, `'paper'`, plugs in here). Each environment comes with what the runner needs of it
 * beyond Gymnasium's contract: its slot metrics, its markets and, for oracle policies, the future.
 *
 * @packageDocumentation
 */
import { EdgeEnvironment } from '../edge/env.js';
import type { Scenario } from '../edge/scenario-schema.js';
import type { Action, EdgeStepInfo, Observation, SlotMetrics, Valuations } from '../edge/types.js';
import type { LlmRequest, TraceRecord } from '../edge/workload/request.js';
import type { Environment } from '../environment.js';
import { DoubleDutchError } from '../errors.js';
import type { Market } from '../market/create-market.js';
import type { Mechanism } from '../mechanism.js';
import { type AnyScenario, scenarioKind } from '../policy.js';
import { clearSlotMarkets, type MarketSlotMetrics } from './slot-market.js';

/**
 * An environment as `simulate` runs it.
 *
 * @category experiments
 */
export interface SimulatedEnvironment<O = unknown, A = unknown, RI = unknown, SI = unknown, V = unknown> {
  readonly environment: Environment<O, A, RI, SI>;
  /** Slots in an episode (for progress). */
  readonly slots: number;
  /** The figures of a step that the run records and aggregates. */
  slotMetrics(info: SI): SlotMetrics;
  /**
   * Holds the slot's markets on the policy's valuations under `mechanism` and returns the action
   * to apply (the outcome decides who is served where) and the markets' figures.
   */
  holdMarkets(
    observation: O,
    action: A,
    valuations: V,
    mechanism: Mechanism,
    options: Readonly<Record<string, unknown>>,
    onMarket?: (label: string, market: Market) => void,
  ): { readonly action: A; readonly metrics: MarketSlotMetrics };
  /** The next slot's requests, for oracle policies; absent when the environment has none to give. */
  futureRequests?(observation: O): readonly LlmRequest[];
}

/**
 * Options of {@link environmentFor}.
 *
 * @category experiments
 */
export interface EnvironmentOptions {
  /** A trace already parsed, shared by runs of one scenario (the physical model). */
  readonly records?: readonly TraceRecord[];
}

/**
 * The environment a scenario selects.
 *
 * @category experiments
 */
export function environmentFor(
  scenario: AnyScenario,
  options: EnvironmentOptions = {},
): SimulatedEnvironment {
  const kind = scenarioKind(scenario);
  if (kind === 'edge') return edgeSimulation(scenario as Scenario, options) as SimulatedEnvironment;
  throw new DoubleDutchError('unknown_environment', `no environment of kind '${kind}'`, 'scenario.kind');
}

/**
 * The physical edge model (`EdgeEnvironment`) as `simulate` runs it.
 *
 * @category experiments
 */
export function edgeSimulation(
  scenario: Scenario,
  options: EnvironmentOptions = {},
): SimulatedEnvironment<Observation, Action, unknown, EdgeStepInfo, Valuations> {
  const environment = new EdgeEnvironment(
    scenario,
    options.records === undefined ? {} : { records: options.records },
  );
  return {
    environment,
    slots: environment.slots,
    slotMetrics: (info) => info.metrics,
    holdMarkets: (observation, action, valuations, mechanism, clearOptions, onMarket) =>
      clearSlotMarkets(observation, action, valuations, mechanism, clearOptions, onMarket),
    futureRequests: (observation) => {
      // The workload does not depend on actions, so the next slot's requests are known to an oracle.
      const from = (observation.slot + 1) * scenario.slotS;
      const to = from + scenario.slotS;
      return environment.workload().filter((r) => r.arrivalS >= from && r.arrivalS < to);
    },
  };
}
