// `--mechanism-option KEY=VALUE` (issue 15): options reach the mechanism typed as a user means
// them, exact prices unrounded, and malformed ones are refused naming the flag.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command.js';
import { optionValue, parseMechanismOptions } from '../../src/cli/mechanism-options.js';

describe('--mechanism-option', () => {
  it('reads every occurrence into one object', () => {
    expect(parseMechanismOptions(['k=0.25', 'trace=true', 'pricing=midpoint'])).toEqual({
      k: 0.25,
      trace: true,
      pricing: 'midpoint',
    });
    expect(parseMechanismOptions(undefined)).toEqual({});
  });

  it.each([
    ['0.25', 0.25],
    ['100', 100],
    ['1e-2', 0.01],
    ['false', false],
    ['midpoint', 'midpoint'],
    // A double cannot hold these: they reach the mechanism as the exact text.
    ['0.1000000000000000000001', '0.1000000000000000000001'],
    ['12345678901234567890', '12345678901234567890'],
  ])('reads %s as %j', (text, value) => {
    expect(optionValue(text)).toEqual(value);
  });

  it.each([
    [['k'], 'must be KEY=VALUE'],
    [['=3'], 'must be KEY=VALUE'],
    [['seed=3'], 'not seed'],
    [['__proto__=1'], 'must be KEY=VALUE'],
    [['k=0.1', 'k=0.2'], "sets 'k' twice"],
  ])('refuses %j naming the flag', (values, message) => {
    let error: unknown;
    try {
      parseMechanismOptions(values);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).field).toBe('--mechanism-option');
    expect((error as UsageError).message).toContain(message);
  });
});
