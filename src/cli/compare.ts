import { setWeightsDir } from '../../policies/t2drl/ttt/weights-dir.js';
import { writeFilesAtomic } from '../experiment/atomic.js';
import { checkNames, compare } from '../experiment/compare.js';
import { quietTensorflowFor } from '../experiment/quiet-tensorflow.js';
import { meansTable, reportFiles } from '../experiment/report.js';
import { MAX_SEED } from '../experiment/sweep.js';
import { listMechanisms } from '../mechanism.js';
import { selectsPaperScenario } from '../paper/load.js';
import { listPolicies, policyEnvironments } from '../policy.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { formatTable } from './demo.js';
import { checkMechanismOptions, MECHANISM_OPTION_HELP, parseMechanismOptions } from './mechanism-options.js';
import { createProgress } from './progress.js';
import { runPaper } from './run-paper.js';
import {
  defaultMechanisms,
  defaultPolicies,
  listFlag,
  OVERWRITE_FLAG_HELP,
  outDirFlag,
  QUIET_FLAG_HELP,
  SCENARIO_FLAG_HELP,
  scenarioFlag,
  seedsFlag,
} from './scenario-flag.js';
import { checkWeightsFlag, WEIGHTS_FLAG_HELP } from './weights-flag.js';

/** The most runs one compare command makes (a larger study is a sweep, sharded). */
const MAX_RUNS = 1e5;

/** Files of a comparison's result set, to tell whether an --out directory holds one. */
const RESULT_SAMPLE = ['summary.csv', 'runs.jsonl', 'report.html'];

/** Runs a comparison and writes its results; shared by `compare` and `run`. */
export async function runComparison(options: {
  scenarioPath: string | undefined;
  policies: string[];
  mechanisms: string[];
  seeds: number[];
  mechanismOptions: Record<string, unknown>;
  out: string;
  quiet: boolean;
  command: string;
  overwrite: boolean;
  weights?: string | undefined;
}): Promise<number> {
  // `run` takes the paper's model before it gets here; `compare` runs the physical model only.
  if (selectsPaperScenario(options.scenarioPath))
    throw new UsageError(
      `'${options.scenarioPath}' is the seed paper's model, which ${options.command} does not run: use run --scenario paper --policy NAME, or reproduce`,
      '--scenario',
    );
  const scenario = scenarioFlag(options.scenarioPath === 'physical' ? undefined : options.scenarioPath);
  checkNames(scenario, options.policies, options.mechanisms);
  // Checked to hold weights of every t2drl/ppo run, trained on the physical model (weights-flag.ts).
  if (options.weights !== undefined) {
    checkWeightsFlag(options.weights, options.policies, 'physical');
    setWeightsDir(options.weights);
  }
  checkMechanismOptions(options.mechanisms, options.mechanismOptions);
  const total = options.policies.length * options.mechanisms.length * options.seeds.length;
  if (total > MAX_RUNS)
    throw new UsageError(
      `${total} runs (policies × mechanisms × seeds); at most ${MAX_RUNS} in one command (use sweep --shard)`,
      '--seeds',
    );
  // --quiet silences TensorFlow.js's backend line too: the first initialisation decides it.
  await quietTensorflowFor(options.quiet === true, options.policies);
  const progress = createProgress(total, 'runs', options.quiet);
  const started = Date.now();
  const result = await compare({
    scenario,
    policies: options.policies,
    mechanisms: options.mechanisms,
    seeds: options.seeds,
    mechanismOptions: options.mechanismOptions,
    onRun: (_done, _total, label) => progress.tick(label),
  });
  progress.stop();
  const meta = [
    `scenario: ${scenario.name}`,
    `policies: ${options.policies.join(', ')}`,
    `mechanisms: ${options.mechanisms.join(', ')}`,
    `seeds: ${options.seeds.join(', ')}`,
    // No wall-clock time here: the report of a seeded run is the same bytes every time (timings.csv has them).
    `${total} runs`,
  ];
  const files = await reportFiles(result, meta);
  const out = options.out;
  writeFilesAtomic(out, () => files, { command: options.command, overwrite: options.overwrite });
  if (!options.quiet) {
    const means = meansTable(result.rows);
    console.log(formatTable([means.columns, ...means.rows]));
    console.log(
      `\n${total} runs in ${((Date.now() - started) / 1000).toFixed(1)} s; wrote ${Object.keys(files).length} files to ${out} (open report.html)`,
    );
  }
  return 0;
}

