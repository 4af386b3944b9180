// `doubledutch run --scenario paper` and bad paper scenario files (issue 12, "Bad input").
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../../src/cli/main.js';
import { paperScenario } from '../../src/paper/scenario.js';

function capture() {
  const err: string[] = [];
  const out: string[] = [];
  vi.spyOn(console, 'error').mockImplementation((...a) => void err.push(a.join(' ')));
  vi.spyOn(console, 'log').mockImplementation((...a) => void out.push(a.join(' ')));
  return { err, out };
}

afterEach(() => vi.restoreAllMocks());

describe('doubledutch run on the paper model', () => {
  it('--scenario paper runs it and writes its summary and slots', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-paper-'));
    const { out } = capture();
    expect(await main(['run', '--scenario', 'paper', '--policy', 'laot', '--out', dir])).toBe(0);
    expect(
      readdirSync(dir)
        .filter((f) => !f.startsWith('.'))
        .sort(),
    ).toEqual(['paper-slots.csv', 'paper-summary.csv']);
    expect(readFileSync(join(dir, 'paper-summary.csv'), 'utf8')).toMatch(/^policy,seed,system_cost/);
    expect(out.join('\n')).toContain('paper model, laot, seed 1');
  });

  it('a bad paper scenario file: one line naming every bad field, exit 1, nothing written', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-paper-'));
    const file = join(dir, 'bad.json');
    const s = paperScenario();
    const palm = s.models[1] as (typeof s.models)[number];
    const verbatim = {
      ...palm,
      accuracy: {
        ...palm.accuracy,
        byTask: { ...palm.accuracy.byTask, SVAMP: [0.71, 0.83, 0.88, 0.85, 0.85] },
      },
    };
    writeFileSync(
      file,
      JSON.stringify({
        ...s,
        energyBudgetJ: -1,
        gpus: 0,
        gain: 1,
        paths: 0,
        models: [s.models[0], verbatim],
      }),
    );
    const { err } = capture();
    expect(await main(['run', '--scenario', file, '--out', join(dir, 'out')])).toBe(1);
    expect(err).toHaveLength(1);
    const line = err[0] as string;
    expect(line).not.toContain('\n');
    for (const field of ['gpus', 'energyBudgetJ', 'paths', 'gain', 'models[1].accuracy.byTask.SVAMP[3]'])
      expect(line).toContain(field);
    expect(readdirSync(dir)).toEqual(['bad.json']);
  });
});
