/**
 * A TTT-Linear layer (Sun et al. 2024, "Learning to (Learn at Test Time): RNNs with Expressive
 * Hidden States", arXiv 2407.04620) in TensorFlow.js, as the seed paper's T2DRL uses it (PAPER.md
 * §3.3). Its hidden state is a weight matrix W per head. Each token x gives a key xθ_K, a value
 * xθ_V and a query xθ_Q; the inner loss is ‖key·W − value‖² and W takes one gradient step on it
 * per token, with a learned, per-token gated learning rate. Tokens are processed in mini-batches
 * of b: every gradient of a mini-batch is taken at the W from the start of the mini-batch (so the
 * mini-batch is one matrix product, the "dual form"), and token t's output is its query through W
 * updated by the gradients of tokens ≤ t of its mini-batch. W starts from a learned W0.
 *
 * The gradient of a linear reconstruction is an outer product, 2·kᵀ(kW − v), so the update is
 * written in closed form with ordinary tensor ops: the outer (PPO) gradient flows through the
 * unrolled inner updates by first-order autodiff, without second-order differentiation.
 *
 * Row-vector convention: a token is a row x ∈ R^{1×d}, a head's key k ∈ R^{1×h}, W ∈ R^{h×h}.
 * Written for this project (not copied from the reference implementation).
 */
import * as tf from '@tensorflow/tfjs-core';
// tfjs-core's Node bundle registers no gradients; tfjs-layers' bundle registers them all when loaded.
import '@tensorflow/tfjs-layers';
import { concat } from '../arrays.js';

/** Sizes of a TTT-Linear layer (the paper's: width 32, 4 heads, mini-batch 4). */
export interface TttConfig {
  /** Token width d (the paper's hidden size 32). */
  readonly width: number;
  /** Heads; each has an (d/heads) × (d/heads) inner W. */
  readonly heads: number;
  /** Tokens per inner mini-batch (the paper's 4). */
  readonly miniBatch: number;
  /**
   * Base inner learning rate: a token's rate is base · sigmoid(x·θ_η + b_η) / head width, as in
   * the reference implementation (its `ttt_base_lr` = 1). 0 switches the inner loop off.
   */
  readonly baseLr: number;
}

/** The paper's TTT sizes (PAPER.md §3.6), with the reference implementation's base inner rate. */
export const PAPER_TTT: TttConfig = { width: 32, heads: 4, miniBatch: 4, baseLr: 1 };

/** The outer (trained) parameters of a TTT-Linear layer. */
export interface TttParams {
  readonly thetaK: tf.Variable; // [d, d]
  readonly thetaV: tf.Variable; // [d, d]
  readonly thetaQ: tf.Variable; // [d, d]
  readonly thetaO: tf.Variable; // [d, d] output projection of the concatenated heads
  /** Learned initial inner weights W0, one per head: [heads, h, h]. */
  readonly w0: tf.Variable;
  /** Inner learning-rate gate: [d, heads] and [heads]. */
  readonly lrKernel: tf.Variable;
  readonly lrBias: tf.Variable;
}

/** A small deterministic generator for initial weights (mulberry32), so that layers are seeded. */
export function seededNormal(seed: number): () => number {
  let s = seed >>> 0;
  const uniform = () => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return () => Math.sqrt(-2 * Math.log(1 - uniform())) * Math.cos(2 * Math.PI * uniform());
}

let created = 0;

/**
 * A trainable variable with a name unique in the process (TensorFlow.js refuses a name twice):
 * `name` followed by a counter. Takes `initial` over: it is disposed.
 */
export function namedVariable(initial: tf.Tensor, name: string): tf.Variable {
  created++;
  const variable = tf.variable(initial, true, `${name}#${created}`);
  // The variable shares the tensor's data but is a tensor of its own: the one it was built from
  // would otherwise stay alive for the process (review: 44 tensors per t2drl run).
  initial.dispose();
  return variable;
}

/** A variable of the given shape with entries N(0, scale²) from `normal`. */
export function normalVariable(
  shape: number[],
  scale: number,
  normal: () => number,
  name: string,
): tf.Variable {
  const size = shape.reduce((a, b) => a * b, 1);
  const values = new Float32Array(size);
  for (let i = 0; i < size; i++) values[i] = normal() * scale;
  return namedVariable(tf.tensor(values, shape), name);
}

