// The fast path for doubles with few decimals (the slot markets' USD prices rounded to 10^-9) must
// read every double exactly as the general path reads the text of `String(x)`: differential tests
// against that text, the obviously correct reference.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fewDecimals, integerExponent } from '../../src/market/parse-price.js';
import { Decimal } from '../../src/money.js';

/** What `String(x)` says: its decimal places and the power of ten of its first digit. */
function fromText(x: number): { decimals: number; exponent: number } | undefined {
  const text = String(x);
  if (text.includes('e')) return undefined;
  const dot = text.indexOf('.');
  return { decimals: dot < 0 ? 0 : text.length - dot - 1, exponent: new Decimal(text).e };
}

/** The fast path's reading, or undefined. */
function fast(x: number): { decimals: number; exponent: number } | undefined {
  const p = fewDecimals(x);
  if (p === undefined) return undefined;
  expect(p.num).toBe(x);
  expect(p.dec).toBeUndefined();
  expect(p.magnitude).toBe(x);
  return { decimals: p.decimals, exponent: p.exponent };
}

// A double m / 10^d, as the slot markets make a USD price (Math.round(x · 1e9) / 1e9).
const fewPlaces = fc
  .record({ m: fc.integer({ min: 1, max: 2 ** 50 }), d: fc.integer({ min: 1, max: 15 }) })
  .map(({ m, d }) => m / 10 ** d);

describe('fewDecimals', () => {
  it('reads every double m / 10^d as String does, whenever the scaled value is below 2^51', () => {
    fc.assert(
      fc.property(fewPlaces, (x) => {
        const text = fromText(x);
        fc.pre(text !== undefined && text.decimals > 0 && x * 10 ** text.decimals < 2 ** 51);
        expect(fast(x)).toEqual(text);
      }),
      { numRuns: 2000 },
    );
  });

  it('never disagrees with String on any double (it may decline one)', () => {
    fc.assert(
      fc.property(fc.oneof(fc.double({ min: 0, max: 2 ** 53, noNaN: true }), fewPlaces), (x) => {
        const read = fast(x);
        if (read !== undefined) expect(read).toEqual(fromText(x));
      }),
      { numRuns: 2000 },
    );
  });

  it('reads prices rounded to 10^-9 and the cases of the general path alike', () => {
    for (const x of [0.1, 0.000001, 0.0045, 123.45, 1.5, 0.123456789, 4503.599627, 0.3])
      expect(fast(x)).toEqual(fromText(x));
  });

  it('declines what it cannot read exactly, leaving it to the general path', () => {
    // 0.1 + 0.2 is 0.30000000000000004 and 2^50 + 0.5 has one place: both beyond 2^51 once
    // scaled, as is 4503.599627370495 (12 places); 1e-7 is written with an exponent; integers take
    // their own path; negatives and non-finite numbers are errors.
    for (const x of [
      0.1 + 0.2,
      1e-7,
      2 ** 50 + 0.5,
      4503.599627370495,
      7,
      -0.5,
      Number.NaN,
      Number.POSITIVE_INFINITY,
    ])
      expect(fewDecimals(x)).toBeUndefined();
  });
});

describe('integerExponent', () => {
  it('is the number of digits minus one of every safe integer', () => {
    fc.assert(
      fc.property(
        fc.oneof(fc.integer({ min: 1, max: 1e6 }), fc.integer({ min: 1, max: 2 ** 53 - 1 })),
        (n) => {
          expect(integerExponent(n)).toBe(String(n).length - 1);
        },
      ),
    );
    for (let e = 0; e <= 15; e++) {
      expect(integerExponent(10 ** e)).toBe(e);
      if (e > 0) expect(integerExponent(10 ** e - 1)).toBe(e - 1);
    }
    expect(integerExponent(0)).toBe(Number.NEGATIVE_INFINITY);
  });
});
