/**
 * The paper's two learners in a reproduction: T2DRL and PPO trained once on the paper's
 * environment at its defaults (with each training episode's cost parts, Fig. 3's curves), or
 * loaded from saved weights (`reproduce --weights DIR`, with the saved learning curve when one lies
 * next to them). Either way they act on their mode in the reproduction's runs, like the baselines
 * (runs.ts), so Figs. 3 and 4 read their metrics from the same runs. TensorFlow.js and the
 * learners are loaded on first use only (issue 11: the package loads no TensorFlow.js for a market).
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { weightsDirFor, weightsDirProblem } from '../../../policies/t2drl/ttt/weights-dir.js';
import { DoubleDutchError } from '../../errors.js';
import type { PaperStepInfo } from '../../paper/environment.js';
import type { PaperPolicy } from '../../paper/policy.js';
import { paperScenario } from '../../paper/scenario.js';
import { parseCsv } from '../csv.js';
import { type CostParts, RecordingEnvironment } from './fig3-data.js';
import type { PaperRuns, RunPolicies } from './runs.js';

/** The paper's two learners of Fig. 3. */
export const LEARNERS = ['t2drl', 'ppo'] as const;
/** One of {@link LEARNERS}. */
export type Learner = (typeof LEARNERS)[number];

/** One point of a learning curve: the episode and its cost per slot, with its parts when recorded. */
export type CurvePoint = { readonly episode: number } & Pick<CostParts, 'cost'> & Partial<CostParts>;

/** Where each learner's saved weights are (`meta.json` and `weights.bin`). */
export type WeightsDirs = Readonly<Record<Learner, string>>;

/**
 * Why `dir` cannot give a reproduction its learners, in one line, or undefined when it can: it
 * must hold weights of both (found as `run --weights` finds them: a `meta.json` naming the policy
 * in DIR, DIR/weights, DIR/KIND or DIR/KIND/weights), trained on the paper's environment. Reads
 * only the `meta.json` files, so it runs before any work.
 */
export function paperWeightsProblem(dir: string): string | undefined {
  const problem = weightsDirProblem(dir);
  if (problem !== undefined) return problem;
  for (const kind of LEARNERS) {
    const found = weightsDirFor(kind, dir);
    if (found === undefined)
      return `${dir}: no ${kind} weights there (reproduce needs both t2drl and ppo: a meta.json naming each in DIR, DIR/weights, DIR/KIND or DIR/KIND/weights, as train --out writes)`;
    const environment = (
      JSON.parse(readFileSync(join(found, 'meta.json'), 'utf8')) as { environment?: unknown }
    ).environment;
    if (environment !== 'paper')
      return `${found}: ${kind} weights trained on the ${String(environment)} model; reproduce needs weights trained on the paper's (train --policy ${kind} --scenario paper)`;
  }
  return undefined;
}

/** The learners' weights under `dir`; throws a `DoubleDutchError` (code `bad_weights`) saying why not. */
export function paperWeightsDirs(dir: string): WeightsDirs {
  const problem = paperWeightsProblem(dir);
  if (problem !== undefined) throw new DoubleDutchError('bad_weights', problem, 'weights');
  return { t2drl: weightsDirFor('t2drl', dir) as string, ppo: weightsDirFor('ppo', dir) as string };
}

/**
 * The learning curve saved next to weights (`train --out DIR` writes `DIR/learning-curve.csv`
 * beside `DIR/weights/`), as cost per slot (its `system_cost` is the episode's sum over `slots`
 * slots); undefined when there is none (a curve is optional: weights can be copied without it).
 * A curve that is there but malformed (not CSV, no rows, an `episode` that is not a whole number
 * above the last, a `system_cost` that is not a number) throws a `DoubleDutchError` (code
 * `malformed_curve`) naming the file: drawing nothing would hide it behind "no curve saved".
 */
