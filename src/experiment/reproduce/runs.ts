/**
 * The runs behind `doubledutch reproduce`: every (scenario options, policy, seed) a figure needs,
 * planned first (so progress knows the total and figures sharing a run share it), then run once
 * each, yielding to the event loop between runs so that Ctrl-C is honoured. Policies the
 * reproduction makes itself (the learners, trained or loaded once: learners.ts) are prepared
 * before their first run, and their preparation counts in the progress too.
 */

import { nextTurn } from '../../event-loop.js';
import type { PaperPolicy } from '../../paper/policy.js';
import { type PaperScenarioOptions, paperScenario } from '../../paper/scenario.js';
import { type PaperRunMetrics, simulatePaper } from '../simulate-paper.js';

/**
 * Policies a reproduction makes itself instead of taking them from the registry (the learners of
 * Fig. 3, trained or loaded): prepared once, before the first run that needs one.
 *
 * @category experiments
 */
export interface RunPolicies {
  /** The policy names it supplies. */
  readonly names: readonly string[];
  /** Progress steps `prepare` reports (one per training episode; 0 when there is nothing to train). */
  readonly steps: number;
  /** Trains or loads the networks, calling `tick` once per step. */
  prepare(tick: (label: string) => void): Promise<void>;
  /** A fresh policy `name` for one run (after `prepare`); the caller disposes it. */
  policy(name: string): PaperPolicy;
  /** Frees what `prepare` made, once every run is done. */
  dispose(): void;
}

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
  private prepared = false;

  constructor(
    /** Seeds of every point (1..n). */
    readonly seeds: readonly number[],
    /** The policies this reproduction makes itself (the learners), if any. */
    readonly own?: RunPolicies,
  ) {}

  /** Adds the runs of one point: `options` under `policy` for `seeds` (default: every seed). */
  plan(options: PaperScenarioOptions, policy: string, seeds: readonly number[] = this.seeds): void {
    for (const seed of seeds) {
      const key = { options, policy, seed };
      this.planned.set(keyOf(key), key);
    }
  }

  private isOwn(policy: string): boolean {
    return this.own?.names.includes(policy) === true;
  }

  private needsOwn(): boolean {
    if (this.prepared) return false;
    for (const [id, key] of this.planned) if (!this.done.has(id) && this.isOwn(key.policy)) return true;
    return false;
  }

  /** Progress steps still to do: planned runs not yet run, and the own policies' preparation if a run needs them. */
  get pending(): number {
    return this.planned.size - this.done.size + (this.needsOwn() ? (this.own?.steps ?? 0) : 0);
  }

  /** Runs everything planned, calling `tick` after each run and each step of preparing the own policies. */
  async runAll(tick: (label: string) => void): Promise<void> {
    const own = this.own;
    if (own !== undefined && this.needsOwn()) {
      await own.prepare(tick);
      this.prepared = true;
    }
    try {
      for (const [id, key] of this.planned) {
        if (this.done.has(id)) continue;
        const policy = own !== undefined && this.isOwn(key.policy) ? own.policy(key.policy) : key.policy;
        try {
          const result = await simulatePaper({
            scenario: paperScenario(key.options),
            policy,
            seed: key.seed,
          });
          this.done.set(id, result.metrics);
        } finally {
          // simulatePaper frees the policies it makes from a name; one passed in is ours to free.
          if (typeof policy !== 'string') policy.dispose?.();
        }
        tick(`${key.policy} ${JSON.stringify(key.options)} seed ${key.seed}`);
        await nextTurn();
      }
    } finally {
      if (this.prepared) own?.dispose();
    }
  }

  /** The metrics of each of `seeds` (default: every seed) at one point (planned and run). */
  metrics(
    options: PaperScenarioOptions,
    policy: string,
    seeds: readonly number[] = this.seeds,
  ): PaperRunMetrics[] {
    return seeds.map((seed) => {
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
