/**
 * The decision of a policy that values with the environment's own estimates (every built-in): its
 * action, with `estimatedValuations` of that action when the slot's markets are held.
 */
import type { Action, Observation } from '../src/edge/types.js';
import { estimatedValuations } from '../src/edge/valuations.js';
import type { Decision, PolicyContext } from '../src/policy.js';

/**
 * `{ action }`, with the estimated valuations of `action` when `context.market`.
 *
 * @category policies
 */
export function estimatedDecision(
  observation: Observation,
  action: Action,
  context: PolicyContext,
): Decision {
  return context.market
    ? { action, valuations: estimatedValuations(observation, action, context.scenario) }
    : { action };
}
