/**
 * Where trained weights live: the package ships weights trained on the default scenario in
 * `policies/t2drl/weights/default/` (slot reward, `t2drl`) and `weights/pair/` (credit per
 * decision, `t2drl-pair`); `doubledutch train --out DIR` writes new ones.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

/** Weights record the scenario they were trained on by its hash. */
export { scenarioHash } from '../../src/edge/scenario.js';

/** A shipped weights directory, found from this module whether it runs from the sources or dist/. */
export function shippedWeightsDir(name: 'default' | 'pair' = 'default'): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 6; up++) {
    const candidate = join(dir, 'policies', 't2drl', 'weights', name);
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'meta.json'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}
