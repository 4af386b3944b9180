/**
 * LLM inference time and memory, from first principles: a forward pass costs ~2·P FLOPs per token
 * (Kaplan et al., 2020), prefill is compute-bound and decode memory-bandwidth-bound (each output
 * token reads the weights and the KV cache once; Pope et al., "Efficiently scaling transformer
 * inference", MLSys 2023), and the KV cache holds 2 (K and V) · layers · KV heads · head dim values
 * per token.
 */

/** Bytes per GiB. */
export const GIB = 2 ** 30;

/** The architecture figures the model needs. */
export interface ModelShape {
  readonly parametersB: number;
  readonly bytesPerParameter: number;
  readonly layers: number;
  readonly kvHeads: number;
  readonly headDim: number;
  readonly kvBytesPerValue: number;
}

/**
 * Weight bytes = parameters · bytes per parameter (the quantisation).
 *
 * @example
 * ```ts
 * weightBytes({ parametersB: 8, bytesPerParameter: 1, ... }); // 8e9
 * ```
 * @category edge
 */
export function weightBytes(model: Pick<ModelShape, 'parametersB' | 'bytesPerParameter'>): number {
  return model.parametersB * 1e9 * model.bytesPerParameter;
}

/**
 * KV-cache bytes of a context of `tokens` tokens: 2 · layers · KV heads · head dim · tokens · bytes per value.
 *
 * @example
 * ```ts
 * // Llama-3.1-8B, fp16 KV: 2·32·8·128·2 = 131,072 bytes per token
 * kvCacheBytes({ layers: 32, kvHeads: 8, headDim: 128, kvBytesPerValue: 2 }, 1000); // 131,072,000
 * ```
 * @category edge
 */
export function kvCacheBytes(
  model: Pick<ModelShape, 'layers' | 'kvHeads' | 'headDim' | 'kvBytesPerValue'>,
  tokens: number,
): number {
  return 2 * model.layers * model.kvHeads * model.headDim * tokens * model.kvBytesPerValue;
}

/**
 * Prefill time ≈ 2·P·tokens / (peak FLOP/s · efficiency).
 *
 * @category edge
 */
export function prefillTimeS(
  parametersB: number,
  tokens: number,
  peakFlops: number,
  efficiency: number,
): number {
  return (2 * parametersB * 1e9 * tokens) / (peakFlops * efficiency);
}

/**
 * Decode time ≈ output tokens · (weight bytes + KV bytes of the context) / memory bandwidth.
 *
 * @category edge
 */
export function decodeTimeS(
  outputTokens: number,
  weightBytesPerStep: number,
  kvBytes: number,
  memoryBandwidthBps: number,
): number {
  return (outputTokens * (weightBytesPerStep + kvBytes)) / memoryBandwidthBps;
}

/**
 * Model loading (switching) time = weight bytes / load bandwidth (storage to GPU).
 *
 * @category edge
 */
export function modelLoadTimeS(bytes: number, loadBandwidthBps: number): number {
  return bytes / loadBandwidthBps;
}
