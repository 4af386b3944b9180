/**
 * The weights directory chosen for a whole process (`doubledutch run|compare --weights DIR`): the
 * registered `t2drl` and `ppo` load their networks from it instead of the shipped ones. Without
 * TensorFlow.js, so the CLI can check the directory before any run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let chosen: string | undefined;

/** Sets (or, with undefined, clears) the process's weights directory. */
export function setWeightsDir(dir: string | undefined): void {
  chosen = dir;
}

/**
 * The weights of `kind` under `dir` (default the process's): `dir` itself when its `meta.json`
 * names that policy (a `train --out` directory's `weights/`), else `dir/weights`, `dir/KIND` or
 * `dir/KIND/weights` when theirs does; undefined when none does.
 */
export function weightsDirFor(kind: 't2drl' | 'ppo', dir: string | undefined = chosen): string | undefined {
  if (dir === undefined) return undefined;
  for (const candidate of [dir, join(dir, 'weights'), join(dir, kind), join(dir, kind, 'weights')]) {
    const meta = join(candidate, 'meta.json');
    if (!existsSync(meta)) continue;
    try {
      if ((JSON.parse(readFileSync(meta, 'utf8')) as { policy?: unknown }).policy === kind) return candidate;
    } catch {
      // Not a weights directory: try the next candidate.
    }
  }
  return undefined;
}

/**
 * Why `dir` cannot hold weights at all (`no such directory`, `not a directory`), so that a
 * mistyped `--weights` path is named as such rather than as a directory without weights.
 */
export function weightsDirProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return `${dir}: no such directory`;
  if (!statSync(dir).isDirectory()) return `${dir}: not a directory (give the directory train --out wrote)`;
  return undefined;
}
