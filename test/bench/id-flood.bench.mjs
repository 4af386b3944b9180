// Issue 16 item 7 benchmark: createMarket on n bids whose 64-character ids were crafted to collide
// under the id index's unkeyed hash (a Joux multicollision of FNV-1a, 4-character blocks), against
// n honest ids of the same length. Before the keyed fallback, n = 65,536 took 31.5 s (crafted)
// against 62 ms (honest) on the reference machine. Median of 3.
const { createMarket } = await import('doubledutch');
const { collidingIds } = await import('../market/colliding-ids.mjs');

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
