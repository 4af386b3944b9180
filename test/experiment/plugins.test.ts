// Plug-ins on the command line: a module that registers a mechanism and a policy is loaded with
// --plugin before the command runs, and in every sweep worker; `scenario` writes a complete file.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { loadScenario } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const packageEntry = new URL('../../dist/src/index.js', import.meta.url).href;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'dd-plugin-'));
const plugin = join(dir, 'my-plugin.mjs');
// Pay-as-bid (the docs' single-unit example of a mechanism that is not truthful), McAfee under
// another name, and a policy that sends everything to the cloud under another name.
writeFileSync(
  plugin,
  `import { buildOutcome, getMechanism, getPolicy, orderStatistics, registerMechanism, registerPolicy } from ${JSON.stringify(packageEntry)};
registerMechanism({
  name: 'pay-as-bid',
  description: 'the k efficient pairs trade, each at its own report',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: false, efficient: true },
  clear(market) {
    const stats = orderStatistics(market);
    const fills = [];
    for (let i = 1; i <= stats.k; i++) {
      fills.push({ id: stats.bidder(i), side: 'buy', quantity: 1, price: stats.bid(i) });
      fills.push({ id: stats.asker(i), side: 'sell', quantity: 1, price: stats.ask(i) });
    }
    return buildOutcome(market, { mechanism: 'pay-as-bid', fills });
  },
});
registerMechanism({ ...getMechanism('mcafee'), name: 'my-mcafee' });
registerPolicy('all-cloud', 'everything to the cloud', (context) => ({ ...getPolicy('cloud-only', context), name: 'all-cloud' }));
`,
);

describe('--plugin', () => {
  it('verify finds pay-as-bid manipulable and individually rational', () => {
    const r = run(
      'verify',
      '--mechanism',
      'pay-as-bid',
      '--properties',
      'ir,dsic',
      '--runs',
      '30',
      '--plugin',
      plugin,
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stdout).toMatch(/ir\s+yes\s+holds/);
    expect(r.stdout).toMatch(/dsic\s+no\s+FAILS/);
  });

  it('a sweep runs the plug-in mechanism and policy in its worker threads', () => {
    const scenario = join(dir, 'scenario.json');
    const written = run('scenario', '--out', scenario);
    expect(written.status, written.stderr).toBe(0);
    const full = JSON.parse(readFileSync(scenario, 'utf8'));
    writeFileSync(scenario, JSON.stringify({ ...full, durationS: 300 }));
    const grid = join(dir, 'grid.json');
    writeFileSync(
      grid,
      JSON.stringify({
        scenario: 'scenario.json',
        policies: ['all-cloud', 'lru'],
        mechanisms: ['my-mcafee'],
        seeds: [1],
      }),
    );
    const out = join(dir, 'sweep');
    const swept = run('sweep', '--grid', grid, '--out', out, '--workers', '2', '--quiet', '--plugin', plugin);
    expect(swept.status, swept.stderr).toBe(0);
    const merged = run('merge', out, '--out', join(dir, 'merged'));
    expect(merged.status, merged.stderr).toBe(0);
    const rows = parseCsv(readFileSync(join(dir, 'merged', 'summary.csv'), 'utf8'));
    expect(rows.map((r) => `${r.policy}/${r.mechanism}`).sort()).toEqual([
      'all-cloud/my-mcafee',
      'lru/my-mcafee',
    ]);
    expect(rows.find((r) => r.policy === 'all-cloud')?.edge_share).toBe('0');
  }, 60_000);

  it('a plug-in that cannot be loaded is one line and exit 1; without it the names are unknown', () => {
    const missing = run('verify', '--mechanism', 'pay-as-bid', '--plugin', join(dir, 'nope.mjs'));
    expect(missing.status).toBe(1);
    expect(missing.stderr.trim().split('\n')).toHaveLength(1);
    expect(missing.stderr).toContain('no such file (give the path of a JavaScript module)');
    const unknown = run('verify', '--mechanism', 'pay-as-bid');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toContain("unknown mechanism 'pay-as-bid'");
  });
});

describe('doubledutch scenario', () => {
  it('writes the default scenario as a complete file that loads back unchanged', () => {
    const path = join(dir, 'default.json');
    expect(run('scenario', '--out', path).status).toBe(0);
    const shift = join(dir, 'shift.json');
    expect(run('scenario', '--shift', '--out', shift).status).toBe(0);
    expect(loadScenario(path).workload).not.toHaveProperty('popularityShiftAtS');
    expect(loadScenario(shift).workload).toHaveProperty('popularityShiftAtS', 1800);
    expect(JSON.parse(run('scenario').stdout)).toEqual(loadScenario(path));
    const toDir = run('scenario', '--out', dir);
    expect(toDir.status).toBe(2);
    expect(toDir.stderr.trim().split('\n')).toHaveLength(1);
    expect(toDir.stderr).toContain('is a directory');
  });

  it('a scenario file finds its trace file beside it', () => {
    const sub = join(dir, 'moved');
    mkdirSync(sub);
    writeFileSync(
      join(sub, 'trace.csv'),
      'arrived_at,num_prefill_tokens,num_decode_tokens\n1,100,10\n2,200,20\n',
    );
    const path = join(sub, 'scenario.json');
    const full = JSON.parse(run('scenario').stdout);
    writeFileSync(
      path,
      JSON.stringify({ ...full, workload: { kind: 'trace', format: 'azure', source: 'trace.csv' } }),
    );
    const loaded = loadScenario(path);
    expect(loaded.workload).toMatchObject({ kind: 'trace', source: join(sub, 'trace.csv') });
    const elsewhere = run(
      'run',
      '--scenario',
      path,
      '--policy',
      'lru',
      '--mechanism',
      'none',
      '--out',
      join(dir, 'moved-out'),
      '--quiet',
    );
    expect(elsewhere.status, elsewhere.stderr).toBe(0);
  });
});
