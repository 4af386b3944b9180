// The registry-wide suite (STYLE.md: plug-ins declare what they claim, one suite checks every
// claim). For every registered mechanism, every claimed property holds on the generated markets,
// and for every property it does not claim, verify() finds a counterexample: the claims are
// exactly right, neither overstated nor understated.
import { describe, expect, it } from 'vitest';
import {
  claimedProperties,
  getMechanism,
  listMechanisms,
  type PropertyName,
  verify,
} from '../../src/index.js';

const SEED = Number(process.env.DOUBLEDUTCH_SEED ?? 20261124);
const RUNS = 300;

describe.each(listMechanisms())('%s', (name) => {
  const mechanism = getMechanism(name);
  const expected = claimedProperties(mechanism.claims);
  const report = verify(mechanism, { numRuns: RUNS, seed: SEED });

  it('was checked on markets that trade, not vacuously (issue 15)', () => {
    expect(report.warnings).toEqual([]);
    expect(report.markets.traded).toBeGreaterThanOrEqual(0.1 * report.markets.tried);
  });

  it.each(Object.entries(expected) as [PropertyName, boolean][])(
    '%s: claimed %s, and verify agrees',
    (property, holds) => {
      const result = report.results[property];
      expect(result, `no result for ${property}`).toBeDefined();
      if (holds) {
        expect(
          result?.counterexample,
          `seed ${SEED}: ${JSON.stringify(result?.counterexample)}`,
        ).toBeUndefined();
        expect(result?.holds).toBe(true);
        expect(result?.runs).toBe(RUNS);
      } else {
        expect(result?.holds, `seed ${SEED}: no counterexample to '${property}' found for ${name}`).toBe(
          false,
        );
        expect(result?.counterexample?.reason).toBeTruthy();
      }
    },
  );
});

describe('Myerson–Satterthwaite (JET 1983)', () => {
  it('no built-in mechanism is IR, DSIC, weakly budget balanced and efficient together, and verify shows which it gives up', () => {
    for (const name of listMechanisms()) {
      const report = verify(name, {
        properties: ['ir', 'dsic', 'weak-budget-balance', 'efficiency'],
        numRuns: RUNS,
        seed: SEED,
      });
      const failed = Object.entries(report.results).filter(([, r]) => !r.holds);
      expect(failed.length, `${name} passes all four (seed ${SEED})`).toBeGreaterThan(0);
      for (const [, r] of failed) expect(r.counterexample?.market.bids.length).toBeGreaterThan(0);
    }
  });
});
