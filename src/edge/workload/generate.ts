/**
 * Workloads: the requests of a scenario, from the seeded synthetic generator or a real trace.
 * Every random choice comes from one seeded stream, so a seed reproduces the workload exactly.
 */
import type { Rng } from '../../random.js';
import type { Scenario } from '../scenario-schema.js';
import type { LlmRequest, TraceRecord } from './request.js';
import { readTrace } from './traces.js';
import { drawFromCdf, exponential, logNormal, zipfCdf } from './zipf.js';

/**
 * The model popularity order: a seeded permutation of the catalogue (rank 1 = most popular), and
 * the order after the popularity shift (reversed), so that a shift turns the tail into the head.
 */
function popularity(scenario: Scenario, rng: Rng): { before: string[]; after: string[] } {
  const ids = scenario.models.map((m) => m.id);
  for (let i = ids.length - 1; i > 0; i--) {
    const j = rng.int(i + 1);
    [ids[i], ids[j]] = [ids[j] as string, ids[i] as string];
  }
  return { before: ids, after: [...ids].reverse() };
}

/**
 * Synthetic sessions: session starts form a Poisson process; each session belongs to a uniformly
 * drawn agent, uses one model drawn by Zipf popularity (reversed after `popularityShiftAtS`), and
 * has a geometric number of rounds separated by exponential think times; prompt and output
 * lengths are log-normal.
 *
 * @category edge
 */
export function syntheticWorkload(scenario: Scenario, rng: Rng): LlmRequest[] {
  const w = scenario.workload;
  if (w.kind !== 'synthetic') throw new Error('not a synthetic workload');
  const { before, after } = popularity(scenario, rng);
  const cdf = zipfCdf(before.length, w.zipfExponent);
  const requests: LlmRequest[] = [];
  let t = 0;
  let session = 0;
  const meanGapS = 3600 / w.sessionsPerHour;
  for (;;) {
    t += exponential(meanGapS, rng);
    if (t >= scenario.durationS) break;
    const order = w.popularityShiftAtS !== undefined && t >= w.popularityShiftAtS ? after : before;
    const modelId = order[drawFromCdf(cdf, rng)] as string;
    const agentId = `agent-${rng.int(scenario.agents.count)}`;
    const sessionId = `s${session++}`;
    let at = t;
    // Geometric number of rounds with the given mean: continue with probability 1 − 1/mean.
    for (let round = 1; at < scenario.durationS; round++) {
      requests.push({
        id: `${sessionId}-r${round}`,
        agentId,
        sessionId,
        modelId,
        arrivalS: at,
        promptTokens: Math.max(1, Math.round(logNormal(w.promptTokensMedian, 0.8, rng))),
        outputTokens: Math.max(1, Math.round(logNormal(w.outputTokensMedian, 0.6, rng))),
        round,
      });
      if (rng.next() < 1 / w.roundsPerSessionMean) break;
      at += exponential(w.thinkTimeMeanS, rng);
    }
  }
  return requests.sort((a, b) => a.arrivalS - b.arrivalS || (a.id < b.id ? -1 : 1));
}

/**
 * A trace-driven workload: the trace's arrival times and token counts (scaled by `timeScale`,
 * replayed `repeat` times), with its sessions; each session is given an agent and a model (by
 * Zipf popularity, reversed after `popularityShiftAtS`) from the seed. Requests after
 * `durationS` are dropped.
 *
 * @category edge
 */
export function traceWorkload(scenario: Scenario, rng: Rng, records?: readonly TraceRecord[]): LlmRequest[] {
  const w = scenario.workload;
  if (w.kind !== 'trace') throw new Error('not a trace workload');
  const trace = records ?? readTrace(w.format, w.source);
  const span = trace.reduce((m, r) => Math.max(m, r.arrivalS), 0) * w.timeScale + 1;
  const { before, after } = popularity(scenario, rng);
  const cdf = zipfCdf(before.length, w.zipfExponent);
  const requests: LlmRequest[] = [];
  for (let copy = 0; copy < w.repeat; copy++) {
    const sessionModel = new Map<number, string>();
    const sessionAgent = new Map<number, string>();
    for (let line = 0; line < trace.length; line++) {
      const r = trace[line] as TraceRecord;
      const arrivalS = r.arrivalS * w.timeScale + copy * span;
      if (arrivalS >= scenario.durationS) continue;
      let modelId = sessionModel.get(r.session);
      if (modelId === undefined) {
        const order = w.popularityShiftAtS !== undefined && arrivalS >= w.popularityShiftAtS ? after : before;
        modelId = order[drawFromCdf(cdf, rng)] as string;
        sessionModel.set(r.session, modelId);
        sessionAgent.set(r.session, `agent-${rng.int(scenario.agents.count)}`);
      }
      const sessionId = `c${copy}s${r.session}`;
      requests.push({
        // A conversation can branch (two requests continue one), so ids carry the trace line.
        id: `${sessionId}-r${r.round}-q${line}`,
        agentId: sessionAgent.get(r.session) as string,
        sessionId,
        modelId,
        arrivalS,
        promptTokens: r.promptTokens,
        outputTokens: r.outputTokens,
        round: r.round,
      });
    }
  }
  return requests.sort((a, b) => a.arrivalS - b.arrivalS || (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
}

/** The workload of a scenario for a seed. @category edge */
export function generateWorkload(
  scenario: Scenario,
  rng: Rng,
  records?: readonly TraceRecord[],
): LlmRequest[] {
  return scenario.workload.kind === 'synthetic'
    ? syntheticWorkload(scenario, rng)
    : traceWorkload(scenario, rng, records);
}
