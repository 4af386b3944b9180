import { spawn, spawnSync } from 'node:child_process';
import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  renameSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  cleanStalePublications,
  publishDirectory,
  writeFileAtomic,
  writeFilesAtomic,
} from '../../src/experiment/atomic.js';

const MANIFEST = '.doubledutch-results.json';
const CARRIED = '.doubledutch-carried.json';

import { parseCsv, toCsv } from '../../src/experiment/csv.js';
import { parseShard, selectShard } from '../../src/experiment/shard.js';

describe('atomic writes', () => {
  it('writes a file and leaves no temporary file behind', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    writeFileAtomic(join(dir, 'a', 'x.txt'), 'hello');
    expect(readFileSync(join(dir, 'a', 'x.txt'), 'utf8')).toBe('hello');
    expect(readdirSync(join(dir, 'a'))).toEqual(['x.txt']);
  });

  it('writes nothing when producing one of the files fails', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    expect(() =>
      writeFilesAtomic(dir, () => {
        throw new Error('chart failed');
      }),
    ).toThrow('chart failed');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('writes every file of a set, including nested ones, and removes the staging directory', () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'a\n1\n', 'charts/x.svg': '<svg/>' }));
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'charts', 'summary.csv']);
    expect(readdirSync(dirname(dir)).filter((n) => n.startsWith(`.${basename(dir)}.`))).toEqual([]);
    expect(existsSync(join(dir, 'charts', 'x.svg'))).toBe(true);
  });

  it('publishes a directory filled by other code: replaces its files, keeps the rest, or changes nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    mkdirSync(join(dir, 'weights', 'default'), { recursive: true });
    writeFileSync(join(dir, 'weights', 'model.json'), 'old');
    writeFileSync(join(dir, 'weights', 'default', 'notes.txt'), 'mine');
    writeFileSync(join(dir, 'other.txt'), 'mine too');
    await publishDirectory(dir, async (staging) => {
      mkdirSync(join(staging, 'weights'));
      writeFileSync(join(staging, 'weights', 'model.json'), 'new');
      writeFileSync(join(staging, 'curve.csv'), 'x');
    });
    expect(readFileSync(join(dir, 'weights', 'model.json'), 'utf8')).toBe('new');
    expect(readFileSync(join(dir, 'weights', 'default', 'notes.txt'), 'utf8')).toBe('mine');
    expect(readFileSync(join(dir, 'other.txt'), 'utf8')).toBe('mine too');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'curve.csv', 'other.txt', 'weights']);
    await expect(
      publishDirectory(dir, async (staging) => {
        writeFileSync(join(staging, 'curve.csv'), 'half');
        throw new Error('training failed');
      }),
    ).rejects.toThrow('training failed');
    expect(readFileSync(join(dir, 'curve.csv'), 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual([MANIFEST, 'curve.csv', 'other.txt', 'weights']);
  });

  it("refuses to replace another command's results unless asked; the same command replaces its own", () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'dd-')), 'results');
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'compare\n' }), { command: 'compare' });
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'compare again\n' }), { command: 'compare' });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('compare again\n');
    expect(() => writeFilesAtomic(dir, () => ({ 'summary.csv': 'run\n' }), { command: 'run' })).toThrow(
      /holds the results of 'doubledutch compare'.*--overwrite/,
    );
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('compare again\n');
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'run\n' }), { command: 'run', overwrite: true });
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('run\n');
    // Files no command recorded are not replaced without --overwrite either.
    const mine = join(mkdtempSync(join(tmpdir(), 'dd-')), 'mine');
    mkdirSync(mine);
    writeFileSync(join(mine, 'summary.csv'), 'my own\n');
    expect(() => writeFilesAtomic(mine, () => ({ 'summary.csv': 'x' }), { command: 'compare' })).toThrow(
      /results not written by 'doubledutch compare'/,
    );
    expect(readFileSync(join(mine, 'summary.csv'), 'utf8')).toBe('my own\n');
  });

  it('follows a symbolic link given as the directory: the set lands where it points, the link stays', () => {
    const parent = mkdtempSync(join(tmpdir(), 'dd-'));
    const real = join(parent, 'big-disk-results');
    mkdirSync(real);
    writeFileSync(join(real, 'notes.txt'), 'mine');
    symlinkSync(real, join(parent, 'results'));
    writeFilesAtomic(join(parent, 'results'), () => ({ 'summary.csv': 'a\n' }), { command: 'compare' });
    writeFilesAtomic(join(parent, 'results'), () => ({ 'summary.csv': 'b\n' }), { command: 'compare' });
    expect(lstatSync(join(parent, 'results')).isSymbolicLink()).toBe(true);
    expect(readFileSync(join(real, 'summary.csv'), 'utf8')).toBe('b\n');
    expect(readFileSync(join(real, 'notes.txt'), 'utf8')).toBe('mine');
    expect(readdirSync(parent).sort()).toEqual(['big-disk-results', 'results']);
  });

  it('a publication killed between the two renames of its swap is restored, with what it carried over', () => {
    const parent = mkdtempSync(join(tmpdir(), 'dd-'));
    const dir = join(parent, 'results');
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'old\n', 'runs.jsonl': 'old\n' }), { command: 'compare' });
    mkdirSync(join(dir, 'sweep'));
    writeFileSync(join(dir, 'sweep', 'job.json'), 'theirs');
    // The state a kill -9 leaves after `dir` was renamed aside and before the staging directory took
    // its place: `dir` absent, the old set aside, the new set staged with `sweep` carried into it.
    const dead = deadPid();
    const old = join(parent, `.results.old-${dead}-abc`);
    const staging = join(parent, `.results.staging-${dead}-def`);
    mkdirSync(old);
    renameSync(join(dir, 'sweep'), join(parent, 'sweep-moving'));
    renameSync(dir, join(old, 'set'));
    mkdirSync(staging);
    writeFileSync(join(staging, 'summary.csv'), 'new\n');
    renameSync(join(parent, 'sweep-moving'), join(staging, 'sweep'));
    writeFileSync(join(staging, CARRIED), JSON.stringify({ dir, paths: ['sweep'] }));
    cleanStalePublications(dir);
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(dir, 'runs.jsonl'), 'utf8')).toBe('old\n');
    expect(readFileSync(join(dir, 'sweep', 'job.json'), 'utf8')).toBe('theirs');
    expect(readdirSync(parent).sort()).toEqual(['results']);
  });

  it('kill -9 while a set is being written leaves the old set whole, and the next run cleans up', async () => {
    const parent = mkdtempSync(join(tmpdir(), 'dd-'));
    const dir = join(parent, 'results');
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'old\n', 'report.html': 'old' }), { command: 'compare' });
    const atomic = new URL('../../dist/src/experiment/atomic.js', import.meta.url).href;
    const script = `
      import { publishDirectory } from '${atomic}';
      import { writeFileSync } from 'node:fs';
      import { join } from 'node:path';
      await publishDirectory(${JSON.stringify(dir)}, async (staging) => {
        writeFileSync(join(staging, 'summary.csv'), 'new\\n');
        process.stdout.write('filled\\n');
        await new Promise(() => {});
      }, { command: 'compare' });`;
    const child = spawn(process.execPath, ['--input-type=module', '-e', script], {
      stdio: ['ignore', 'pipe', 'inherit'],
    });
    await new Promise<void>((resolve) => child.stdout.on('data', () => resolve()));
    child.kill('SIGKILL');
    await new Promise((resolve) => child.on('exit', resolve));
    expect(readFileSync(join(dir, 'summary.csv'), 'utf8')).toBe('old\n');
    expect(readdirSync(parent).some((n) => n.startsWith('.results.staging-'))).toBe(true);
    writeFilesAtomic(dir, () => ({ 'summary.csv': 'newer\n', 'report.html': 'newer' }), {
      command: 'compare',
    });
    expect(readdirSync(parent)).toEqual(['results']);
    expect(readFileSync(join(dir, 'report.html'), 'utf8')).toBe('newer');
  }, 20_000);
});

