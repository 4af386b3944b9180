import { writeFilesAtomic } from '../experiment/atomic.js';
import { compare } from '../experiment/compare.js';
import { meansTable, reportFiles } from '../experiment/report.js';
import { listMechanisms } from '../mechanism.js';
import { integerFlag, parseFlags } from './args.js';
import type { Command } from './command.js';
import { formatTable } from './demo.js';
import { createProgress } from './progress.js';
import {
  DEFAULT_MECHANISMS,
  defaultPolicies,
  listFlag,
  outDirFlag,
  SCENARIO_FLAG_HELP,
  scenarioFlag,
  seedsFlag,
} from './scenario-flag.js';

/** Runs a comparison and writes its results; shared by `compare` and `run`. */
export async function runComparison(options: {
  scenarioPath: string | undefined;
  policies: string[];
  mechanisms: string[];
  seeds: number[];
  out: string;
  quiet: boolean;
}): Promise<number> {
  const scenario = scenarioFlag(options.scenarioPath);
  const total = options.policies.length * options.mechanisms.length * options.seeds.length;
  const progress = createProgress(total, 'runs', options.quiet);
  const started = Date.now();
  const result = await compare({
    scenario,
    policies: options.policies,
    mechanisms: options.mechanisms,
    seeds: options.seeds,
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
  writeFilesAtomic(out, () => files);
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
    'doubledutch compare [--scenario FILE] [--policies a,b] [--mechanisms a,b|none] [--seeds N|s1,s2] [--out DIR] [--quiet]',
  details: () =>
    [
      SCENARIO_FLAG_HELP,
      `  --policies a,b      default: all (${defaultPolicies().join(', ')})`,
      `  --mechanisms a,b    'none' runs without a market; default: ${DEFAULT_MECHANISMS.join(', ')}`,
      `                      registered: ${listMechanisms().join(', ')}`,
      '  --seeds N|s1,s2     N means seeds 1..N (default 3)',
      '  --out DIR           default: results',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      scenario: { type: 'string' },
      policies: { type: 'string' },
      mechanisms: { type: 'string' },
      seeds: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    return runComparison({
      scenarioPath: values.scenario,
      policies: listFlag(values.policies, defaultPolicies(), 'policies'),
      mechanisms: listFlag(values.mechanisms, DEFAULT_MECHANISMS, 'mechanisms'),
      seeds: seedsFlag(values.seeds, 3),
      out: outDirFlag(values.out, 'results'),
      quiet: values.quiet === true,
    });
  },
};

/** `doubledutch run`: one policy under one mechanism for one seed. */
export const runCommand: Command = {
  name: 'run',
  summary: 'run one policy under one mechanism (or none) for one seed and write its results',
  usage:
    'doubledutch run [--scenario FILE] [--policy NAME] [--mechanism NAME|none] [--seed N] [--out DIR] [--quiet]',
  details: () =>
    [
      SCENARIO_FLAG_HELP,
      `  --policy NAME       default: lru; registered: ${defaultPolicies().join(', ')}`,
      `  --mechanism NAME    default: dda; 'none' runs without a market; registered: ${listMechanisms().join(', ')}`,
      '  --seed N            default: 1',
      "  --out DIR           default: results/run-POLICY-MECHANISM (never the main job's results/)",
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      scenario: { type: 'string' },
      policy: { type: 'string' },
      mechanism: { type: 'string' },
      seed: { type: 'string' },
      out: { type: 'string' },
      quiet: { type: 'boolean' },
    });
    const policy = values.policy ?? 'lru';
    const mechanism = values.mechanism ?? 'dda';
    return runComparison({
      scenarioPath: values.scenario,
      policies: [policy],
      mechanisms: [mechanism],
      seeds: [integerFlag(values.seed, 'seed', 1)],
      // Its own folder by default, so that a single run never replaces compare's results (issue 15).
      out: outDirFlag(values.out, `results/run-${policy}-${mechanism}`),
      quiet: values.quiet === true,
    });
  },
};
