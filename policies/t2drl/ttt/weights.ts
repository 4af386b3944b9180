/**
 * Saving and loading the paper's T2DRL/PPO actor–critic: `meta.json` (the network's sizes, the
 * scenario's hash, seed, episodes, backend) and `weights.bin` (every variable as float32, in the
 * fixed order of `actorCriticVariables`). A load checks the names and shapes against the sizes.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as tf from '@tensorflow/tfjs-core';
import { DoubleDutchError } from '../../../src/errors.js';
import { warnOnce } from '../../../src/warn-once.js';
import {
  type ActorCritic,
  type ActorCriticConfig,
  actorCriticVariables,
  createActorCritic,
  disposeActorCritic,
} from './actor-critic.js';
import { modelName } from './weights-dir.js';

/** What is saved beside the weights. */
export interface ActorCriticMeta {
  readonly format: 'doubledutch-actor-critic/1';
  /** `t2drl` (with the TTT layer) or `ppo`. */
  readonly policy: 't2drl' | 'ppo';
  /** `physical` or `paper`. */
  readonly environment: string;
  readonly config: ActorCriticConfig;
  readonly scenarioHash: string;
  readonly scenarioName: string;
  readonly seed: number;
  readonly episodes: number;
  readonly backend: string;
  readonly trainedAt: string;
  /**
   * With `train --restarts N` (N > 1): every restart's seed and validation cost, the kept one
   * (`seed`) the cheapest.
   */
  readonly restarts?: readonly { readonly seed: number; readonly validationCost: number }[];
  readonly shapes: readonly (readonly number[])[];
}

