// The TTT-Linear layer (issue 13 item 1): the closed-form inner gradient is the autodiff
// gradient of the inner loss; the online runner equals the sequence form and resets to W0; with a
// zero inner rate the layer is a fixed linear map of each token; and the outer gradient through
// the unrolled inner updates matches central finite differences.
import * as tf from '@tensorflow/tfjs-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import {
  createTttOnline,
  createTttParams,
  innerGradient,
  innerLoss,
  PAPER_TTT,
  seededNormal,
  type TttConfig,
  type TttParams,
  tttSequence,
  tttVariables,
} from '../../policies/t2drl/ttt/ttt-linear.js';

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

function randomTokens(t: number, d: number, seed: number): tf.Tensor2D {
  const normal = seededNormal(seed);
  return tf.tensor2d(
    Array.from({ length: t * d }, () => normal()),
    [t, d],
  );
}

function disposeParams(params: TttParams): void {
  for (const v of tttVariables(params)) v.dispose();
}

describe('TTT-Linear', () => {
  it('the closed-form inner gradient 2·Kᵀ(KW − V) equals autodiff of Σ‖kW − v‖²', () => {
    const normal = seededNormal(3);
    const w = tf.tensor2d(
      Array.from({ length: 36 }, () => normal()),
      [6, 6],
    );
    const keys = tf.tensor2d(
      Array.from({ length: 24 }, () => normal()),
      [4, 6],
    );
    const values = tf.tensor2d(
      Array.from({ length: 24 }, () => normal()),
      [4, 6],
    );
    const closed = innerGradient(w, keys, values).arraySync();
    const auto = tf
      .grad((m: tf.Tensor) => innerLoss(m as tf.Tensor2D, keys, values))(w)
      .arraySync() as number[][];
    for (let i = 0; i < 6; i++)
      for (let j = 0; j < 6; j++) expect(closed[i]?.[j]).toBeCloseTo(auto[i]?.[j] as number, 4);
    // A single token's gradient is an outer product: rank one.
    const one = innerGradient(
      w,
      tf.slice(keys, [0, 0], [1, 6]) as tf.Tensor2D,
      tf.slice(values, [0, 0], [1, 6]) as tf.Tensor2D,
    ).arraySync();
    const ratio = (one[1]?.[0] as number) / (one[0]?.[0] as number);
    for (let j = 0; j < 6; j++) expect(one[1]?.[j]).toBeCloseTo(ratio * (one[0]?.[j] as number), 3);
    tf.dispose([w, keys, values]);
  });

  it('an inner step lowers the inner loss of its own tokens (the state learns the episode)', () => {
    const params = createTttParams(PAPER_TTT, 5);
    const tokens = randomTokens(4, PAPER_TTT.width, 6);
    const lossAt = (state: tf.Tensor3D) =>
      tf.tidy(() => {
        const k = tf.matMul(tokens, params.thetaK);
        const v = tf.matMul(tokens, params.thetaV);
        let total = 0;
        for (let head = 0; head < PAPER_TTT.heads; head++) {
          const w = tf.squeeze(tf.slice(state, [head, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D;
          total += innerLoss(
            w,
            tf.slice(k, [0, head * 8], [-1, 8]) as tf.Tensor2D,
            tf.slice(v, [0, head * 8], [-1, 8]) as tf.Tensor2D,
          ).dataSync()[0] as number;
        }
        return total;
      });
    const { output, state } = tttSequence(params, PAPER_TTT, tokens);
    expect(lossAt(state)).toBeLessThan(lossAt(params.w0 as tf.Tensor as tf.Tensor3D));
    tf.dispose([tokens, output, state]);
    disposeParams(params);
  });

  it('online, token by token, equals the sequence form, and reset returns W to W0', () => {
    const params = createTttParams(PAPER_TTT, 7);
    const tokens = randomTokens(11, PAPER_TTT.width, 8); // 2 full mini-batches and a partial one
    const { output, state } = tttSequence(params, PAPER_TTT, tokens);
    const expected = output.arraySync();
    const rows = tokens.arraySync();
    const online = createTttOnline(params, PAPER_TTT);
    const w0 = Float32Array.from(params.w0.dataSync());
    const run = () => rows.map((row) => online.step(Float32Array.from(row)));
    const first = run();
    first.forEach((out, t) => {
      for (const [j, value] of out.entries()) expect(value).toBeCloseTo(expected[t]?.[j] as number, 4);
    });
    expect(Array.from(online.state())).not.toEqual(Array.from(w0));
    online.reset();
    expect(Array.from(online.state())).toEqual(Array.from(w0));
    // After a reset the episode replays exactly: nothing of the previous episode is left.
    const second = run();
    second.forEach((out, t) => {
      for (const [j, value] of out.entries()) expect(value).toBeCloseTo(first[t]?.[j] as number, 5);
    });
    online.dispose();
    tf.dispose([tokens, output, state]);
    disposeParams(params);
  });

  it('with inner rate 0 the layer is one fixed linear map of each token (no memory)', () => {
    const frozen: TttConfig = { ...PAPER_TTT, baseLr: 0 };
    const params = createTttParams(frozen, 9);
    const tokens = randomTokens(9, frozen.width, 10);
    const { output, state } = tttSequence(params, frozen, tokens);
    // x ↦ concat_heads(xθ_Q·W0_head)·θ_O, whatever came before.
    const direct = tf.tidy(() => {
      const q = tf.matMul(tokens, params.thetaQ);
      const heads = [];
      for (let head = 0; head < frozen.heads; head++)
        heads.push(
          tf.matMul(
            tf.slice(q, [0, head * 8], [-1, 8]),
            tf.squeeze(tf.slice(params.w0, [head, 0, 0], [1, -1, -1]), [0]) as tf.Tensor2D,
          ),
        );
      return tf.matMul(tf.concat(heads, 1), params.thetaO);
    });
    const a = output.arraySync();
    const b = direct.arraySync() as number[][];
    for (let t = 0; t < 9; t++)
      for (let j = 0; j < 32; j++) expect(a[t]?.[j]).toBeCloseTo(b[t]?.[j] as number, 4);
    expect(Array.from(state.dataSync())).toEqual(Array.from(params.w0.dataSync()));
    // With a positive rate the same tokens do change the outputs after the first one.
    const { output: learning } = tttSequence(params, PAPER_TTT, tokens);
    const c = learning.arraySync() as number[][];
    expect(Math.abs((c[5]?.[0] as number) - (a[5]?.[0] as number))).toBeGreaterThan(1e-4);
    tf.dispose([tokens, output, state, direct, learning]);
    disposeParams(params);
  });

  it('the outer gradient through the unrolled inner updates matches finite differences', () => {
    // A tiny layer: width 4, 2 heads, mini-batch 2, 5 tokens (so 3 inner mini-batches, the
    // outputs of the later ones depending on W0 and θ through two inner updates).
    const config: TttConfig = { width: 4, heads: 2, miniBatch: 2, baseLr: 1 };
    const params = createTttParams(config, 11);
    const tokens = randomTokens(5, 4, 12);
    const weights = randomTokens(5, 4, 13);
    const objective = () => tf.sum(tf.mul(tttSequence(params, config, tokens).output, weights)) as tf.Scalar;
    const checked = [params.w0, params.thetaK, params.thetaV, params.lrKernel, params.lrBias];
    const { grads } = tf.variableGrads(objective, checked);
    const eps = 1e-2;
    let compared = 0;
    for (const variable of checked) {
      const analytic = grads[variable.name]?.dataSync() as Float32Array;
      const base = Float32Array.from(variable.dataSync());
      for (let i = 0; i < Math.min(base.length, 6); i++) {
        const at = (delta: number) => {
          const moved = Float32Array.from(base);
          moved[i] = (moved[i] as number) + delta;
          variable.assign(tf.tensor(moved, variable.shape));
          return tf.tidy(() => objective().dataSync()[0] as number);
        };
        const numeric = (at(eps) - at(-eps)) / (2 * eps);
        variable.assign(tf.tensor(base, variable.shape));
        expect(Math.abs((analytic[i] as number) - numeric)).toBeLessThan(
          2e-2 * Math.max(1, Math.abs(numeric)),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(20);
    // The inner loop matters to the gradient: with it switched off W0's gradient differs.
    const { grads: frozenGrads } = tf.variableGrads(
      () =>
        tf.sum(tf.mul(tttSequence(params, { ...config, baseLr: 0 }, tokens).output, weights)) as tf.Scalar,
      [params.w0],
    );
    const difference = tf.tidy(
      () =>
        tf
          .max(tf.abs(tf.sub(grads[params.w0.name] as tf.Tensor, frozenGrads[params.w0.name] as tf.Tensor)))
          .dataSync()[0],
    );
    expect(difference).toBeGreaterThan(1e-3);
    tf.dispose([tokens, weights, ...Object.values(grads), ...Object.values(frozenGrads)]);
    disposeParams(params);
  });
});
