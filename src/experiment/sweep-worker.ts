/**
 * A sweep worker thread: runs the jobs it is sent, one at a time, and posts their results.
 */
import { parentPort } from 'node:worker_threads';
import { setWeightsDir } from '../../policies/t2drl/ttt/weights-dir.js';
import { forwardWarnings } from '../warn-once.js';
import { scenarioRecords, summaryRow } from './compare.js';
import { quietTensorflowFor } from './quiet-tensorflow.js';
import { simulate } from './simulate.js';
import { type Grid, type JobResult, type SweepJob, scenarioFor } from './sweep.js';

// One-time warnings go to the main thread, which says each once per process (not once per worker).
forwardWarnings((key, line) => parentPort?.postMessage({ warning: { key, line } }));

const records = new Map<string, ReturnType<typeof scenarioRecords>>();
const imported = new Set<string>();

interface JobMessage {
  readonly grid: Grid;
  readonly job: SweepJob;
  /**
   * Modules that register the mechanisms and policies (the built-ins' module, then the plug-ins
   * that register the grid's own), imported once per worker.
   */
  readonly plugins: readonly string[];
  /** `--quiet`: a DRL job's TensorFlow.js initialisation prints no backend line in this thread. */
  readonly quiet?: boolean;
  /**
   * `--weights DIR`, checked in the main thread: the learners of this thread load their networks
   * from it (the main thread's process-wide choice does not reach a worker's module state).
   */
  readonly weights?: string;
}

parentPort?.on('message', async ({ grid, job, plugins, quiet, weights }: JobMessage) => {
  try {
    // Set before the job's policy is built, which is when a learner reads the directory.
    setWeightsDir(weights);
    for (const url of plugins) {
      if (imported.has(url)) continue;
      await import(url);
      imported.add(url);
    }
    // A worker is a thread of its own: the main thread's quiet initialisation does not reach it,
    // and the first initialisation decides whether the backend line is printed (issue 15).
    await quietTensorflowFor(quiet === true, [job.policy]);
    const scenario = scenarioFor(grid, job.parameters);
    const key = JSON.stringify(scenario.workload);
    if (!records.has(key)) records.set(key, scenarioRecords(scenario));
    const trace = records.get(key);
    const run = await simulate({
      scenario,
      policy: job.policy,
      seed: job.seed,
      mechanism: job.mechanism,
      ...(trace === undefined ? {} : { records: trace }),
    });
    const result: JobResult = { job, row: summaryRow(run), metrics: run.metrics, slots: run.slots };
    parentPort?.postMessage({ result });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
