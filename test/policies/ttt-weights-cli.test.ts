// `run`/`compare --weights DIR` (issue 13 item 4): t2drl and ppo, and the online family
// (t2drl-online, drl-frozen, t2drl-pair), load the directory's weights, the run warns in one line
// when they were trained on another scenario, and a directory without them (or with another
// policy's) is one line naming the flag (the built CLI, as a user runs it).
import { spawnSync } from 'node:child_process';
import { cpSync, existsSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, it } from 'vitest';
import { weightsDirFor } from '../../policies/t2drl/ttt/weights-dir.js';
import { defaultScenario } from '../../src/index.js';
import { saveWeightsTrainedElsewhere } from '../saved-weights.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });
const dir = mkdtempSync(join(tmpdir(), 'dd-weights-'));

beforeAll(async () => {
  for (const kind of ['t2drl', 'ppo'] as const)
    await saveWeightsTrainedElsewhere(join(dir, kind, 'weights'), kind, 'physical', 12, 3);
});

describe('--weights', () => {
  it("finds a policy's weights in DIR, DIR/weights, DIR/KIND or DIR/KIND/weights, by the policy meta.json names", () => {
    expect(weightsDirFor('t2drl', dir)).toBe(join(dir, 't2drl', 'weights'));
    expect(weightsDirFor('ppo', join(dir, 'ppo'))).toBe(join(dir, 'ppo', 'weights'));
    expect(weightsDirFor('ppo', join(dir, 't2drl'))).toBeUndefined();
    expect(weightsDirFor('t2drl', join(dir, 'nowhere'))).toBeUndefined();
  });

  it('run uses them and warns once that they were trained on another scenario; a directory without them is one line', () => {
    const tiny = join(dir, 'tiny.json');
    writeFileSync(tiny, JSON.stringify({ ...defaultScenario(), durationS: 120 }));
    const common = ['--scenario', tiny, '--mechanism', 'none', '--quiet', '--overwrite'];
    const ok = run('run', ...common, '--policy', 't2drl', '--weights', dir, '--out', join(dir, 'out'));
    expect(ok.status, ok.stderr).toBe(0);
    const lines = ok.stderr.trim().split('\n');
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/t2drl: weights trained on scenario 'elsewhere'/);
    const missing = run(
      'run',
      ...common,
      '--policy',
      't2drl',
      '--weights',
      join(dir, 'ppo'),
      '--out',
      join(dir, 'o2'),
    );
    expect(missing.status).not.toBe(0);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toMatch(/--weights: .*no t2drl weights there/);
    const unused = run('run', ...common, '--policy', 'lru', '--weights', dir, '--out', join(dir, 'o3'));
    expect(unused.status).not.toBe(0);
    expect(unused.stderr).toMatch(
      /--weights applies to t2drl, ppo, t2drl-online, drl-frozen and t2drl-pair, and none is run \(lru\)/,
    );
  }, 60_000);

  it("a directory holding some learners' weights runs those, and the others their shipped weights, saying so", () => {
    const tiny = join(dir, 'tiny-partial.json');
    writeFileSync(tiny, JSON.stringify({ ...defaultScenario(), durationS: 120 }));
    const args = ['--scenario', tiny, '--mechanisms', 'none', '--seeds', '1', '--quiet', '--overwrite'];
    // join(dir, 't2drl') is a train --out directory of t2drl alone.
    const r = run(
      'compare',
      ...args,
      '--policies',
      't2drl,ppo',
      '--weights',
      join(dir, 't2drl'),
      '--out',
      join(dir, 'partial'),
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    expect(lines).toContain(
      `--weights: no ppo weights in ${join(dir, 't2drl')}; ppo runs its shipped weights`,
    );
    expect(lines.some((l) => /^t2drl: weights trained on scenario 'elsewhere'/.test(l))).toBe(true);
    // The ppo row is the shipped network's: the same cost as a run without --weights.
    const shipped = run('compare', ...args, '--policies', 'ppo', '--out', join(dir, 'partial-shipped'));
    expect(shipped.status, shipped.stderr).toBe(0);
    const cost = (out: string, policy: string) =>
      readFileSync(join(dir, out, 'summary.csv'), 'utf8')
        .split('\n')
        .find((line) => line.startsWith(`${policy},none,`))
        ?.split(',')[3];
    expect(cost('partial', 'ppo')).toBeDefined();
    expect(cost('partial', 'ppo')).toBe(cost('partial-shipped', 'ppo'));
  }, 60_000);

  it("train --scenario paper trains on the paper's environment and saves weights that say so", () => {
    const out = join(dir, 'paper-train');
    const r = run(
      'train',
      '--policy',
      'ppo',
      '--scenario',
      'paper',
      '--episodes',
      '2',
      '--out',
      out,
      '--quiet',
    );
    expect(r.status, r.stderr).toBe(0);
    const meta = JSON.parse(readFileSync(join(out, 'weights', 'meta.json'), 'utf8')) as Record<
      string,
      unknown
    >;
    expect(meta.environment).toBe('paper');
    expect(meta.policy).toBe('ppo');
    expect(meta.scenarioName).toBe('paper');
    const online = run(
      'train',
      '--policy',
      't2drl-online',
      '--scenario',
      'paper',
      '--out',
      join(dir, 'x'),
      '--quiet',
    );
    expect(online.status).not.toBe(0);
    expect(online.stderr.trim().split('\n')).toHaveLength(1);
    expect(online.stderr).toMatch(/--policy.*physical model only/);
  }, 120_000);

  it("train --scenario paper without --out writes results/POLICY-paper, not the physical model's results/POLICY", () => {
    const cwd = mkdtempSync(join(tmpdir(), 'dd-train-default-'));
    const r = spawnSync(
      process.execPath,
      [cli, 'train', '--policy', 'ppo', '--scenario', 'paper', '--episodes', '1', '--quiet'],
      { encoding: 'utf8', cwd },
    );
    expect(r.status, r.stderr).toBe(0);
    const meta = JSON.parse(
      readFileSync(join(cwd, 'results', 'ppo-paper', 'weights', 'meta.json'), 'utf8'),
    ) as Record<string, unknown>;
    expect(meta.environment).toBe('paper');
    expect(existsSync(join(cwd, 'results', 'ppo'))).toBe(false);
    expect(spawnSync(process.execPath, [cli, 'help', 'train'], { encoding: 'utf8' }).stdout).toMatch(
      /--out DIR +default: results\/POLICY, or results\/POLICY-paper on the paper's model/,
    );
  }, 60_000);

  it.each([['physical'], ['paper']])(
    'train --restarts 2 on the %s model records every restart in meta.json, and keeps the cheapest',
    (scenario) => {
      const out = join(dir, `restarts-${scenario}`);
      const r = run(
        'train',
        ...['--policy', 'ppo', '--scenario', scenario, '--episodes', '1', '--restarts', '2'],
        ...['--out', out, '--quiet'],
      );
      expect(r.status, r.stderr).toBe(0);
      const meta = JSON.parse(readFileSync(join(out, 'weights', 'meta.json'), 'utf8')) as {
        seed: number;
        restarts?: { seed: number; validationCost: number }[];
      };
      expect(meta.restarts?.map((x) => x.seed)).toEqual([1, 2]);
      const best = [...(meta.restarts ?? [])].sort((a, b) => a.validationCost - b.validationCost)[0];
      expect(meta.seed).toBe(best?.seed);
    },
    120_000,
  );

  it('the online family (t2drl-online, drl-frozen, t2drl-pair) warns too when its shipped weights meet another scenario', () => {
    const tiny = join(dir, 'tiny-online.json');
    writeFileSync(tiny, JSON.stringify({ ...defaultScenario(), durationS: 120 }));
    const r = run(
      'compare',
      ...['--scenario', tiny, '--policies', 't2drl-online,drl-frozen,t2drl-pair', '--mechanisms', 'none'],
      ...['--seeds', '1,2', '--out', join(dir, 'online'), '--quiet'],
    );
    expect(r.status, r.stderr).toBe(0);
    const lines = r.stderr.trim().split('\n');
    for (const policy of ['t2drl-online', 'drl-frozen', 't2drl-pair'])
      expect(
        lines.filter((l) => l.startsWith(`${policy}: weights trained on a scenario with hash `)),
        policy,
      ).toHaveLength(1);
    const same = run(
      'run',
      ...['--policy', 'drl-frozen', '--mechanism', 'none', '--out', join(dir, 'online-default'), '--quiet'],
    );
    expect(same.status, same.stderr).toBe(0);
    expect(same.stderr).toBe('');
  }, 120_000);

  it('the online family loads train --policy t2drl-online weights from --weights; weights of another kind are refused in one line', () => {
    const trained = join(dir, 'online-train');
    const pair = join(dir, 'trained', 't2drl-pair');
    for (const [out, extra] of [
      [trained, []],
      [pair, ['--credit', 'pair']],
    ] as const) {
      const r = run(
        'train',
        '--policy',
        't2drl-online',
        '--episodes',
        '2',
        ...extra,
        '--out',
        out,
        '--quiet',
      );
      expect(r.status, r.stderr).toBe(0);
    }
    // A folder of several trained policies: t2drl-online's network serves drl-frozen too.
    const folder = join(dir, 'trained');
    cpSync(trained, join(folder, 't2drl-online'), { recursive: true });
    expect(weightsDirFor('t2drl-online', trained)).toBe(join(trained, 'weights'));
    expect(weightsDirFor('drl-frozen', folder)).toBe(join(folder, 't2drl-online', 'weights'));
    expect(weightsDirFor('t2drl-pair', folder)).toBe(join(pair, 'weights'));
    expect(weightsDirFor('t2drl-pair', trained)).toBeUndefined();
    expect(weightsDirFor('t2drl-online', pair)).toBeUndefined();
    expect(weightsDirFor('t2drl', folder)).toBeUndefined();

    const tiny = join(dir, 'tiny-own.json');
    writeFileSync(tiny, JSON.stringify({ ...defaultScenario(), durationS: 120 }));
    const common = ['--scenario', tiny, '--mechanisms', 'none', '--seeds', '1', '--quiet', '--overwrite'];
    const policies = ['--policies', 't2drl-online,drl-frozen,t2drl-pair'];
    const costs = (out: string) =>
      readFileSync(join(out, 'summary.csv'), 'utf8')
        .trim()
        .split('\n')
        .slice(1)
        .map((line) => Number(line.split(',')[3]));
    const shipped = run('compare', ...common, ...policies, '--out', join(dir, 'own-shipped'));
    expect(shipped.status, shipped.stderr).toBe(0);
    const own = run('compare', ...common, ...policies, '--weights', folder, '--out', join(dir, 'own'));
    expect(own.status, own.stderr).toBe(0);
    // Two episodes from a fresh network decide otherwise than the shipped 600-episode ones.
    const [a, b] = [costs(join(dir, 'own-shipped')), costs(join(dir, 'own'))];
    expect(a).toHaveLength(3);
    expect(b).toHaveLength(3);
    for (let i = 0; i < 3; i++) expect(b[i], `policy ${i}`).not.toBe(a[i]);
    // Trained on the default scenario, run on another: the warning still comes, once per policy.
    for (const policy of ['t2drl-online', 'drl-frozen', 't2drl-pair'])
      expect(
        own.stderr.split('\n').filter((l) => l.startsWith(`${policy}: weights trained on`)),
      ).toHaveLength(1);

    const runOne = (policy: string, weights: string) =>
      run(
        'run',
        '--scenario',
        tiny,
        '--mechanism',
        'none',
        '--policy',
        policy,
        '--weights',
        weights,
        '--quiet',
        '--overwrite',
        '--out',
        join(dir, 'own-x'),
      );
    const ttt = runOne('t2drl-online', join(dir, 't2drl'));
    expect(ttt.status).toBe(2);
    expect(ttt.stderr.trim().split('\n')).toHaveLength(1);
    expect(ttt.stderr).toMatch(
      /--weights: .*no t2drl-online weights there: .*t2drl\/weights holds t2drl's weights; train --policy t2drl-online writes/,
    );
    const slot = runOne('t2drl-pair', trained);
    expect(slot.status).toBe(2);
    expect(slot.stderr.trim().split('\n')).toHaveLength(1);
    expect(slot.stderr).toMatch(
      /no t2drl-pair weights there: .*online-train\/weights holds t2drl-online's network .*train --policy t2drl-online --credit pair writes/,
    );
    const online = runOne('t2drl', trained);
    expect(online.status).toBe(2);
    expect(online.stderr).toMatch(/no t2drl weights there: .*holds t2drl-online's network/);
  }, 180_000);
});
