// `doubledutch reproduce` as a user runs it (the built CLI; `npm run build` first): progress moves
// while T2DRL and PPO train, Ctrl-C during training stops at once and writes nothing, --quiet is
// silent, and --weights DIR uses saved networks and their saved learning curves instead of training.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { savedCurve } from '../../src/experiment/reproduce/learners.js';
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

  it('a saved learning curve is optional, but one that is there and malformed is refused in one line', () => {
    const weights = join(dir, 'curves');
    mkdirSync(join(weights, 'weights'), { recursive: true });
    const at = join(weights, 'weights');
    expect(savedCurve(at, 100)).toBeUndefined();
    writeFileSync(
      join(weights, 'learning-curve.csv'),
      'episode,system_cost,moving_average\n1,80,80\n2,70,75\n',
    );
    expect(savedCurve(at, 100)).toEqual([
      { episode: 1, cost: 0.8 },
      { episode: 2, cost: 0.7 },
    ]);
    for (const [text, why] of [
      ['episode,system_cost\n', /no rows/],
      ['episode,system_cost\n1,80\n1,70\n', /row 2: episode '1' is not a whole number above 1/],
      ['episode,system_cost\n1,lots\n', /row 1: system_cost 'lots' is not a number/],
      ['cost\n80\n', /row 1: episode '' is not a whole number/],
      ['episode,system_cost\n1,"80\n', /never closed/],
    ] as const) {
      writeFileSync(join(weights, 'learning-curve.csv'), text);
      expect(() => savedCurve(at, 100), text).toThrow(why);
    }
  });

  it('reproduce --weights with a malformed learning-curve.csv: one line, exit 1, nothing written', () => {
    const weights = join(dir, 'malformed');
    for (const kind of ['t2drl', 'ppo']) {
      const t = run(
        ...['train', '--policy', kind, '--scenario', 'paper', '--episodes', '1'],
        ...['--out', join(weights, kind), '--quiet'],
      );
      expect(t.status, t.stderr).toBe(0);
    }
    writeFileSync(join(weights, 'ppo', 'learning-curve.csv'), 'episode,system_cost\n1,not-a-cost\n');
    const out = join(dir, 'malformed-out');
    const r = run('reproduce', '--quick', '--weights', weights, '--quiet', '--out', out);
    expect(r.status).toBe(1);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`${join(weights, 'ppo', 'learning-curve.csv')}: not a learning curve`);
    expect(existsSync(out)).toBe(false);
  }, 60_000);
});
