// DESIGN.md §8.1's contract, through the package entry point as a user calls it.
import { describe, expect, it } from 'vitest';
import { defaultScenario } from '../../src/edge/default-scenario.js';
import {
  ageOfThought,
  describePolicy,
  paperScenario,
  reasoningAccuracy,
  simulate,
  thoughtStock,
} from '../../src/index.js';

describe('the paper model through the entry point', () => {
  it('simulate({ scenario: paperScenario(...), policy: "fifo", seed: 1 }) reports the system cost', async () => {
    const result = await simulate({
      scenario: paperScenario({ agents: 10, gpus: 40, paths: 5 }),
      policy: 'fifo',
      seed: 1,
    });
    expect(result.kind).toBe('paper');
    expect(result.metrics.systemCost).toBeGreaterThan(0);
    expect(Number.isFinite(result.metrics.systemCost)).toBe(true);
    expect(result.slots).toHaveLength(100);
  });

  it('runs every baseline name on the paper model', async () => {
    for (const policy of ['cloud-only', 'fifo', 'lfu', 'laot']) {
      const r = await simulate({ scenario: paperScenario(), policy, seed: 2 });
      expect(r.policy).toBe(policy);
    }
  });

  it('laot on the physical model says in one line that it runs on the paper model only', async () => {
    await expect(simulate({ scenario: defaultScenario(), policy: 'laot', seed: 1 })).rejects.toThrow(
      /^policy: policy 'laot' runs on the paper environment, not on 'edge'; policies that run on 'edge': [a-z0-9-]+(, [a-z0-9-]+)+$/,
    );
    const error = await simulate({ scenario: defaultScenario(), policy: 'laot', seed: 1 }).catch(
      (e: Error) => e,
    );
    const listed = String((error as Error).message)
      .split("policies that run on 'edge': ")[1]
      ?.split(', ');
    expect(listed).toContain('lru');
    expect(listed).not.toContain('laot');
    expect(describePolicy('laot')).toContain('least-context');
  });

  it('lru on the paper model is refused with a typed error', async () => {
    await expect(simulate({ scenario: paperScenario(), policy: 'lru', seed: 1 })).rejects.toMatchObject({
      code: 'unsupported_environment',
      field: 'policy',
    });
  });

  it('exports the equations of the contract', () => {
    expect(thoughtStock({ previous: 1, tokens: 2, cached: true })).toBe(3);
    expect(ageOfThought({ previous: 1, tokens: 2, consensus: 0.5, vanishing: 0.5, cached: true })).toBe(1.5);
    expect(reasoningAccuracy({ zeroShot: 1, gain: Math.exp(-1), ageOfThought: 3 })).toBeCloseTo(3, 12);
  });
});
