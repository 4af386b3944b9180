/**
 * `doubledutch reproduce`: re-runs the seed paper's experiments on its model and writes one SVG
 * and CSV per figure, `claims.csv` and `report.html`, all or nothing.
 */
import { writeFilesAtomic } from '../experiment/atomic.js';
import { checkSavedCurves, paperWeightsProblem } from '../experiment/reproduce/learners.js';
import { reproduceFiles } from '../experiment/reproduce/report.js';
import { reproduce } from '../experiment/reproduce/reproduce.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { createProgress, type Progress } from './progress.js';
import { outDirFlag } from './scenario-flag.js';

/** The most training episodes `--episodes` accepts (the paper's axis runs to 2000). */
const MAX_EPISODES = 100_000;

/** `doubledutch reproduce [--quick] [--episodes N | --weights DIR] [--out DIR] [--quiet]`. */
export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "re-run the seed paper's experiments on its model: figures, claims.csv and report.html",
  usage: 'doubledutch reproduce [--quick] [--episodes N | --weights DIR] [--out DIR] [--overwrite] [--quiet]',
  details: () =>
    [
      '  --quick             3 seeds per point instead of 50, 20 training episodes instead of 300 (a first look, CI)',
      "  --episodes N        T2DRL's and PPO's training episodes for Fig. 3 (the paper's axis runs to 2000)",
      "  --weights DIR       use saved T2DRL and PPO weights trained on the paper's model instead of training",
      '                      (train --policy t2drl|ppo --scenario paper --out DIR/t2drl|DIR/ppo); Fig. 3 then',
      '                      draws the saved learning-curve.csv beside the weights, when there is one (a',
      '                      malformed one is refused)',
      '  --out DIR           default: results/paper (fig3a-b, fig4a-d, fig5a-b, fig6 .svg/.csv, claims.csv, report.html)',
      "  --overwrite         replace another command's results in DIR",
      '  --quiet             no progress on stderr',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      quick: { type: 'boolean' },
      episodes: { type: 'string' },
      weights: { type: 'string' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    // Every flag is checked before any work (training takes minutes).
    const episodes =
      values.episodes === undefined
        ? undefined
        : integerFlag(values.episodes, 'episodes', 0, 1, MAX_EPISODES);
    if (episodes !== undefined && values.weights !== undefined)
      throw new UsageError(
        'sets the training budget, and --weights skips training: give one of them',
        '--episodes',
      );
    if (values.weights !== undefined) {
      const problem = paperWeightsProblem(values.weights);
      if (problem !== undefined) throw new UsageError(problem, '--weights');
      // A saved learning curve that is there but malformed: bad input (exit 1), before any work.
      checkSavedCurves(values.weights);
    }
    const overwrite = values.overwrite === true;
    const out = outDirFlag(values.out, 'results/paper', {
      command: 'reproduce',
      overwrite,
      sample: ['claims.csv', 'report.html'],
    });
    const quiet = values.quiet === true;
    // --quiet silences TensorFlow.js's backend line too: the first initialisation decides it.
    if (quiet) await (await import('../../policies/t2drl/backend.js')).initTensorflow({ quiet: true });
    let progress: Progress | undefined;
    const result = await reproduce({
      quick: values.quick === true,
      ...(episodes === undefined ? {} : { episodes }),
      ...(values.weights === undefined ? {} : { weights: values.weights }),
      onStart: (steps) => {
        progress = createProgress(steps, 'reproduce', quiet);
      },
      onRun: (label) => progress?.tick(label),
    });
    progress?.stop();
    const files = await reproduceFiles(result);
    writeFilesAtomic(out, () => files, { command: 'reproduce', overwrite });
    const claims = result.figures.flatMap((f) => f.claims);
    const count = (v: string) => claims.filter((c) => c.verdict === v).length;
    const trained = result.trainingEpisodes > 0 ? ` and ${result.trainingEpisodes} training episodes` : '';
    console.log(
      `${result.runs} runs${trained} in ${result.seconds.toFixed(1)} s; claims: ${count('reproduced')} reproduced, ${count('partly')} partly, ${count('not reproduced')} not reproduced`,
    );
    console.log(`wrote ${Object.keys(files).length} files to ${out} (open report.html)`);
    return 0;
  },
};
