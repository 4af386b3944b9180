/**
 * A sweep worker thread: runs the jobs it is sent, one at a time, and posts their results.
 */
import { parentPort } from 'node:worker_threads';
import '../builtins.js';
import { NO_MARKET, scenarioRecords, summaryRow } from './compare.js';
import { simulate } from './simulate.js';
import { type Grid, type JobResult, type SweepJob, scenarioFor } from './sweep.js';

const records = new Map<string, ReturnType<typeof scenarioRecords>>();

parentPort?.on('message', async ({ grid, job }: { grid: Grid; job: SweepJob }) => {
  try {
    const scenario = scenarioFor(grid, job.parameters);
    const key = JSON.stringify(scenario.workload);
    if (!records.has(key)) records.set(key, scenarioRecords(scenario));
    const trace = records.get(key);
    const run = await simulate({
      scenario,
      policy: job.policy,
      seed: job.seed,
      ...(job.mechanism === NO_MARKET ? {} : { mechanism: job.mechanism }),
      ...(trace === undefined ? {} : { records: trace }),
    });
    const result: JobResult = { job, row: summaryRow(run), metrics: run.metrics, slots: run.slots };
    parentPort?.postMessage({ result });
  } catch (error) {
    parentPort?.postMessage({ error: error instanceof Error ? error.message : String(error) });
  }
});
