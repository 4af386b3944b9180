/**
 * The runs behind `doubledutch reproduce`: every (scenario options, policy, seed) a figure needs,
 * planned first (so progress knows the total and figures sharing a run share it), then run once
 * each, yielding to the event loop between runs so that Ctrl-C is honoured.
 */

import { nextTurn } from '../../event-loop.js';
import { type PaperScenarioOptions, paperScenario } from '../../paper/scenario.js';
import { type PaperRunMetrics, simulatePaper } from '../simulate-paper.js';

/** One planned run. */
export interface RunKey {
  readonly options: PaperScenarioOptions;
  readonly policy: string;
  readonly seed: number;
}

// Keyed by the scenario the options make, so that points equal to the defaults (10 agents in
// Fig. 4a, 40 GPUs in Fig. 4b, ...) are one run.
const canonical = new Map<string, string>();
function keyOf(k: RunKey): string {
  const options = JSON.stringify(k.options);
  let scenario = canonical.get(options);
  if (scenario === undefined) {
    scenario = JSON.stringify(paperScenario(k.options));
    canonical.set(options, scenario);
  }
  return JSON.stringify([scenario, k.policy, k.seed]);
}

/**
 * A plan of runs and, once run, their metrics.
 *
 * @category experiments
 */
export class PaperRuns {
  private readonly planned = new Map<string, RunKey>();
  private readonly done = new Map<string, PaperRunMetrics>();

  constructor(
    /** Seeds of every point (1..n). */
    readonly seeds: readonly number[],
  ) {}

  /** Adds the runs of one point: `options` under `policy` for every seed. */
  plan(options: PaperScenarioOptions, policy: string): void {
    for (const seed of this.seeds) {
      const key = { options, policy, seed };
      this.planned.set(keyOf(key), key);
    }
  }

  /** Planned runs not yet run. */
  get pending(): number {
    return this.planned.size - this.done.size;
  }

  /** Runs everything planned, calling `tick` after each run. */
  async runAll(tick: (label: string) => void): Promise<void> {
    for (const [id, key] of this.planned) {
      if (this.done.has(id)) continue;
      const result = await simulatePaper({
        scenario: paperScenario(key.options),
        policy: key.policy,
        seed: key.seed,
      });
      this.done.set(id, result.metrics);
      tick(`${key.policy} ${JSON.stringify(key.options)} seed ${key.seed}`);
      await nextTurn();
    }
  }

  /** The metrics of every seed of one point (it must have been planned and run). */
  metrics(options: PaperScenarioOptions, policy: string): PaperRunMetrics[] {
    return this.seeds.map((seed) => {
      const m = this.done.get(keyOf({ options, policy, seed }));
      if (m === undefined)
        throw new Error(`reproduce: run not planned: ${policy} ${JSON.stringify(options)}`);
      return m;
    });
  }
}

/** Mean and the half-width of a normal 95% confidence interval. */
export function meanCi(values: readonly number[]): { mean: number; ci: number } {
  const n = values.length;
  const mean = values.reduce((s, v) => s + v, 0) / n;
  if (n < 2) return { mean, ci: 0 };
  const variance = values.reduce((s, v) => s + (v - mean) ** 2, 0) / (n - 1);
  return { mean, ci: (1.96 * Math.sqrt(variance)) / Math.sqrt(n) };
}
