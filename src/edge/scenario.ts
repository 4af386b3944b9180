/**
 * Loading and validating scenarios. Every bad value throws a `ScenarioError` whose `field` and
 * message name it (`servers[0].gpuMemoryGiB must be > 0`).
 */
import { createHash } from 'node:crypto';
import { readFileSync, statSync } from 'node:fs';
import { basename, dirname, extname, isAbsolute, resolve } from 'node:path';
import type { z } from 'zod';
import { DoubleDutchError } from '../errors.js';
import { didYouMean, escapeControl } from '../text.js';
import { defaultScenario } from './default-scenario.js';
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

// At most this many problems are listed in one message; the rest are counted.
const MAX_LISTED = 8;

/** The field names the schema accepts at `path` (for "did you mean"), following arrays and unions. */
function fieldsAt(path: readonly PropertyKey[]): string[] {
  let nodes: z.core.$ZodType[] = [scenarioSchema()];
  const step = (node: z.core.$ZodType): z.core.$ZodType[] => {
    const def = node._zod.def as unknown as {
      type: string;
      innerType?: z.core.$ZodType;
      options?: z.core.$ZodType[];
    };
    if (def.innerType !== undefined) return step(def.innerType);
    if (def.type === 'union' && def.options !== undefined) return def.options.flatMap(step);
    return [node];
  };
  for (const part of path) {
    nodes = nodes.flatMap(step).flatMap((node) => {
      const def = node._zod.def as unknown as {
        type: string;
        shape?: Record<string, z.core.$ZodType>;
        element?: z.core.$ZodType;
      };
      if (def.type === 'array' && typeof part === 'number' && def.element !== undefined) return [def.element];
      const child = def.type === 'object' ? def.shape?.[String(part)] : undefined;
      return child === undefined ? [] : [child];
    });
  }
  return [
    ...new Set(
      nodes
        .flatMap(step)
        .flatMap((n) => Object.keys((n._zod.def as unknown as { shape?: object }).shape ?? {})),
    ),
  ];
}

/** One zod issue as `field problem`, with a suggestion for a mistyped field name. */
function describeAt(
  issue: z.core.$ZodIssue,
  fieldsOf: (path: readonly PropertyKey[]) => string[],
  whole: string,
): string {
  const field = fieldPath(issue.path) || whole;
  let text = describeIssue(issue);
  if (issue.code === 'unrecognized_keys' && issue.keys.length === 1)
    text += didYouMean(issue.keys[0] as string, fieldsOf(issue.path));
  return `${field} ${text}`;
}

/**
 * Every problem of a zod error on one line, each with its path (issue 15 item 6): a user fixing a
 * file sees all that is wrong at once, not one problem per attempt. `fieldsOf` gives the field
 * names accepted at a path (for "did you mean"), `whole` names the input when a problem has no path.
 *
 * @category edge
 */
export function describeIssues(
  issues: readonly z.core.$ZodIssue[],
  fieldsOf: (path: readonly PropertyKey[]) => string[] = fieldsAt,
  whole = 'scenario',
): string {
  const listed = issues.slice(0, MAX_LISTED).map((issue) => describeAt(issue, fieldsOf, whole));
  const more = issues.length > MAX_LISTED ? `; and ${issues.length - MAX_LISTED} more` : '';
  return issues.length === 1
    ? (listed[0] as string)
    : `${issues.length} problems: ${listed.join('; ')}${more}`;
}

/**
 * Validates a scenario object, applying defaults. Throws {@link ScenarioError} naming every bad
 * field (its `field` is the first).
 *
 * @example
 * ```ts
 * parseScenario({ ...defaultScenario(), slotS: 0 }); // throws 'slotS must be ≥ 0.001'
 * ```
 * @category edge
 */
export function parseScenario(input: unknown): Scenario {
  const result = scenarioSchema().safeParse(input);
  if (result.success) return result.data;
  const first = result.error.issues[0] as z.core.$ZodIssue;
  throw new ScenarioError(
    'invalid_scenario',
    escapeControl(describeIssues(result.error.issues)),
    fieldPath(first.path) || 'scenario',
  );
}

// Input files are small: a scenario or grid is a few kilobytes, a trace a few megabytes.
const MAX_INPUT_BYTES = 256 * 1024 * 1024;
// Deeper JSON than this is no scenario or grid; refusing it keeps recursive code off the stack limit.
const MAX_JSON_DEPTH = 64;

function inputError(code: string, path: string, message: string, field: string): ScenarioError {
  return new ScenarioError(code, `${escapeControl(path)}: ${message}`, field);
}

/**
 * Checks that `path` is a regular file (not a directory, FIFO or device, which would block or
 * never end) of a sane size, before anything opens it (issue 16 item 3). `what` names the file in
 * messages (`scenario`, `grid`, `trace`), `field` the input that named it.
 *
 * @category edge
 */
export function checkInputFile(path: string, what: string, field: string): void {
  let stats: ReturnType<typeof statSync>;
  try {
    stats = statSync(path);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw inputError(
      'unreadable',
      path,
      code === 'ENOENT' ? 'no such file' : `cannot read the ${what} file (${code ?? 'error'})`,
      field,
    );
  }
  if (stats.isDirectory()) throw inputError('unreadable', path, `is a directory; give a ${what} file`, field);
  if (!stats.isFile())
    throw inputError(
      'unreadable',
      path,
      `is not a regular file (a FIFO, socket or device cannot be a ${what} file)`,
      field,
    );
  if (stats.size > MAX_INPUT_BYTES)
    throw inputError(
      'unreadable',
      path,
      `is ${Math.round(stats.size / 2 ** 20)} MiB; a ${what} file is at most ${MAX_INPUT_BYTES / 2 ** 20} MiB`,
      field,
    );
}

