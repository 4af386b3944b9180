/**
 * Reading a paper scenario: the built-in name `paper` (Section VI's defaults) or a JSON file with
 * `"kind": "paper"`; every bad field of the file is named at once.
 */
import { readFileSync, statSync } from 'node:fs';
import { dirname, isAbsolute, resolve } from 'node:path';
import { ScenarioError, stripByteOrderMark } from '../edge/scenario.js';
import { BUILT_IN_TRACES } from '../edge/workload/built-in-traces.js';
import { isPaperScenario, paperScenario, parsePaperScenario } from './scenario.js';
import type { PaperScenario } from './scenario-schema.js';

/** The scenario name that selects the paper's defaults on the command line (`--scenario paper`). */
export const PAPER_SCENARIO_NAME = 'paper';

// A scenario is a small JSON file; anything else (a device, a FIFO, a huge file) is left to the
// physical loader, which names the problem, rather than read (reading /dev/zero never ends).
const MAX_SCENARIO_BYTES = 16 * 2 ** 20;

function isSmallRegularFile(path: string): boolean {
  try {
    const stat = statSync(path);
    return stat.isFile() && stat.size <= MAX_SCENARIO_BYTES;
  } catch {
    return false;
  }
}

function readJson(path: string): unknown {
  if (!isSmallRegularFile(path))
    throw new ScenarioError(
      'unreadable',
      `cannot read scenario '${path}': not a regular file of at most 16 MiB`,
      'path',
    );
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    const reason =
      (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (error as Error).message;
    throw new ScenarioError('unreadable', `cannot read scenario '${path}': ${reason}`, 'path');
  }
  try {
    return JSON.parse(stripByteOrderMark(text));
  } catch (error) {
    throw new ScenarioError(
      'malformed_json',
      `scenario '${path}' is not valid JSON: ${(error as Error).message}`,
      'path',
    );
  }
}

/**
 * True when `--scenario` selects the paper's model: the name `paper`, or a readable JSON file whose
 * `kind` is `"paper"` (an unreadable file is left to the physical loader, which names the problem).
 *
 * @category edge
 */
export function selectsPaperScenario(path: string | undefined): boolean {
  if (path === undefined) return false;
  if (path === PAPER_SCENARIO_NAME) return true;
  if (!isSmallRegularFile(path)) return false;
  try {
    return isPaperScenario(readJson(path));
  } catch {
    return false;
  }
}

/**
 * The paper scenario of `--scenario paper` or of a `kind: "paper"` file; a trace path in the file
 * is found beside it. Throws a `PaperScenarioError` naming every bad field.
 *
 * @category edge
 */
export function loadPaperScenario(path: string): PaperScenario {
  if (path === PAPER_SCENARIO_NAME) return paperScenario();
  const scenario = parsePaperScenario(readJson(path));
  const demand = scenario.demand;
  if (demand.kind === 'trace' && !Object.hasOwn(BUILT_IN_TRACES, demand.source) && !isAbsolute(demand.source))
    return { ...scenario, demand: { ...demand, source: resolve(dirname(path), demand.source) } };
  return scenario;
}
