// Loading saved T2DRL/PPO weights that do not fit (issue 13 item 4, acceptance review): a user's
// `--weights DIR` or `paperActorCriticPolicy(kind, { weights })` is input, not a bug, so every way
// it can be wrong is one `bad_weights` error naming the directory and what is wrong with it.
import { mkdirSync, mkdtempSync, readFileSync, rmSync, truncateSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { createActorCritic, disposeActorCritic } from '../../policies/t2drl/ttt/actor-critic.js';
import { paperEnvironmentPolicy, paperNetworkConfig } from '../../policies/t2drl/ttt/index.js';
import { loadActorCritic, saveActorCritic } from '../../policies/t2drl/ttt/weights.js';
import { DoubleDutchError } from '../../src/errors.js';
import * as pkg from '../../src/index.js';
import { defaultScenario, paperActorCriticPolicy, paperScenario } from '../../src/index.js';

const root = mkdtempSync(join(tmpdir(), 'dd-weights-load-'));

/** Saves a fresh network of `kind` for `environment` under `root/name` and returns the directory. */
function saved(name: string, kind: 't2drl' | 'ppo', environment: 'physical' | 'paper'): string {
  const dir = join(root, name);
  const net = createActorCritic(paperNetworkConfig(kind, environment === 'physical' ? 12 : 6), 5);
  saveActorCritic(net, dir, {
    policy: kind,
    environment,
    scenarioHash: 'h',
    scenarioName: 'test',
    seed: 5,
    episodes: 0,
    backend: 'test',
    trainedAt: '2026-11-29T00:00:00Z',
  });
  disposeActorCritic(net);
  return dir;
}

/** The error `load` throws (fails the test when it throws none). */
function thrown(load: () => unknown): unknown {
  try {
    load();
  } catch (error) {
    return error;
  }
  throw new Error('expected an error, got none');
}

beforeAll(async () => {
  await initTensorflow({ quiet: true });
});

describe('loadActorCritic on weights that do not fit', () => {
  it('a weights.bin cut short (even mid-value) is a bad_weights error counting its values', () => {
    const dir = saved('short', 'ppo', 'physical');
    const bin = join(dir, 'weights.bin');
    const bytes = readFileSync(bin).length;
    for (const length of [1001, 1000]) {
      truncateSync(bin, length);
      const error = thrown(() => loadActorCritic(dir));
      expect(error).toBeInstanceOf(DoubleDutchError);
      expect((error as DoubleDutchError).code).toBe('bad_weights');
      expect((error as Error).message).toContain(dir);
      expect((error as Error).message).toMatch(
        new RegExp(`weights\\.bin has ${length} bytes, expected ${bytes}`),
      );
    }
  });

  it('a weights.bin that cannot be read is a bad_weights error saying so, not a write failure (exit 74)', () => {
    const dir = saved('unreadable', 'ppo', 'physical');
    rmSync(join(dir, 'weights.bin'));
    mkdirSync(join(dir, 'weights.bin'));
    const error = thrown(() => loadActorCritic(dir));
    expect(error).toBeInstanceOf(DoubleDutchError);
    expect((error as DoubleDutchError).code).toBe('bad_weights');
    expect((error as Error).message).toMatch(/weights\.bin cannot be read \(.*EISDIR/);
  });
});

describe("the factories on another policy's weights", () => {
  it("paperActorCriticPolicy('t2drl') refuses ppo's weights rather than running PPO under t2drl's name", async () => {
    const dir = saved('ppo-physical', 'ppo', 'physical');
    const policy = paperActorCriticPolicy('t2drl', { seed: 1, weights: dir });
    await expect(policy.prepare?.()).rejects.toMatchObject({
      code: 'bad_weights',
      message: expect.stringMatching(/holds ppo weights, not t2drl's/),
    });
    policy.dispose?.();
  });

  it("paperEnvironmentPolicy('ppo') refuses t2drl's weights", async () => {
    const dir = saved('t2drl-paper', 't2drl', 'paper');
    const policy = paperEnvironmentPolicy('ppo', { seed: 1, scenario: paperScenario(), weights: dir });
    await expect(policy.prepare?.()).rejects.toMatchObject({
      code: 'bad_weights',
      message: expect.stringMatching(/holds t2drl weights, not ppo's/),
    });
    policy.dispose?.();
  });
});

describe("the factories on the other model's weights", () => {
  it("paperActorCriticPolicy refuses weights trained on the paper's model (a TensorFlow.js shape error before)", async () => {
    const dir = saved('t2drl-on-paper', 't2drl', 'paper');
    const policy = paperActorCriticPolicy('t2drl', { seed: 1, weights: dir, scenario: defaultScenario() });
    await expect(policy.prepare?.()).rejects.toMatchObject({
      code: 'bad_weights',
      message: expect.stringMatching(/t2drl weights trained on the paper's model, not the physical model/),
    });
    policy.dispose?.();
  });

  it('paperEnvironmentPolicy refuses weights trained on the physical model with a bad_weights error', async () => {
    const dir = saved('ppo-on-physical', 'ppo', 'physical');
    const policy = paperEnvironmentPolicy('ppo', { seed: 1, scenario: paperScenario(), weights: dir });
    await expect(policy.prepare?.()).rejects.toMatchObject({
      code: 'bad_weights',
      message: expect.stringMatching(/ppo weights trained on the physical model, not the paper's model/),
    });
    policy.dispose?.();
  });
});

describe("the package's factory on the paper's model", () => {
  it('is exported, and runs the weights it is given (the shipped ones without)', async () => {
    // Not a named import: the test must fail, not fail to compile, while the export is missing.
    const factory = (pkg as Record<string, unknown>).paperEnvironmentPolicy as
      | typeof paperEnvironmentPolicy
      | undefined;
    expect(factory).toBeTypeOf('function');
    if (factory === undefined) return;
    const scenario = paperScenario();
    const cost = async (policy: string | ReturnType<typeof paperEnvironmentPolicy>) => {
      const result = await pkg.simulate({ scenario, policy, seed: 1 });
      if (typeof policy !== 'string') policy.dispose?.();
      return result.metrics.systemCost;
    };
    expect(await cost(factory('ppo', { seed: 1, scenario }))).toBe(await cost('ppo'));
    const own = saved('own-ppo-paper', 'ppo', 'paper');
    expect(await cost(factory('ppo', { seed: 1, scenario, weights: own }))).not.toBe(await cost('ppo'));
  }, 60_000);
});

describe('the trained-elsewhere warning from a script', () => {
  it('paperActorCriticPolicy without options.scenario warns at the first decision of another scenario', async () => {
    const dir = saved('elsewhere-ppo', 'ppo', 'physical');
    const lines: string[] = [];
    const spy = vi.spyOn(process.stderr, 'write').mockImplementation((chunk) => {
      lines.push(String(chunk));
      return true;
    });
    try {
      const scenario = { ...defaultScenario(), durationS: 120 };
      const policy = paperActorCriticPolicy('ppo', { seed: 1, weights: dir });
      await pkg.simulate({ scenario, policy, seed: 1 });
      await pkg.simulate({ scenario, policy, seed: 2 });
      policy.dispose?.();
    } finally {
      spy.mockRestore();
    }
    // Once: the saved meta's hash ('h') is not the scenario's.
    expect(
      lines.filter((l) => l.startsWith("ppo: weights trained on scenario 'test' (hash h)")),
    ).toHaveLength(1);
  }, 60_000);
});

describe('the factories take a train --out directory, as --weights does', () => {
  it('finds DIR/weights (and DIR/KIND/weights) for both models', async () => {
    const physical = join(root, 'out-physical');
    saved('out-physical/weights', 'ppo', 'physical');
    const policy = paperActorCriticPolicy('ppo', { seed: 1, weights: physical });
    await expect(policy.prepare?.()).resolves.toBeUndefined();
    policy.dispose?.();
    const both = join(root, 'out-both');
    saved('out-both/t2drl/weights', 't2drl', 'paper');
    const paper = paperEnvironmentPolicy('t2drl', { seed: 1, scenario: paperScenario(), weights: both });
    await expect(paper.prepare?.()).resolves.toBeUndefined();
    paper.dispose?.();
  });
});
