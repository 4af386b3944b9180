/**
 * One episode of the physical model for training loops, which may not import `simulate`
 * (policies import no experiment code, issue 11): the same run, without a market or records.
 */
import { EdgeEnvironment } from '../src/edge/env.js';
import type { Scenario } from '../src/edge/scenario-schema.js';
import type { TraceRecord } from '../src/edge/workload/request.js';
import { nextTurn, turnIfDue } from '../src/event-loop.js';
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
    beforeSlot: turnIfDue,
  });
  return -reward;
}

/** Resolves on the next turn of the event loop, so that Ctrl-C is heard between episodes. */
export const betweenEpisodes: () => Promise<void> = nextTurn;
