import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { publishDirectory, writeFileAtomic, writeFilesAtomic } from '../../src/experiment/atomic.js';
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
    expect(readdirSync(dir).sort()).toEqual(['charts', 'summary.csv']);
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
    expect(readdirSync(dir).sort()).toEqual(['curve.csv', 'other.txt', 'weights']);
    await expect(
      publishDirectory(dir, async (staging) => {
        writeFileSync(join(staging, 'curve.csv'), 'half');
        throw new Error('training failed');
      }),
    ).rejects.toThrow('training failed');
    expect(readFileSync(join(dir, 'curve.csv'), 'utf8')).toBe('x');
    expect(readdirSync(dir).sort()).toEqual(['curve.csv', 'other.txt', 'weights']);
  });
});

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

  it('round-trips any table of strings', () => {
    fc.assert(
      fc.property(fc.array(fc.tuple(fc.string(), fc.string()), { maxLength: 8 }), (pairs) => {
        const rows = pairs.map(([a, b]) => ({ a, b }));
        const parsed = parseCsv(toCsv(['a', 'b'], rows));
        expect(parsed).toEqual(rows);
      }),
      { examples: [[[['', '']]]] },
    );
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
