// `doubledutch reproduce` as a user runs it (the built CLI; `npm run build` first): progress moves
// while T2DRL and PPO train, Ctrl-C during training stops at once and writes nothing, --quiet is
// silent, and --weights DIR uses saved networks and their saved learning curves instead of training.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { interruptWhen } from '../helpers.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'dd-reproduce-cli-'));

describe('reproduce on the command line', () => {
  it('shows progress while the learners train, and Ctrl-C there stops within a second, writing nothing', async () => {
    const out = join(dir, 'interrupted');
    // Progress off a terminal prints its first step: the first training episode is done.
    const stderr = await interruptWhen(cli, ['reproduce', '--quick', '--out', out], out, /reproduce: 1\/\d+/);
    expect(stderr).toMatch(/reproduce: 1\/\d+ \(\d+ s\) t2drl training episode 1\/20: cost [\d.]+ per slot/);
  }, 60_000);

  it('--episodes sets the training budget; --quiet prints nothing on stderr', () => {
    const out = join(dir, 'episodes');
    const r = run('reproduce', '--quick', '--episodes', '2', '--quiet', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
    expect(r.stdout).toMatch(/ runs and 4 training episodes in /);
    const rows = parseCsv(readFileSync(join(out, 'fig3a.csv'), 'utf8'));
    const episodes = rows
      .filter((row) => row.policy === 't2drl' && row.kind === 'training')
      .map((row) => row.episode);
    expect(episodes).toEqual(['1', '2']);
  }, 120_000);

  it('--weights DIR uses the saved networks and draws their saved learning curves, training nothing', () => {
    const weights = join(dir, 'weights');
    for (const [kind, episodes] of [
      ['t2drl', '3'],
      ['ppo', '2'],
    ] as const) {
      const t = run(
        'train',
        '--policy',
        kind,
        '--scenario',
        'paper',
        '--episodes',
        episodes,
        '--out',
        join(weights, kind),
        '--quiet',
      );
      expect(t.status, t.stderr).toBe(0);
    }
    const out = join(dir, 'loaded');
    const r = run('reproduce', '--quick', '--weights', weights, '--quiet', '--out', out);
    expect(r.status, r.stderr).toBe(0);
    // Trained on the paper's defaults: no trained-elsewhere warning, and --quiet is silent.
    expect(r.stderr).toBe('');
    expect(r.stdout).not.toMatch(/training episodes/);
    const rows = parseCsv(readFileSync(join(out, 'fig3a.csv'), 'utf8'));
    const curve = (policy: string) =>
      rows.filter((row) => row.policy === policy && row.kind === 'training').map((row) => row.episode);
    expect(curve('t2drl')).toEqual(['1', '2', '3']);
    expect(curve('ppo')).toEqual(['1', '2']);
    // The saved curve's cost per episode, per slot (100 slots at the defaults).
    const saved = parseCsv(readFileSync(join(weights, 't2drl', 'learning-curve.csv'), 'utf8'));
    expect(Number(rows.find((row) => row.policy === 't2drl' && row.episode === '1')?.cost)).toBeCloseTo(
      Number(saved[0]?.system_cost) / 100,
      3,
    );
    expect(readFileSync(join(out, 'fig3a.svg'), 'utf8')).toContain('(saved training)');
    expect(readFileSync(join(out, 'report.html'), 'utf8')).toContain('loaded from saved weights');
    const fig4 = parseCsv(readFileSync(join(out, 'fig4b.csv'), 'utf8'));
    expect(fig4.filter((row) => row.policy === 't2drl')).toHaveLength(4);
  }, 180_000);
});
