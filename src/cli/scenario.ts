import { existsSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { defaultScenario, popularityShiftScenario } from '../edge/default-scenario.js';
import { writeFileAtomic } from '../experiment/atomic.js';
import { escapeControl } from '../text.js';
import { parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { checkWritableDir } from './scenario-flag.js';

/**
 * `doubledutch scenario`: writes the built-in scenario as a complete JSON file, the starting point
 * for a scenario of one's own (a scenario file may also name only what differs from it).
 */
export const scenarioCommand: Command = {
  name: 'scenario',
  summary: 'print the built-in default scenario as JSON, to edit into a scenario file of your own',
  usage: 'doubledutch scenario [--shift] [--out FILE]',
  details: () =>
    [
      '  --shift             the popularity-shift variant (model popularity reverses at 30 min)',
      '  --out FILE          write the file instead of printing it',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, { shift: { type: 'boolean' }, out: { type: 'string' } });
    const scenario = values.shift === true ? popularityShiftScenario() : defaultScenario();
    const json = `${JSON.stringify(scenario, null, 2)}\n`;
    if (values.out === undefined) process.stdout.write(json);
    else {
      const path = resolve(values.out);
      if (existsSync(path) && statSync(path).isDirectory())
        throw new UsageError(`'${escapeControl(values.out)}' is a directory; give a file name`, '--out');
      checkWritableDir(dirname(path), escapeControl(values.out));
      writeFileAtomic(path, json);
    }
    return 0;
  },
};
