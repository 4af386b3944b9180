import { defaultScenario } from '../edge/default-scenario.js';
import { loadScenario } from '../edge/scenario.js';
import type { Scenario } from '../edge/scenario-schema.js';
import { listPolicies } from '../policy.js';
import { integerFlag } from './args.js';
import { UsageError } from './command.js';

/** The scenario of `--scenario FILE`, or the built-in default. */
export function scenarioFlag(path: string | undefined): Scenario {
  return path === undefined ? defaultScenario() : loadScenario(path);
}

/** A comma-separated list flag, or the fallback. */
export function listFlag(value: string | undefined, fallback: readonly string[]): string[] {
  if (value === undefined) return [...fallback];
  const items = value
    .split(',')
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
  if (items.length === 0) throw new UsageError('must list at least one name', 'list');
  return items;
}

/** `--seeds N` (seeds 1..N) or `--seeds 3,7,11`. */
export function seedsFlag(value: string | undefined, fallback: number): number[] {
  if (value === undefined) return Array.from({ length: fallback }, (_, i) => i + 1);
  if (value.includes(',')) return value.split(',').map((s) => integerFlag(s.trim(), 'seeds', 0));
  const n = integerFlag(value, 'seeds', 1, 1);
  return Array.from({ length: n }, (_, i) => i + 1);
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
