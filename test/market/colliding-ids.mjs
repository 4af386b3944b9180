// Ids crafted to collide under the id index's unkeyed hash (FNV-1a), shared by the hash-flooding
// test (test/market/id-index.test.ts) and its benchmark (test/bench/id-flood.bench.mjs).

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/** FNV-1a's state after `block`, from `h` (the hash before its final avalanche). */
function fnvStep(h, block) {
  let s = h;
  for (let c = 0; c < block.length; c++) s = Math.imul(s ^ block.charCodeAt(c), 0x01000193);
  return s;
}

/**
 * 2^pairs ids of 4·pairs characters with one unkeyed hash: from each FNV state, a birthday search
 * finds two 4-character blocks that lead to the same next state, and every choice of one block of
 * each pair then collides (a Joux multicollision, as the 65,536 64-character ids were).
 * Deterministic: the blocks come from a fixed counter-based generator.
 */
export function collidingIds(pairs) {
  let state = 0x811c9dc5 | 0;
  let draw = 1;
  const random = () => {
    draw = (draw + 0x9e3779b9) | 0;
    let z = Math.imul(draw ^ (draw >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  let ids = [''];
  for (let p = 0; p < pairs; p++) {
    const seen = new Map();
    for (;;) {
      let block = '';
      for (let i = 0; i < 4; i++) block += ALPHABET[random() % ALPHABET.length];
      const next = fnvStep(state, block);
      const other = seen.get(next);
      if (other !== undefined && other !== block) {
        ids = ids.flatMap((prefix) => [prefix + other, prefix + block]);
        state = next;
        break;
      }
      seen.set(next, block);
    }
  }
  return ids;
}
