/**
 * `--mechanism-option KEY=VALUE` (repeatable): options passed to the mechanisms a command clears
 * markets with, e.g. a posted price, McAfee's k, a clock's tick (issue 15 item 3). `compare` and
 * `run` read the flag's values with {@link parseMechanismOptions} and check them on a textbook
 * market before any run; `verify` takes the flag out of its arguments with
 * {@link takeMechanismOptions}.
 */
import { DoubleDutchError } from '../errors.js';
import { createMarket } from '../market/create-market.js';
import { getMechanism } from '../mechanism.js';
import { Decimal } from '../money.js';
import { escapeControl } from '../text.js';
import { UsageError } from './command.js';
import { demoMarket } from './demo.js';

const FLAG = '--mechanism-option';
// A letter first: keys such as `__proto__` or `constructor`'s relatives never reach an object.
const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/;

/** The flag's help line, for a command's `details`. */
export const MECHANISM_OPTION_HELP =
  '  --mechanism-option KEY=VALUE   an option of the mechanism (repeatable), e.g. k=0.25, tick=0.01;\n' +
  '                                 true/false are booleans, numbers are numbers when a double holds\n' +
  '                                 them exactly, anything else (an exact decimal price) is a string';

/** A mechanism option's value as the command line reads it. */
export type MechanismOptionValue = string | number | boolean;

/**
 * Reads one `KEY=VALUE`. The value is a boolean for `true`/`false`, a number when a double holds
 * the decimal exactly (`0.25`, `100`), and otherwise the string itself, so that a price such as
 * `0.1000000000000000000001` reaches the mechanism exactly.
 */
export function parseMechanismOption(text: string): [string, MechanismOptionValue] {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  if (key === 'seed') throw new UsageError("cannot set 'seed'; use --seed", FLAG);
  if (eq < 0 || !KEY.test(key))
    throw new UsageError(
      `must be KEY=VALUE with KEY a name such as k or tick, got '${escapeControl(text)}'`,
      FLAG,
    );
  const value = text.slice(eq + 1);
  if (value === '') throw new UsageError(`'${key}' needs a value, e.g. ${key}=0.25`, FLAG);
  if (value === 'true' || value === 'false') return [key, value === 'true'];
  if (NUMBER.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n) && new Decimal(value).eq(new Decimal(String(n)))) return [key, n];
  }
  return [key, value];
}

function collect(texts: readonly string[]): Record<string, MechanismOptionValue> {
  const options = new Map<string, MechanismOptionValue>();
  for (const text of texts) {
    const [key, value] = parseMechanismOption(text);
    if (options.has(key)) throw new UsageError(`sets '${key}' twice`, FLAG);
    options.set(key, value);
  }
  return Object.fromEntries(options);
}

/** Parses the values of `--mechanism-option` as a flag parser collected them. */
export function parseMechanismOptions(
  values: readonly string[] | undefined,
): Record<string, MechanismOptionValue> {
  return collect(values ?? []);
}

/**
 * Takes every `--mechanism-option KEY=VALUE` (or `--mechanism-option=KEY=VALUE`) out of `args`.
 * Returns the options as an object and the other arguments in their order; throws a
 * {@link UsageError} naming the flag for a missing value, a malformed or repeated key, or `seed`
 * (commands have `--seed`).
 */
export function takeMechanismOptions(args: readonly string[]): {
  options: Record<string, MechanismOptionValue>;
  rest: string[];
} {
  const texts: string[] = [];
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    if (arg === FLAG) {
      const text = args[i + 1];
      if (text === undefined || text.startsWith('--'))
        throw new UsageError('needs KEY=VALUE, e.g. --mechanism-option k=0.25', FLAG);
      texts.push(text);
      i++;
    } else if (arg.startsWith(`${FLAG}=`)) texts.push(arg.slice(FLAG.length + 1));
    else rest.push(arg);
  }
  return { options: collect(texts), rest };
}

/**
 * Clears a textbook market with each named mechanism and the options, so that an option a
 * mechanism refuses is reported before any run, naming the mechanism.
 */
export function checkMechanismOptions(mechanisms: readonly string[], options: Record<string, unknown>): void {
  if (Object.keys(options).length === 0) return;
  const market = createMarket(demoMarket);
  for (const name of mechanisms) {
    if (name === 'none') continue;
    try {
      getMechanism(name).clear(market, options);
    } catch (error) {
      if (!(error instanceof DoubleDutchError)) throw error;
      throw new UsageError(`mechanism '${name}' refuses these options: ${error.message}`, FLAG);
    }
  }
}
