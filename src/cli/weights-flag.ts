/**
 * The `--weights DIR` flag of `run` and `compare`, on either model: checked before any run to hold
 * weights of at least one policy run that loads weights (t2drl and ppo; on the physical model the
 * online family too: t2drl-online, drl-frozen, t2drl-pair), each of that policy's kind and trained
 * on the model being run (weights of the other model have another input size, so they are refused here
 * in one line rather than failing inside TensorFlow.js). Reads only `meta.json`, so no
 * TensorFlow.js is loaded to check.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  isWeightsPolicy,
  modelName,
  otherWeightsIn,
  trainCommandFor,
  type WeightsPolicy,
  weightsDirFor,
  weightsDirProblem,
  weightsPlaces,
} from '../../policies/t2drl/ttt/weights-dir.js';
import { UsageError } from './command.js';

/** The help line of `--weights`. */
export const WEIGHTS_FLAG_HELP = [
  '  --weights DIR       the weights of t2drl, ppo, t2drl-online, drl-frozen and t2drl-pair (train --out DIR,',
  '                      or a folder of such directories named by policy; a learner with none there keeps',
  '                      its shipped ones, and says so); default: the shipped ones',
].join('\n');

/** Which model weights were trained on, as their `meta.json` says (`physical` or `paper`). */
export type WeightsEnvironment = 'physical' | 'paper';

const TRAIN_FLAG: Record<WeightsEnvironment, string> = { physical: '', paper: ' --scenario paper' };

/**
 * The weights directory of each policy in `policies` that loads weights under `dir`, checked to be
 * that policy's kind and to be trained on `environment`; throws a one-line `UsageError` naming
 * `--weights` otherwise, or when `dir` holds weights for none of them. A policy `dir` holds no
 * weights for keeps its shipped ones, with one line on stderr. The online family runs on the
 * physical model only.
 */
export function checkWeightsFlag(
  dir: string,
  policies: readonly string[],
  environment: WeightsEnvironment,
): Map<WeightsPolicy, string> {
  const kinds = policies.filter(
    (p): p is WeightsPolicy =>
      isWeightsPolicy(p) && (environment === 'physical' || p === 't2drl' || p === 'ppo'),
  );
  if (kinds.length === 0)
    throw new UsageError(
      environment === 'physical'
        ? `--weights applies to t2drl, ppo, t2drl-online, drl-frozen and t2drl-pair, and none is run (${policies.join(', ')})`
        : `--weights applies to t2drl and ppo, and neither is run (${policies.join(', ')})`,
      '--weights',
    );
  const problem = weightsDirProblem(dir);
  if (problem !== undefined) throw new UsageError(problem, '--weights');
  const found = new Map<WeightsPolicy, string>();
  const missing: WeightsPolicy[] = [];
  for (const kind of kinds) {
    const weights = weightsDirFor(kind, dir);
    if (weights === undefined) {
      missing.push(kind);
      continue;
    }
    // The online network records no model: it trains and runs on the physical one only.
    if (kind !== 't2drl' && kind !== 'ppo') {
      found.set(kind, weights);
      continue;
    }
    const trainedOn = (
      JSON.parse(readFileSync(join(weights, 'meta.json'), 'utf8')) as { environment?: unknown }
    ).environment;
    if (trainedOn !== environment) {
      throw new UsageError(
        `${weights}: ${kind} weights trained on the ${modelName(trainedOn)}; this run is on the ${modelName(environment)} (train --policy ${kind}${TRAIN_FLAG[environment]})`,
        '--weights',
      );
    }
    found.set(kind, weights);
  }
  const [first] = missing;
  if (first !== undefined && found.size === 0) {
    // Nothing of what is run is there: weights of another kind where a train --out directory's
    // would be are named, so that the mix-up is plain.
    const other = otherWeightsIn(dir);
    throw new UsageError(
      other === undefined
        ? `${dir}: no ${first} weights there (in ${weightsPlaces(first)}, as ${trainCommandFor(first)} --out writes)`
        : `${dir}: no ${first} weights there: ${other}; ${trainCommandFor(first)} writes ${first}'s`,
      '--weights',
    );
  }
  // A directory holding some of the learners' weights (say `train --policy t2drl --out DIR`, run
  // with the default policy list) is what the user meant for those; the others keep their shipped
  // weights, and say so, rather than refusing the whole comparison.
  for (const kind of missing)
    process.stderr.write(`--weights: no ${kind} weights in ${dir}; ${kind} runs its shipped weights\n`);
  return found;
}
