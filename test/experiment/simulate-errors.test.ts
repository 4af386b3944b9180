// simulate's error paths: a seed that would alias another is refused (issue 16 item 8), a policy
// the run made from its name is disposed however the run ends (its tensors would leak otherwise),
// and the per-slot mechanism seeds of a run seeded near 2^32 − 1 stay valid seeds.
import { describe, expect, it } from 'vitest';
import { marketOptions } from '../../src/experiment/slot-market.js';
import {
  compare,
  createMarket,
  DoubleDutchError,
  defaultScenario,
  getMechanism,
  getPolicy,
  MAX_SEED,
  MarketError,
  type Policy,
  paperScenario,
  registerPolicy,
  SeedError,
  simulate,
  type Valuations,
} from '../../src/index.js';

const scenario = { ...defaultScenario(), durationS: 300 };

describe('simulate', () => {
  it.each([1.5, -1, 2 ** 32, Number.NaN])(
    'refuses the seed %s with a SeedError naming seed',
    async (seed) => {
      const run = simulate({ scenario, policy: 'lru', seed });
      await expect(run).rejects.toBeInstanceOf(SeedError);
      await expect(run).rejects.toMatchObject({ code: 'invalid_seed', field: 'seed' });
    },
  );

  it.each([1.5, 2 ** 32])('refuses the seed %s on the paper model too', async (seed) => {
    const run = simulate({ scenario: paperScenario({ agents: 3, slots: 5 }), policy: 'fifo', seed });
    await expect(run).rejects.toMatchObject({ code: 'invalid_seed', field: 'seed' });
  });

  it('runs the largest seed, and its markets every slot', async () => {
    const result = await simulate({ scenario, policy: 'lru', mechanism: 'sbba', seed: MAX_SEED });
    expect(result.seed).toBe(MAX_SEED);
    expect(result.slots.length).toBeGreaterThan(1);
  });

  it('disposes a policy it made from its name when the run fails, as when it succeeds', async () => {
    let created = 0;
    let disposed = 0;
    const lru = getPolicy('lru');
    registerPolicy(
      {
        name: 'test-no-valuations',
        description: 'never gives valuations',
        create: (): Policy => {
          created++;
          return {
            name: 'test-no-valuations',
            decide: (o, c) => ({ action: lru.decide(o, c).action }),
            dispose: () => void disposed++,
          };
        },
      },
      { replace: true },
    );
    await simulate({ scenario, policy: 'test-no-valuations', seed: 1 });
    expect([created, disposed]).toEqual([1, 1]);
    const failed = simulate({ scenario, policy: 'test-no-valuations', mechanism: 'dda', seed: 1 });
    await expect(failed).rejects.toMatchObject({ code: 'missing_valuations' });
    expect([created, disposed]).toEqual([2, 2]);
    await expect(
      simulate({ scenario, policy: 'test-no-valuations', seed: 1, signal: AbortSignal.abort() }),
    ).rejects.toThrow();
    expect([created, disposed]).toEqual([3, 3]);
  });

  it('leaves a policy passed as a value to its caller, even when the run fails', async () => {
    let disposed = 0;
    const lru = getPolicy('lru');
    const policy: Policy = {
      name: 'mine',
      decide: (o, c) => ({ action: lru.decide(o, c).action }),
      dispose: () => void disposed++,
    };
    await expect(simulate({ scenario, policy, mechanism: 'dda', seed: 1 })).rejects.toBeInstanceOf(
      DoubleDutchError,
    );
    expect(disposed).toBe(0);
  });
});

describe("a policy's valuations the market refuses", () => {
  const lru = getPolicy('lru');
  const bending = (bend: (v: Valuations) => Valuations): Policy => ({
    name: 'bending',
    decide(observation, context) {
      const decision = lru.decide(observation, context);
      return decision.valuations === undefined
        ? decision
        : { ...decision, valuations: bend(decision.valuations) };
    },
  });

  it.each([
    [
      'a fractional quantity',
      (v: Valuations) => ({ ...v, asks: v.asks.map((a) => ({ ...a, quantity: 1.5 })) }),
      /^valuations\.asks\[\d+\]\.quantity$/,
      /the ask of server '[^']+' for model '[^']+' cannot enter the slot's market: must be a positive integer, got 1\.5/,
    ],
    [
      'a repeated request id',
      (v: Valuations) => ({ ...v, bids: v.bids.map((b) => ({ ...b, requestId: 'same' })) }),
      /^valuations\.bids\[\d+\]\.requestId$/,
      /the bid of request 'same' .*duplicate id 'same'/,
    ],
  ])('%s: named as the policy gave it, with the market error as cause', async (_, bend, field, message) => {
    const run = simulate({ scenario, policy: bending(bend), mechanism: 'dda', seed: 1 });
    const error = await run.then(
      () => undefined,
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(DoubleDutchError);
    expect(error).toMatchObject({ code: 'invalid_valuations' });
    expect((error as DoubleDutchError).field).toMatch(field);
    expect((error as DoubleDutchError).message).toMatch(message);
    expect((error as Error).cause).toBeInstanceOf(MarketError);
  });
});

describe('compare', () => {
  it('refuses a bad seed anywhere in the list before the first run', async () => {
    let runs = 0;
    const job = compare({
      scenario,
      policies: ['lru'],
      mechanisms: ['none'],
      seeds: [1, 2, 2.5],
      onRun: () => void runs++,
    });
    await expect(job).rejects.toMatchObject({ code: 'invalid_seed', field: 'seeds' });
    expect(runs).toBe(0);
  });
});

describe('the mechanism seeds of a run', () => {
  it('are seed + slot, wrapped into [0, 2^32 − 1]', () => {
    const sbba = getMechanism('sbba');
    expect(marketOptions(sbba, 7, 3, undefined).seed).toBe(10);
    expect(marketOptions(sbba, MAX_SEED, 0, undefined).seed).toBe(MAX_SEED);
    expect(marketOptions(sbba, MAX_SEED, 1, undefined).seed).toBe(0);
    expect(marketOptions(sbba, MAX_SEED - 1, 5, undefined).seed).toBe(3);
  });
});

describe("sbba's lottery seed", () => {
  const market = createMarket({
    bids: [
      { id: 'b1', value: 10 },
      { id: 'b2', value: 8 },
    ],
    asks: [
      { id: 's1', cost: 2 },
      { id: 's2', cost: 5 },
    ],
  });

  it.each([1.5, -3, 2 ** 32])('refuses %s rather than drawing as another seed', (seed) => {
    expect(() => getMechanism('sbba').clear(market, { seed })).toThrow(SeedError);
  });

  it('takes every seed in [0, 2^32 − 1]', () => {
    for (const seed of [0, 1, MAX_SEED])
      expect(getMechanism('sbba').clear(market, { seed }).fills.length).toBeGreaterThan(0);
  });
});
