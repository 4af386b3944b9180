// `run --scenario paper --weights DIR` (issue 13 item 4), as `run` does on the physical model: t2drl
// and ppo act with the directory's weights, a one-line warning says they were trained on another
// scenario (the built CLI, as a user runs it; the refusals are in test/experiment/bad-input.test.ts).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { PAPER_ENTRY_FEATURES } from '../../policies/t2drl/ttt/paper.js';
import { parseCsv } from '../../src/experiment/csv.js';
import { saveWeightsTrainedElsewhere } from '../saved-weights.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'dd-paper-weights-'));

beforeAll(async () => {
  await saveWeightsTrainedElsewhere(join(dir, 'ppo', 'weights'), 'ppo', 'paper', PAPER_ENTRY_FEATURES, 5);
});

describe('run --scenario paper --weights', () => {
  it('acts with the saved network and warns once that it was trained on another scenario', () => {
    const common = ['run', '--scenario', 'paper', '--policy', 'ppo', '--mechanism', 'none', '--quiet'];
    const loaded = run(...common, '--weights', dir, '--out', join(dir, 'loaded'));
    expect(loaded.status, loaded.stderr).toBe(0);
    const lines = loaded.stderr
      .trim()
      .split('\n')
      .filter((l) => !l.startsWith('TensorFlow.js backend'));
    expect(lines).toEqual([
      expect.stringMatching(/^ppo: weights trained on scenario 'elsewhere' \(hash not-this-sce/),
    ]);
    const shipped = run(...common, '--out', join(dir, 'shipped'));
    expect(shipped.status, shipped.stderr).toBe(0);
    const cost = (out: string) =>
      Number(parseCsv(readFileSync(join(dir, out, 'paper-summary.csv'), 'utf8'))[0]?.mean_slot_cost);
    // An untrained network (seed 5) is not the shipped one: the run used the directory's weights.
    expect(cost('loaded')).not.toBe(cost('shipped'));
    expect(parseCsv(readFileSync(join(dir, 'loaded', 'paper-summary.csv'), 'utf8'))[0]?.policy).toBe('ppo');
  }, 60_000);
});
