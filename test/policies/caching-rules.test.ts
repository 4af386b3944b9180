// Eviction orders of the baseline policies on a hand-made state: one server with room for two
// models (weights 10 GB each, memory 25 GB) caching A and B, and a request for C. C must be loaded,
// so each rule evicts one of A and B; worked by hand from each rule's definition.
import { describe, expect, it } from 'vitest';
import { defaultScenario, getPolicy, type Observation, type ServerModelView } from '../../src/index.js';
import { createRng } from '../../src/random.js';

const GB = 1e9;
function model(id: string, fields: Partial<ServerModelView>): ServerModelView {
  return {
    modelId: id,
    cached: false,
    loadedAtS: Number.NEGATIVE_INFINITY,
    lastUsedS: Number.NEGATIVE_INFINITY,
    useCount: 0,
    residentContexts: 0,
    residentTokens: 0,
    effectiveContext: 0,
    ...fields,
  };
}

// A: loaded first (t = 0), used last (t = 50), once, context 1.0.
// B: loaded at t = 10, used at t = 20, twelve times, context 0.5.
const observation: Observation = {
  slot: 1,
  slots: 10,
  timeS: 60,
  slotS: 60,
  modelIds: ['A', 'B', 'C'],
  modelWeightBytes: { A: 10 * GB, B: 10 * GB, C: 10 * GB },
  lastDemand: { A: 1, B: 1, C: 0 },
  servers: [
    {
      id: 's',
      memoryBytes: 25 * GB,
      weightBytes: 20 * GB,
      kvBytes: 0,
      busyUntilS: 60,
      models: [
        model('A', { cached: true, loadedAtS: 0, lastUsedS: 50, useCount: 1, effectiveContext: 1 }),
        model('B', { cached: true, loadedAtS: 10, lastUsedS: 20, useCount: 12, effectiveContext: 0.5 }),
        model('C', {}),
      ],
    },
  ],
  requests: [
    {
      request: {
        id: 'q1',
        agentId: 'agent-0',
        sessionId: 's1',
        modelId: 'C',
        arrivalS: 61,
        promptTokens: 100,
        outputTokens: 10,
        round: 1,
      },
      historyTokens: 0,
      residentServer: undefined,
      nearestServer: 's',
      cloudCostUsd: 0.01,
      edgeCostUsd: { s: 0.005 },
      edgeBusyS: { s: 0.5 },
    },
  ],
};

const scenario = defaultScenario();
const context = { scenario, rng: createRng(1), market: false };
const act = (name: string) => getPolicy(name, { scenario, seed: 1 }).decide(observation, context).action;

describe('eviction order when C must be loaded into a full server', () => {
  it.each([
    ['lru', ['C', 'A']], // B was used longest ago (t = 20 < 50)
    ['lfu', ['C', 'B']], // A was used least often (1 < 12)
    ['fifo', ['C', 'B']], // A was loaded first (t = 0 < 10)
    ['least-context', ['C', 'A']], // B holds the least effective context (0.5 < 1)
  ])('%s keeps %j', (name, cache) => {
    const action = act(name);
    expect(action.cache.s).toEqual(cache);
    // The request goes to its server, which now holds C, since the edge is cheaper than the cloud.
    expect(action.route.q1).toBe('s');
  });

  it('cloud-only keeps nothing and routes nothing to the edge', () => {
    const action = act('cloud-only');
    expect(action.cache.s).toEqual([]);
    expect(action.route.q1 ?? 'cloud').toBe('cloud');
  });

  it('random evicts A or B, reproducibly for a seed', () => {
    const a = act('random');
    expect(a.cache.s?.[0]).toBe('C');
    expect(['A', 'B']).toContain(a.cache.s?.[1]);
    expect(act('random').cache.s).toEqual(a.cache.s);
  });

  it('admission control: a request whose edge cost exceeds its cloud cost goes to the cloud', () => {
    const dear: Observation = {
      ...observation,
      requests: observation.requests.map((v) => ({ ...v, edgeCostUsd: { s: 0.02 } })),
    };
    const action = getPolicy('lru', { scenario, seed: 1 }).decide(dear, context).action;
    expect(action.route.q1).toBe('cloud');
  });

  it('greedy-oracle keeps the cached model the next slot will need', () => {
    const oracle = getPolicy('greedy-oracle', { scenario, seed: 1 });
    const futureRequests = [
      {
        ...(observation.requests[0]?.request as Observation['requests'][0]['request']),
        id: 'q2',
        modelId: 'B',
        arrivalS: 130,
      },
    ];
    expect(oracle.decide(observation, { ...context, futureRequests }).action.cache.s).toEqual(['C', 'B']);
  });
});

describe('one decision per slot', () => {
  it.each(['lru', 'lfu', 'fifo', 'least-context', 'random', 'greedy-oracle', 'cloud-only'])(
    '%s values its own action when a market is held, and only then',
    (name) => {
      const without = getPolicy(name, { scenario, seed: 1 }).decide(observation, context);
      expect(without.valuations).toBeUndefined();
      const withMarket = getPolicy(name, { scenario, seed: 1 }).decide(observation, {
        ...context,
        market: true,
      });
      expect(withMarket.action).toEqual(without.action);
      expect(withMarket.valuations).toBeDefined();
      // Asks come only from the servers and models the action keeps.
      for (const ask of withMarket.valuations?.asks ?? [])
        expect(withMarket.action.cache[ask.serverId]).toContain(ask.modelId);
    },
  );
});
