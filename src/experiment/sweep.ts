/**
 * Sweeps: a grid of scenario parameters × policies × mechanisms × seeds, run on worker threads on
 * one machine, or split into independent shards (`--shard i/n`) for a batch scheduler. Each job
 * writes its own result file atomically, so an interrupted sweep resumes where it stopped and
 * `merge` combines shards.
 */
import { existsSync, readdirSync, rmSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
import type { z } from 'zod';
import { defaultScenario } from '../edge/default-scenario.js';
import {
  describeIssue,
  describeIssues,
  loadScenario,
  parseScenario,
  readJsonFile,
  ScenarioError,
  scenarioHash,
} from '../edge/scenario.js';
import type { Scenario } from '../edge/scenario-schema.js';
import { lazySchema, type Zod } from '../lazy-zod.js';
import { escapeControl } from '../text.js';
import { warnOnce } from '../warn-once.js';
import { writeFileAtomic } from './atomic.js';
import { checkNames, type SummaryRow } from './compare.js';
import { type Shard, selectShard } from './shard.js';
import type { RunMetrics, SlotRecord } from './simulate.js';
import { weightsTag } from './weights-tag.js';
import { workerModules } from './worker-modules.js';

/** The largest seed: seeds are unsigned 32-bit integers. @category experiments */
export const MAX_SEED = 2 ** 32 - 1;
/** The most jobs one grid may hold. @category experiments */
export const MAX_JOBS = 1e6;

// Path components that would reach Object.prototype rather than a scenario field.
const UNSAFE_PATH_PART = /(^|[.[])(__proto__|constructor|prototype)([.\]]|$)/;

/** A list whose entries are distinct (a repeat would run, and report, the same job twice). */
function distinct<T extends z.ZodType>(z: Zod, item: T, max: number) {
  return z
    .array(item)
    .min(1)
    .max(max)
    .superRefine((values, ctx) => {
      const seen = new Set<string>();
      values.forEach((v, i) => {
        const key = JSON.stringify(v);
        if (seen.has(key)) ctx.addIssue({ code: 'custom', message: `repeats ${key}`, path: [i] });
        seen.add(key);
      });
    });
}

/**
 * The grid file format. Built with zod on its first use, not at import (issue 11: a user of the
 * market alone should not load zod).
 */
const gridSchema = lazySchema((z) =>
  z
    .object({
      /** A scenario file, relative to the grid file; the built-in default when absent. */
      scenario: z.string().min(1).max(4096).optional(),
      policies: distinct(z, z.string().min(1).max(200), 1000),
      mechanisms: distinct(z, z.string().min(1).max(200), 1000),
      /** Seeds are unsigned 32-bit integers (a larger one would alias a smaller one). */
      seeds: distinct(z, z.number().int().min(0).max(MAX_SEED), 1e4),
      /** Scenario fields to vary, by dotted path (e.g. `market.targetUtilisation`), each with its values. */
      parameters: z
        .record(
          z
            .string()
            .regex(/^[A-Za-z0-9_.[\]]+$/, 'must be a dotted path such as market.targetUtilisation')
            .max(200)
            .refine((path) => !UNSAFE_PATH_PART.test(path), 'must name a scenario field'),
          distinct(z, z.unknown(), 1000),
        )
        .default({}),
    })
    .strict()
    .superRefine((grid, ctx) => {
      const jobs =
        Object.values(grid.parameters).reduce((n, values) => n * values.length, 1) *
        grid.policies.length *
        grid.mechanisms.length *
        grid.seeds.length;
      if (jobs > MAX_JOBS)
        ctx.addIssue({
          code: 'custom',
          message: `gives ${jobs} jobs (parameter values × policies × mechanisms × seeds); at most ${MAX_JOBS} per grid`,
          path: ['parameters'],
        });
    }),
);

/** A validated sweep grid. @category experiments */
export type Grid = z.output<ReturnType<typeof gridSchema>>;

/** One job of a sweep. @category experiments */
export interface SweepJob {
  readonly key: string;
  readonly parameters: Readonly<Record<string, unknown>>;
  readonly policy: string;
  readonly mechanism: string;
  readonly seed: number;
}

/** What a job writes. @category experiments */
export interface JobResult {
  readonly job: SweepJob;
  readonly row: SummaryRow;
  readonly metrics: RunMetrics;
  readonly slots: readonly SlotRecord[];
}

/** Reads and validates a grid file; errors name the field. @category experiments */
export function loadGrid(path: string): Grid {
  const json = readJsonFile(path, 'grid', 'grid');
  const parsed = gridSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const field =
      issue?.path
        .map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`))
        .join('')
        .replace(/^\./, '') || 'grid';
    const gridFields = Object.keys(gridSchema().shape);
    const message = describeIssues(parsed.error.issues, (at) => (at.length === 0 ? gridFields : []), 'grid');
    throw new ScenarioError('invalid_grid', `${escapeControl(path)}: ${escapeControl(message)}`, field);
  }
  const grid = parsed.data;
  // A grid names its scenario relative to itself, so that a grid and its scenario move together.
  return grid.scenario === undefined ? grid : { ...grid, scenario: resolve(dirname(path), grid.scenario) };
}

/** Sets a dotted path (`a.b[2].c`) in a copy of `object`. */
export function withParameter(object: unknown, path: string, value: unknown): unknown {
  const parts = path.replace(/\[(\d+)\]/g, '.$1').split('.');
  const copy = structuredClone(object) as Record<string, unknown>;
  let node: Record<string, unknown> = copy;
  for (const [i, part] of parts.entries()) {
    if (i === parts.length - 1) node[part] = value;
    else {
      const next = node[part];
      if (typeof next !== 'object' || next === null)
        throw new ScenarioError('invalid_grid', `no scenario field '${path}'`, `parameters.${path}`);
      node = next as Record<string, unknown>;
    }
  }
  return copy;
}

/** The scenario of a grid with one combination of parameters applied (validated). */
export function scenarioFor(grid: Grid, parameters: Readonly<Record<string, unknown>>): Scenario {
  let scenario: unknown = grid.scenario === undefined ? defaultScenario() : loadScenario(grid.scenario);
  for (const [path, value] of Object.entries(parameters)) scenario = withParameter(scenario, path, value);
  try {
    return parseScenario(scenario);
  } catch (error) {
    // Name the grid's parameter values that made the scenario invalid: they are what to fix.
    if (!(error instanceof ScenarioError) || Object.keys(parameters).length === 0) throw error;
    const values = escapeControl(JSON.stringify(parameters));
    throw new ScenarioError(
      error.code,
      `parameters ${values.length > 120 ? `${values.slice(0, 117)}...` : values}: ${error.message}`,
      `parameters.${error.field ?? ''}`,
    );
  }
}

/**
 * Every job of a grid, in a fixed order. A job's key names its scenario (with the job's parameter
 * values applied) by hash, so that a result is never reused for other values; {@link runSweep}
 * refuses an output directory that holds results of jobs not in the grid. With `weights` (a
 * `--weights DIR`), the key of a learner that loads its network from there names those weights by
 * hash too (`3fa2c1d90b7e-t2drl-w5d41402abc-dda-s1`), so that their results and the shipped
 * weights' are never taken for one another.
 *
 * @category experiments
 */
export function sweepJobs(grid: Grid, weights?: string): SweepJob[] {
  const tags = new Map(grid.policies.map((policy) => [policy, weightsTag(policy, weights)]));
  let combos: Record<string, unknown>[] = [{}];
  for (const [path, values] of Object.entries(grid.parameters)) {
    combos = combos.flatMap((c) => values.map((v) => ({ ...c, [path]: v })));
  }
  const jobs: SweepJob[] = [];
  for (const parameters of combos) {
    const hash = scenarioHash(scenarioFor(grid, parameters)).slice(0, 12);
    for (const policy of grid.policies) {
      const tag = tags.get(policy);
      for (const mechanism of grid.mechanisms) {
        for (const seed of grid.seeds)
          jobs.push({
            key: `${hash}-${policy}${tag === undefined ? '' : `-w${tag}`}-${mechanism}-s${seed}`,
            parameters,
            policy,
            mechanism,
            seed,
          });
      }
    }
  }
  return jobs;
}

/** What a sweep worker posts: a job's result or error, or a one-time warning to say (once per process). */
interface WorkerMessage {
  readonly result?: JobResult;
  readonly error?: string;
  readonly warning?: { readonly key: string; readonly line: string };
}

/** Options of {@link runSweep}. @category experiments */
export interface SweepOptions {
  readonly grid: Grid;
  readonly out: string;
  readonly shard?: Shard;
  readonly workers?: number;
  /**
   * URLs of modules each worker imports before its first job: the plug-ins that registered the
   * grid's own mechanisms and policies in this thread (workers have registries of their own).
   */
  readonly plugins?: readonly string[];
  /** Workers print nothing of their own on stderr (the TensorFlow.js backend line), as `--quiet` asks. */
  readonly quiet?: boolean;
  /**
   * A weights directory (`train --out DIR`, or a folder of such directories by policy name) from
   * which each worker's t2drl, ppo, t2drl-online, drl-frozen and t2drl-pair load their networks,
   * as `run` and `compare --weights DIR` do; a learner with none there keeps its shipped ones.
   * Not checked here (the CLI checks it with `checkWeightsFlag` before any run). Workers are
   * threads with module state of their own, so the process-wide `setWeightsDir` of the calling
   * thread does not reach them: pass the directory here. Default: the shipped weights.
   */
  readonly weights?: string;
  readonly onJob?: (done: number, total: number, label: string) => void;
}

/**
 * Runs the jobs of a grid (or of one shard of it) that have no result yet, on worker threads.
 * Returns the number of jobs run and skipped.
 *
 * @category experiments
 */
export async function runSweep(options: SweepOptions): Promise<{ ran: number; skipped: number }> {
  const { grid, out } = options;
  // Validate every scenario and name before any work, so that a bad grid writes nothing.
  const combos = new Map<string, Readonly<Record<string, unknown>>>();
  const all = sweepJobs(grid, options.weights);
  for (const job of all) combos.set(JSON.stringify(job.parameters), job.parameters);
  for (const parameters of combos.values())
    checkNames(scenarioFor(grid, parameters), grid.policies, grid.mechanisms);
  const finished = finishedJobs(out, all);
  const mine = options.shard === undefined ? all : selectShard(all, options.shard);
  const todo = mine.filter((job) => !finished.has(job.key));
  const skipped = mine.length - todo.length;
  const workers = Math.max(1, Math.min(options.workers ?? Math.min(2, availableParallelism()), todo.length));
  let next = 0;
  let done = 0;
  const workerUrl = new URL('./sweep-worker.js', import.meta.url);
  // A job that fails with plug-ins loaded may be the plug-in's doing: say which were loaded.
  const pluginNote =
    (options.plugins ?? []).length === 0
      ? ''
      : ` (plug-ins loaded: ${(options.plugins ?? []).map((url) => fileURLToPath(url)).join(', ')})`;
  await Promise.all(
    Array.from({ length: workers }, async () => {
      const worker = new Worker(workerUrl);
      // A worker's one-time warning (sweep-worker.ts): said once per process, however many workers meet it.
      worker.on('message', (message: WorkerMessage) => {
        if (message.warning !== undefined) warnOnce(message.warning.key, message.warning.line);
      });
      try {
        while (next < todo.length) {
          const job = todo[next++] as SweepJob;
          const result = await new Promise<JobResult>((resolve, reject) => {
            const onMessage = (message: WorkerMessage) => {
              if (message.warning !== undefined) return;
              worker.off('message', onMessage);
              worker.off('error', reject);
              if (message.error !== undefined)
                reject(
                  new ScenarioError(
                    'job_failed',
                    `job ${job.key}: ${escapeControl(message.error)}${pluginNote}`,
                    'grid',
                  ),
                );
              else resolve(message.result as JobResult);
            };
            worker.on('message', onMessage);
            worker.once('error', reject);
            worker.postMessage({
              grid,
              job,
              plugins: [...workerModules(), ...(options.plugins ?? [])],
              quiet: options.quiet === true,
              ...(options.weights === undefined ? {} : { weights: options.weights }),
            });
          });
          writeFileAtomic(jobPath(out, job.key), JSON.stringify(result));
          options.onJob?.(++done, todo.length, job.key);
        }
      } finally {
        await worker.terminate();
      }
    }),
  );
  return { ran: todo.length, skipped };
}

/**
 * The keys of the grid's jobs that already have a result in `out`. A directory that also holds
 * results of another grid, or of this grid before its scenario changed, would be merged with this
 * run's results into rows that cannot be told apart: it is refused.
 */
function finishedJobs(out: string, jobs: readonly SweepJob[]): Set<string> {
  const dir = join(out, 'jobs');
  if (!existsSync(dir)) return new Set();
  const keys = new Set(jobs.map((j) => j.key));
  const files = readdirSync(dir);
  // A job killed while writing its file (kill -9) leaves a temporary sibling: remove it.
  for (const file of files) if (/\.json\.tmp-/.test(file)) rmSync(join(dir, file), { force: true });
  const stored = files.filter((f) => f.endsWith('.json')).map((f) => f.slice(0, -'.json'.length));
  const foreign = stored.filter((key) => !keys.has(key)).map((key) => `${key}.json`);
  if (foreign.length > 0)
    throw new ScenarioError(
      'foreign_results',
      `'${dir}' holds ${foreign.length} result(s) of another grid or of an earlier version of this scenario (e.g. ${escapeControl(foreign[0] ?? '')}); use another --out, or remove them`,
      '--out',
    );
  // A job is done only when its file is a complete result of that job (a file cut short by a
  // full disk or a crash is run again, and replaced).
  return new Set(stored.filter((key) => isJobResult(jobPath(out, key), key)));
}

/** True when `path` holds a complete, valid result of the job `key`. */
function isJobResult(path: string, key: string): boolean {
  try {
    return readJobResult(path).job.key === key;
  } catch {
    return false;
  }
}

function jobPath(out: string, key: string): string {
  return join(out, 'jobs', `${key}.json`);
}

// Only the fields merge reads are checked; a result file is this package's own output.
const jobResultSchema = lazySchema((z) =>
  z.object({
    job: z.object({
      key: z.string().min(1),
      parameters: z.record(z.string(), z.unknown()),
      policy: z.string(),
      mechanism: z.string(),
      seed: z.number(),
    }),
    row: z
      .object({ policy: z.string(), mechanism: z.string(), seed: z.number(), run_ms: z.number() })
      .loose(),
    metrics: z.object({}).loose(),
    slots: z.array(z.unknown()),
  }),
);

function readJobResult(path: string): JobResult {
  let json: unknown;
  try {
    json = readJsonFile(path, 'job result', 'dir');
  } catch (error) {
    const reason =
      error instanceof ScenarioError && error.code !== 'malformed_json'
        ? error.message
        : 'not complete JSON (cut short?)';
    throw new ScenarioError(
      'invalid_results',
      `job result '${escapeControl(path)}' is unreadable: ${reason}`,
      'dir',
    );
  }
  const parsed = jobResultSchema().safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue === undefined ? '' : `: ${issue.path.join('.') || 'it'} ${describeIssue(issue)}`;
    throw new ScenarioError('invalid_results', `'${path}' is not a sweep job result${where}`, 'dir');
  }
  return json as JobResult;
}

/**
 * Reads every job result under the given sweep directories (shards), one per key.
 *
 * @category experiments
 */
export function readJobResults(dirs: readonly string[]): JobResult[] {
  const byKey = new Map<string, JobResult>();
  for (const dir of dirs) {
    const jobs = join(dir, 'jobs');
    if (!existsSync(jobs))
      throw new ScenarioError('missing_results', `no sweep results in '${dir}' (expected ${jobs})`, 'dir');
    for (const file of readdirSync(jobs).sort()) {
      if (!file.endsWith('.json')) continue;
      const result = readJobResult(join(jobs, file));
      byKey.set(result.job.key, result);
    }
  }
  if (byKey.size === 0)
    throw new ScenarioError(
      'missing_results',
      `no job results in ${dirs.map((d) => `'${d}'`).join(', ')}`,
      'dir',
    );
  return [...byKey.values()].sort((a, b) => (a.job.key < b.job.key ? -1 : a.job.key > b.job.key ? 1 : 0));
}
