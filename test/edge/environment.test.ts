import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Action,
  defaultCatalogue,
  defaultScenario,
  EdgeEnvironment,
  loadScenario,
  parseMooncake,
  parseScenario,
  type Scenario,
  ScenarioError,
  simulate,
} from '../../src/index.js';
import { smallEdgeScenario } from '../helpers.js';

/** A small synthetic scenario: quick to run, with memory pressure (two fast servers of 20 GiB). */
function smallScenario(overrides: Partial<Scenario> = {}): Scenario {
  return smallEdgeScenario(
    { name: 'small', durationS: 600, sessionsPerHour: 300, promptTokensMedian: 800, popularityShiftAtS: 300 },
    overrides,
  );
}

describe('scenario files', () => {
  const error = (fn: () => unknown): ScenarioError => {
    try {
      fn();
    } catch (e) {
      if (e instanceof ScenarioError) return e;
      throw e;
    }
    throw new Error('expected a ScenarioError');
  };

  it('names the bad field: servers[0].gpuMemoryGiB must be > 0', () => {
    const s = defaultScenario();
    const e = error(() => parseScenario({ ...s, servers: [{ ...s.servers[0], gpuMemoryGiB: 0 }] }));
    expect(e.message).toBe('servers[0].gpuMemoryGiB must be > 0');
    expect(e.field).toBe('servers[0].gpuMemoryGiB');
  });

  it.each([
    [(s: Scenario) => ({ ...s, slotS: -1 }), 'slotS must be > 0'],
    [
      (s: Scenario) => ({ ...s, models: [{ ...s.models[0], layers: 2.5 }] }),
      'models[0].layers must be an integer',
    ],
    [
      (s: Scenario) => ({ ...s, costWeights: { ...s.costWeights, latencyUsdPerS: 'fast' } }),
      'costWeights.latencyUsdPerS must be a number',
    ],
    [(s: Scenario) => ({ ...s, colour: 'red' }), "scenario unknown field 'colour'"],
    [
      (s: Scenario) => ({ ...s, models: [s.models[0], s.models[0]] }),
      "models[1].id duplicate model id 'llama-3.2-1b'",
    ],
  ])('%#: %s', (mutate, message) => {
    expect(error(() => parseScenario(mutate(defaultScenario()))).message).toBe(message);
  });

  it('loadScenario: a missing file and malformed JSON are ScenarioErrors', () => {
    expect(error(() => loadScenario('/nonexistent/scenario.json')).message).toContain('no such file');
    const dir = mkdtempSync(join(tmpdir(), 'dd-'));
    writeFileSync(join(dir, 'bad.json'), '{ "name": ');
    expect(error(() => loadScenario(join(dir, 'bad.json'))).code).toBe('malformed_json');
    writeFileSync(join(dir, 'ok.json'), JSON.stringify(smallScenario()));
    expect(loadScenario(join(dir, 'ok.json')).name).toBe('small');
  });
});

describe('traces', () => {
  it('Mooncake: a request sharing ≥ 2 leading blocks with an earlier one continues its session', () => {
    const text = [
      { timestamp: 0, input_length: 1024, output_length: 10, hash_ids: [0, 1] },
      { timestamp: 1000, input_length: 1500, output_length: 20, hash_ids: [0, 2] },
      { timestamp: 2000, input_length: 1600, output_length: 30, hash_ids: [0, 1, 3, 4] },
    ]
      .map((r) => JSON.stringify(r))
      .join('\n');
    const records = parseMooncake(text);
    expect(records.map((r) => [r.session, r.round])).toEqual([
      [0, 1],
      [1, 1], // shares only block 0, the system prompt: a new session
      [0, 2],
    ]);
    // Two shared blocks of 512 tokens are context; 1600 − 1024 = 576 tokens are new.
    expect(records[2]?.promptTokens).toBe(576);
    expect(records[1]?.arrivalS).toBe(1);
  });

  it('the shipped Mooncake hour has 12,031 requests, 4,658 of which continue a session', () => {
    const env = new EdgeEnvironment(defaultScenario());
    env.reset({ seed: 1 });
    const requests = env.workload();
    expect(requests).toHaveLength(12031);
    expect(requests.filter((r) => r.round > 1)).toHaveLength(4658);
    expect(new Set(requests.map((r) => r.id)).size).toBe(12031);
  });
});

