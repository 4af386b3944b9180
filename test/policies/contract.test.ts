// The policy contract (issue 11 items 3 and 7): definitions register as mechanisms do (the earlier
// three-argument form still works), a policy refuses an environment it was not made for, a market
// needs valuations from the one decision, and the episode loop runs any environment of the
// Gymnasium contract with a policy of its own types.
import { describe, expect, it } from 'vitest';
import type { Environment } from '../../src/environment.js';
import {
  DoubleDutchError,
  defaultScenario,
  describePolicy,
  getPolicy,
  listPolicies,
  type Policy,
  registerPolicy,
  simulate,
} from '../../src/index.js';
import type { AnyScenario, Transition } from '../../src/policy.js';
import { createRng, RUN_STREAMS } from '../../src/random.js';
import { runEpisode } from '../../src/run-episode.js';

const cloudOnly = (name: string): Policy => ({
  ...getPolicy('cloud-only'),
  name,
});

function codeOf(fn: () => unknown): string | undefined {
  try {
    fn();
  } catch (e) {
    if (e instanceof DoubleDutchError) return e.code;
    throw e;
  }
  return undefined;
}

describe('the policy registry', () => {
  it('registers a definition { name, description, create }, and the deprecated three-argument form', () => {
    registerPolicy({ name: 'test-def', description: 'a definition', create: () => cloudOnly('test-def') });
    registerPolicy('test-old', 'the earlier form', () => cloudOnly('test-old'));
    expect(listPolicies()).toEqual(expect.arrayContaining(['test-def', 'test-old']));
    expect(describePolicy('test-def')).toBe('a definition');
    expect(describePolicy('test-old')).toBe('the earlier form');
    expect(getPolicy('test-def').name).toBe('test-def');
    expect(getPolicy('test-old').name).toBe('test-old');
  });

  it('refuses a taken name unless replacing, and a bad name', () => {
    const definition = { name: 'test-dup', description: 'x', create: () => cloudOnly('test-dup') };
    registerPolicy(definition);
    expect(codeOf(() => registerPolicy(definition))).toBe('duplicate_name');
    registerPolicy({ ...definition, description: 'y' }, { replace: true });
    expect(describePolicy('test-dup')).toBe('y');
    expect(codeOf(() => registerPolicy({ ...definition, name: 'Bad Name' }))).toBe('invalid_name');
  });

  it('refuses a scenario of an environment the policy does not run on, naming both', () => {
    const paper = { kind: 'paper' } as AnyScenario;
    expect(codeOf(() => getPolicy('lru', { scenario: paper }))).toBe('unsupported_environment');
    registerPolicy<AnyScenario>({
      name: 'test-both',
      description: 'runs anywhere',
      environments: ['edge', 'paper'],
      create: ({ scenario }) => ({
        ...cloudOnly('test-both'),
        name: `both:${'kind' in scenario ? scenario.kind : 'edge'}`,
      }),
    });
    expect(getPolicy('test-both', { scenario: paper }).name).toBe('both:paper');
  });
});

describe('one decision per slot', () => {
  it('a market needs the valuations of the decision: a policy that gives none is refused', async () => {
    const lru = getPolicy('lru');
    const silent: Policy = { name: 'silent', decide: (o, c) => ({ action: lru.decide(o, c).action }) };
    const scenario = { ...defaultScenario(), durationS: 120 };
    await expect(simulate({ scenario, policy: silent, seed: 1 })).resolves.toBeDefined();
    await expect(simulate({ scenario, policy: silent, mechanism: 'dda', seed: 1 })).rejects.toThrow(
      /no valuations/,
    );
  });

  it('a scenario of an unknown environment kind is refused', async () => {
    await expect(
      simulate({ scenario: { kind: 'nowhere' }, policy: cloudOnly('x') as never, seed: 1 }),
    ).rejects.toThrow(/no environment of kind 'nowhere'/);
  });
});

describe('runEpisode on an environment of other types', () => {
  // A counter: the observation is the step, the action a number added to the total, reward −|action|.
  class Counter implements Environment<number, number, { start: number }, { total: number }> {
    private t = 0;
    private total = 0;
    reset(options: { seed?: number } = {}) {
      this.t = 0;
      this.total = options.seed ?? 0;
      return { observation: 0, info: { start: this.total } };
    }
    step(action: number) {
      this.t++;
      this.total += action;
      return {
        observation: this.t,
        reward: -Math.abs(action),
        terminated: this.t >= 5,
        truncated: false,
        info: { total: this.total },
      };
    }
  }

  it('drives a policy of the environment types, with the context in every transition and the run stream', async () => {
    const seen: Transition<number, number, { total: number }, string>[] = [];
    const draws: number[] = [];
    const policy: Policy<number, number, { total: number }, string, never> = {
      name: 'counter',
      decide: (observation, context) => {
        draws.push(context.rng.next());
        return { action: observation + 1 };
      },
      observe: (t) => {
        seen.push(t);
      },
    };
    const result = await runEpisode({ environment: new Counter(), policy, scenario: 'toy', seed: 7 });
    expect(result).toEqual({ reward: -(1 + 2 + 3 + 4 + 5), steps: 5 });
    expect(seen.map((t) => t.info.total)).toEqual([8, 10, 13, 17, 22]);
    expect(seen.every((t) => t.context.scenario === 'toy' && t.context.market === false)).toBe(true);
    expect(seen.at(-1)?.terminated).toBe(true);
    // The policy's stream is the run's, derived from its seed by a fixed key.
    const stream = createRng(7).derive(RUN_STREAMS.policy);
    expect(draws).toEqual([0, 1, 2, 3, 4].map(() => stream.next()));
  });
});
