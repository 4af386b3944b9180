// `--mechanism-option KEY=VALUE` (issue 15): options reach the mechanism typed as a user means
// them, and malformed ones are refused naming the flag.
import { describe, expect, it } from 'vitest';
import { UsageError } from '../../src/cli/command.js';
import { parseMechanismOption, takeMechanismOptions } from '../../src/cli/mechanism-options.js';

describe('--mechanism-option', () => {
  it('takes every occurrence out of the arguments, in both spellings, keeping the rest in order', () => {
    const { options, rest } = takeMechanismOptions([
      '--mechanism',
      'k-double',
      '--mechanism-option',
      'k=0.25',
      '--runs',
      '5',
      '--mechanism-option=trace=true',
    ]);
    expect(options).toEqual({ k: 0.25, trace: true });
    expect(rest).toEqual(['--mechanism', 'k-double', '--runs', '5']);
  });

  it.each([
    ['k=0.25', 0.25],
    ['price=100', 100],
    ['tick=1e-2', 0.01],
    ['trace=false', false],
    ['pricing=midpoint', 'midpoint'],
    // A double cannot hold this price: it reaches the mechanism as the exact string.
    ['price=0.1000000000000000000001', '0.1000000000000000000001'],
    ['startBuyerPrice=12345678901234567890', '12345678901234567890'],
  ])('reads %s as %j', (text, value) => {
    expect(parseMechanismOption(text)[1]).toEqual(value);
  });

  it.each([
    [['--mechanism-option'], 'needs KEY=VALUE'],
    [['--mechanism-option', '--runs'], 'needs KEY=VALUE'],
    [['--mechanism-option', 'k'], 'must be KEY=VALUE'],
    [['--mechanism-option', '=3'], 'must be KEY=VALUE'],
    [['--mechanism-option', 'k='], "'k' needs a value"],
    [['--mechanism-option', 'seed=3'], 'use --seed'],
    [['--mechanism-option', 'k=0.1', '--mechanism-option', 'k=0.2'], "sets 'k' twice"],
  ])('refuses %j naming the flag', (args, message) => {
    let error: unknown;
    try {
      takeMechanismOptions(args);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(UsageError);
    expect((error as UsageError).field).toBe('--mechanism-option');
    expect((error as UsageError).message).toContain(message);
  });
});
