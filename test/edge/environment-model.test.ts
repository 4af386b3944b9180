// Model-based test of the edge environment (issue 11 item 9): fast-check draws random sequences
// of steps (random caching lists per server, some servers left out, unknown model ids, random
// routes including unknown servers), steps past the end and resets, and checks each against a
// simple model of what the environment must do with GPU memory and the cached sets: a server keeps
// the longest prefix of its list that fits (or its cache when left out), loads count as switches,
// weights + resident KV never exceed memory, no context outlives its model, a request is served
// at the edge only by a server holding its model, and everything else is counted as misrouted.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  type Action,
  defaultScenario,
  EdgeEnvironment,
  type Observation,
  parseScenario,
  type Scenario,
} from '../../src/index.js';

const scenario: Scenario = (() => {
  const base = defaultScenario();
  return parseScenario({
    ...base,
    name: 'model-based',
    durationS: 300,
    slotS: 60,
    servers: base.servers.slice(0, 2).map((s, i) => ({ ...s, gpuMemoryGiB: 12 + 8 * i })),
    agents: { ...base.agents, count: 6 },
    workload: {
      kind: 'synthetic',
      sessionsPerHour: 400,
      roundsPerSessionMean: 3,
      thinkTimeMeanS: 30,
      promptTokensMedian: 1500,
      outputTokensMedian: 150,
      zipfExponent: 1,
    },
  });
})();

/** The model's own rule: the longest prefix of `list` (unknown ids and repeats skipped) that fits. */
function prefixThatFits(
  list: readonly string[],
  weights: Readonly<Record<string, number>>,
  memory: number,
): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const id of list) {
    const w = weights[id];
    if (w === undefined || kept.includes(id)) continue;
    if (used + w > memory) break;
    kept.push(id);
    used += w;
  }
  return kept;
}

/** What the model knows: the slot, whether the episode is over, and each server's cached set. */
interface Model {
  slot: number;
  over: boolean;
  cached: Set<string>[];
}

interface Real {
  readonly env: EdgeEnvironment;
  observation: Observation;
}

const slots = Math.ceil(scenario.durationS / scenario.slotS);

function check(model: Model, observation: Observation): void {
  observation.servers.forEach((server, s) => {
    const cached = new Set(server.models.filter((m) => m.cached).map((m) => m.modelId));
    expect([...cached].sort()).toEqual([...(model.cached[s] as Set<string>)].sort());
    const weights = [...cached].reduce((sum, id) => sum + (observation.modelWeightBytes[id] ?? 0), 0);
    expect(Math.abs(server.weightBytes - weights)).toBeLessThan(1);
    expect(server.weightBytes + server.kvBytes).toBeLessThanOrEqual(server.memoryBytes + 1);
    expect(server.kvBytes).toBeGreaterThanOrEqual(-1);
    for (const m of server.models) if (!m.cached) expect(m.residentContexts).toBe(0);
  });
  for (const v of observation.requests) {
    if (v.residentServer === undefined) continue;
    const server = observation.servers.find((s) => s.id === v.residentServer);
    const view = server?.models.find((m) => m.modelId === v.request.modelId);
    expect(view?.cached).toBe(true);
    expect(view?.residentContexts).toBeGreaterThan(0);
  }
}

class StepCommand implements fc.Command<Model, Real> {
  constructor(
    /** Per server: indexes into the model ids (−1: an unknown id), or null to leave it out. */
    readonly lists: readonly (readonly number[] | null)[],
    /** Per request (cyclically): 0 unrouted, 1..n a server, n+1 the cloud, n+2 an unknown server. */
    readonly routes: readonly number[],
  ) {}

  check(model: Readonly<Model>): boolean {
    return !model.over;
  }

