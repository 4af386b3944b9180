// Issue 16: seeds that alias silently (1.5 ≡ 1, 2^32 ≡ 0) replay another seed's stream. One rule
// for every seed: an integer in [0, 2^32 − 1], anything else refused naming the argument.
import { describe, expect, it } from 'vitest';
import { checkSeed, MAX_SEED, parseSeed, SeedError } from '../src/seed.js';

function seedErrorOf(fn: () => unknown): SeedError {
  try {
    fn();
  } catch (error) {
    if (error instanceof SeedError) return error;
    throw error;
  }
  throw new Error('expected a SeedError');
}

describe('checkSeed', () => {
  it('accepts every integer in [0, 2^32 − 1] as itself', () => {
    for (const seed of [0, 1, 42, 2 ** 31, MAX_SEED]) expect(checkSeed(seed, 'seed')).toBe(seed);
    expect(MAX_SEED).toBe(4294967295);
  });

  it.each([
    [1.5, 'got 1.5'],
    [-1, 'got -1'],
    [2 ** 32, 'got 4294967296'],
    [Number.NaN, 'got NaN'],
    [Number.POSITIVE_INFINITY, 'got Infinity'],
    ['7', "got the string '7'"],
    [7n, 'got the bigint 7n (pass a number)'],
    [null, 'got null'],
    [undefined, 'got undefined'],
  ])('refuses %s, naming the argument', (seed, got) => {
    const error = seedErrorOf(() => checkSeed(seed, 'options.seed'));
    expect(error.code).toBe('invalid_seed');
    expect(error.field).toBe('options.seed');
    expect(error.message).toBe(`options.seed: must be an integer in [0, 4294967295], ${got}`);
  });
});

describe('parseSeed', () => {
  it('reads decimal digits, with spaces around them', () => {
    expect(parseSeed(' 2026 ', '--seed')).toBe(2026);
    expect(parseSeed('4294967295', '--seed')).toBe(MAX_SEED);
  });

  it.each(['1e3', '0x10', '-1', '+1', '1.0', '', '4294967296', '99999999999999999999'])(
    "refuses '%s' naming the flag",
    (text) => {
      const error = seedErrorOf(() => parseSeed(text, '--seed'));
      expect(error.field).toBe('--seed');
    },
  );
});
