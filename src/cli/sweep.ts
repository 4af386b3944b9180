import { writeFilesAtomic } from '../experiment/atomic.js';
import { SUMMARY_COLUMNS } from '../experiment/compare.js';
import { toCsv } from '../experiment/csv.js';
import { quietTensorflowFor } from '../experiment/quiet-tensorflow.js';
import { reportFiles } from '../experiment/report.js';
import { parseShard } from '../experiment/shard.js';
import { loadGrid, readJobResults, runSweep } from '../experiment/sweep.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { plugins } from './plugins.js';
import { createProgress } from './progress.js';
import { OVERWRITE_FLAG_HELP, outDirFlag, QUIET_FLAG_HELP } from './scenario-flag.js';
import { checkWeightsFlag, WEIGHTS_FLAG_HELP } from './weights-flag.js';

/** `doubledutch sweep`: a grid on worker threads, or one shard of it. */
export const sweepCommand: Command = {
  name: 'sweep',
  summary:
    'run a grid of parameters × policies × mechanisms × seeds (resumable; --shard i/n for batch schedulers)',
  usage: 'doubledutch sweep --grid FILE [--shard i/n] [--workers N] [--weights DIR] [--out DIR] [--quiet]',
  details: () =>
    [
      '  --grid FILE         JSON: { scenario?, policies, mechanisms, seeds, parameters? } (docs/experiments.md)',
      '  --shard i/n         run only the i-th of n disjoint shards (1-based)',
      '  --workers N         worker threads (default: 2)',
      WEIGHTS_FLAG_HELP,
      '  --out DIR           default: results/sweep; a rerun skips the jobs already there',
      QUIET_FLAG_HELP,
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      grid: { type: 'string' },
      shard: { type: 'string' },
      workers: { type: 'string' },
      weights: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    if (values.grid === undefined) throw new UsageError('is required', '--grid');
    const grid = loadGrid(values.grid);
    const shard = values.shard === undefined ? undefined : parseShard(values.shard);
    const out = outDirFlag(values.out, 'results/sweep');
    // Checked here, before any job, as run and compare check it: the grid is on the physical model.
    if (values.weights !== undefined) checkWeightsFlag(values.weights, grid.policies, 'physical');
    await quietTensorflowFor(values.quiet === true, grid.policies);
    const workers = integerFlag(values.workers, 'workers', 2, 1);
    let progress: ReturnType<typeof createProgress> | undefined;
    const { ran, skipped } = await runSweep({
      grid,
      out,
      workers,
      plugins: plugins(),
      quiet: values.quiet === true,
      ...(values.weights === undefined ? {} : { weights: values.weights }),
      ...(shard === undefined ? {} : { shard }),
      onJob: (_done, total, label) => {
        progress ??= createProgress(total, 'jobs', values.quiet === true);
        progress.tick(label);
      },
    });
    progress?.stop();
    if (values.quiet !== true)
      console.log(
        `ran ${ran} jobs, skipped ${skipped} already done; results in ${out}/jobs (combine with 'doubledutch merge')`,
      );
    return 0;
  },
};

/** `doubledutch merge`: combines sweep shards into one summary, runs file and report. */
export const mergeCommand: Command = {
  name: 'merge',
  summary: 'combine the job results of sweep directories (shards) into summary.csv, runs.jsonl and a report',
  usage: 'doubledutch merge DIR [DIR...] [--out DIR] [--overwrite]',
  details: () => ['  --out DIR           default: results/merged', OVERWRITE_FLAG_HELP].join('\n'),
  async run(args) {
    const parsed = parseFlags(args, { out: { type: 'string' }, overwrite: { type: 'boolean' } }, true);
    const overwrite = parsed.values.overwrite === true;
    const out = outDirFlag(parsed.values.out, 'results/merged', {
      command: 'merge',
      overwrite,
      sample: ['summary.csv', 'runs.jsonl', 'report.html'],
    });
    const sources = parsed.positionals;
    if (sources.length === 0) throw new UsageError('give at least one sweep directory');
    const results = readJobResults(sources);
    const parameterColumns = [...new Set(results.flatMap((r) => Object.keys(r.job.parameters)))];
    const rows = results.map((r) => ({
      job: r.job.key,
      ...r.row,
      ...Object.fromEntries(parameterColumns.map((p) => [p, JSON.stringify(r.job.parameters[p])])),
    }));
    const runs = results.map((r) => ({
      policy: r.row.policy,
      mechanism: r.row.mechanism,
      seed: r.row.seed,
      metrics: r.metrics,
      slots: r.slots,
      wallMs: r.row.run_ms,
    }));
    // Rows keep their parameters (means per setting); the meta names no paths, so that shards and
    // one directory merge to the same bytes.
    const report = await reportFiles(
      {
        rows: results.map((r) => ({ ...r.row, parameters: r.job.parameters })),
        runs,
        sampleMarket: undefined,
      },
      [`merged ${results.length} sweep jobs`],
    );
    // The report's summary.csv lacks the parameter columns a sweep varies: replace it.
    writeFilesAtomic(
      out,
      () => ({
        ...report,
        'summary.csv': toCsv(
          ['job', ...parameterColumns, ...SUMMARY_COLUMNS],
          rows as unknown as Record<string, string | number>[],
        ),
      }),
      { command: 'merge', overwrite },
    );
    console.log(`merged ${results.length} jobs into ${out}`);
    return 0;
  },
};