  run(model: Model, real: Real): void {
    const before = real.observation;
    const ids = before.modelIds;
    const servers = before.servers;
    const cache: Record<string, string[]> = {};
    this.lists.forEach((list, s) => {
      const server = servers[s];
      if (list === null || server === undefined) return;
      cache[server.id] = list.map((i) => (i < 0 ? 'no-such-model' : (ids[i % ids.length] as string)));
    });
    const route: Record<string, string> = {};
    before.requests.forEach((v, k) => {
      const choice = (this.routes[k % this.routes.length] as number) % (servers.length + 3);
      if (choice === 0) return;
      route[v.request.id] =
        choice <= servers.length
          ? (servers[choice - 1]?.id as string)
          : choice === servers.length + 1
            ? 'cloud'
            : 'nowhere';
    });
    const action: Action = { cache, route };
    const step = real.env.step(action);

    // The model: each listed server keeps the longest prefix that fits; the others keep their cache.
    const expected = servers.map((server, s) => {
      const list = cache[server.id];
      return list === undefined
        ? new Set(model.cached[s])
        : new Set(prefixThatFits(list, before.modelWeightBytes, server.memoryBytes));
    });
    const loads = expected.reduce(
      (sum, set, s) => sum + [...set].filter((id) => !model.cached[s]?.has(id)).length,
      0,
    );
    const holds = (target: string, modelId: string) => {
      const s = servers.findIndex((x) => x.id === target);
      return s >= 0 && (expected[s] as Set<string>).has(modelId);
    };
    const atEdge = before.requests.filter((v) => holds(route[v.request.id] ?? 'cloud', v.request.modelId));
    const misrouted = before.requests.filter((v) => {
      const target = route[v.request.id] ?? 'cloud';
      return target !== 'cloud' && !holds(target, v.request.modelId);
    });
    const { metrics, served } = step.info;
    expect(metrics.slot).toBe(model.slot);
    expect(metrics.requests).toBe(before.requests.length);
    expect(metrics.switches).toBe(loads);
    expect(metrics.edgeRequests).toBe(atEdge.length);
    expect(metrics.cloudRequests).toBe(before.requests.length - atEdge.length);
    expect(metrics.misrouted).toBe(misrouted.length);
    expect(metrics.memoryUse).toBeLessThanOrEqual(1 + 1e-9);
    expect(step.reward).toBe(-metrics.systemCost);
    for (const r of served) {
      const v = before.requests.find((x) => x.request.id === r.requestId);
      if (r.target !== 'cloud') expect(holds(r.target, v?.request.modelId as string)).toBe(true);
    }

    model.cached = expected;
    model.slot++;
    model.over = model.slot >= slots;
    expect(step.terminated).toBe(model.over);
    expect(step.truncated).toBe(false);
    real.observation = step.observation;
    check(model, step.observation);
  }

  toString(): string {
    return `step(${JSON.stringify(this.lists)}, ${JSON.stringify(this.routes)})`;
  }
}

class StepAfterEndCommand implements fc.Command<Model, Real> {
  check(model: Readonly<Model>): boolean {
    return model.over;
  }

  run(_model: Model, real: Real): void {
    expect(() => real.env.step({ cache: {}, route: {} })).toThrow(/episode has ended/);
  }

  toString(): string {
    return 'stepAfterEnd';
  }
}

class ResetCommand implements fc.Command<Model, Real> {
  constructor(readonly seed: number) {}

  check(): boolean {
    return true;
  }

  run(model: Model, real: Real): void {
    real.observation = real.env.reset({ seed: this.seed }).observation;
    model.slot = 0;
    model.over = false;
    model.cached = scenario.servers.map(() => new Set());
    expect(real.observation.slot).toBe(0);
    check(model, real.observation);
  }

  toString(): string {
    return `reset(${this.seed})`;
  }
}

describe('the edge environment against a model of its memory and caches', () => {
  it('keeps the model and the environment in step over random sequences of actions', () => {
    const models = scenario.models.length;
    const list = fc.option(fc.array(fc.integer({ min: -1, max: models - 1 }), { maxLength: models + 1 }), {
      nil: null,
    });
    const commands = [
      fc
        .tuple(
          fc.array(list, { minLength: 2, maxLength: 2 }),
          fc.array(fc.nat(20), { minLength: 1, maxLength: 6 }),
        )
        .map(([lists, routes]) => new StepCommand(lists, routes)),
      fc.constant(new StepAfterEndCommand()),
      fc.integer({ min: 1, max: 5 }).map((seed) => new ResetCommand(seed)),
    ];
    const env = new EdgeEnvironment(scenario);
    fc.assert(
      fc.property(fc.commands(commands, { maxCommands: 20 }), (cmds) => {
        const real: Real = { env, observation: env.reset({ seed: 1 }).observation };
        const model: Model = { slot: 0, over: false, cached: scenario.servers.map(() => new Set()) };
        fc.modelRun(() => ({ model, real }), cmds);
      }),
      { numRuns: 100 },
    );
  });
});