/** Saves `net` and `meta` (shapes are filled in) under `dir`. */
export function saveActorCritic(
  net: ActorCritic,
  dir: string,
  meta: Omit<ActorCriticMeta, 'format' | 'shapes' | 'config'>,
): void {
  const variables = actorCriticVariables(net);
  const chunks = variables.map((v) => v.dataSync() as Float32Array);
  const data = new Float32Array(chunks.reduce((s, c) => s + c.length, 0));
  let offset = 0;
  for (const c of chunks) {
    data.set(c, offset);
    offset += c.length;
  }
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, 'weights.bin'), Buffer.from(data.buffer));
  const full: ActorCriticMeta = {
    format: 'doubledutch-actor-critic/1',
    ...meta,
    config: net.config,
    shapes: variables.map((v) => v.shape),
  };
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(full, null, 2)}\n`);
}

/**
 * Loads what {@link saveActorCritic} saved; throws a `DoubleDutchError` (code `bad_weights`, the
 * directory first) when the files are missing, unreadable or do not match their sizes, or are
 * another policy's than `expected.policy` or trained on another model than
 * `expected.environment`: a user's `--weights DIR`, not a bug.
 */
export function loadActorCritic(
  dir: string,
  expected: { readonly policy?: 't2drl' | 'ppo'; readonly environment?: 'physical' | 'paper' } = {},
): { net: ActorCritic; meta: ActorCriticMeta } {
  const bad = (why: string, cause?: unknown) =>
    new DoubleDutchError('bad_weights', `${dir}: ${why}`, undefined, cause === undefined ? {} : { cause });
  const reason = (error: unknown) => (error instanceof Error ? error.message : String(error));
  let meta: ActorCriticMeta;
  try {
    meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as ActorCriticMeta;
  } catch (error) {
    throw bad(`meta.json cannot be read (${reason(error)})`, error);
  }
  if (meta?.format !== 'doubledutch-actor-critic/1')
    throw bad(`not a doubledutch actor-critic (format ${String(meta?.format)})`);
  // ppo's network loads as t2drl's (its config says which layers to build): it would run, under
  // the wrong name, and a comparison of the two would compare a network with itself.
  if (expected.policy !== undefined && meta.policy !== expected.policy)
    throw bad(
      `holds ${String(meta.policy)} weights, not ${expected.policy}'s (train --policy ${expected.policy} writes those)`,
    );
  // The two models' inputs differ in size: the other model's weights would load, then fail in
  // TensorFlow.js at the first slot.
  if (expected.environment !== undefined && meta.environment !== expected.environment) {
    throw bad(
      `${String(meta.policy)} weights trained on the ${modelName(meta.environment)}, not the ${modelName(expected.environment)} (train --policy ${String(meta.policy)}${expected.environment === 'paper' ? ' --scenario paper' : ''} writes those)`,
    );
  }
  if (!existsSync(join(dir, 'weights.bin'))) throw bad('no weights.bin beside meta.json');
  // A read error here is the user's file (a directory, no permission), not a failed write (exit 74).
  let bin: Buffer;
  try {
    bin = readFileSync(join(dir, 'weights.bin'));
  } catch (error) {
    throw bad(`weights.bin cannot be read (${reason(error)})`, error);
  }
  let net: ActorCritic;
  try {
    net = createActorCritic(meta.config, 0);
  } catch (error) {
    throw bad(`meta.json's config is not a network this version builds (${reason(error)})`, error);
  }
  // The network is freed when its weights do not fit it.
  try {
    const variables = actorCriticVariables(net);
    variables.forEach((v, i) => {
      const shape = meta.shapes?.[i];
      if (shape === undefined || shape.join(',') !== v.shape.join(','))
        throw bad(`variable ${i} has shape [${shape?.join(', ')}], expected [${v.shape.join(', ')}]`);
    });
    // Sizes first: a file cut short (a copy interrupted) would otherwise fail inside
    // TensorFlow.js, or, cut mid-value, as a RangeError that reads like a bug.
    const expected = 4 * variables.reduce((s, v) => s + v.size, 0);
    if (bin.byteLength !== expected)
      throw bad(
        `weights.bin has ${bin.byteLength} bytes, expected ${expected} (float32 values for meta.json's shapes): cut short, or not this network's`,
      );
    const data = new Float32Array(bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength));
    let offset = 0;
    for (const v of variables) {
      const values = tf.tensor(data.subarray(offset, offset + v.size), v.shape);
      v.assign(values);
      values.dispose();
      offset += v.size;
    }
  } catch (error) {
    disposeActorCritic(net);
    throw error instanceof DoubleDutchError ? error : bad(reason(error), error);
  }
  return { net, meta };
}

/** A shipped weights directory (`policies/t2drl/weights/<name>`), from the sources or dist/. */
export function shippedActorCriticDir(name: string): string | undefined {
  let dir = dirname(fileURLToPath(import.meta.url));
  for (let up = 0; up < 7; up++) {
    const candidate = join(dir, 'policies', 't2drl', 'weights', name);
    if (existsSync(join(dir, 'package.json')) && existsSync(join(candidate, 'meta.json'))) return candidate;
    dir = dirname(dir);
  }
  return undefined;
}

/**
 * The one-line warning when weights were trained on another scenario than the one being run
 * (once per weights and scenario in a process, worker threads included: src/warn-once.ts); true
 * when it was written.
 */
export function warnOnScenarioMismatch(
  policy: string,
  meta: { readonly scenarioHash: string; readonly scenarioName?: string },
  scenarioHash: string,
  write?: (line: string) => void,
): boolean {
  if (meta.scenarioHash === scenarioHash) return false;
  // t2drl-online's weights (network.ts) record the hash only.
  const hash = meta.scenarioHash.slice(0, 12);
  const trainedOn =
    meta.scenarioName === undefined
      ? `a scenario with hash ${hash}`
      : `scenario '${meta.scenarioName}' (hash ${hash})`;
  return warnOnce(
    `scenario-mismatch\u0000${policy}\u0000${meta.scenarioHash}\u0000${scenarioHash}`,
    `${policy}: weights trained on ${trainedOn}, running on another (hash ${scenarioHash.slice(0, 12)})`,
    write,
  );
}
