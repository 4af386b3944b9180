/**
 * `--mechanism-option key=value` (repeatable), the command line's way to pass options to the
 * mechanism under test (a posted price, `k`, a tick; issue 15). Shared by the commands that clear
 * markets: `verify` uses it, and `compare` and `run` can take it the same way:
 *
 * ```ts
 * const { options, rest } = takeMechanismOptions(args);
 * const { values } = parseFlags(rest, { ... });
 * ```
 */
import { Decimal } from '../money.js';
import { UsageError } from './command.js';

const FLAG = '--mechanism-option';

/** The flag's help line, for a command's `details`. */
export const MECHANISM_OPTION_HELP =
  '  --mechanism-option KEY=VALUE   an option of the mechanism (repeatable), e.g. k=0.25, tick=0.01;\n' +
  '                                 true/false are booleans, numbers are numbers when a double holds\n' +
  '                                 them exactly, anything else (an exact decimal price) is a string';

/**
 * Takes every `--mechanism-option KEY=VALUE` (or `--mechanism-option=KEY=VALUE`) out of `args`.
 * Returns the options as an object and the other arguments in their order; throws a
 * {@link UsageError} naming the flag for a missing value, a malformed or repeated key, or `seed`
 * (commands have `--seed`).
 */
export function takeMechanismOptions(args: readonly string[]): {
  options: Record<string, string | number | boolean>;
  rest: string[];
} {
  const options: Record<string, string | number | boolean> = {};
  const rest: string[] = [];
  for (let i = 0; i < args.length; i++) {
    const arg = args[i] as string;
    let text: string | undefined;
    if (arg === FLAG) {
      text = args[i + 1];
      if (text === undefined || text.startsWith('--'))
        throw new UsageError('needs KEY=VALUE, e.g. --mechanism-option k=0.25', FLAG);
      i++;
    } else if (arg.startsWith(`${FLAG}=`)) text = arg.slice(FLAG.length + 1);
    else {
      rest.push(arg);
      continue;
    }
    const [key, value] = parseMechanismOption(text);
    if (Object.hasOwn(options, key)) throw new UsageError(`sets '${key}' twice`, FLAG);
    options[key] = value;
  }
  return { options, rest };
}

/**
 * Reads one `KEY=VALUE`. The value is a boolean for `true`/`false`, a number when a double holds
 * the decimal exactly (`0.25`, `100`), and otherwise the string itself, so that a price such as
 * `0.1000000000000000000001` reaches the mechanism exactly.
 */
export function parseMechanismOption(text: string): [string, string | number | boolean] {
  const eq = text.indexOf('=');
  const key = eq < 0 ? text : text.slice(0, eq);
  if (eq < 0 || !/^[A-Za-z_][A-Za-z0-9_]*$/.test(key))
    throw new UsageError(`needs KEY=VALUE with KEY a name such as k or tick, got '${text}'`, FLAG);
  if (key === 'seed') throw new UsageError("cannot set 'seed'; use --seed", FLAG);
  const value = text.slice(eq + 1);
  if (value === '') throw new UsageError(`'${key}' needs a value, e.g. ${key}=0.25`, FLAG);
  if (value === 'true' || value === 'false') return [key, value === 'true'];
  if (/^-?(\d+\.?\d*|\.\d+)([eE][+-]?\d+)?$/.test(value)) {
    const n = Number(value);
    if (Number.isFinite(n) && new Decimal(value).eq(new Decimal(String(n)))) return [key, n];
  }
  return [key, value];
}
