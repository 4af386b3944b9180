/**
 * Loading and validating scenarios. Every bad value throws a `ScenarioError` whose `field` and
 * message name it (`servers[0].gpuMemoryGiB must be > 0`).
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { DoubleDutchError } from '../errors.js';
import { type Scenario, type ScenarioInput, scenarioSchema } from './scenario-schema.js';
import { BUILT_IN_TRACES } from './workload/built-in-traces.js';

/**
 * A scenario that cannot be read or is invalid; `field` names the bad value.
 *
 * @category errors
 */
export class ScenarioError extends DoubleDutchError {
  constructor(code: string, message: string, field: string) {
    // The message already names the field ("servers[0].gpuMemoryGiB must be > 0").
    super(code, message);
    (this as { field: string | undefined }).field = field;
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out;
}

/** A zod issue in the words of a scenario error ("must be > 0", "unknown field 'x'"). */
export function describeIssue(issue: z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'too_small':
      if (issue.origin === 'string' && Number(issue.minimum) === 1) return 'must not be empty';
      return `must be ${issue.inclusive ? '≥' : '>'} ${String(issue.minimum)}${issue.origin === 'array' ? ' items' : ''}`;
    case 'too_big':
      return `must be ${issue.inclusive ? '≤' : '<'} ${String(issue.maximum)}`;
    case 'invalid_type':
      // zod reports ±Infinity (JSON's 1e999) as "received Infinity".
      if (issue.expected === 'number' && /received -?Infinity$/.test(issue.message))
        return 'must be a finite number';
      return `must be ${issue.expected === 'int' ? 'an integer' : /^[aeiou]/.test(issue.expected) ? `an ${issue.expected}` : `a ${issue.expected}`}`;
    case 'unrecognized_keys':
      return `unknown field${issue.keys.length > 1 ? 's' : ''} ${issue.keys.map((k) => `'${k}'`).join(', ')}`;
    case 'invalid_value':
      return `must be one of ${issue.values.map((v) => JSON.stringify(v)).join(', ')}`;
    case 'invalid_key':
      return issue.issues[0]?.message ?? 'is not a valid key';
    case 'invalid_union':
      return "must be a valid workload ('synthetic' or 'trace')";
    default:
      return issue.message;
  }
}

/** Editors on some systems start UTF-8 files with a byte-order mark, which JSON.parse refuses. */
export function stripByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Validates a scenario object, applying defaults. Throws {@link ScenarioError} naming the first bad field.
 *
 * @example
 * ```ts
 * parseScenario({ ...defaultScenario(), slotS: 0 }); // throws 'slotS must be > 0'
 * ```
 * @category edge
 */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema.safeParse(input);
  if (result.success) return result.data;
  const issue = result.error.issues[0] as z.core.$ZodIssue;
  const field = fieldPath(issue.path) || 'scenario';
  throw new ScenarioError(`invalid_scenario`, `${field} ${describeIssue(issue)}`, field);
}

/**
 * Reads and validates a scenario JSON file. Throws {@link ScenarioError} for a missing file,
 * malformed JSON, or an invalid value, naming it.
 *
 * @category edge
 */
export function loadScenario(path: string): Scenario {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError('unreadable', `cannot read scenario '${path}': ${reason}`, 'path');
  }
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    throw new ScenarioError(
      'malformed_json',
      `scenario '${path}' is not valid JSON: ${(error as Error).message}`,
      'path',
    );
  }
  const scenario = parseScenario(json);
  // A trace file named in a scenario file is found beside it, so that the two move together.
  const workload = scenario.workload;
  if (
    workload.kind === 'trace' &&
    !Object.hasOwn(BUILT_IN_TRACES, workload.source) &&
    !isAbsolute(workload.source)
  )
    return { ...scenario, workload: { ...workload, source: resolve(dirname(path), workload.source) } };
  return scenario;
}

/**
 * A short, stable hash of a validated scenario: trained weights and sweep jobs record the
 * scenario they belong to by it.
 *
 * @category edge
 */
export function scenarioHash(scenario: Scenario): string {
  return createHash('sha256').update(JSON.stringify(scenario)).digest('hex').slice(0, 16);
}

/** The input type of a scenario file. @category edge */
export type { ScenarioInput };
