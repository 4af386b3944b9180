// verify() as a gate a user can trust (issues 15 and 16): it refuses options that would make it
// report a property as holding after no market, it counts the markets on which the mechanism
// traded and warns when (almost) none did, and it passes the mechanism's own options to every
// clear it makes.
import { describe, expect, it } from 'vitest';
import {
  arbitraryMarket,
  buildOutcome,
  DoubleDutchError,
  type FillInput,
  getMechanism,
  type Market,
  type Mechanism,
  MechanismError,
  SeedError,
  VACUOUS_TRADE_SHARE,
  verify,
} from '../../src/index.js';

interface PostedOptions {
  readonly seed?: number;
  readonly price?: number;
}

/**
 * A posted-price mechanism: buyers with value ≥ p and sellers with cost ≤ p are matched in id
 * order, each pair trading at p. IR, DSIC and strongly budget balanced at any p, but it trades
 * nothing when p lies outside the generated prices.
 */
const postedPrice: Mechanism<PostedOptions> = {
  name: 'posted-price',
  description: 'trade at a fixed price p (option price, default 10)',
  claims: { ir: true, dsic: true, weakBudgetBalance: true, strongBudgetBalance: true, efficient: false },
  clear(market: Market, options: PostedOptions = {}) {
    const price = options.price ?? 10;
    const byId = <T extends { id: string }>(a: T, b: T) => (a.id < b.id ? -1 : 1);
    const bids = market.bids.filter((b) => b.value.gte(price)).sort(byId);
    const asks = market.asks.filter((a) => a.cost.lte(price)).sort(byId);
    const fills: FillInput[] = [];
    for (let i = 0; i < Math.min(bids.length, asks.length); i++) {
      fills.push({ id: (bids[i] as { id: string }).id, side: 'buy', quantity: 1, price });
      fills.push({ id: (asks[i] as { id: string }).id, side: 'sell', quantity: 1, price });
    }
    return buildOutcome(market, { mechanism: 'posted-price', fills });
  },
};

function errorOf(fn: () => unknown): DoubleDutchError {
  try {
    fn();
  } catch (error) {
    if (error instanceof DoubleDutchError) return error;
    throw error;
  }
  throw new Error('expected a DoubleDutchError');
}

describe('verify refuses options that would make its answer meaningless', () => {
  it.each([
    [{ numRuns: 0 }, 'numRuns'],
    [{ numRuns: Number.NaN }, 'numRuns'],
    [{ numRuns: -5 }, 'numRuns'],
    [{ numRuns: 2.5 }, 'numRuns'],
    [{ numRuns: '10' }, 'numRuns'],
    [{ properties: 'ir' }, 'properties'],
    [{ arbitrary: { maxBids: -1 } }, 'arbitrary.maxBids'],
    [{ arbitrary: { maxAsks: 1.5 } }, 'arbitrary.maxAsks'],
    [{ arbitrary: { minBids: 9 } }, 'arbitrary.minBids'],
    [{ arbitrary: { priceRange: [5, 1] } }, 'arbitrary.priceRange'],
    [{ arbitrary: { priceRange: [-1, 20] } }, 'arbitrary.priceRange'],
    [{ arbitrary: { priceRange: [0, Number.POSITIVE_INFINITY] } }, 'arbitrary.priceRange'],
    [{ arbitrary: { priceRange: ['0.01', '0.09'] } }, 'arbitrary.priceRange'],
    [{ arbitrary: { decimals: 31 } }, 'arbitrary.decimals'],
    [{ arbitrary: { multiUnit: 0 } }, 'arbitrary.multiUnit'],
    [{ arbitrary: { ties: 'yes' } }, 'arbitrary.ties'],
    [{ mechanismOptions: { seed: 3 } }, 'mechanismOptions.seed'],
  ])('%j is refused naming %s', (options, field) => {
    const error = errorOf(() => verify('mcafee', options as never));
    expect(error.code).toBe('invalid_option');
    expect(error.field).toBe(field);
    expect(error.message.startsWith(`${field}: `)).toBe(true);
  });

  it.each([
    [{ seed: '7' }, 'seed'],
    [{ seed: 1.5 }, 'seed'],
    [{ seed: 2 ** 32 }, 'seed'],
    [{ seed: -1 }, 'seed'],
    [{ mechanismSeed: Number.NaN }, 'mechanismSeed'],
  ])('%j is refused as a seed that would alias another (SeedError naming %s)', (options, field) => {
    const error = errorOf(() => verify('mcafee', options as never));
    expect(error).toBeInstanceOf(SeedError);
    expect([error.code, error.field]).toEqual(['invalid_seed', field]);
  });

  it('arbitraryMarket names the option itself when called directly', () => {
    expect(errorOf(() => arbitraryMarket({ maxBids: -1 })).field).toBe('maxBids');
  });

  it('reads a price range exactly (0.7 with one decimal is 7 steps, not 7.000000000000001)', () => {
    const report = verify(postedPrice, {
      properties: ['ir'],
      numRuns: 20,
      arbitrary: { priceRange: [0.7, 0.7], decimals: 1, ties: false },
      mechanismOptions: { price: 0.7 },
    });
    // Every price is 0.7, so every market with a bid and an ask trades.
    expect(report.results.ir?.holds).toBe(true);
    expect(report.markets.traded).toBeGreaterThan(0);
  });

  it('a mechanism that refuses its options is reported as such, with its error as the cause', () => {
    const error = errorOf(() => verify(getMechanism('k-double'), { mechanismOptions: { k: 2 } }));
    expect([error.code, error.field]).toEqual(['invalid_option', 'mechanismOptions.k']);
    expect(error.message).toContain('k-double refuses k: must be a number in [0, 1]');
    expect(error.cause).toBeInstanceOf(MechanismError);
  });
});