/** The first path (`a.b[3]`) at which `value` is nested deeper than `max`, if any; iterative. */
function tooDeep(value: unknown, max: number): string | undefined {
  const stack: [unknown, number, string][] = [[value, 0, '']];
  while (stack.length > 0) {
    const [node, depth, path] = stack.pop() as [unknown, number, string];
    if (typeof node !== 'object' || node === null) continue;
    if (depth >= max) return path || '(top)';
    if (Array.isArray(node)) for (const [i, v] of node.entries()) stack.push([v, depth + 1, `${path}[${i}]`]);
    else
      for (const [k, v] of Object.entries(node)) stack.push([v, depth + 1, path === '' ? k : `${path}.${k}`]);
  }
  return undefined;
}

/**
 * Reads a JSON input file (a scenario, a grid): a regular file, valid JSON (a byte-order mark is
 * accepted), nested at most 64 deep. Messages start with the file name and a colon, and never
 * echo the file's bytes (a grid pointing at a system file must not print it).
 *
 * @category edge
 */
export function readJsonFile(path: string, what: string, field: string): unknown {
  checkInputFile(path, what, field);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw inputError(
      'unreadable',
      path,
      `cannot read the ${what} file (${(error as NodeJS.ErrnoException).code ?? 'error'})`,
      field,
    );
  }
  let json: unknown;
  try {
    json = JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    throw inputError('malformed_json', path, `not valid JSON (${jsonProblem(text, error)})`, field);
  }
  const deep = tooDeep(json, MAX_JSON_DEPTH);
  if (deep !== undefined)
    throw inputError(
      `invalid_${what}`,
      path,
      `${escapeControl(deep).slice(0, 80)} is nested more than ${MAX_JSON_DEPTH} levels deep`,
      field,
    );
  return json;
}

/** Where JSON.parse gave up, as line and column, without quoting the text. */
function jsonProblem(text: string, error: unknown): string {
  const message = error instanceof Error ? error.message : '';
  if (/end of JSON input/i.test(message)) return 'it ends too early';
  const position = /position (\d+)/.exec(message)?.[1];
  if (position === undefined) {
    // Node 20 names the character but not where it is; one character, escaped, says enough.
    const token = /^Unexpected token '(.)'/u.exec(message)?.[1];
    return token === undefined ? 'a syntax error' : `a syntax error: unexpected '${escapeControl(token)}'`;
  }
  const before = text.slice(0, Number(position));
  const line = before.split('\n').length;
  const column = Number(position) - before.lastIndexOf('\n');
  return `a syntax error at line ${line}, column ${column}`;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * A scenario file laid over a base scenario (issue 15 item 6): an object merges field by field; an
 * object whose `kind` differs from the base's (a trace workload over a synthetic one) replaces it;
 * an array given is the whole list, and an entry whose `id` is that of a base entry inherits the
 * fields it does not name (so `{ "servers": [{ "id": "edge-a100", "gpuMemoryGiB": 80 }] }` is the
 * default A100 alone, with 80 GiB). Keys are copied as data (`__proto__` stays a key, which the
 * schema then refuses).
 *
 * @category edge
 */
export function overlayScenario(base: unknown, over: unknown): unknown {
  if (isRecord(base) && isRecord(over)) {
    if ('kind' in over && 'kind' in base && over.kind !== base.kind) return over;
    const merged = new Map(Object.entries(base));
    for (const [key, value] of Object.entries(over))
      merged.set(key, Object.hasOwn(base, key) ? overlayScenario(base[key], value) : value);
    return Object.fromEntries(merged);
  }
  if (Array.isArray(base) && Array.isArray(over))
    return over.map((entry) => {
      if (!isRecord(entry) || typeof entry.id !== 'string') return entry;
      const match = base.find((b) => isRecord(b) && b.id === entry.id);
      return match === undefined ? entry : overlayScenario(match, entry);
    });
  return over;
}

/**
 * Reads and validates a scenario JSON file. The file names only what differs from the built-in
 * default scenario (a complete file, as `doubledutch scenario` writes, names everything); see
 * {@link overlayScenario} for how lists merge. A file without a `name` is named after itself.
 * Throws {@link ScenarioError} for a missing or unreadable file, malformed JSON, or invalid values,
 * naming the file and every bad field.
 *
 * @category edge
 */
export function loadScenario(path: string): Scenario {
  const json = readJsonFile(path, 'scenario', 'path');
  if (!isRecord(json))
    throw inputError('invalid_scenario', path, 'must hold a JSON object (a scenario)', 'path');
  // Scenario kinds other than the physical edge network dispatch here on `json.kind` (e.g. the
  // seed paper's environment, src/paper/).
  const named = 'name' in json ? json : { ...json, name: basename(path, extname(path)) };
  let scenario: Scenario;
  try {
    scenario = parseScenario(overlayScenario(defaultScenario(), named));
  } catch (error) {
    if (error instanceof ScenarioError)
      throw new ScenarioError(error.code, `${escapeControl(path)}: ${error.message}`, error.field ?? 'path');
    throw error;
  }
  // A trace file named in a scenario file is found beside it, so that the two move together.
  const workload = scenario.workload;
  if (workload.kind === 'trace' && !Object.hasOwn(BUILT_IN_TRACES, workload.source)) {
    const source = isAbsolute(workload.source) ? workload.source : resolve(dirname(path), workload.source);
    checkInputFile(source, 'trace', 'workload.source');
    return { ...scenario, workload: { ...workload, source } };
  }
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
