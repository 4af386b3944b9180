/**
 * The data behind Fig. 3 of the seed paper: T2DRL and PPO trained on the paper's environment at
 * its defaults, the cost and its four parts per training episode, and the trained networks
 * evaluated (on the policy's mode) on the reproduction's seeds, at the default scenario and at
 * every Fig. 4 point. TensorFlow.js and the learners are loaded on first use only (issue 11: the
 * package loads no TensorFlow.js for a market).
 */
import type { Environment } from '../../environment.js';
import { PaperEnvironment, type PaperStepInfo } from '../../paper/environment.js';
import { type PaperScenarioOptions, paperScenario } from '../../paper/scenario.js';

/** The paper's two learners of Fig. 3. */
export const LEARNERS = ['t2drl', 'ppo'] as const;
/** One of {@link LEARNERS}. */
export type Learner = (typeof LEARNERS)[number];

/**
 * Fig. 3b's parts of the cost (21), per slot: switching (15); edge accuracy (18); edge inference,
 * communication (16) + computation (17); cloud inference (20).
 */
export interface CostParts {
  readonly cost: number;
  readonly switching: number;
  readonly edgeAccuracy: number;
  readonly edgeInference: number;
  readonly cloudInference: number;
}

/** Wraps the paper's environment to add up the cost parts its steps report. */
class RecordingEnvironment implements Environment<unknown, unknown, unknown, PaperStepInfo> {
  private readonly inner: PaperEnvironment;
  private sums = { cost: 0, switching: 0, edgeAccuracy: 0, edgeInference: 0, cloudInference: 0 };
  private steps = 0;
  constructor(options: PaperScenarioOptions) {
    this.inner = new PaperEnvironment(paperScenario(options));
  }
  reset(options?: { readonly seed?: number }) {
    this.sums = { cost: 0, switching: 0, edgeAccuracy: 0, edgeInference: 0, cloudInference: 0 };
    this.steps = 0;
    return this.inner.reset(options);
  }
  step(action: unknown) {
    const result = this.inner.step(action as Parameters<PaperEnvironment['step']>[0]);
    const c = result.info.costs;
    this.sums.cost += c.total;
    this.sums.switching += c.switching;
    this.sums.edgeAccuracy += c.accuracy;
    this.sums.edgeInference += c.communication + c.computation;
    this.sums.cloudInference += c.cloud;
    this.steps++;
    return result;
  }
  /** The episode's parts so far, per slot (the unit of Fig. 4's cost). */
  parts(): CostParts {
    const n = Math.max(1, this.steps);
    const s = this.sums;
    return {
      cost: s.cost / n,
      switching: s.switching / n,
      edgeAccuracy: s.edgeAccuracy / n,
      edgeInference: s.edgeInference / n,
      cloudInference: s.cloudInference / n,
    };
  }
}

/** What {@link fig3Data} measures for one learner. */
export interface LearnerResult {
  readonly learner: Learner;
  /** One point per training episode (1…episodes): the sampled policy's cost parts, per slot. */
  readonly curve: readonly ({ readonly episode: number } & CostParts)[];
  /** Mean cost per slot of the trained network on each evaluation seed, default scenario. */
  readonly evaluation: readonly CostParts[];
  /** Per Fig. 4 point (in the order given): mean cost per slot on each evaluation seed. */
  readonly points: readonly (readonly number[])[];
  readonly seconds: number;
}

/** Options of {@link fig3Data}. */
export interface Fig3DataOptions {
  readonly episodes: number;
  /** Training seed of the networks. */
  readonly seed: number;
  /** Evaluation seeds (the reproduction's seeds, so the baselines run on the same demand). */
  readonly evalSeeds: readonly number[];
  /** Scenario options of the Fig. 4 points the trained networks are evaluated at. */
  readonly points: readonly PaperScenarioOptions[];
  /** Evaluation seeds at the Fig. 4 points (a prefix of `evalSeeds`). */
  readonly pointSeeds: readonly number[];
}

/**
 * Trains T2DRL and PPO on `paperScenario()` (the paper's PPO, one run each, no restarts) and
 * evaluates them; deterministic for given options on one backend.
 */
export async function fig3Data(options: Fig3DataOptions): Promise<LearnerResult[]> {
  const { trainOnEnvironment } = await import('../../../policies/t2drl/ttt/train-env.js');
  const { runEpisode } = await import('../../../policies/t2drl/ttt/episode.js');
  const { createLearner } = await import('../../../policies/t2drl/ttt/learner.js');
  const { disposeActorCritic } = await import('../../../policies/t2drl/ttt/actor-critic.js');
  const { paperAdapter, PAPER_REWARD_SCALE } = await import('../../../policies/t2drl/ttt/paper.js');
  const adapter = paperAdapter as Parameters<typeof runEpisode<unknown, unknown, unknown, PaperStepInfo>>[1];
  const out: LearnerResult[] = [];
  for (const learner of LEARNERS) {
    const started = performance.now();
    const env = new RecordingEnvironment({});
    const curve: ({ episode: number } & CostParts)[] = [];
    const { net } = await trainOnEnvironment({
      kind: learner,
      environment: () => env,
      adapter,
      episodes: options.episodes,
      seed: options.seed,
      rewardScale: PAPER_REWARD_SCALE,
      onEpisode: (episode) => curve.push({ episode, ...env.parts() }),
    });
    // runEpisode is asynchronous (the learner's update yields to the event loop): each episode is
    // awaited before its learner is disposed.
    const evaluate = async (
      scenario: PaperScenarioOptions,
      seeds: readonly number[],
    ): Promise<CostParts[]> => {
      const evalEnv = new RecordingEnvironment(scenario);
      const parts: CostParts[] = [];
      for (const seed of seeds) {
        const greedy = createLearner({ net, learn: false, sample: false, rewardScale: 1 });
        try {
          await runEpisode(evalEnv, adapter, greedy, seed);
        } finally {
          greedy.dispose();
        }
        parts.push(evalEnv.parts());
      }
      return parts;
    };
    const evaluation = await evaluate({}, options.evalSeeds);
    const points: number[][] = [];
    for (const p of options.points) {
      points.push((await evaluate(p, options.pointSeeds)).map((x) => x.cost));
    }
    disposeActorCritic(net);
    out.push({ learner, curve, evaluation, points, seconds: (performance.now() - started) / 1000 });
  }
  return out;
}

/**
 * The first episode from which the trailing moving average (window `window`) stays within
 * `tolerance` (relative) of its value at the last episode; `undefined` for an empty curve.
 */
export function convergenceEpisode(
  costs: readonly number[],
  window: number,
  tolerance = 0.02,
): number | undefined {
  if (costs.length === 0) return undefined;
  const ma = movingAverage(costs, window);
  const final = ma[ma.length - 1] as number;
  let first = ma.length;
  for (let i = ma.length - 1; i >= 0; i--) {
    if (Math.abs((ma[i] as number) - final) > tolerance * Math.abs(final)) break;
    first = i;
  }
  return first + 1;
}

/** The trailing moving average of `costs` with `window`. */
export function movingAverage(costs: readonly number[], window: number): number[] {
  return costs.map((_, i) => {
    const from = Math.max(0, i - window + 1);
    const slice = costs.slice(from, i + 1);
    return slice.reduce((s, v) => s + v, 0) / slice.length;
  });
}
