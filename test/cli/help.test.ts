// Every command's --help lists its options as one block: an option added for all commands
// (`--plugin`) sits with the others, not after the notes that close a command's help.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const help = (command: string) =>
  spawnSync(process.execPath, [cli, 'help', command], { encoding: 'utf8' }).stdout;

describe('doubledutch help <command>', () => {
  it.each(['compare', 'run', 'sweep', 'merge', 'train', 'verify', 'scenario', 'demo'])(
    '%s: no option line after a paragraph of notes',
    (command) => {
      const lines = help(command).split('\n');
      const firstOption = lines.findIndex((l) => l.startsWith('  --'));
      expect(firstOption).toBeGreaterThan(0);
      const firstNote = lines.findIndex((l, i) => i > firstOption && l !== '' && !l.startsWith(' '));
      const after = firstNote < 0 ? [] : lines.slice(firstNote).filter((l) => l.startsWith('  --'));
      expect(after).toEqual([]);
    },
  );

  it('verify: --plugin is listed with the options, and the notes close the help', () => {
    const text = help('verify');
    expect(text.indexOf('--plugin FILE')).toBeGreaterThan(0);
    expect(text.indexOf('--plugin FILE')).toBeLessThan(text.indexOf('Exits 1 when'));
  });

  it("train: --scenario's help names both built-in scenarios its usage line offers", () => {
    const text = help('train');
    expect(text).toContain('--scenario FILE|physical|paper');
    expect(text).toMatch(/physical: the built-in default/);
    expect(text).toMatch(/paper: the seed paper's model/);
  });

  it.each(['compare', 'run', 'sweep', 'train', 'reproduce'])(
    '%s: every option of the usage line is described below it (--quiet included)',
    (command) => {
      const text = help(command);
      const [usage = '', ...rest] = text.split('\n');
      const described = rest.join('\n');
      for (const [, flag] of usage.matchAll(/\[?(--[a-z-]+)/g))
        expect(described, `${command} ${flag}`).toMatch(new RegExp(`^  ${flag}\\b`, 'm'));
    },
  );

  it("run: the paper model's own defaults and policies are in the help (they differ from the physical model's)", () => {
    const text = help('run');
    expect(text).toMatch(/--scenario paper: .*default policy fifo, no market/);
    expect(text).toMatch(/its policies: cloud-only, fifo, laot, lfu, ppo, t2drl\n/);
  });
});
