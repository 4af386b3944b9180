/**
 * The policy contract on the paper's model: the shared one (src/policy.ts: one call per slot,
 * `decide(observation, context) → { action }`, with `observe`, `prepare`, `dispose` for learners),
 * instantiated with the paper's observation, action, step information and scenario. No market is
 * held on this model yet (its reasoning-path market is issue 14), so there are no valuations.
 */
import type { Policy, Transition } from '../policy.js';
import type { PaperObservation, PaperStepInfo } from './environment.js';
import type { PaperAction } from './projection.js';
import type { PaperScenario } from './scenario-schema.js';

/**
 * A policy of the paper's model: its raw action each slot (the environment projects it onto (1)–(3)).
 *
 * @category policies
 */
export type PaperPolicy = Policy<PaperObservation, PaperAction, PaperStepInfo, PaperScenario, never>;

/**
 * One step of experience on the paper's model: the raw action, the reward −(Σ_n L^t_n + L^t_C), and
 * in `info` what the projection applied, the cost terms and the slot's metrics.
 *
 * @category policies
 */
export type PaperTransition = Transition<PaperObservation, PaperAction, PaperStepInfo, PaperScenario>;
