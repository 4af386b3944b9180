import { describe, expect, expectTypeOf, it } from 'vitest';
import { builtInMechanisms } from '../src/builtins.js';
import {
  clearTopUnits,
  createMarket,
  Decimal,
  DoubleDutchError,
  getMechanism,
  listMechanisms,
  type Mechanism,
  MechanismError,
  type MechanismTypes,
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

  it('types a lookup by built-in name with that mechanism (issue 15: DDA trace, k-double k)', () => {
    const market = createMarket({ bids: [{ id: 'b', value: 5 }], asks: [{ id: 's', cost: 3 }] });
    // `.trace` exists on the DDA's outcome type: this line did not compile (TS2339) before.
    const trace = getMechanism('dda').clear(market, { trace: true }).trace;
    expect(trace?.length).toBeGreaterThan(0);
    expectTypeOf(getMechanism('k-double').clear)
      .parameter(1)
      .toEqualTypeOf<Parameters<MechanismTypes['k-double']['clear']>[1]>();
    // @ts-expect-error: k-double has no option `trace`, and a literal name is checked
    const untyped = () => getMechanism('k-double').clear(market, { trace: true });
    // ... and at run time too, for a caller whose types do not see it.
    expect(untyped).toThrow(/k-double has no option 'trace'/);
    // A name known only at run time still works, with options of any shape.
    const name: string = 'dda';
    expect(getMechanism(name).clear(market, { trace: true }).fills.length).toBe(2);
  });

  it('has a type for every built-in mechanism and for nothing else', () => {
    // A compile error here means MechanismTypes (src/builtins.ts) gained or lost a name; a failure
    // below, that builtInMechanisms did without MechanismTypes following.
    const typed: Record<keyof MechanismTypes, true> = {
      dda: true,
      'dda-tr': true,
      'welfare-max': true,
      'k-double': true,
      average: true,
      vcg: true,
      'trade-reduction': true,
      mcafee: true,
      sbba: true,
      't-dda': true,
      'dda-sync': true,
      ida: true,
    };
    expect(Object.keys(typed).sort()).toEqual(builtInMechanisms.map((m) => m.name).sort());
    for (const name of Object.keys(typed) as (keyof MechanismTypes)[])
      expect(getMechanism(name).name).toBe(name);
  });
});
