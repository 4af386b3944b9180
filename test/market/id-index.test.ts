// Hash flooding (issue 16 item 7): ids come from market participants, who can craft them to
// collide under an unkeyed hash. The index must notice and move to a keyed hash, so that the work
// stays linear in the number of ids. Timings are in test/bench/id-flood.bench.mjs; these tests
// assert the structure (probe counts), which does not depend on the machine.
import { describe, expect, it } from 'vitest';
import { createMarket, MarketError } from '../../src/index.js';
import { fastHash, halfSipHash, IdIndex } from '../../src/market/id-index.js';
import { collidingIds } from './colliding-ids.mjs';

const refuse = (key: number, id: string): never => {
  throw new Error(`duplicate ${id} at ${key}`);
};

describe('IdIndex under hash flooding', () => {
  const crafted = collidingIds(12);

  it('the crafted ids are distinct and all share one unkeyed hash (the attack is real)', () => {
    expect(new Set(crafted).size).toBe(4096);
    expect(new Set(crafted.map(fastHash)).size).toBe(1);
  });

  it('switches to the keyed hash, and then spends a linear number of probes', () => {
    const index = new IdIndex(crafted, [], refuse);
    expect(index.keyed).toBe(true);
    // Unkeyed, these ids would take 4096·4095/2 ≈ 8.4·10^6 probes; a uniform hash at load 1/2
    // takes about n/2.
    expect(index.probes).toBeLessThan(4 * crafted.length);
    for (const [i, id] of crafted.entries()) expect(index.get(id)).toBe(i);
    expect(index.get(`${crafted[0]}x`)).toBeUndefined();
  });

  it('finds the same first duplicate on the keyed path as on the fast one', () => {
    const bids = crafted.map((id) => ({ id, value: 1 }));
    const asks = [{ id: crafted[7] as string, cost: 1 }];
    let error: unknown;
    try {
      createMarket({ bids, asks });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MarketError);
    expect((error as MarketError).code).toBe('duplicate_id');
    expect((error as MarketError).field).toBe('asks[0].id');
  });

  it('keeps the fast unkeyed hash for honest ids (the 10^6 benchmark path)', () => {
    const n = 100_000;
    const bids = Array.from({ length: n }, (_, i) => `b${i}`);
    const asks = Array.from({ length: n }, (_, i) => `s${i}`);
    const index = new IdIndex(bids, asks, refuse);
    expect(index.keyed).toBe(false);
    expect(index.probes).toBeLessThan(2 * n);
    expect(index.get('s99999')).toBe(-100_000);
  });
});

describe('HalfSipHash', () => {
  // HalfSipHash-2-4 with a 32-bit result, key bytes 00…07, input bytes 00, 01, …: the reference
  // implementation's vectors (github.com/veorq/SipHash, vectors.h, CC0), at even lengths, which are
  // whole UTF-16LE code units. The index uses the same code with 1 and 3 rounds.
  const vectors: Record<number, number> = {
    0: 0x5b9f35a9,
    2: 0x03a662fa,
    4: 0x89466e2a,
    6: 0x23fc6358,
    8: 0x8f84b8d0,
    10: 0x3479b094,
  };
  it.each(Object.entries(vectors))('matches the reference for %s input bytes', (bytes, expected) => {
    let text = '';
    for (let b = 0; b < Number(bytes); b += 2) text += String.fromCharCode(b | ((b + 1) << 8));
    expect(halfSipHash(text, 0x03020100, 0x07060504, 2, 4)).toBe(expected);
  });
});
