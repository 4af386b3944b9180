/**
 * The part of a sweep job's key that names the weights a learner loads from `--weights DIR`, so
 * that a resumed sweep never reuses a result computed with other weights (the shipped ones, or
 * another training's), and a directory mixing them is refused as another grid's.
 */
import { createHash } from 'node:crypto';
import { type Dirent, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { isWeightsPolicy, weightsDirFor } from '../../policies/t2drl/ttt/weights-dir.js';

/**
 * A short hash of the files of `policy`'s weights under `dir` (their names and bytes, so that a
 * retraining into the same directory gives another tag); undefined when `policy` loads no weights
 * from `dir` and so runs its shipped ones, whose jobs keep the key they have without `--weights`.
 */
export function weightsTag(policy: string, dir: string | undefined): string | undefined {
  if (dir === undefined || !isWeightsPolicy(policy)) return undefined;
  const found = weightsDirFor(policy, dir);
  if (found === undefined) return undefined;
  const hash = createHash('sha256');
  // Recursive: the online network keeps its layers in actor/ and critic/ beside meta.json.
  const files = (readdirSync(found, { recursive: true, withFileTypes: true }) as Dirent[])
    .filter((entry) => entry.isFile())
    .map((entry) => relative(found, join(entry.parentPath ?? entry.path, entry.name)))
    .sort();
  for (const name of files) {
    const bytes = readFileSync(join(found, name));
    // Lengths first, so that no two different sets of files hash the same stream.
    hash.update(`${name.length}:${name}:${bytes.length}:`).update(bytes);
  }
  return hash.digest('hex').slice(0, 10);
}