describe('the environment', () => {
  it('follows Gymnasium: reset → observation; step → reward = −cost; terminated after the last slot', () => {
    const scenario = smallScenario();
    const env = new EdgeEnvironment(scenario);
    const { observation } = env.reset({ seed: 3 });
    expect(observation.slot).toBe(0);
    expect(observation.slots).toBe(10);
    let steps = 0;
    let last: ReturnType<EdgeEnvironment['step']> | undefined;
    do {
      last = env.step({ cache: {}, route: {} });
      expect(last.reward).toBeCloseTo(-last.info.metrics.systemCost, 12);
      expect(last.truncated).toBe(false);
      steps++;
    } while (!last.terminated);
    expect(steps).toBe(10);
    expect(() => env.step({ cache: {}, route: {} })).toThrow(/episode has ended/);
  });

  it('GPU memory is never exceeded, whatever the policy asks (weights + live KV ≤ memory)', () => {
    const scenario = smallScenario();
    const models = scenario.models.map((m) => m.id);
    const servers = scenario.servers.map((s) => s.id);
    const action = fc.record({
      order: fc.shuffledSubarray(models),
      routeSeed: fc.nat(),
    });
    fc.assert(
      fc.property(fc.array(action, { minLength: 10, maxLength: 10 }), fc.nat(100), (actions, seed) => {
        const env = new EdgeEnvironment(scenario);
        let { observation } = env.reset({ seed });
        for (const a of actions) {
          const act: Action = {
            cache: Object.fromEntries(
              servers.map((s, i) => [s, i % 2 === 0 ? a.order : [...a.order].reverse()]),
            ),
            route: Object.fromEntries(
              observation.requests.map((v, i) => [
                v.request.id,
                (a.routeSeed + i) % 3 === 2 ? 'cloud' : (servers[(a.routeSeed + i) % 2] as string),
              ]),
            ),
          };
          const step = env.step(act);
          for (const s of step.observation.servers)
            expect(s.weightBytes + s.kvBytes).toBeLessThanOrEqual(s.memoryBytes + 1);
          expect(step.info.metrics.memoryUse).toBeLessThanOrEqual(1 + 1e-9);
          observation = step.observation;
          if (step.terminated) break;
        }
      }),
      { numRuns: 15 },
    );
  });

  it('a context lost to eviction is re-prefilled, at its cost', () => {
    const scenario = smallScenario();
    const env = new EdgeEnvironment(scenario);
    let { observation } = env.reset({ seed: 5 });
    const server = scenario.servers[0]?.id as string;
    let sawReprefill = false;
    // Keep every model, then evict all, alternately: sessions that return after an eviction re-prefill.
    for (let slot = 0; slot < 10; slot++) {
      const cache = slot % 2 === 0 ? observation.modelIds.slice(0, 2) : observation.modelIds.slice(2, 4);
      const step = env.step({
        cache: { [server]: cache },
        route: Object.fromEntries(observation.requests.map((v) => [v.request.id, server])),
      });
      if (step.info.metrics.reprefills > 0) sawReprefill = true;
      observation = step.observation;
    }
    expect(sawReprefill).toBe(true);
  });

  it('a context stored truncated for lack of memory has its cut-off part re-prefilled next round', () => {
    // One L4 with 12 GiB holding Llama 3.1 8B (7.5 GiB of 8-bit weights, leaving 4.5 GiB for KV
    // at 131,072 bytes a token, ~37,000 tokens): a 60,100-token first round keeps only the most
    // recent tokens that fit, so the second round must send and prefill the rest again.
    const base = defaultScenario();
    const llama = defaultCatalogue().find((m) => m.id === 'llama-3.1-8b');
    const scenario = parseScenario({
      ...base,
      name: 'truncated context',
      durationS: 120,
      areaM: { width: 1, height: 1 },
      models: [llama],
      servers: [{ ...base.servers[3], id: 'edge', xM: 0, yM: 0, gpuMemoryGiB: 12 }],
      agents: { ...base.agents, count: 1, speedMps: 0 },
    });
    const records = [
      { arrivalS: 1, promptTokens: 60_000, outputTokens: 100, session: 0, round: 1 },
      { arrivalS: 70, promptTokens: 100, outputTokens: 50, session: 0, round: 2 },
    ];
    const env = new EdgeEnvironment(scenario, { records });
    let { observation } = env.reset({ seed: 1 });
    const serveAll = (o: typeof observation): Action => ({
      cache: { edge: ['llama-3.1-8b'] },
      route: Object.fromEntries(o.requests.map((v) => [v.request.id, 'edge'])),
    });
    const first = env.step(serveAll(observation));
    observation = first.observation;
    const stored = observation.servers[0]?.models[0]?.residentTokens ?? 0;
    expect(stored).toBeGreaterThan(0);
    expect(stored).toBeLessThan(60_100);
    const second = env.step(serveAll(observation));
    expect(second.info.metrics.reprefills).toBe(1);
    // The same round with the whole context resident (a server with room for it) is much faster:
    // the difference is the re-prefill of the 60,100 − stored lost tokens.
    const roomy = parseScenario({ ...scenario, servers: [{ ...scenario.servers[0], gpuMemoryGiB: 24 }] });
    const envRoomy = new EdgeEnvironment(roomy, { records });
    let o2 = envRoomy.reset({ seed: 1 }).observation;
    o2 = envRoomy.step(serveAll(o2)).observation;
    expect(o2.servers[0]?.models[0]?.residentTokens).toBe(60_100);
    const secondRoomy = envRoomy.step(serveAll(o2));
    expect(secondRoomy.info.metrics.reprefills).toBe(0);
    expect(second.info.metrics.latencyS).toBeGreaterThan(secondRoomy.info.metrics.latencyS + 1);
  });

  it('a last slot cut short by the duration is charged idle power for its own length', () => {
    const scenario = parseScenario({ ...defaultScenario(), durationS: 90, slotS: 60 });
    const records = [{ arrivalS: 1, promptTokens: 100, outputTokens: 10, session: 0, round: 1 }];
    const env = new EdgeEnvironment(scenario, { records });
    env.reset({ seed: 1 });
    env.step({ cache: {}, route: {} });
    const last = env.step({ cache: {}, route: {} });
    expect(last.terminated).toBe(true);
    const idleW = scenario.servers.reduce((s, x) => s + x.idlePowerW, 0);
    expect(last.info.metrics.energyJ).toBeCloseTo(idleW * 30, 9);
  });

  it('requests sent to a server without their model go to the cloud and are counted', () => {
    const env = new EdgeEnvironment(smallScenario());
    const { observation } = env.reset({ seed: 2 });
    const step = env.step({
      cache: {},
      route: Object.fromEntries(observation.requests.map((v) => [v.request.id, 'edge-a10'])),
    });
    expect(step.info.metrics.misrouted).toBe(observation.requests.length);
    expect(step.info.metrics.edgeRequests).toBe(0);
  });
});

