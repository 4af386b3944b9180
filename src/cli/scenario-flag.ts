import { existsSync, mkdtempSync, rmdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { defaultScenario } from '../edge/default-scenario.js';
import { loadScenario } from '../edge/scenario.js';
import type { Scenario } from '../edge/scenario-schema.js';
import { DoubleDutchError } from '../errors.js';
import { checkReplaceable, cleanStalePublications, isMountPoint } from '../experiment/atomic.js';
import { NO_MARKET } from '../experiment/slot-market.js';
import { MAX_SEED } from '../experiment/sweep.js';
import { listMechanisms } from '../mechanism.js';
import { listPolicies, policyEnvironments } from '../policy.js';
import { escapeControl } from '../text.js';
import { integerFlag } from './args.js';
import { UsageError } from './command.js';

/** The `--help` line of `--scenario FILE`. */
export const SCENARIO_FLAG_HELP =
  '  --scenario FILE     a scenario JSON file naming what differs from the built-in default (see doubledutch scenario)';

/** The scenario of `--scenario FILE`, or the built-in default. */
export function scenarioFlag(path: string | undefined): Scenario {
  if (path === undefined) return defaultScenario();
  // A bare word naming no file is a mistyped built-in name ('papr') far more often than a file
  // without an extension: say which names there are, not only that no such file exists.
  if (!/[./\\]/.test(path) && !existsSync(path))
    throw new UsageError(
      `'${escapeControl(path)}' is neither a scenario file nor a built-in scenario (physical, paper)`,
      '--scenario',
    );
  return loadScenario(path);
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

/** The most seeds one command runs (each is a run per policy and mechanism). */
const MAX_SEEDS = 10_000;

/** `--seeds N` (seeds 1..N, N ≤ 10,000) or `--seeds 3,7,11` (no repeats; seeds below 2^32). */
export function seedsFlag(value: string | undefined, fallback: number): number[] {
  if (value === undefined) return Array.from({ length: fallback }, (_, i) => i + 1);
  if (value.includes(',')) {
    const seeds = value.split(',').map((s) => integerFlag(s.trim(), 'seeds', 0, 0, MAX_SEED));
    if (seeds.length > MAX_SEEDS)
      throw new UsageError(`lists ${seeds.length} seeds; at most ${MAX_SEEDS}`, '--seeds');
    refuseRepeats(seeds, 'seeds');
    return seeds;
  }
  const n = integerFlag(value, 'seeds', 1, 1, MAX_SEEDS);
  return Array.from({ length: n }, (_, i) => i + 1);
}

/** The nearest existing ancestor of `path` (itself if it exists); throws if one is not a directory. */
function existingAncestor(path: string, shown: string): string {
  let current = path;
  for (;;) {
    if (existsSync(current)) {
      if (!statSync(current).isDirectory())
        throw new UsageError(
          current === path
            ? `'${shown}' exists and is not a directory`
            : `'${shown}' cannot be created: '${current}' is not a directory`,
          '--out',
        );
      return current;
    }
    const parent = dirname(current);
    if (parent === current) return current;
    current = parent;
  }
}

/**
 * Checks before any work that a directory can be created at `dir` and written beside (issue 16
 * item 3): every existing part of the path is a directory, and the nearest existing one accepts a
 * new directory (a probe created and removed at once; `/proc`, `/sys`, a read-only or full file
 * system, or a missing permission fail here in one line rather than after the whole run).
 */
export function checkWritableDir(dir: string, shown: string, flag = '--out'): void {
  existingAncestor(dir, shown);
  // A set is staged beside its directory, or inside it when it is a mount point (atomic.ts).
  const base = isMountPoint(dir) ? dir : existingAncestor(dirname(dir), shown);
  try {
    rmdirSync(mkdtempSync(join(base, '.doubledutch-probe-')));
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? 'error';
    const reason =
      code === 'EACCES' || code === 'EPERM'
        ? 'permission denied'
        : code === 'EROFS'
          ? 'read-only file system'
          : code === 'ENOSPC'
            ? 'no space left on the device'
            : 'directories cannot be created there';
    throw new DoubleDutchError('io', `cannot create '${shown}' in '${base}': ${reason} (${code})`, flag);
  }
}

/**
 * The output directory of `--out DIR`, resolved and checked before any work, so that a long run
 * never fails at its end: it can be created ({@link checkWritableDir}); a publication a killed
 * process left unfinished there is completed or undone; and it does not hold another command's
 * results unless `--overwrite` was given (issue 15 item 4; `sample` names files of the set).
 */
export function outDirFlag(
  value: string | undefined,
  fallback: string,
  publish?: { command: string; overwrite: boolean; sample: readonly string[] },
): string {
  const shown = escapeControl(value ?? fallback);
  const dir = resolve(value ?? fallback);
  checkWritableDir(dir, shown);
  if (publish !== undefined) {
    cleanStalePublications(dir);
    checkReplaceable(dir, publish.sample, publish);
  }
  return dir;
}

/** The `--help` line of `--quiet` (compare, run, sweep, train). */
export const QUIET_FLAG_HELP =
  '  --quiet             errors and warnings only: no progress on stderr, no summary on stdout';

/** The `--help` line of `--overwrite`. */
export const OVERWRITE_FLAG_HELP =
  '  --overwrite         replace results another command left in --out (refused otherwise)';

/** The policies a default comparison runs: every registered one that runs on the physical model. */
export function defaultPolicies(): string[] {
  // Only those that run on the physical model (`laot` runs on the paper's model only).
  return listPolicies().filter((name) => policyEnvironments(name).includes('edge'));
}

/**
 * The mechanisms a default comparison runs: no market, then every registered mechanism (the
 * built-ins and any a `--plugin` registered), so that a new mechanism joins the main job without
 * a list to edit (issue 11).
 */
export function defaultMechanisms(): string[] {
  return [NO_MARKET, ...listMechanisms()];
}