/** `doubledutch compare`: policies × mechanisms × seeds, the main job. */
export const compareCommand: Command = {
  name: 'compare',
  summary:
    'compare policies × mechanisms × seeds on a scenario and write CSV, JSONL, charts and an HTML report',
  usage:
    'doubledutch compare [--scenario FILE] [--policies a,b] [--mechanisms a,b|none] [--seeds N|s1,s2] [--mechanism-option K=V] [--weights DIR] [--out DIR] [--overwrite] [--quiet]',
  details: () =>
    [
      SCENARIO_FLAG_HELP,
      `  --policies a,b      default: all (${defaultPolicies().join(', ')})`,
      `  --mechanisms a,b    'none' runs without a market; default: all (${defaultMechanisms().join(', ')})`,
      `                      registered: ${listMechanisms().join(', ')}`,
      '  --seeds N|s1,s2     N means seeds 1..N (default 3)',
      MECHANISM_OPTION_HELP,
      WEIGHTS_FLAG_HELP,
      '  --out DIR           default: results',
      OVERWRITE_FLAG_HELP,
      QUIET_FLAG_HELP,
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      scenario: { type: 'string' },
      policies: { type: 'string' },
      mechanisms: { type: 'string' },
      seeds: { type: 'string' },
      'mechanism-option': { type: 'string', multiple: true },
      weights: { type: 'string' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const overwrite = values.overwrite === true;
    return runComparison({
      scenarioPath: values.scenario,
      policies: listFlag(values.policies, defaultPolicies(), 'policies'),
      mechanisms: listFlag(values.mechanisms, defaultMechanisms(), 'mechanisms'),
      seeds: seedsFlag(values.seeds, 3),
      mechanismOptions: parseMechanismOptions(values['mechanism-option']),
      out: outDirFlag(values.out, 'results', { command: 'compare', overwrite, sample: RESULT_SAMPLE }),
      quiet: values.quiet === true,
      command: 'compare',
      overwrite,
      weights: values.weights,
    });
  },
};

/** `doubledutch run`: one policy under one mechanism for one seed. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run one policy under one mechanism (or none) for one seed and write its results',
  usage:
    'doubledutch run [--scenario FILE|paper] [--policy NAME] [--mechanism NAME|none] [--seed N] [--mechanism-option K=V] [--weights DIR] [--out DIR] [--overwrite] [--quiet]',
  details: () =>
    [
      SCENARIO_FLAG_HELP,
      // The paper's model has its own defaults and policies (run-paper.ts).
      "                      --scenario paper: the seed paper's model (default policy fifo, no market);",
      `                      its policies: ${listPolicies()
        .filter((name) => policyEnvironments(name).includes('paper'))
        .join(', ')}`,
      `  --policy NAME       default: lru; registered: ${defaultPolicies().join(', ')}`,
      `  --mechanism NAME    default: dda; 'none' runs without a market; registered: ${listMechanisms().join(', ')}`,
      '  --seed N            default: 1',
      MECHANISM_OPTION_HELP,
      WEIGHTS_FLAG_HELP,
      "  --out DIR           default: results/run (its own, so that it never replaces compare's results)",
      OVERWRITE_FLAG_HELP,
      QUIET_FLAG_HELP,
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      scenario: { type: 'string' },
      policy: { type: 'string' },
      mechanism: { type: 'string' },
      seed: { type: 'string' },
      'mechanism-option': { type: 'string', multiple: true },
      weights: { type: 'string' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    // `--scenario paper` or a `kind: "paper"` file: the seed paper's own model (issue 12).
    if (selectsPaperScenario(values.scenario))
      return runPaper({
        scenario: values.scenario as string,
        policy: values.policy,
        mechanism: values.mechanism,
        seed: integerFlag(values.seed, 'seed', 1),
        out: values.out,
        overwrite: values.overwrite === true,
        weights: values.weights,
        quiet: values.quiet === true,
        mechanismOptions: parseMechanismOptions(values['mechanism-option']),
      });
    const overwrite = values.overwrite === true;
    return runComparison({
      scenarioPath: values.scenario,
      policies: [values.policy ?? 'lru'],
      mechanisms: [values.mechanism ?? 'dda'],
      seeds: [integerFlag(values.seed, 'seed', 1, 0, MAX_SEED)],
      mechanismOptions: parseMechanismOptions(values['mechanism-option']),
      out: outDirFlag(values.out, 'results/run', { command: 'run', overwrite, sample: RESULT_SAMPLE }),
      quiet: values.quiet === true,
      command: 'run',
      overwrite,
      weights: values.weights,
    });
  },
};