/** Head width d / heads; throws when the width is not a multiple of the heads. */
export function headWidth(config: TttConfig): number {
  const h = config.width / config.heads;
  if (!Number.isInteger(h) || h < 1)
    throw new Error(`TTT width ${config.width} is not a multiple of ${config.heads} heads`);
  return h;
}

/**
 * Fresh parameters: projections and W0 with variance 1/(fan-in), a gate starting near
 * sigmoid(0) = 0.5 (so the first inner steps take half the base rate).
 */
export function createTttParams(config: TttConfig, seed: number, prefix = 'ttt'): TttParams {
  const d = config.width;
  const h = headWidth(config);
  const normal = seededNormal(seed);
  const scale = 1 / Math.sqrt(d);
  return {
    thetaK: normalVariable([d, d], scale, normal, `${prefix}/thetaK`),
    thetaV: normalVariable([d, d], scale, normal, `${prefix}/thetaV`),
    thetaQ: normalVariable([d, d], scale, normal, `${prefix}/thetaQ`),
    thetaO: normalVariable([d, d], scale, normal, `${prefix}/thetaO`),
    w0: normalVariable([config.heads, h, h], 1 / Math.sqrt(h), normal, `${prefix}/w0`),
    lrKernel: normalVariable([d, config.heads], 0.01, normal, `${prefix}/lrKernel`),
    lrBias: namedVariable(tf.zeros([config.heads]), `${prefix}/lrBias`),
  };
}

/** The variables of a layer, in a fixed order (for optimisers and saving). */
export function tttVariables(params: TttParams): tf.Variable[] {
  return [
    params.thetaK,
    params.thetaV,
    params.thetaQ,
    params.thetaO,
    params.w0,
    params.lrKernel,
    params.lrBias,
  ];
}

/** [T, d] → [heads, T, h]. */
function splitHeads(x: tf.Tensor2D, heads: number): tf.Tensor3D {
  const [t, d] = x.shape;
  return tf.transpose(tf.reshape(x, [t, heads, d / heads]), [1, 0, 2]);
}

/** [heads, T, h] → [T, d]. */
function mergeHeads(x: tf.Tensor3D): tf.Tensor2D {
  const [heads, t, h] = x.shape;
  return tf.reshape(tf.transpose(x, [1, 0, 2]), [t, heads * h]);
}

/**
 * The closed-form gradient of the inner loss Σ_tokens ‖k·W − v‖² at W, for one head's keys and
 * values [n, h]: 2·Kᵀ(KW − V). Exported for the test that compares it with autodiff.
 */
export function innerGradient(w: tf.Tensor2D, keys: tf.Tensor2D, values: tf.Tensor2D): tf.Tensor2D {
  return tf.tidy(() => tf.mul(2, tf.matMul(keys, tf.sub(tf.matMul(keys, w), values), true, false)));
}

/** The inner loss Σ_tokens ‖k·W − v‖² (for tests and diagnostics). */
export function innerLoss(w: tf.Tensor2D, keys: tf.Tensor2D, values: tf.Tensor2D): tf.Scalar {
  return tf.tidy(() => tf.sum(tf.square(tf.sub(tf.matMul(keys, w), values))));
}

/** Per-token, per-head inner learning rates [heads, T]. */
function innerRates(params: TttParams, config: TttConfig, x: tf.Tensor2D): tf.Tensor2D {
  const gate = tf.sigmoid(tf.add(tf.matMul(x, params.lrKernel), params.lrBias)); // [T, heads]
  return tf.transpose(tf.mul(gate, config.baseLr / headWidth(config))) as tf.Tensor2D;
}

/**
 * One inner mini-batch (up to `miniBatch` tokens) from inner state `w` [heads, h, h]: the outputs
 * of its tokens [n, d] and the state after it. Token t's output is q_t·W_t with
 * W_t = W − Σ_{s ≤ t} η_s · 2 k_sᵀ(k_s W − v_s), every gradient at the mini-batch's starting W:
 * Z = QW − 2·(tril(QKᵀ) ⊙ η_s)(KW − V), W' = W − 2·Kᵀ(η ⊙ (KW − V)).
 */
