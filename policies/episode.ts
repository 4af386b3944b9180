/**
 * One episode of the physical model for training loops, which may not import `simulate`
 * (policies import no experiment code, issue 11): the same run, without a market or records.
 */
import { EdgeEnvironment } from '../src/edge/env.js';
import type { Scenario } from '../src/edge/scenario-schema.js';
import type { TraceRecord } from '../src/edge/workload/request.js';
import type { Policy } from '../src/policy.js';
import type { Rng } from '../src/random.js';
import { runEpisode } from '../src/run-episode.js';

/** Options of {@link edgeEpisodeCost}. */
export interface EdgeEpisodeOptions {
  /** A trace already parsed, shared by the episodes of one scenario. */
  readonly records?: readonly TraceRecord[];
  /** The policy's random stream (default: the episode's own, as in `simulate`). */
  readonly policyRng?: Rng;
}

/**
 * The system cost of one episode of `scenario` under `policy` (already prepared), no market: the
 * same figure as `simulate(...).metrics.systemCost`, bit for bit (the reward is minus the system
 * cost, slot by slot).
 *
 * @category policies
 */
export async function edgeEpisodeCost(
  scenario: Scenario,
  policy: Policy,
  seed: number,
  options: EdgeEpisodeOptions = {},
): Promise<number> {
  const { records, policyRng } = options;
  const environment = new EdgeEnvironment(scenario, records === undefined ? {} : { records });
  const { reward } = await runEpisode({
    environment,
    policy,
    scenario,
    seed,
    ...(policyRng === undefined ? {} : { policyRng }),
    // An episode is synchronous slot after slot: give the event loop a turn every 20 ms, as a
    // simulated run does, so that Ctrl-C stops `train` within one (issue 16 item 1).
    beforeSlot: turnNow,
  });
  return -reward;
}

// How long an episode may run between two turns of the event loop.
const TURN_EVERY_MS = 20;
let lastTurn = performance.now();

async function turnNow(): Promise<void> {
  if (performance.now() - lastTurn < TURN_EVERY_MS) return;
  await new Promise<void>((resolve) => setImmediate(resolve));
  lastTurn = performance.now();
}

/** Resolves on the next turn of the event loop, so that Ctrl-C is heard between episodes. */
export function betweenEpisodes(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
