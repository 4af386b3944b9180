/**
 * The T2DRL networks: an actor that scores each (server, model) pair with one shared MLP (the
 * factorised action space: one keep/evict decision per pair), and a critic that values the state
 * from the mean and max of the pair features. Built with TensorFlow.js layers, seeded, and saved
 * in the TensorFlow.js layers-model format (model.json + weights.bin).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import * as tfl from '@tensorflow/tfjs-layers';
import { PAIR_FEATURES } from './features.js';

/** The actor and the critic. */
export interface Networks {
  readonly actor: tfl.LayersModel;
  readonly critic: tfl.LayersModel;
}

function mlp(inputs: number, hidden: number, seed: number, outputBias = 0): tfl.Sequential {
  const init = (k: number) => tfl.initializers.glorotUniform({ seed: seed * 7 + k });
  return tfl.sequential({
    layers: [
      tfl.layers.dense({
        inputShape: [inputs],
        units: hidden,
        activation: 'tanh',
        kernelInitializer: init(1),
      }),
      tfl.layers.dense({ units: hidden, activation: 'tanh', kernelInitializer: init(2) }),
      tfl.layers.dense({
        units: 1,
        kernelInitializer: init(3),
        biasInitializer: tfl.initializers.constant({ value: outputBias }),
      }),
    ],
  });
}

/**
 * Fresh networks from a seed. The actor's output bias starts at +1 (keep probability ≈ 0.73), so
 * that an untrained agent behaves like a cache that keeps what it needs.
 */
export function createNetworks(seed: number, hidden = 32): Networks {
  return { actor: mlp(PAIR_FEATURES, hidden, seed, 1), critic: mlp(2 * PAIR_FEATURES, hidden, seed + 1000) };
}

/** Frees both networks' weights. */
export function disposeNetworks(networks: Networks): void {
  networks.actor.dispose();
  networks.critic.dispose();
}

/** The trainable variables of both networks. */
export function trainableVariables(networks: Networks): tf.Variable[] {
  return [...networks.actor.trainableWeights, ...networks.critic.trainableWeights].map(
    (w) => w.read() as tf.Variable,
  );
}

/** Metadata saved beside the weights. */
export interface WeightsMeta {
  readonly scenarioHash: string;
  readonly seed: number;
  readonly episodes: number;
  readonly backend: string;
  readonly trainedAt: string;
  /** What the networks learned from (`slot` when absent). */
  readonly credit?: 'slot' | 'pair';
  /** With `train --restarts`: every restart's seed and mean validation cost (the kept one is `seed`). */
  readonly restarts?: readonly { readonly seed: number; readonly validationCost: number }[];
}

async function saveModel(model: tfl.LayersModel, dir: string): Promise<void> {
  mkdirSync(dir, { recursive: true });
  await model.save(
    tf.io.withSaveHandler(async (artifacts) => {
      const weightData = artifacts.weightData as ArrayBuffer;
      writeFileSync(join(dir, 'weights.bin'), Buffer.from(weightData));
      writeFileSync(
        join(dir, 'model.json'),
        JSON.stringify({
          format: 'layers-model',
          generatedBy: 'doubledutch',
          modelTopology: artifacts.modelTopology,
          weightsManifest: [{ paths: ['weights.bin'], weights: artifacts.weightSpecs }],
        }),
      );
      return { modelArtifactsInfo: { dateSaved: new Date(), modelTopologyType: 'JSON' } };
    }),
  );
}

async function loadModel(dir: string): Promise<tfl.LayersModel> {
  const json = JSON.parse(readFileSync(join(dir, 'model.json'), 'utf8')) as {
    modelTopology: object;
    weightsManifest: { weights: tf.io.WeightsManifestEntry[] }[];
  };
  const bin = readFileSync(join(dir, 'weights.bin'));
  const weightData = bin.buffer.slice(bin.byteOffset, bin.byteOffset + bin.byteLength);
  return tfl.loadLayersModel(
    tf.io.fromMemory({
      modelTopology: json.modelTopology,
      weightSpecs: json.weightsManifest[0]?.weights ?? [],
      weightData,
    }),
  );
}

/** Saves both networks and their metadata under `dir` (actor/, critic/, meta.json). */
export async function saveNetworks(networks: Networks, dir: string, meta: WeightsMeta): Promise<void> {
  await saveModel(networks.actor, join(dir, 'actor'));
  await saveModel(networks.critic, join(dir, 'critic'));
  writeFileSync(join(dir, 'meta.json'), `${JSON.stringify(meta, null, 2)}\n`);
}

/** Loads networks saved by {@link saveNetworks}. */
export async function loadNetworks(dir: string): Promise<{ networks: Networks; meta: WeightsMeta }> {
  const meta = JSON.parse(readFileSync(join(dir, 'meta.json'), 'utf8')) as WeightsMeta;
  return {
    networks: { actor: await loadModel(join(dir, 'actor')), critic: await loadModel(join(dir, 'critic')) },
    meta,
  };
}
