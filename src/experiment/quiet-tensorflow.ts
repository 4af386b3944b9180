/**
 * `--quiet` for runs of TensorFlow.js networks: TensorFlow.js's first initialisation in a thread
 * decides whether its backend line is printed, so a quiet command (or sweep worker) initialises it
 * quietly before running any policy that loads it.
 */
import { loadsTensorflow } from '../lazy-policy.js';

/** Initialises TensorFlow.js quietly when `quiet` and one of `policies` loads it (imported only then). */
export async function quietTensorflowFor(quiet: boolean, policies: readonly string[]): Promise<void> {
  if (quiet && policies.some(loadsTensorflow))
    await (await import('../../policies/t2drl/backend.js')).initTensorflow({ quiet: true });
}
