/**
 * The `--weights DIR` flag of `run` and `compare`, on either model: checked before any run to hold
 * weights of every t2drl/ppo policy run, trained on the model being run (weights of the other
 * model have another input size, so they are refused here in one line rather than failing inside
 * TensorFlow.js). Reads only `meta.json`, so no TensorFlow.js is loaded to check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { weightsDirFor, weightsDirProblem } from '../../policies/t2drl/ttt/weights-dir.js';
import { UsageError } from './command.js';

/** The help line of `--weights`. */
export const WEIGHTS_FLAG_HELP =
  "  --weights DIR       t2drl's and ppo's weights (train --out DIR); default: the shipped ones";

/** Which model weights were trained on, as their `meta.json` says (`physical` or `paper`). */
export type WeightsEnvironment = 'physical' | 'paper';

const TRAIN_FLAG: Record<WeightsEnvironment, string> = { physical: '', paper: ' --scenario paper' };
const MODEL: Record<WeightsEnvironment, string> = { physical: 'physical model', paper: "paper's model" };

/**
 * The weights directory of each t2drl/ppo policy in `policies` under `dir`, checked to exist and
 * to be trained on `environment`; throws a one-line `UsageError` naming `--weights` otherwise.
 */
export function checkWeightsFlag(
  dir: string,
  policies: readonly string[],
  environment: WeightsEnvironment,
): Map<'t2drl' | 'ppo', string> {
  const kinds = policies.filter((p): p is 't2drl' | 'ppo' => p === 't2drl' || p === 'ppo');
  if (kinds.length === 0)
    throw new UsageError(
      `--weights applies to t2drl and ppo, and neither is run (${policies.join(', ')})`,
      '--weights',
    );
  const problem = weightsDirProblem(dir);
  if (problem !== undefined) throw new UsageError(problem, '--weights');
  const found = new Map<'t2drl' | 'ppo', string>();
  for (const kind of kinds) {
    const weights = weightsDirFor(kind, dir);
    if (weights === undefined)
      throw new UsageError(
        `${dir}: no ${kind} weights there (a meta.json naming ${kind} in DIR, DIR/weights, DIR/${kind} or DIR/${kind}/weights, as train --out writes)`,
        '--weights',
      );
    const trainedOn = (
      JSON.parse(readFileSync(join(weights, 'meta.json'), 'utf8')) as { environment?: unknown }
    ).environment;
    if (trainedOn !== environment) {
      const other =
        trainedOn === 'paper' || trainedOn === 'physical' ? MODEL[trainedOn] : `'${String(trainedOn)}' model`;
      throw new UsageError(
        `${weights}: ${kind} weights trained on the ${other}; this run is on the ${MODEL[environment]} (train --policy ${kind}${TRAIN_FLAG[environment]})`,
        '--weights',
      );
    }
    found.set(kind, weights);
  }
  return found;
}
