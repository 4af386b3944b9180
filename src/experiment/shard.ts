/**
 * Sharding a list of jobs for batch schedulers: shard i of n (1-based, as Slurm's
 * SLURM_ARRAY_TASK_ID and Kubernetes' JOB_COMPLETION_INDEX + 1 give it) takes every n-th job
 * starting at i − 1, so shards are balanced and disjoint and together cover every job.
 */
import { DoubleDutchError } from '../errors.js';

/** One shard of a sweep. @category experiments */
export interface Shard {
  readonly index: number;
  readonly count: number;
}

/**
 * Parses `i/n` with 1 ≤ i ≤ n; throws a `DoubleDutchError` with code `usage` naming `--shard`.
 *
 * @example
 * ```ts
 * parseShard('2/4'); // { index: 2, count: 4 }
 * ```
 * @category experiments
 */
export function parseShard(text: string): Shard {
  const match = /^\s*(\d+)\s*\/\s*(\d+)\s*$/.exec(text);
  const index = Number(match?.[1]);
  const count = Number(match?.[2]);
  if (match === null || count < 1 || index < 1 || index > count) {
    throw new DoubleDutchError('usage', `must be i/n with 1 ≤ i ≤ n, got '${text}'`, '--shard');
  }
  return { index, count };
}

/**
 * The jobs of one shard (round-robin).
 *
 * @category experiments
 */
export function selectShard<T>(jobs: readonly T[], shard: Shard): T[] {
  return jobs.filter((_, j) => j % shard.count === shard.index - 1);
}
