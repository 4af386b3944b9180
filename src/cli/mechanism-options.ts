/**
 * `--mechanism-option KEY=VALUE` (repeatable): options passed to every mechanism's `clear`, e.g. a
 * posted price, McAfee's k, a clock's tick (issue 15 item 3). Shared by `compare`, `run` and
 * `verify`. A value is `true`/`false`, a number when a double holds the decimal exactly (`0.25`,
 * `100`), or else the text itself, so that a price such as `0.1000000000000000000001` reaches the
 * mechanism unrounded. Each mechanism gets the names it declares (`Mechanism.options`), a name no
 * selected mechanism takes is refused with the closest known name, and a mechanism checks its own
 * values (checked here on a textbook market before any run, so a bad value fails at once).
 */

import { DoubleDutchError } from '../errors.js';
import { createMarket } from '../market/create-market.js';
import { checkSharedOptionNames, getMechanism, optionsFor } from '../mechanism.js';
import { Decimal } from '../money.js';
import { escapeControl } from '../text.js';
import { UsageError } from './command.js';
import { demoMarket } from './demo.js';

const KEY = /^[A-Za-z][A-Za-z0-9_]{0,63}$/;
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/** The `--help` line of `--mechanism-option`. */
export const MECHANISM_OPTION_HELP =
  '  --mechanism-option KEY=VALUE  passed to each mechanism (repeatable), e.g. k=0.5, tick=0.01';

/** Parses the values of `--mechanism-option`; throws a usage error naming the bad one. */
export function parseMechanismOptions(values: readonly string[] | undefined): Record<string, unknown> {
  const options = new Map<string, unknown>();
  for (const text of values ?? []) {
    const at = text.indexOf('=');
    const key = at < 0 ? text : text.slice(0, at);
    if (at < 0 || !KEY.test(key) || key === 'seed')
      throw new UsageError(
        `must be KEY=VALUE with a name of letters, digits and _ (not seed), got '${escapeControl(text)}'`,
        '--mechanism-option',
      );
    if (options.has(key)) throw new UsageError(`sets '${key}' twice`, '--mechanism-option');
    options.set(key, optionValue(text.slice(at + 1)));
  }
  return Object.fromEntries(options);
}

/** One option's value: a boolean, an exactly held number, or the text. */
export function optionValue(raw: string): string | number | boolean {
  if (raw === 'true' || raw === 'false') return raw === 'true';
  if (NUMBER.test(raw)) {
    const n = Number(raw);
    // Only when the double is the decimal written: '0.1000000000000000000001' stays text.
    if (Number.isFinite(n) && new Decimal(raw).eq(new Decimal(String(n)))) return n;
  }
  return raw;
}

/**
 * Clears a textbook market with each named mechanism and the options, so that an option a
 * mechanism refuses is reported before any run, naming the mechanism.
 */
export function checkMechanismOptions(mechanisms: readonly string[], options: Record<string, unknown>): void {
  if (Object.keys(options).length === 0) return;
  const resolved = mechanisms.filter((name) => name !== 'none').map((name) => getMechanism(name));
  try {
    checkSharedOptionNames(resolved, options);
  } catch (error) {
    if (!(error instanceof DoubleDutchError)) throw error;
    throw new UsageError(error.message.replace(/^options\.[^:]*: /, ''), '--mechanism-option');
  }
  const market = createMarket(demoMarket);
  for (const mechanism of resolved) {
    const name = mechanism.name;
    try {
      mechanism.clear(market, optionsFor(mechanism, options));
    } catch (error) {
      if (!(error instanceof DoubleDutchError)) throw error;
      throw new UsageError(
        `mechanism '${name}' refuses these options: ${error.message}`,
        '--mechanism-option',
      );
    }
  }
}
