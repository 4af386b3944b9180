// Issue 16 item 7 benchmark: createMarket on n bids whose 64-character ids were crafted to collide
// under the id index's unkeyed hash (a Joux multicollision of FNV-1a, 4-character blocks), against
// n honest ids of the same length. Before the keyed fallback, n = 65,536 took 31.5 s (crafted)
// against 62 ms (honest) on the reference machine. Median of 3.
const { createMarket } = await import('doubledutch');

const ALPHABET = 'abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

function collidingIds(pairs) {
  let state = 0x811c9dc5 | 0;
  let draw = 1;
  const random = () => {
    draw = (draw + 0x9e3779b9) | 0;
    let z = Math.imul(draw ^ (draw >>> 16), 0x85ebca6b);
    z = Math.imul(z ^ (z >>> 13), 0xc2b2ae35);
    return (z ^ (z >>> 16)) >>> 0;
  };
  const step = (h, block) => {
    let s = h;
    for (let c = 0; c < block.length; c++) s = Math.imul(s ^ block.charCodeAt(c), 0x01000193);
    return s;
  };
  let ids = [''];
  for (let p = 0; p < pairs; p++) {
    const seen = new Map();
    for (;;) {
      let block = '';
      for (let i = 0; i < 4; i++) block += ALPHABET[random() % ALPHABET.length];
      const next = step(state, block);
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

const time = (ids) => {
  const bids = ids.map((id) => ({ id, value: 1 }));
  const times = [];
  for (let r = 0; r < 3; r++) {
    globalThis.gc?.();
    const t0 = performance.now();
    createMarket({ bids, asks: [] });
    times.push(performance.now() - t0);
  }
  return times.sort((a, b) => a - b)[1].toFixed(1);
};

console.log('createMarket with n crafted colliding ids vs n honest ids (64 characters each), median of 3');
console.log('n\tcrafted ms\thonest ms');
for (const pairs of [13, 16]) {
  const crafted = collidingIds(pairs);
  const honest = crafted.map((_, i) => `b${i}`.padEnd(64, 'x'));
  console.log(`${crafted.length}\t${time(crafted)}\t${time(honest)}`);
}
