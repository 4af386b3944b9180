/**
 * The environment contract every simulated system implements (Gymnasium's `Env`, in TypeScript
 * idiom): `reset({ seed })` starts an episode, `step(action)` advances it one slot. The physical
 * edge model (`src/edge/`) and the seed paper's model (`src/paper/`) both implement it, each with
 * its own observation, action and info types, so that `simulate` and the policies run on either.
 *
 * @packageDocumentation
 */

/**
 * What `reset` returns: the first observation and diagnostic information.
 *
 * @category edge
 */
export interface ResetResult<Observation, Info> {
  readonly observation: Observation;
  readonly info: Info;
}

/**
 * What `step` returns. `terminated` (the episode reached its natural end) is kept apart from
 * `truncated` (it was cut short), as Gymnasium does, so that a learner bootstraps only the latter.
 *
 * @category edge
 */
export interface StepResult<Observation, Info> {
  readonly observation: Observation;
  /** Minus the step's system cost, in the environment's cost unit. */
  readonly reward: number;
  readonly terminated: boolean;
  readonly truncated: boolean;
  readonly info: Info;
}

/**
 * A seeded, deterministic environment: the same seed and the same actions give bit-for-bit the
 * same observations, rewards and infos.
 *
 * @category edge
 */
export interface Environment<Observation, Action, ResetInfo, StepInfo> {
  reset(options?: { readonly seed?: number }): ResetResult<Observation, ResetInfo>;
  step(action: Action): StepResult<Observation, StepInfo>;
}