export function savedCurve(weights: string, slots: number): CurvePoint[] | undefined {
  for (const candidate of [
    join(weights, 'learning-curve.csv'),
    join(dirname(weights), 'learning-curve.csv'),
  ]) {
    if (!existsSync(candidate)) continue;
    const bad = (why: string) =>
      new DoubleDutchError(
        'malformed_curve',
        `${candidate}: not a learning curve (${why}; train --out writes episode,system_cost,moving_average, one row per episode)`,
        'weights',
      );
    let rows: Record<string, string>[];
    try {
      rows = parseCsv(readFileSync(candidate, 'utf8'));
    } catch (error) {
      throw bad(error instanceof Error ? error.message : String(error));
    }
    if (rows.length === 0) throw bad('no rows');
    const curve: CurvePoint[] = [];
    for (const [i, r] of rows.entries()) {
      const episode = Number(r.episode);
      const cost = Number(r.system_cost) / slots;
      const previous = curve[curve.length - 1]?.episode ?? 0;
      if (
        r.episode === undefined ||
        r.episode.trim() === '' ||
        !Number.isInteger(episode) ||
        episode <= previous
      )
        throw bad(`row ${i + 1}: episode '${r.episode ?? ''}' is not a whole number above ${previous}`);
      if (r.system_cost === undefined || r.system_cost.trim() === '' || !Number.isFinite(cost))
        throw bad(`row ${i + 1}: system_cost '${r.system_cost ?? ''}' is not a number`);
      curve.push({ episode, cost });
    }
    return curve;
  }
  return undefined;
}

/**
 * Reads the learning curves saved beside both learners' weights under `dir`
 * ({@link paperWeightsDirs}), so that a malformed one is refused before any work; throws as
 * {@link savedCurve} does.
 */
export function checkSavedCurves(dir: string): void {
  const dirs = paperWeightsDirs(dir);
  for (const learner of LEARNERS) savedCurve(dirs[learner], paperScenario().slots);
}

/** Options of {@link Learners}. */
export interface LearnersOptions {
  /** Training episodes of each learner (ignored with `weights`). */
  readonly episodes: number;
  /** Training seed of the networks. */
  readonly seed: number;
  /** The seeds the learners are evaluated on at each Fig. 4 point (a prefix of the reproduction's). */
  readonly pointSeeds: readonly number[];
  /** Saved weights to load instead of training ({@link paperWeightsDirs}). */
  readonly weights?: WeightsDirs;
}

type Net = import('../../../policies/t2drl/ttt/actor-critic.js').ActorCritic;
interface Modules {
  readonly paperLearnerPolicy: typeof import('../../../policies/t2drl/ttt/paper.js').paperLearnerPolicy;
  readonly createLearner: typeof import('../../../policies/t2drl/ttt/learner.js').createLearner;
  readonly disposeActorCritic: typeof import('../../../policies/t2drl/ttt/actor-critic.js').disposeActorCritic;
}

/**
 * T2DRL and PPO for one reproduction, trained (the paper's PPO, one run each, no restarts, on
 * `paperScenario()`) or loaded, as the runs' own policies; deterministic for given options on one
 * backend.
 *
 * @category experiments
 */
export class Learners implements RunPolicies {
  readonly names: readonly string[] = LEARNERS;
  /** Per learner, its training curve (trained here, or saved next to loaded weights; absent otherwise). */
  readonly curves = new Map<Learner, CurvePoint[]>();
  /** Per learner, the seconds its training or loading took. */
  readonly seconds = new Map<Learner, number>();
  private readonly nets = new Map<Learner, Net>();
  // The learners' modules, imported by prepare (so that making this object loads no TensorFlow.js).
  private modules: Modules | undefined;

  constructor(readonly options: LearnersOptions) {}

  /** Trained here (`training`) or loaded from saved weights (`saved`). */
  get origin(): 'training' | 'saved' {
    return this.options.weights === undefined ? 'training' : 'saved';
  }

  /** The episodes of the curves: the budget trained here, else the longest saved curve's (0 without one). */
  get episodes(): number {
    if (this.options.weights === undefined) return this.options.episodes;
    return Math.max(0, ...[...this.curves.values()].map((c) => c.length));
  }

  /** One progress step per training episode of each learner; none when loaded. */
  get steps(): number {
    return this.options.weights === undefined ? LEARNERS.length * this.options.episodes : 0;
  }

