// Bad input on every subcommand: one line naming the problem, a non-zero exit, no stack trace,
// and no files left behind (the built CLI, as a user runs it).
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { defaultScenario } from '../../src/index.js';
import { interruptWhen } from '../helpers.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'dd-cli-'));
const write = (name: string, content: unknown) => {
  const path = join(dir, name);
  writeFileSync(path, typeof content === 'string' ? content : JSON.stringify(content));
  return path;
};
const tiny = write('tiny.json', { ...defaultScenario(), durationS: 120 });
const aFile = write('a-file', 'not a directory');

function expectOneLineFailure(args: string[], message: string | RegExp, exit?: number) {
  const r = run(...args);
  const what = args.join(' ');
  if (exit === undefined) expect(r.status, what).not.toBe(0);
  else expect(r.status, what).toBe(exit);
  expect(r.stderr.trim().split('\n'), what).toHaveLength(1);
  expect(r.stderr, what).toMatch(message);
  expect(r.stderr, what).not.toMatch(/\n\s+at /);
}

describe('command-line bad input', () => {
  it('run --seed takes one seed, and a bad one names the flag', () => {
    const out = join(dir, 'run-ok');
    const ok = run(
      'run',
      '--scenario',
      tiny,
      '--policy',
      'lru',
      '--mechanism',
      'mcafee',
      '--seed',
      '7',
      '--out',
      out,
      '--quiet',
    );
    expect(ok.status, ok.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(rows.map((r) => [r.policy, r.mechanism, r.seed])).toEqual([['lru', 'mcafee', '7']]);
    expectOneLineFailure(
      ['run', '--scenario', tiny, '--seed', 'x', '--out', join(dir, 'no')],
      "--seed: must be an integer ≥ 0, got 'x'",
      2,
    );
    expectOneLineFailure(
      ['run', '--scenario', tiny, '--seed=-1', '--out', join(dir, 'no')],
      '--seed: must be an integer ≥ 0',
      2,
    );
    expect(existsSync(join(dir, 'no'))).toBe(false);
  });

  it('--out naming an existing file fails before any work, on every writing command', () => {
    const grid = write('grid-ok.json', { policies: ['lru'], mechanisms: ['none'], seeds: [1] });
    for (const args of [
      ['run', '--scenario', tiny],
      ['compare', '--scenario', tiny, '--policies', 'lru'],
      ['train', '--scenario', tiny, '--episodes', '1'],
      ['sweep', '--grid', grid],
      ['merge', dir],
    ])
      expectOneLineFailure(
        [...args, '--out', aFile],
        "--out: 'a-file' exists and is not a directory".replace('a-file', aFile),
        2,
      );
  });

  it('repeated or empty names and seeds are refused rather than duplicating rows', () => {
    const out = join(dir, 'dup');
    expectOneLineFailure(
      ['compare', '--scenario', tiny, '--seeds', '1,1', '--out', out],
      "--seeds: lists '1' twice",
      2,
    );
    expectOneLineFailure(
      ['compare', '--scenario', tiny, '--policies', 'lru,lru', '--out', out],
      "--policies: lists 'lru' twice",
      2,
    );
    expectOneLineFailure(
      ['compare', '--scenario', tiny, '--mechanisms', ',', '--out', out],
      '--mechanisms: has an empty name',
      2,
    );
    expectOneLineFailure(
      ['verify', '--mechanism', 'mcafee', '--properties', 'ir,ir'],
      "--properties: lists 'ir' twice",
      2,
    );
    const grid = write('grid-dup.json', { policies: ['lru'], mechanisms: ['none'], seeds: [1, 1] });
    expectOneLineFailure(['sweep', '--grid', grid, '--out', out], 'seeds[1] repeats 1', 1);
    expect(existsSync(out)).toBe(false);
  });

  it('a grid may not reach past the scenario (prototype keys)', () => {
    const grid = write('grid-proto.json', {
      policies: ['lru'],
      mechanisms: ['none'],
      seeds: [1],
      parameters: { '__proto__.x': [1] },
    });
    expectOneLineFailure(
      ['sweep', '--grid', grid, '--out', join(dir, 'proto')],
      'parameters.__proto__.x must name a scenario field',
      1,
    );
    expect(existsSync(join(dir, 'proto'))).toBe(false);
  });

  it('merge refuses an empty sweep and a file that is not a job result, writing nothing', () => {
    const empty = join(dir, 'empty-sweep');
    mkdirSync(join(empty, 'jobs'), { recursive: true });
    expectOneLineFailure(['merge', empty, '--out', join(dir, 'm')], `no job results in '${empty}'`, 1);
    const bad = join(dir, 'bad-sweep');
    mkdirSync(join(bad, 'jobs'), { recursive: true });
    writeFileSync(join(bad, 'jobs', 'truncated.json'), '{"job": {');
    expectOneLineFailure(['merge', bad, '--out', join(dir, 'm')], /truncated\.json' is unreadable/, 1);
    writeFileSync(join(bad, 'jobs', 'truncated.json'), '{"foo": 1}');
    expectOneLineFailure(
      ['merge', bad, '--out', join(dir, 'm')],
      'is not a sweep job result: job must be an object',
      1,
    );
    expect(existsSync(join(dir, 'm'))).toBe(false);
  });

  it('an empty trace or a trace of the wrong format names workload.source', () => {
    const emptyTrace = write('empty.jsonl', '');
    const s1 = write('empty-trace.json', {
      ...defaultScenario(),
      durationS: 120,
      workload: { ...defaultScenario().workload, source: emptyTrace },
    });
    expectOneLineFailure(
      ['run', '--scenario', s1, '--out', join(dir, 't')],
      `workload.source '${emptyTrace}' holds no requests`,
      1,
    );
    const s2 = write('wrong-format.json', {
      ...defaultScenario(),
      durationS: 120,
      workload: { ...defaultScenario().workload, format: 'azure' },
    });
    expectOneLineFailure(
      ['run', '--scenario', s2, '--out', join(dir, 't')],
      "workload.source 'mooncake' is not a valid azure trace (see workload.format)",
      1,
    );
    expect(existsSync(join(dir, 't'))).toBe(false);
  });

  it('scenario files: a byte-order mark is accepted, non-finite numbers and empty names are named', () => {
    const withBom = write('bom.json', `\uFEFF${readFileSync(tiny, 'utf8')}`);
    const out = join(dir, 'bom-out');
    const ok = run(
      'run',
      '--scenario',
      withBom,
      '--policy',
      'cloud-only',
      '--mechanism',
      'none',
      '--out',
      out,
      '--quiet',
    );
    expect(ok.status, ok.stderr).toBe(0);
    const infinite = write(
      'infinite.json',
      readFileSync(tiny, 'utf8').replace('"durationS":120', '"durationS":1e999'),
    );
    expectOneLineFailure(
      ['run', '--scenario', infinite, '--out', join(dir, 'x')],
      'durationS must be a finite number',
      1,
    );
    const unnamed = write('unnamed.json', { ...defaultScenario(), name: '' });
    expectOneLineFailure(
      ['run', '--scenario', unnamed, '--out', join(dir, 'x')],
      'name must not be empty',
      1,
    );
    expect(existsSync(join(dir, 'x'))).toBe(false);
  });

  it('an interrupted run (Ctrl-C) stops within a second inside a run, exits 130 and writes nothing', async () => {
    const out = join(dir, 'interrupted');
    // Waits for the readiness line (progress off a terminal prints the first run done): the second run is under way.
    await interruptWhen(
      cli,
      ['compare', '--policies', 'lru,fifo', '--seeds', '40', '--out', out],
      out,
      /runs: 1\/\d+/,
    );
  }, 60_000);

  it('train writes its weights and learning curve together', () => {
    const out = join(dir, 'trained');
    const r = run('train', '--scenario', tiny, '--episodes', '1', '--out', out, '--quiet');
    expect(r.status, r.stderr).toBe(0);
    expect(readdirSync(out).sort()).toEqual([
      '.doubledutch-results.json',
      'learning-curve.csv',
      'learning-curve.svg',
      'weights',
    ]);
    // The default policy is the paper's t2drl: one weights file beside its metadata.
    expect(readdirSync(join(out, 'weights')).sort()).toEqual(['meta.json', 'weights.bin']);
  }, 60_000);
});
