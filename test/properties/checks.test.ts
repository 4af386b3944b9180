// Unit tests of each property check on hand-made outcomes, and of verify() on user mechanisms
// written with buildOutcome.
import { describe, expect, it } from 'vitest';
import {
  buildOutcome,
  checkDsic,
  checkEfficiency,
  checkFeasibility,
  checkIr,
  checkMisreport,
  checkPermutationInvariance,
  checkStrongBudgetBalance,
  checkWeakBudgetBalance,
  checkWelfareBound,
  createMarket,
  criticalMisreports,
  Decimal,
  type FillInput,
  getMechanism,
  type Market,
  type Mechanism,
  orderStatistics,
  SeedError,
  verify,
} from '../../src/index.js';

// Bids 10, 9, 7, 4; asks 2, 3, 6, 8: k = 3, [L, H] = [6, 7], OPT = 15.
const market = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});
const outcomeOf = (fills: FillInput[]) => buildOutcome(market, { mechanism: 'hand', fills });
const pair = (bid: string, buyPrice: number, ask: string, sellPrice: number): FillInput[] => [
  { id: bid, side: 'buy', quantity: 1, price: buyPrice },
  { id: ask, side: 'sell', quantity: 1, price: sellPrice },
];

describe('single-outcome checks', () => {
  it('ir fails when a buyer pays above its value, and names it', () => {
    const check = checkIr(market, outcomeOf(pair('b3', 8, 's1', 2)));
    expect(check.holds).toBe(false);
    expect(check.participant).toBe('b3');
    expect(check.reason).toBe('buyer b3 pays 8 per unit, above its value 7');
    expect(checkIr(market, outcomeOf(pair('b3', 7, 's3', 6))).holds).toBe(true);
  });

  it('ir fails when a seller receives below its cost', () => {
    expect(checkIr(market, outcomeOf(pair('b1', 5, 's3', 5))).participant).toBe('s3');
  });

  it('budget balance: surplus 1 is weak but not strong; −1 is neither; 0 is both', () => {
    const plus = outcomeOf(pair('b1', 6, 's1', 5));
    const minus = outcomeOf(pair('b1', 5, 's1', 6));
    const zero = outcomeOf(pair('b1', 5, 's1', 5));
    expect([
      checkWeakBudgetBalance(market, plus).holds,
      checkStrongBudgetBalance(market, plus).holds,
    ]).toEqual([true, false]);
    expect([
      checkWeakBudgetBalance(market, minus).holds,
      checkStrongBudgetBalance(market, minus).holds,
    ]).toEqual([false, false]);
    expect([
      checkWeakBudgetBalance(market, zero).holds,
      checkStrongBudgetBalance(market, zero).holds,
    ]).toEqual([true, true]);
  });

  it('efficiency and the welfare bound: one pair (b1, s1) gives 8 of OPT 15, below (1 − 1/3)·15 = 10', () => {
    const one = outcomeOf(pair('b1', 5, 's1', 5));
    expect(checkEfficiency(market, one).holds).toBe(false);
    expect(checkWelfareBound(market, one).holds).toBe(false);
    // Two pairs: 8 + 6 = 14 ≥ 10, still below 15.
    const two = outcomeOf([...pair('b1', 5, 's1', 5), ...pair('b2', 5, 's2', 5)]);
    expect(checkEfficiency(market, two).holds).toBe(false);
    expect(checkWelfareBound(market, two).holds).toBe(true);
  });

  it('feasibility catches an outcome whose reported surplus its fills do not imply', () => {
    const honest = outcomeOf(pair('b1', 6, 's1', 5));
    expect(checkFeasibility(market, honest).holds).toBe(true);
    const lying = { ...honest, surplus: new Decimal(0) };
    expect(checkFeasibility(market, lying).reason).toBe('reports surplus 0, its fills imply 1');
    const overfilled = {
      ...honest,
      fills: [...honest.fills, { id: 'b2', side: 'buy' as const, quantity: 1, price: new Decimal(6) }],
    };
    expect(checkFeasibility(market, overfilled).holds).toBe(false);
  });
});

