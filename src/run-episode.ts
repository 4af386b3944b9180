/**
 * One episode of an environment under a policy, in Gymnasium's loop: reset, then per slot the
 * policy's decision, the slot's market when one is held, the step, and the policy's `observe`.
 * `simulate` (src/experiment) runs it with the market and the per-slot records; T2DRL's training
 * runs it bare. It lives below both so that policies import no experiment code (issue 11).
 *
 * @packageDocumentation
 */

import type { LlmRequest } from './edge/workload/request.js';
import type { Environment, StepResult } from './environment.js';
import type { Decision, Policy, PolicyContext } from './policy.js';
import { createRng, type Rng, RUN_STREAMS } from './random.js';

/**
 * Options of {@link runEpisode}.
 *
 * @category experiments
 */
export interface EpisodeOptions<O, A, RI, SI, S, V> {
  readonly environment: Environment<O, A, RI, SI>;
  readonly policy: Policy<O, A, SI, S, V>;
  readonly scenario: S;
  /** The run's seed: the environment is reset with it, and the policy's stream derives from it. */
  readonly seed: number;
  /**
   * The policy's random stream; default the run's, `createRng(seed).derive(RUN_STREAMS.policy)`.
   * Training passes one stream for all its episodes.
   */
  readonly policyRng?: Rng;
  /**
   * Holds the slot's markets on the decision (whose valuations are then present) and returns the
   * action to apply; without it no market is held and the policy's action stands.
   */
  readonly market?: (observation: O, decision: Decision<A, V>) => A;
  /** The next slot's requests, for oracle policies (`needsFuture`). */
  readonly futureRequests?: (observation: O) => readonly LlmRequest[];
  /** Awaited before every slot (a turn of the event loop, a check for cancellation). */
  readonly beforeSlot?: () => Promise<void>;
  /** Called after every step with the observation it started from. */
  readonly onStep?: (observation: O, step: StepResult<O, SI>) => void;
}

/**
 * Runs one episode (the policy already prepared) and returns the sum of its rewards and its number
 * of steps.
 *
 * @category experiments
 */
export async function runEpisode<O, A, RI, SI, S, V>(
  options: EpisodeOptions<O, A, RI, SI, S, V>,
): Promise<{ readonly reward: number; readonly steps: number }> {
  const { environment, policy, scenario, seed } = options;
  const rng = options.policyRng ?? createRng(seed).derive(RUN_STREAMS.policy);
  const market = options.market !== undefined;
  let { observation } = environment.reset({ seed });
  let reward = 0;
  let steps = 0;
  for (;;) {
    if (options.beforeSlot !== undefined) await options.beforeSlot();
    const future =
      policy.needsFuture === true && options.futureRequests !== undefined
        ? { futureRequests: options.futureRequests(observation) }
        : {};
    const context: PolicyContext<S> = { scenario, rng, market, ...future };
    const decision = policy.decide(observation, context);
    const action = options.market === undefined ? decision.action : options.market(observation, decision);
    const step = environment.step(action);
    const learning = policy.observe?.({
      observation,
      action,
      reward: step.reward,
      nextObservation: step.observation,
      terminated: step.terminated,
      truncated: step.truncated,
      info: step.info,
      context,
    });
    if (learning !== undefined) await learning;
    reward += step.reward;
    steps++;
    options.onStep?.(observation, step);
    observation = step.observation;
    if (step.terminated || step.truncated) return { reward, steps };
  }
}
