/**
 * `doubledutch reproduce`: re-runs the seed paper's experiments on its model and writes one SVG
 * and CSV per figure, `claims.csv` and `report.html`, all or nothing.
 */
import { writeFilesAtomic } from '../experiment/atomic.js';
import { reproduceFiles } from '../experiment/reproduce/report.js';
import { reproduce } from '../experiment/reproduce/reproduce.js';
import { parseFlags } from './args.js';
import type { Command } from './command.js';
import { createProgress, type Progress } from './progress.js';
import { outDirFlag } from './scenario-flag.js';

/** `doubledutch reproduce [--quick] [--out DIR] [--quiet]`. */
export const reproduceCommand: Command = {
  name: 'reproduce',
  summary: "re-run the seed paper's experiments on its model: figures, claims.csv and report.html",
  usage: 'doubledutch reproduce [--quick] [--out DIR] [--overwrite] [--quiet]',
  details: () =>
    [
      '  --quick             3 seeds per point instead of 50 (a first look, CI)',
      '  --out DIR           default: results/paper (fig4a-d, fig5a-b .svg/.csv, claims.csv, report.html)',
      "  --overwrite         replace another command's results in DIR",
      '  --quiet             no progress on stderr',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      quick: { type: 'boolean' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const overwrite = values.overwrite === true;
    const out = outDirFlag(values.out, 'results/paper', {
      command: 'reproduce',
      overwrite,
      sample: ['claims.csv', 'report.html'],
    });
    let progress: Progress | undefined;
    const result = await reproduce({
      quick: values.quick === true,
      onStart: (runs) => {
        progress = createProgress(runs, 'reproduce', values.quiet === true);
      },
      onRun: (label) => progress?.tick(label),
    });
    progress?.stop();
    const files = await reproduceFiles(result);
    writeFilesAtomic(out, () => files, { command: 'reproduce', overwrite });
    const claims = result.figures.flatMap((f) => f.claims);
    const count = (v: string) => claims.filter((c) => c.verdict === v).length;
    console.log(
      `${result.runs} runs in ${result.seconds.toFixed(1)} s; claims: ${count('reproduced')} reproduced, ${count('partly')} partly, ${count('not reproduced')} not reproduced`,
    );
    console.log(`wrote ${Object.keys(files).length} files to ${out} (open report.html)`);
    return 0;
  },
};
