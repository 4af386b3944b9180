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
 * `wasm` or `cpu`. `DOUBLEDUTCH_TF_BACKEND=tensorflow|wasm|cpu` tries that one first (for
 * reproducing across machines) and says so when it is not available.
 *
 * @category policies
 */
export function initTensorflow(options: { readonly quiet?: boolean } = {}): Promise<string> {
  chosen ??= (async () => {
    const forced = process.env.DOUBLEDUTCH_TF_BACKEND;
    const say = (line: string) => {
      if (options.quiet !== true) process.stderr.write(`${line}\n`);
    };
    const order = ['tensorflow', 'wasm', 'cpu'];
    let candidates = order;
    if (forced !== undefined && forced !== '') {
      if (order.includes(forced)) candidates = [forced, ...order.filter((b) => b !== forced)];
      else say(`DOUBLEDUTCH_TF_BACKEND='${forced}' is not one of ${order.join(', ')}; ignoring it`);
    }
    let name: string | undefined;
    for (const candidate of candidates) {
      if (await tryBackend(candidate)) {
        name = candidate;
        break;
      }
      if (candidate === forced) say(`TensorFlow.js backend '${forced}' is not available; falling back`);
    }
    await tf.ready();
    say(`TensorFlow.js backend: ${name ?? 'cpu'}`);
    return name ?? 'cpu';
  })();
  return chosen;
}

/** Registers and selects one backend; false when it is not installed or does not load. */
async function tryBackend(name: string): Promise<boolean> {
  try {
    if (name === 'tensorflow') {
      // tfjs-node registers the 'tensorflow' backend on the shared tfjs-core when it loads.
      require('@tensorflow/tfjs-node');
    } else if (name === 'wasm') {
      const wasm = require('@tensorflow/tfjs-backend-wasm') as { setWasmPaths(prefix: string): void };
      wasm.setWasmPaths(
        `${join(dirname(require.resolve('@tensorflow/tfjs-backend-wasm/package.json')), 'dist')}/`,
      );
    }
    return await tf.setBackend(name);
  } catch {
    // Not installed (tfjs-node's install needs a download from outside the npm registry) or not loadable.
    return false;
  }
}
