import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { expect } from 'vitest';
import {
  createMarket,
  defaultScenario,
  type Market,
  type Outcome,
  parseScenario,
  type Scenario,
} from '../src/index.js';

/** A compact, order-independent view of an outcome's fills: `id:quantity@price`, sorted. */
export function fillsOf(outcome: Outcome): string[] {
  return outcome.fills.map((f) => `${f.id}:${f.quantity}@${f.price.toString()}`).sort();
}

/** Units bought in an outcome. */
export function unitsTraded(outcome: Outcome): number {
  return outcome.fills.filter((f) => f.side === 'buy').reduce((sum, f) => sum + f.quantity, 0);
}

/**
 * Runs the built CLI `cli` with `args` (writing into `out`), sends SIGINT once stderr matches
 * `ready`, and checks the documented interruption: exit 130 within a second, one line saying
 * nothing partial was left, and `out` not created. Resolves to stderr up to then.
 */
export async function interruptWhen(
  cli: string,
  args: readonly string[],
  out: string,
  ready: RegExp,
): Promise<string> {
  const child = spawn(process.execPath, [cli, ...args], { stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  await new Promise<void>((resolve) => {
    child.stderr.on('data', (chunk) => {
      stderr += String(chunk);
      if (ready.test(stderr)) resolve();
    });
  });
  const before = stderr;
  const interruptedAt = Date.now();
  child.kill('SIGINT');
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  expect(code).toBe(130);
  expect(Date.now() - interruptedAt).toBeLessThan(1000);
  expect(stderr).toContain('interrupted (SIGINT); nothing partial was left behind');
  expect(existsSync(out)).toBe(false);
  return before;
}

/** What a small edge scenario varies: its name, length, and synthetic workload figures. */
export interface SmallScenarioOptions {
  readonly name: string;
  readonly durationS: number;
  readonly sessionsPerHour: number;
  readonly promptTokensMedian: number;
  readonly popularityShiftAtS?: number;
}

/**
 * A small synthetic edge scenario, quick to run and with memory pressure: the default's first two
 * servers at 20 GiB, 8 agents, one-minute slots, sessions of 4 rounds 40 s apart, 150-token answers.
 * `overrides` replace whole fields last.
 */
export function smallEdgeScenario(
  options: SmallScenarioOptions,
  overrides: Partial<Scenario> = {},
): Scenario {
  const base = defaultScenario();
  return parseScenario({
    ...base,
    name: options.name,
    durationS: options.durationS,
    slotS: 60,
    servers: base.servers.slice(0, 2).map((s) => ({ ...s, gpuMemoryGiB: 20 })),
    agents: { ...base.agents, count: 8 },
    workload: {
      kind: 'synthetic',
      sessionsPerHour: options.sessionsPerHour,
      roundsPerSessionMean: 4,
      thinkTimeMeanS: 40,
      promptTokensMedian: options.promptTokensMedian,
      outputTokensMedian: 150,
      zipfExponent: 1,
      ...(options.popularityShiftAtS === undefined ? {} : { popularityShiftAtS: options.popularityShiftAtS }),
    },
    ...overrides,
  });
}

/** Counts turns of the event loop while `work` runs. */
export async function turnsDuring(work: () => Promise<unknown> | unknown): Promise<number> {
  let turns = 0;
  let done = false;
  const tick = (): void => {
    if (done) return;
    turns++;
    setImmediate(tick);
  };
  setImmediate(tick);
  await work();
  done = true;
  return turns;
}

/** A market from bid values and ask costs, ids b1, b2, … and s1, s2, … in the order given. */
export function marketOf(bids: readonly number[], asks: readonly number[]): Market {
  return createMarket({
    bids: bids.map((value, i) => ({ id: `b${i + 1}`, value })),
    asks: asks.map((cost, i) => ({ id: `s${i + 1}`, cost })),
  });
}