export function tttMiniBatch(
  params: TttParams,
  config: TttConfig,
  x: tf.Tensor2D,
  w: tf.Tensor3D,
): { output: tf.Tensor2D; state: tf.Tensor3D } {
  return tf.tidy(() => {
    const n = x.shape[0];
    const k = splitHeads(tf.matMul(x, params.thetaK), config.heads);
    const v = splitHeads(tf.matMul(x, params.thetaV), config.heads);
    const q = splitHeads(tf.matMul(x, params.thetaQ), config.heads);
    const eta = innerRates(params, config, x); // [heads, n]
    const error = tf.sub(tf.matMul(k, w), v); // [heads, n, h]
    const causal = tf.linalg.bandPart(tf.ones([n, n]), -1, 0); // s ≤ t
    const attention = tf.mul(tf.mul(tf.matMul(q, k, false, true), causal), tf.expandDims(eta, 1)); // [heads, n(t), n(s)]
    const z = tf.sub(tf.matMul(q, w), tf.mul(2, tf.matMul(attention, error)));
    const state = tf.sub(w, tf.mul(2, tf.matMul(k, tf.mul(tf.expandDims(eta, 2), error), true, false)));
    return { output: tf.matMul(mergeHeads(z as tf.Tensor3D), params.thetaO), state: state as tf.Tensor3D };
  });
}

/**
 * The layer over a sequence of tokens [T, d] from the state `w` (W0 when omitted; a stored state
 * when a sequence is cut into chunks), mini-batch after mini-batch from the first token: the
 * outputs [T, d] and the final state. Differentiable in the parameters through every inner update.
 */
export function tttSequence(
  params: TttParams,
  config: TttConfig,
  tokens: tf.Tensor2D,
  w?: tf.Tensor3D,
): { output: tf.Tensor2D; state: tf.Tensor3D } {
  return tf.tidy(() => {
    let state: tf.Tensor3D = w ?? (params.w0 as tf.Tensor as tf.Tensor3D);
    const outputs: tf.Tensor2D[] = [];
    const total = tokens.shape[0];
    for (let start = 0; start < total; start += config.miniBatch) {
      const size = Math.min(config.miniBatch, total - start);
      const step = tttMiniBatch(params, config, tf.slice(tokens, [start, 0], [size, -1]), state);
      outputs.push(step.output);
      state = step.state;
    }
    // A copy, so that the returned state is never the variable W0 itself.
    return { output: tf.concat(outputs, 0), state: tf.clone(state) };
  });
}

/**
 * The layer run online, one token at a time (acting in an episode): it keeps the state at the
 * start of the current mini-batch and the mini-batch's tokens so far, so that its outputs equal
 * {@link tttSequence}'s over the same tokens. `reset` returns W to W0 (each episode).
 */
export interface TttOnline {
  /** The output [d] for the next token [d]. */
  step(token: Float32Array): Float32Array;
  reset(): void;
  /** The inner state at the start of the current mini-batch, [heads, h, h] (for tests). */
  state(): Float32Array;
  dispose(): void;
}

/** An online runner of a layer; see {@link TttOnline}. */
export function createTttOnline(params: TttParams, config: TttConfig): TttOnline {
  let start: tf.Tensor3D = tf.keep(tf.clone(params.w0)) as tf.Tensor3D;
  let pending: Float32Array[] = [];
  return {
    step(token) {
      pending.push(Float32Array.from(token));
      const x = tf.tensor2d(concat(pending), [pending.length, config.width]);
      const { output, state } = tttMiniBatch(params, config, x, start);
      x.dispose();
      const all = output.dataSync() as Float32Array;
      const last = all.slice((pending.length - 1) * config.width);
      output.dispose();
      if (pending.length === config.miniBatch) {
        start.dispose();
        // Kept: a caller may step inside its own tf.tidy, which would otherwise free the state.
        start = tf.keep(state);
        pending = [];
      } else state.dispose();
      return last;
    },
    reset() {
      start.dispose();
      start = tf.keep(tf.clone(params.w0)) as tf.Tensor3D;
      pending = [];
    },
    state: () => Float32Array.from(start.dataSync()),
    dispose() {
      start.dispose();
    },
  };
}