describe('simulate', () => {
  it('seeded runs are bit-for-bit reproducible', async () => {
    const scenario = smallScenario();
    const a = await simulate({ scenario, policy: 'lru', seed: 11, mechanism: 'dda' });
    const b = await simulate({ scenario, policy: 'lru', seed: 11, mechanism: 'dda' });
    const strip = (r: typeof a) =>
      JSON.stringify({
        ...r,
        wallMs: 0,
        metrics: { ...r.metrics, clearingMs: 0 },
        slots: r.slots.map((s) => ({ ...s, clearingMs: 0 })),
      });
    expect(strip(b)).toBe(strip(a));
    const c = await simulate({ scenario, policy: 'lru', seed: 12, mechanism: 'dda' });
    expect(strip(c)).not.toBe(strip(a));
  });

  it('cloud-only serves nothing at the edge and loads nothing; lru serves some at the edge', async () => {
    const scenario = smallScenario();
    const cloud = await simulate({ scenario, policy: 'cloud-only', seed: 1 });
    expect(cloud.metrics.edgeShare).toBe(0);
    expect(cloud.metrics.switches).toBe(0);
    const lru = await simulate({ scenario, policy: 'lru', seed: 1 });
    expect(lru.metrics.edgeShare).toBeGreaterThan(0);
    expect(lru.slots).toHaveLength(10);
  });

  it('with a mechanism, markets trade and every outcome is individually rational', async () => {
    const result = await simulate({ scenario: smallScenario(), policy: 'lru', seed: 1, mechanism: 'mcafee' });
    expect(result.metrics.trades).toBeGreaterThan(0);
    expect(result.metrics.irViolations).toBe(0);
    expect(result.metrics.surplus).toBeGreaterThanOrEqual(0);
  });

  it('an unknown policy is an error listing the registered ones', async () => {
    await expect(simulate({ scenario: smallScenario(), policy: 'belady', seed: 1 })).rejects.toThrow(
      /unknown policy 'belady'; registered: cloud-only/,
    );
  });
});