/** The id of a process that has exited. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', '0']);
  return child.pid as number;
}

describe('CSV', () => {
  it('quotes commas, quotes and line breaks (RFC 4180)', () => {
    expect(
      toCsv(
        ['a', 'b'],
        [
          { a: 'x,y', b: 'say "hi"' },
          { a: 'line\nbreak', b: 3 },
        ],
      ),
    ).toBe('a,b\n"x,y","say ""hi"""\n"line\nbreak",3\n');
  });

  it('round-trips any table of strings that are not formula-leading', () => {
    const text = fc.string().filter((s) => !/^[=+\-@\t\r]/.test(s));
    fc.assert(
      fc.property(fc.array(fc.tuple(text, text), { maxLength: 8 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const parsed = parseCsv(toCsv(['a', 'b'], rows));
        expect(parsed).toEqual(rows);
      }),
      { examples: [[[['', '']]]] },
    );
  });
});

describe('CSV safety', () => {
  it('neutralises formula-leading text cells; numbers and plain-number text stay numbers', () => {
    const csv = toCsv(
      ['name', 'x'],
      [
        { name: '=HYPERLINK("http://evil","click")', x: -1.5 },
        { name: '+1+cmd', x: '-0.5' },
        { name: '@SUM(A1)', x: '-x' },
        { name: '\tTAB', x: 3 },
      ],
    );
    expect(csv).toBe(
      `name,x\n"'=HYPERLINK(""http://evil"",""click"")",-1.5\n'+1+cmd,-0.5\n'@SUM(A1),'-x\n'\tTAB,3\n`,
    );
    for (const row of parseCsv(csv)) expect(row.name).toMatch(/^'/);
  });

  it('refuses an unterminated quote with a typed error', () => {
    expect(() => parseCsv('a,b\n"open,1\n')).toThrow(
      expect.objectContaining({ code: 'malformed_csv', field: 'csv' }),
    );
    expect(parseCsv('a,b\n"closed",1\n')).toEqual([{ a: 'closed', b: '1' }]);
  });
});

describe('shards', () => {
  it('parses i/n and rejects what is not', () => {
    expect(parseShard('2/4')).toEqual({ index: 2, count: 4 });
    for (const bad of ['0/4', '5/4', 'a/b', '3', '1/0']) expect(() => parseShard(bad)).toThrow(/--shard/);
  });

  it('shards are disjoint and together cover every job', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 50 }), fc.integer({ min: 1, max: 9 }), (jobs, count) => {
        const all = Array.from({ length: jobs }, (_, j) => j);
        const shards = Array.from({ length: count }, (_, i) => selectShard(all, { index: i + 1, count }));
        expect(shards.flat().sort((a, b) => a - b)).toEqual(all);
        const sizes = shards.map((s) => s.length);
        expect(Math.max(...sizes) - Math.min(...sizes)).toBeLessThanOrEqual(1);
      }),
    );
  });
});