describe('dsic', () => {
  it('the critical set holds every report ± one step, L, H, p0, 0 and the maximum + step', () => {
    const points = criticalMisreports(market).map(String);
    for (const p of ['0', '1', '2', '3', '5', '6', '7', '8', '9', '10', '11']) expect(points).toContain(p);
    expect(points).not.toContain('-1');
    // A decimal market's step is its smallest decimal place.
    const decimal = createMarket({ bids: [{ id: 'b', value: '1.25' }], asks: [{ id: 's', cost: 1 }] });
    expect(criticalMisreports(decimal).map(String)).toContain('1.24');
  });

  it('average: buyer b1 (value 10) in bids 10, 4 / asks 2, 8 gains 1 by reporting 8 (price 6 → 5)', () => {
    const m = createMarket({
      bids: [
        { id: 'b1', value: 10 },
        { id: 'b2', value: 4 },
      ],
      asks: [
        { id: 's1', cost: 2 },
        { id: 's2', cost: 8 },
      ],
    });
    const check = checkMisreport(getMechanism('average'), m, { id: 'b1', side: 'buy' }, new Decimal(8));
    expect(check.holds).toBe(false);
    expect(check.gain).toBe('1');
    expect(checkDsic(getMechanism('average'), m).holds).toBe(false);
    expect(checkDsic(getMechanism('mcafee'), m).holds).toBe(true);
  });

  it('compares exact expected utilities over a lottery (sbba): a seller in the pool has E[u] = (2/3)·(7 − c)', () => {
    // In the textbook market SBBA draws 2 of s1, s2, s3 at price 7. If s3 reports 9 it leaves the
    // pool (k drops to 2); its expected utility 2/3 · (7 − 6) = 2/3 falls to 0: no gain.
    const sbba = getMechanism('sbba');
    expect(checkMisreport(sbba, market, { id: 's3', side: 'sell' }, new Decimal(9)).holds).toBe(true);
    expect(checkDsic(sbba, market).holds).toBe(true);
  });
});

// User-written mechanisms, built with buildOutcome, go through the same door as ours.
function efficientPairs(market: Market, price: (i: number, side: 'buy' | 'sell') => Decimal): FillInput[] {
  const stats = orderStatistics(market);
  const fills: FillInput[] = [];
  for (let i = 1; i <= stats.k; i++) {
    fills.push({ id: stats.bidder(i) as string, side: 'buy', quantity: 1, price: price(i, 'buy') });
    fills.push({ id: stats.asker(i) as string, side: 'sell', quantity: 1, price: price(i, 'sell') });
  }
  return fills;
}

const payAsBid: Mechanism = {
  name: 'pay-as-bid',
  description: 'each efficient trader pays or receives its own report',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: false, efficient: true },
  clear: (m) => {
    const stats = orderStatistics(m);
    return buildOutcome(m, {
      mechanism: 'pay-as-bid',
      fills: efficientPairs(m, (i, side) =>
        side === 'buy' ? (stats.bid(i) as Decimal) : (stats.ask(i) as Decimal),
      ),
    });
  },
};

const overcharging: Mechanism = {
  name: 'overcharging',
  description: 'welfare-max, but buyers pay one unit more',
  claims: { ir: true, dsic: false, weakBudgetBalance: true, strongBudgetBalance: false, efficient: true },
  clear: (m) => {
    const interval = orderStatistics(m).clearingInterval;
    const mid = interval === undefined ? new Decimal(0) : interval[0].plus(interval[1]).div(2);
    return buildOutcome(m, {
      mechanism: 'overcharging',
      fills: efficientPairs(m, (_i, side) => (side === 'buy' ? mid.plus(1) : mid)),
    });
  },
};

describe('verify on user mechanisms', () => {
  it('pay-as-bid is IR, efficient and budget balanced, and verify shows it is not truthful', () => {
    const report = verify(payAsBid, { numRuns: 200, seed: 5 });
    expect(report.results.ir?.holds).toBe(true);
    expect(report.results.efficiency?.holds).toBe(true);
    expect(report.results['weak-budget-balance']?.holds).toBe(true);
    const dsic = report.results.dsic;
    expect(dsic?.holds).toBe(false);
    expect(dsic?.counterexample?.misreport).toBeDefined();
    expect(new Decimal(dsic?.counterexample?.gain ?? 0).gt(0)).toBe(true);
  });

  it('a mechanism that overcharges buyers is caught violating IR, with a shrunk, replayable counterexample', () => {
    const result = verify(overcharging, { properties: ['ir'], numRuns: 200, seed: 5 }).results.ir;
    expect(result?.holds).toBe(false);
    const example = result?.counterexample;
    expect(example?.reason).toMatch(/^buyer b\d+ pays .* above its value/);
    // Replaying the pasted counterexample reproduces the failure.
    const replay = createMarket(example?.market as never);
    expect(checkIr(replay, overcharging.clear(replay)).holds).toBe(false);
    // Shrunk: one buyer and one seller suffice.
    expect(example?.market.bids.length).toBe(1);
    expect(example?.market.asks.length).toBe(1);
  });

  it('rejects an unknown property by name', () => {
    expect(() => verify('mcafee', { properties: ['truthful' as never] })).toThrow(
      /unknown property 'truthful'/,
    );
  });
});

describe('the checks refuse seeds that would alias another (issue 16)', () => {
  const mcafee = getMechanism('mcafee');
  it.each([
    ['checkDsic', () => checkDsic(mcafee, market, { seed: 1.5 }), 'options.seed'],
    [
      'checkMisreport',
      () => checkMisreport(mcafee, market, { id: 'b1', side: 'buy' }, new Decimal(8), { seed: 2 ** 32 }),
      'options.seed',
    ],
    ['checkPermutationInvariance', () => checkPermutationInvariance(mcafee, market, -1), 'permutationSeed'],
  ])('%s', (_name, call, field) => {
    expect(call).toThrow(SeedError);
    expect(call).toThrow(`${field}: must be an integer in [0, 4294967295]`);
  });
});