  /** Trains both learners (ticking once per episode) or loads them. */
  async prepare(tick: (label: string) => void): Promise<void> {
    const { initTensorflow } = await import('../../../policies/t2drl/backend.js');
    await initTensorflow();
    this.modules = {
      paperLearnerPolicy: (await import('../../../policies/t2drl/ttt/paper.js')).paperLearnerPolicy,
      createLearner: (await import('../../../policies/t2drl/ttt/learner.js')).createLearner,
      disposeActorCritic: (await import('../../../policies/t2drl/ttt/actor-critic.js')).disposeActorCritic,
    };
    const weights = this.options.weights;
    for (const learner of LEARNERS) {
      const started = performance.now();
      if (weights === undefined) this.nets.set(learner, await this.train(learner, tick));
      else this.nets.set(learner, await this.load(learner, weights[learner]));
      this.seconds.set(learner, (performance.now() - started) / 1000);
    }
  }

  private async train(learner: Learner, tick: (label: string) => void): Promise<Net> {
    const { trainOnEnvironment } = await import('../../../policies/t2drl/ttt/train-env.js');
    const { paperAdapter, PAPER_REWARD_SCALE } = await import('../../../policies/t2drl/ttt/paper.js');
    const { runEpisode } = await import('../../../policies/t2drl/ttt/episode.js');
    const adapter = paperAdapter as Parameters<
      typeof runEpisode<unknown, unknown, unknown, PaperStepInfo>
    >[1];
    const env = new RecordingEnvironment({});
    const curve: CurvePoint[] = [];
    const { episodes, seed } = this.options;
    const { net } = await trainOnEnvironment({
      kind: learner,
      environment: () => env,
      adapter,
      episodes,
      seed,
      rewardScale: PAPER_REWARD_SCALE,
      onEpisode: (episode) => {
        const parts = env.parts();
        curve.push({ episode, ...parts });
        tick(`${learner} training episode ${episode}/${episodes}: cost ${parts.cost.toFixed(2)} per slot`);
      },
    });
    this.curves.set(learner, curve);
    return net;
  }

  private async load(learner: Learner, dir: string): Promise<Net> {
    const { loadActorCritic, warnOnScenarioMismatch } = await import(
      '../../../policies/t2drl/ttt/weights.js'
    );
    const { disposeActorCritic } = await import('../../../policies/t2drl/ttt/actor-critic.js');
    const { PAPER_ENTRY_FEATURES, paperScenarioHash } = await import('../../../policies/t2drl/ttt/paper.js');
    const { net, meta } = loadActorCritic(dir, { policy: learner });
    if (meta.environment !== 'paper' || meta.config.entryFeatures !== PAPER_ENTRY_FEATURES) {
      disposeActorCritic(net);
      throw new DoubleDutchError(
        'bad_weights',
        `${dir}: ${learner} weights trained on the ${meta.environment} model; reproduce needs weights trained on the paper's`,
        'weights',
      );
    }
    const defaults = paperScenario();
    warnOnScenarioMismatch(learner, meta, paperScenarioHash(defaults));
    const curve = savedCurve(dir, defaults.slots);
    if (curve !== undefined) this.curves.set(learner, curve);
    return net;
  }

  /** A fresh policy acting on the mode of learner `name`'s network (T2DRL's W still adapts per slot). */
  policy(name: string): PaperPolicy {
    const net = this.nets.get(name as Learner);
    const modules = this.modules;
    if (net === undefined || modules === undefined) throw new Error(`reproduce: ${name} is not prepared`);
    return modules.paperLearnerPolicy(name, async () =>
      modules.createLearner({ net, learn: false, sample: false, rewardScale: 1 }),
    );
  }

  /** Frees the networks. */
  dispose(): void {
    for (const net of this.nets.values()) this.modules?.disposeActorCritic(net);
    this.nets.clear();
  }
}

/**
 * The learners of a reproduction (its runs' own policies); figures that draw them need them.
 *
 * @category experiments
 */
export function learnersOf(runs: PaperRuns): Learners {
  if (!(runs.own instanceof Learners))
    throw new Error('reproduce: these runs have no learners (make them with reproduce())');
  return runs.own;
}

/** The seeds the learners run on at each Fig. 4 point (a prefix of the reproduction's seeds). */
export function pointSeedsOf(runs: PaperRuns): readonly number[] {
  return learnersOf(runs).options.pointSeeds;
}
