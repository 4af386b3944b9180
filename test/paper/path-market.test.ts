// Reasoning-path markets (PAPER.md §4.1–4.2, (24)–(25)) and the data of the paper's Fig. 6.
import { describe, expect, it } from 'vitest';
import { createMarket, getMechanism, orderStatistics } from '../../src/index.js';
import { fig6Data, relativeWelfareGain } from '../../src/paper/fig6.js';
import { pathMarket } from '../../src/paper/path-market.js';

describe('pathMarket', () => {
  it('a market of size n has ⌈n/2⌉ requests and ⌊n/2⌋ servers, each unit one single-unit order', () => {
    const m = pathMarket({ size: 21, seed: 3, maxExtraPaths: 3, pathsPerServer: 2 });
    expect(m.requests.length).toBe(11);
    expect(m.servers.length).toBe(10);
    expect(m.input.bids.length).toBe(33);
    expect(m.input.asks.length).toBe(20);
    expect(createMarket(m.input).bids.every((b) => b.quantity === 1)).toBe(true);
  });

  it('equal seeds give equal markets, different seeds different ones', () => {
    expect(pathMarket({ size: 20, seed: 5 })).toEqual(pathMarket({ size: 20, seed: 5 }));
    expect(pathMarket({ size: 20, seed: 5 }).input).not.toEqual(pathMarket({ size: 20, seed: 6 }).input);
  });

  it('demand is concave (a request values its j-th extra path no more than its (j−1)-th) and marginal cost rises with load', () => {
    for (let seed = 0; seed < 20; seed++) {
      const { input } = pathMarket({ size: 40, seed });
      const value = new Map(input.bids.map((b) => [b.id, Number(b.value)]));
      for (const b of input.bids) {
        const [request, j] = b.id.split('.') as [string, string];
        if (j !== '1')
          expect(Number(b.value)).toBeLessThanOrEqual(value.get(`${request}.${Number(j) - 1}`) as number);
      }
      const cost = new Map(input.asks.map((a) => [a.id, Number(a.cost)]));
      for (const a of input.asks) {
        const [server, k] = a.id.split('.') as [string, string];
        if (k !== '1')
          expect(Number(a.cost)).toBeGreaterThan(cost.get(`${server}.${Number(k) - 1}`) as number);
      }
    }
  });

  it('the first extra path of a LaMDA MultiArith request at one path is worth Q·(acc(2) − acc(1)) = Q·0.04', () => {
    // Table III MultiArith: 47% at one path, 63% at five: +4 points per path between them.
    for (let seed = 0; seed < 200; seed++) {
      const m = pathMarket({ size: 2, seed });
      const r = m.requests[0];
      if (r === undefined || r.row !== 1 || r.basePaths !== 1) continue;
      expect(Number(m.input.bids[0]?.value)).toBeCloseTo(r.quality * 0.04, 5);
      return;
    }
    throw new Error('no such request drawn in 200 seeds');
  });

  it('markets trade: every size of Fig. 6 has gains from trade', () => {
    for (const size of [20, 100])
      expect(orderStatistics(createMarket(pathMarket({ size, seed: 1 }).input)).k).toBeGreaterThan(0);
  });
});

describe('fig6Data', () => {
  const mechanisms = ['t-dda', 'ida', 'mcafee', 'welfare-max'].map((n) => getMechanism(n));
  const points = fig6Data({ mechanisms, sizes: [20, 100], markets: 20, seed: 1 });

  it('one point per size and mechanism, over the same markets', () => {
    expect(points.map((p) => `${p.size}:${p.mechanism}`)).toEqual([
      '20:t-dda',
      '20:ida',
      '20:mcafee',
      '20:welfare-max',
      '100:t-dda',
      '100:ida',
      '100:mcafee',
      '100:welfare-max',
    ]);
    const optimal = new Set(points.filter((p) => p.size === 20).map((p) => p.meanOptimalWelfare.toString()));
    expect(optimal.size).toBe(1);
  });

  it('welfare-max reaches the optimum; no mechanism exceeds it; welfare grows with the market', () => {
    for (const p of points) expect(p.meanWelfare.lte(p.meanOptimalWelfare)).toBe(true);
    for (const p of points.filter((q) => q.mechanism === 'welfare-max')) expect(p.efficiency).toBe(1);
    const at = (size: number, name: string) => points.find((p) => p.size === size && p.mechanism === name);
    expect(at(100, 't-dda')?.meanWelfare.gt(at(20, 't-dda')?.meanWelfare ?? 0)).toBe(true);
  });

  it('relativeWelfareGain is (W_a − W_b)/W_b', () => {
    const gain = relativeWelfareGain(points, 't-dda', 'ida', 20) as number;
    const a = points.find((p) => p.size === 20 && p.mechanism === 't-dda');
    const b = points.find((p) => p.size === 20 && p.mechanism === 'ida');
    expect(gain).toBeCloseTo(
      ((a?.meanWelfare.toNumber() ?? 0) - (b?.meanWelfare.toNumber() ?? 0)) /
        (b?.meanWelfare.toNumber() ?? 1),
      12,
    );
    expect(relativeWelfareGain(points, 't-dda', 'none', 20)).toBeUndefined();
  });
});
