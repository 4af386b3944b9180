/**
 * TensorFlow.js backend selection: `@tensorflow/tfjs-node` (native libtensorflow) when it is
 * installed and loads; otherwise the WASM backend (about 4x faster than the CPU backend for the
 * small networks here); otherwise the plain CPU backend. The choice is printed once, on stderr.
 */
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import * as tf from '@tensorflow/tfjs-core';
import '@tensorflow/tfjs-backend-cpu';

const require = createRequire(import.meta.url);
let chosen: Promise<string> | undefined;

/**
 * Initialises TensorFlow.js once and resolves to the backend in use: `tensorflow` (tfjs-node),
 * `wasm` or `cpu`. `DOUBLEDUTCH_TF_BACKEND=cpu|wasm` forces one (for reproducing across machines).
 *
 * @category policies
 */
export function initTensorflow(options: { readonly quiet?: boolean } = {}): Promise<string> {
  chosen ??= (async () => {
    const forced = process.env.DOUBLEDUTCH_TF_BACKEND;
    let name = 'cpu';
    if (forced === undefined || forced === 'tensorflow') {
      try {
        // tfjs-node registers the 'tensorflow' backend on the shared tfjs-core when it loads.
        require('@tensorflow/tfjs-node');
        if (await tf.setBackend('tensorflow')) name = 'tensorflow';
      } catch {
        // Not installed (its install needs a download from outside the npm registry) or not loadable.
      }
    }
    if (name === 'cpu' && (forced === undefined || forced === 'wasm')) {
      try {
        const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
        wasm.setWasmPaths(
          `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`,
        );
        if (await tf.setBackend('wasm')) name = 'wasm';
      } catch {
        // Fall through to the CPU backend.
      }
    }
    if (name === 'cpu') await tf.setBackend('cpu');
    await tf.ready();
    if (options.quiet !== true) process.stderr.write(`TensorFlow.js backend: ${name}\n`);
    return name;
  })();
  return chosen;
}
