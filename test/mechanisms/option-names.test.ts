// A misspelled mechanism option is refused, naming it and the closest known name, instead of being
// silently ignored (`getMechanism('dda').clear(m, { tik: '0.1' })` ran with the default tick).
import { describe, expect, it } from 'vitest';
import { checkMechanismOptions } from '../../src/cli/mechanism-options.js';
import { marketOptions } from '../../src/experiment/slot-market.js';
import {
  buildOutcome,
  type ClearOptions,
  COMMON_OPTIONS,
  checkOptionNames,
  compare,
  createMarket,
  DoubleDutchError,
  defaultScenario,
  getMechanism,
  listMechanisms,
  type Market,
  type Mechanism,
  MechanismError,
  optionsFor,
  verify,
} from '../../src/index.js';

const market = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});

function errorOf(f: () => unknown): DoubleDutchError {
  try {
    f();
  } catch (error) {
    if (error instanceof DoubleDutchError) return error;
    throw error;
  }
  throw new Error('expected a DoubleDutchError');
}

describe('built-in mechanisms refuse option names they do not take', () => {
  it("dda with { tik: '0.1' } fails naming tik and suggesting tick", () => {
    const error = errorOf(() => getMechanism('dda').clear(market, { tik: '0.1' } as never));
    expect(error).toBeInstanceOf(MechanismError);
    expect(error.code).toBe('unknown_option');
    expect(error.field).toBe('options.tik');
    expect(error.message).toContain("did you mean 'tick'?");
  });

  it.each(listMechanisms())('%s declares its options, refuses others and takes seed', (name) => {
    const mechanism = getMechanism(name);
    expect(Array.isArray(mechanism.options)).toBe(true);
    const error = errorOf(() => mechanism.clear(market, { seed: 1, bogus: 1 }));
    expect(error.code).toBe('unknown_option');
    expect(error.field).toBe('options.bogus');
    expect(() => mechanism.clear(market, { seed: 3 })).not.toThrow();
    for (const option of mechanism.options ?? []) {
      // A declared name is never refused as a name (its value may still be checked).
      expect(() => checkOptionNames(mechanism, { [option]: undefined })).not.toThrow();
    }
  });

  it('a clock trace checks the names too', () => {
    expect(errorOf(() => getMechanism('dda').clockTrace?.(market, { tik: 1 } as never)).code).toBe(
      'unknown_option',
    );
  });

  it("mcafee takes no tick: it says what it does take ('seed')", () => {
    const error = errorOf(() => getMechanism('mcafee').clear(market, { tick: '0.01' } as never));
    expect(error.message).toContain('(it takes seed)');
    expect(COMMON_OPTIONS).toEqual(['seed']);
  });
});

// A plug-in that declares its names but does not check them itself.
const postedPrice: Mechanism<ClearOptions & { price?: number }> = {
  name: 'posted-price-names',
  description: 'everyone in the money trades at a posted price',
  claims: { ir: true, dsic: true, weakBudgetBalance: true, strongBudgetBalance: true, efficient: false },
  options: ['price'],
  clear(m: Market, options = {}) {
    void m;
    void options;
    return buildOutcome(m, { mechanism: 'posted-price-names', fills: [] });
  },
};

describe('shared checks for plug-ins and for several mechanisms at once', () => {
  it('verify refuses a misspelled option of a plug-in that declares its names', () => {
    const error = errorOf(() => verify(postedPrice, { numRuns: 5, mechanismOptions: { prise: 1 } as never }));
    expect(error.field).toBe('mechanismOptions.prise');
    expect(error.message).toContain("did you mean 'price'?");
  });

  it('a plug-in that declares no names still gets any options', () => {
    const { options: _, ...undeclared } = postedPrice;
    expect(() => checkOptionNames(undeclared, { anything: 1 })).not.toThrow();
    expect(optionsFor(undeclared, { anything: 1 })).toEqual({ anything: 1 });
  });

  it('compare gives each mechanism its own names and refuses a name none takes before any run', async () => {
    await expect(
      compare({
        scenario: defaultScenario(),
        policies: ['lru'],
        mechanisms: ['none', 'mcafee', 'k-double'],
        seeds: [1],
        mechanismOptions: { kk: 0.5 },
      }),
    ).rejects.toThrow("did you mean 'k'?");
    expect(optionsFor(getMechanism('mcafee'), { k: 0.5, seed: 1 })).toEqual({ seed: 1 });
    expect(optionsFor(getMechanism('k-double'), { k: 0.5 })).toEqual({ k: 0.5 });
  });

  it('the slot markets give their tick only to mechanisms that take one', () => {
    expect(marketOptions(getMechanism('dda'), 1, 2, undefined)).toEqual({ seed: 3, tick: '0.000000001' });
    expect(marketOptions(getMechanism('mcafee'), 1, 2, undefined)).toEqual({ seed: 3 });
  });

  it('--mechanism-option: refused when no selected mechanism takes it, else passed to those that do', () => {
    expect(() => checkMechanismOptions(['dda', 'mcafee'], { tik: 0.1 })).toThrow("did you mean 'tick'?");
    expect(() => checkMechanismOptions(['none', 'dda', 'k-double'], { k: 0.5, tick: '0.01' })).not.toThrow();
  });
});
