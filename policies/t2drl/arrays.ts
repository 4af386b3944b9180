/**
 * Flattening per-step arrays into one buffer for a tensor: the one helper that the slot-credit
 * PPO (`ppo.ts`, `ppo-pair.ts`), the TTT learner's PPO (`ttt/ppo.ts`) and its warm start
 * (`ttt/warm-start.ts`) share, instead of three copies of it (review of issue 13).
 */

/**
 * The arrays end to end, as float32. Bit arrays (Uint8Array) convert exactly, so cache bits and
 * credit masks flatten through the same helper.
 */
export function concat(arrays: readonly ArrayLike<number>[]): Float32Array {
  const out = new Float32Array(arrays.reduce((s, a) => s + a.length, 0));
  let offset = 0;
  for (const a of arrays) {
    out.set(a, offset);
    offset += a.length;
  }
  return out;
}
