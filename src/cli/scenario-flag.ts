import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { defaultScenario } from '../edge/default-scenario.js';
import { loadScenario } from '../edge/scenario.js';
import type { Scenario } from '../edge/scenario-schema.js';
import { listPolicies } from '../policy.js';
import { integerFlag } from './args.js';
import { UsageError } from './command.js';

/** The `--help` line of `--scenario FILE`. */
export const SCENARIO_FLAG_HELP =
  '  --scenario FILE     a scenario JSON file (default: the built-in default; see doubledutch scenario)';

/** The scenario of `--scenario FILE`, or the built-in default. */
export function scenarioFlag(path: string | undefined): Scenario {
  return path === undefined ? defaultScenario() : loadScenario(path);
}

/** Throws a usage error naming `flag` when `items` repeats an entry (it would duplicate rows). */
function refuseRepeats(items: readonly (string | number)[], flag: string): void {
  const seen = new Set<string | number>();
  for (const item of items) {
    if (seen.has(item)) throw new UsageError(`lists '${item}' twice`, `--${flag}`);
    seen.add(item);
  }
}

/** A comma-separated list flag `--NAME a,b`, or the fallback; empty entries and repeats are refused. */
export function listFlag(value: string | undefined, fallback: readonly string[], flag: string): string[] {
  if (value === undefined) return [...fallback];
  const items = value.split(',').map((s) => s.trim());
  if (items.some((s) => s.length === 0)) throw new UsageError(`has an empty name in '${value}'`, `--${flag}`);
  refuseRepeats(items, flag);
  return items;
}

/** `--seeds N` (seeds 1..N) or `--seeds 3,7,11` (no repeats). */
export function seedsFlag(value: string | undefined, fallback: number): number[] {
  if (value === undefined) return Array.from({ length: fallback }, (_, i) => i + 1);
  if (value.includes(',')) {
    const seeds = value.split(',').map((s) => integerFlag(s.trim(), 'seeds', 0));
    refuseRepeats(seeds, 'seeds');
    return seeds;
  }
  const n = integerFlag(value, 'seeds', 1, 1);
  return Array.from({ length: n }, (_, i) => i + 1);
}

/**
 * The output directory of `--out DIR`, resolved; refused before any work when it exists and is
 * not a directory, so that a long run never fails at its end.
 */
export function outDirFlag(value: string | undefined, fallback: string): string {
  const dir = resolve(value ?? fallback);
  if (existsSync(dir) && !statSync(dir).isDirectory())
    throw new UsageError(`'${value ?? fallback}' exists and is not a directory`, '--out');
  return dir;
}

/** The policies a default comparison runs: every registered one. */
export function defaultPolicies(): string[] {
  return listPolicies();
}

/** The mechanisms a default comparison runs: no market, the double Dutch auctions, and the standard ones. */
export const DEFAULT_MECHANISMS = [
  'none',
  'dda',
  'dda-tr',
  'mcafee',
  'sbba',
  'trade-reduction',
  'vcg',
  'welfare-max',
];