describe('verify counts the markets that traded', () => {
  it('per property and in all, each at most the runs', () => {
    const report = verify('mcafee', { properties: ['ir', 'dsic'], numRuns: 60, seed: 3 });
    expect(report.markets.tried).toBe(60);
    expect(report.markets.traded).toBeGreaterThan(VACUOUS_TRADE_SHARE * 60);
    expect(report.markets.traded).toBeLessThan(60); // some generated markets have no bid or no ask
    expect(report.results.ir?.traded).toBe(report.markets.traded);
    expect(report.results.dsic?.traded).toBe(report.markets.traded); // the same markets, same seed
    expect(report.warnings).toEqual([]);
  });

  it('warns that properties hold vacuously when a posted price lies outside the price range (issue 15)', () => {
    const options = { properties: ['ir', 'dsic'] as const, numRuns: 60 };
    const outside = verify(postedPrice, { ...options, mechanismOptions: { price: 100 } });
    expect(outside.results.ir?.holds).toBe(true);
    expect(outside.results.dsic?.holds).toBe(true);
    expect(outside.markets).toEqual({ tried: 60, traded: 0 });
    expect(outside.warnings).toHaveLength(1);
    expect(outside.warnings[0]).toMatch(/^only 0 of 60 generated markets traded \(prices in \[0, 20\]\)/);
    const widened = verify(postedPrice, {
      ...options,
      mechanismOptions: { price: 100 },
      arbitrary: { priceRange: [0, 200] },
    });
    expect(widened.markets.traded).toBeGreaterThan(VACUOUS_TRADE_SHARE * 60);
    expect(widened.warnings).toEqual([]);
  });

  it('passes the mechanism options to the misreport and permutation re-clears too', () => {
    // At price 5, a seller of cost 3 would gain by a misreport cleared at the default price 10:
    // DSIC holds only if every clear sees the option.
    const report = verify(postedPrice, {
      properties: ['dsic', 'permutation-invariance'],
      numRuns: 60,
      mechanismOptions: { price: 5 },
    });
    expect(report.results.dsic).toMatchObject({ holds: true, runs: 60 });
    expect(report.results['permutation-invariance']).toMatchObject({ holds: true, runs: 60 });
  });

  it('stops counting at the first failure (the shrinking that follows tries other markets)', () => {
    const report = verify('vcg', { properties: ['weak-budget-balance'], numRuns: 200 });
    const result = report.results['weak-budget-balance'];
    expect(result?.holds).toBe(false);
    expect(result?.traded).toBeLessThanOrEqual(result?.runs ?? 0);
    expect(report.markets.tried).toBe(result?.runs);
  });
});
