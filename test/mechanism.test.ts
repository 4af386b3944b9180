import { describe, expect, it } from 'vitest';
import {
  clearTopUnits,
  createMarket,
  Decimal,
  DoubleDutchError,
  getMechanism,
  listMechanisms,
  type Mechanism,
  MechanismError,
  registerMechanism,
  UnknownMechanismError,
} from '../src/index.js';

describe('the mechanism registry', () => {
  it('holds the built-in mechanisms of DESIGN.md §2', () => {
    expect(listMechanisms()).toEqual(
      expect.arrayContaining([
        'average',
        'k-double',
        'mcafee',
        'sbba',
        'trade-reduction',
        'vcg',
        'welfare-max',
      ]),
    );
  });

  it('throws UnknownMechanismError listing the registered names', () => {
    let error: unknown;
    try {
      getMechanism('mcaffee');
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UnknownMechanismError);
    expect((error as UnknownMechanismError).message).toContain("unknown mechanism 'mcaffee'");
    expect((error as UnknownMechanismError).message).toContain('mcafee');
    expect((error as UnknownMechanismError).known).toEqual(listMechanisms());
  });

  it('registers a user mechanism, refuses a second one under the same name, and replaces on request', () => {
    const seller: Mechanism = {
      name: 'test-nothing',
      description: 'never trades',
      claims: { ir: true, dsic: true, weakBudgetBalance: true, strongBudgetBalance: true, efficient: false },
      clear: (market) => clearTopUnits(market, 'test-nothing', 0, new Decimal(0), new Decimal(0)),
    };
    registerMechanism(seller);
    expect(getMechanism('test-nothing')).toBe(seller);
    expect(() => registerMechanism(seller)).toThrow(DoubleDutchError);
    const replacement = { ...seller, description: 'replaced' };
    registerMechanism(replacement, { replace: true });
    expect(getMechanism('test-nothing').description).toBe('replaced');
    expect(() => registerMechanism({ ...seller, name: 'Bad Name' })).toThrow(/lower-case/);
  });

  it("rejects k-double's k outside [0, 1] with a MechanismError naming options.k", () => {
    const market = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
    for (const k of [-0.1, 1.5, 'half']) {
      let error: unknown;
      try {
        getMechanism('k-double').clear(market, { k });
      } catch (e) {
        error = e;
      }
      expect(error).toBeInstanceOf(MechanismError);
      expect((error as MechanismError).field).toBe('options.k');
    }
  });
});
