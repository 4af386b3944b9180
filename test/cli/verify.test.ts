// `doubledutch verify` as a CI gate (issue 15): a claimed property that fails exits non-zero, a
// vacuous pass (no market traded) is flagged, and the market generator and the mechanism's
// options are set from the command line. Runs the built CLI with a plug-in, as a user would.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const packageEntry = new URL('../../dist/src/index.js', import.meta.url).href;
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

const dir = mkdtempSync(join(tmpdir(), 'dd-verify-'));
const plugin = join(dir, 'broken.mjs');
// pay-the-top claims IR but charges every trading buyer one above its value: broken on purpose.
// posted-price is IR, DSIC and budget balanced at any price p, but trades nothing when p lies
// outside the generated prices.
writeFileSync(
  plugin,
  `import { buildOutcome, orderStatistics, registerMechanism } from ${JSON.stringify(packageEntry)};
registerMechanism({
  name: 'pay-the-top',
  description: 'every efficient pair trades at the buyer\\'s report plus one',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: false, efficient: true },
  clear(market) {
    const st = orderStatistics(market);
    const fills = [];
    for (let i = 1; i <= st.k; i++) {
      const price = st.bid(i).plus(1);
      fills.push({ id: st.bidder(i), side: 'buy', quantity: 1, price });
      fills.push({ id: st.asker(i), side: 'sell', quantity: 1, price });
    }
    return buildOutcome(market, { mechanism: 'pay-the-top', fills });
  },
});
registerMechanism({
  name: 'posted-price',
  description: 'buyers with value ≥ p and sellers with cost ≤ p trade at p (option price)',
  claims: { ir: true, dsic: true, weakBudgetBalance: true, strongBudgetBalance: true, efficient: false, welfareBound: false },
  clear(market, options = {}) {
    const price = options.price ?? 10;
    const byId = (a, b) => (a.id < b.id ? -1 : 1);
    const bids = market.bids.filter((b) => b.value.gte(price)).sort(byId);
    const asks = market.asks.filter((a) => a.cost.lte(price)).sort(byId);
    const fills = [];
    for (let i = 0; i < Math.min(bids.length, asks.length); i++) {
      fills.push({ id: bids[i].id, side: 'buy', quantity: 1, price });
      fills.push({ id: asks[i].id, side: 'sell', quantity: 1, price });
    }
    return buildOutcome(market, { mechanism: 'posted-price', fills });
  },
});
`,
);

describe('doubledutch verify', () => {
  it('exits 1 when a claimed property fails, naming it on stderr (issue 15)', () => {
    const r = run(
      'verify',
      '--plugin',
      plugin,
      '--mechanism',
      'pay-the-top',
      '--properties',
      'ir,dsic',
      '--runs',
      '30',
    );
    expect(r.status).toBe(1);
    expect(r.stdout).toMatch(/ir\s+yes\s+FAILS/);
    expect(r.stdout).toMatch(/dsic\s+no\s+FAILS/);
    expect(r.stderr.trim()).toBe(
      'doubledutch verify: pay-the-top claims ir but it fails (counterexample above)',
    );
  });

  it('exits 0 when only unclaimed properties fail', () => {
    const r = run(
      'verify',
      '--plugin',
      plugin,
      '--mechanism',
      'pay-the-top',
      '--properties',
      'dsic',
      '--runs',
      '30',
    );
    expect(r.status, r.stderr).toBe(0);
    expect(r.stderr).toBe('');
  });

  it('warns when no generated market traded, and says how many did (issue 15)', () => {
    const args = ['verify', '--plugin', plugin, '--mechanism', 'posted-price', '--properties', 'ir,dsic'];
    const vacuous = run(...args, '--runs', '40', '--mechanism-option', 'price=100');
    expect(vacuous.status, vacuous.stderr).toBe(0);
    expect(vacuous.stdout).toContain('verify posted-price, options price=100: 40 markets per property');
    expect(vacuous.stdout).toMatch(/ir\s+yes\s+holds\s+40\s+0/);
    expect(vacuous.stdout).toContain('0 of 40 generated markets traded.');
    expect(vacuous.stderr).toMatch(
      /^doubledutch verify: warning: only 0 of 40 generated markets traded \(prices in \[0, 20\]\)/,
    );
    expect(vacuous.stderr.trim().split('\n')).toHaveLength(1);
    const widened = run(...args, '--runs', '40', '--mechanism-option', 'price=100', '--price-range', '0,200');
    expect(widened.status, widened.stderr).toBe(0);
    expect(widened.stderr).toBe('');
    expect(widened.stdout).toContain('prices in [0, 200]');
    expect(widened.stdout).not.toContain(' 0 of 40 generated markets traded');
  });

  it('generates markets with the decimals and sizes asked for', () => {
    const r = run(
      'verify',
      '--plugin',
      plugin,
      '--mechanism',
      'pay-the-top',
      '--properties',
      'ir',
      '--price-range',
      '0.5,0.9',
      '--decimals',
      '2',
      '--min-orders',
      '2',
      '--max-orders',
      '2',
    );
    expect(r.status).toBe(1);
    const market = JSON.parse(/market: (.*)/.exec(r.stdout)?.[1] ?? 'null');
    // fast-check shrinks towards the smallest market, which still has 2 orders a side in [0.5, 0.9].
    expect(market.bids).toHaveLength(2);
    expect(market.asks).toHaveLength(2);
    for (const price of [
      ...market.bids.map((b: { value: string }) => b.value),
      ...market.asks.map((a: { cost: string }) => a.cost),
    ])
      expect(Number(price) >= 0.5 && Number(price) <= 0.9).toBe(true);
  });

  it.each([
    [
      ['--mechanism', 'k-double', '--mechanism-option', 'k=2'],
      '--mechanism-option: k-double refuses k: must be a number in [0, 1], got 2',
    ],
    [['--mechanism', 'mcafee', '--seed', '1.5'], "--seed: must be an integer in [0, 4294967295], got '1.5'"],
    [['--mechanism', 'mcafee', '--seed', '4294967296'], '--seed: must be an integer in [0, 4294967295]'],
    [['--mechanism', 'mcafee', '--runs', '0'], '--runs: must be an integer ≥ 1'],
    [
      ['--mechanism', 'mcafee', '--price-range', '5,1'],
      '--price-range: must be [low, high] with 0 ≤ low ≤ high',
    ],
    [['--mechanism', 'mcafee', '--price-range', '5'], '--price-range: must be LOW,HIGH'],
    [['--mechanism', 'mcafee', '--decimals', '31'], '--decimals: must be an integer in [0, 30]'],
    [
      ['--mechanism', 'mcafee', '--min-orders', '9'],
      '--min-orders: must be at most the orders a side may have (8), got 9',
    ],
    [['--mechanism', 'mcafee', '--mechanism-option', 'seed=1'], '--mechanism-option: must be KEY=VALUE'],
  ])('refuses %j in one line with exit 2', (args, message) => {
    const r = run('verify', ...args);
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.stderr).toContain(`doubledutch verify: ${message}`);
  });
});
