/**
 * One run of the paper's environment under a policy: what `simulate` does for `kind: 'paper'`.
 */
import { checkpoint } from '../experiment/checkpoint.js';
import { createRng } from '../random.js';
import { PAPER_TASKS, type PaperTask } from './accuracy-tables.js';
import { PaperEnvironment, type PaperSlotMetrics } from './environment.js';
import { getPaperPolicy, type PaperPolicy } from './policy.js';
import type { PaperScenario } from './scenario-schema.js';

/**
 * Options of a run on the paper's model (`simulate` with a `kind: 'paper'` scenario).
 *
 * @category experiments
 */
export interface PaperSimulateOptions {
  readonly scenario: PaperScenario;
  /** A registered policy name that runs on the paper's model, or a `PaperPolicy`. */
  readonly policy: string | PaperPolicy;
  readonly seed?: number;
  /** Called after every slot (for progress). */
  readonly onSlot?: (slot: number, slots: number) => void;
}

/**
 * Aggregate metrics of a run on the paper's model, in the paper's cost units.
 *
 * @category experiments
 */
export interface PaperRunMetrics {
  /** Σ_t (Σ_n L^t_n + L^t_C) over the episode. */
  readonly systemCost: number;
  /** (21): the mean per slot, the paper's "average total cost". */
  readonly meanSlotCost: number;
  /** Σ_t of each cost term. */
  readonly switchingCost: number;
  readonly communicationCost: number;
  readonly computationCost: number;
  readonly accuracyCost: number;
  readonly cloudCost: number;
  /** Mean reasoning accuracy per request, overall and per task (NaN for a task without requests). */
  readonly accuracy: number;
  readonly taskAccuracy: Readonly<Record<PaperTask, number>>;
  /** Share of requests served at the edge. */
  readonly edgeShare: number;
  readonly switches: number;
  readonly evictions: number;
  readonly requests: number;
  readonly energyJ: number;
}

/**
 * The result of a run on the paper's model.
 *
 * @category experiments
 */
export interface PaperSimulationResult {
  readonly kind: 'paper';
  readonly policy: string;
  readonly mechanism: undefined;
  readonly seed: number;
  readonly metrics: PaperRunMetrics;
  readonly slots: readonly PaperSlotMetrics[];
  readonly wallMs: number;
}

/**
 * Aggregates the slots of a run on the paper's model.
 *
 * @category experiments
 */
export function aggregatePaper(slots: readonly PaperSlotMetrics[]): PaperRunMetrics {
  const sum = (f: (x: PaperSlotMetrics) => number) => slots.reduce((s, x) => s + f(x), 0);
  const requests = sum((x) => x.requests);
  const systemCost = sum((x) => x.systemCost);
  const taskAccuracy = {} as Record<PaperTask, number>;
  let correct = 0;
  PAPER_TASKS.forEach((task, t) => {
    const n = sum((x) => x.taskRequests[t] as number);
    const c = sum((x) =>
      (x.taskRequests[t] as number) > 0 ? (x.taskAccuracy[t] as number) * (x.taskRequests[t] as number) : 0,
    );
    taskAccuracy[task] = n === 0 ? Number.NaN : c / n;
    correct += c;
  });
  return {
    systemCost,
    meanSlotCost: slots.length === 0 ? 0 : systemCost / slots.length,
    switchingCost: sum((x) => x.switchingCost),
    communicationCost: sum((x) => x.communicationCost),
    computationCost: sum((x) => x.computationCost),
    accuracyCost: sum((x) => x.accuracyCost),
    cloudCost: sum((x) => x.cloudCost),
    accuracy: requests === 0 ? Number.NaN : correct / requests,
    taskAccuracy,
    edgeShare: requests === 0 ? 0 : sum((x) => x.edgeRequests) / requests,
    switches: sum((x) => x.switches),
    evictions: sum((x) => x.evictions),
    requests,
    energyJ: sum((x) => x.energyJ),
  };
}

/**
 * Runs one episode of the paper's environment under a policy.
 *
 * @example
 * ```ts
 * const result = await simulatePaper({ scenario: paperScenario(), policy: 'lfu', seed: 1 });
 * result.metrics.meanSlotCost; // (21)
 * ```
 * @category experiments
 */
export async function simulatePaper(options: PaperSimulateOptions): Promise<PaperSimulationResult> {
  const started = performance.now();
  const seed = options.seed ?? 0;
  const { scenario } = options;
  const policy =
    typeof options.policy === 'string' ? getPaperPolicy(options.policy, { scenario, seed }) : options.policy;
  await policy.prepare?.();
  const env = new PaperEnvironment(scenario);
  let { observation } = env.reset({ seed });
  // The policy's stream forks from the run's seed, apart from the demand's.
  const context = { scenario, system: env.system, rng: createRng(seed).fork() };
  const slots: PaperSlotMetrics[] = [];
  for (;;) {
    const { action } = policy.decide(observation, context);
    const step = env.step(action);
    policy.observe?.({
      observation,
      action,
      reward: step.reward,
      nextObservation: step.observation,
      terminated: step.terminated,
      info: step.info,
    });
    slots.push(step.info.metrics);
    options.onSlot?.(observation.slot + 1, observation.slots);
    observation = step.observation;
    if (step.terminated || step.truncated) break;
    // A learning policy's slot can be long: give Ctrl-C its turn (a no-op within 20 ms of the last).
    await checkpoint();
  }
  if (typeof options.policy === 'string') policy.dispose?.();
  return {
    kind: 'paper',
    policy: policy.name,
    mechanism: undefined,
    seed,
    metrics: aggregatePaper(slots),
    slots,
    wallMs: performance.now() - started,
  };
}
