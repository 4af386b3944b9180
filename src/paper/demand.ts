/**
 * The per-slot demand R^t_{n,i,m} of the paper's model, which the paper leaves unspecified (it
 * says only that every method saw "the same traces"). Requests of agent i at server n for model m
 * are Poisson with mean rate·I·w_{n,i}·share_m·u_{n,i}(t): w is a Zipf popularity over a random
 * per-server ranking of the agents, share_m the model's share, and u either a busy/quiet spell of
 * the (server, agent) pair (synthetic) or the arrival profile of a real trace, rescaled to mean 1.
 * It does not depend on actions, so every policy sees the same demand for the same seed.
 */
import { readTrace } from '../edge/workload/traces.js';
import type { Rng } from '../random.js';
import type { PaperScenario } from './scenario-schema.js';

/**
 * A seeded demand source: `next()` is R^t for t = 0, 1, …, one entry per (server, agent, model).
 *
 * @category edge
 */
export interface PaperDemand {
  next(): number[];
}

/** A Poisson draw (Knuth's product method; a rounded normal above a mean of 30). */
export function poisson(rng: Rng, mean: number): number {
  if (mean <= 0) return 0;
  if (mean > 30) {
    const u = 1 - rng.next();
    const z = Math.sqrt(-2 * Math.log(u)) * Math.cos(2 * Math.PI * rng.next());
    return Math.max(0, Math.round(mean + Math.sqrt(mean) * z));
  }
  const limit = Math.exp(-mean);
  let k = 0;
  let p = rng.next();
  while (p > limit) {
    k++;
    p *= rng.next();
  }
  return k;
}

const traceProfiles = new Map<string, number[]>();

/** Arrivals of a trace in `slots` equal windows of its span, rescaled to mean 1 (cached per trace). */
function traceProfile(format: 'mooncake' | 'azure', source: string, slots: number): number[] {
  const key = `${format}\u0000${source}\u0000${slots}`;
  const cached = traceProfiles.get(key);
  if (cached !== undefined) return cached;
  const arrivals = readTrace(format, source).map((r) => r.arrivalS);
  const first = Math.min(...arrivals);
  const span = Math.max(...arrivals) - first || 1;
  const counts = new Array<number>(slots).fill(0);
  for (const t of arrivals) {
    const w = Math.min(slots - 1, Math.floor(((t - first) / span) * slots));
    counts[w] = (counts[w] as number) + 1;
  }
  const mean = arrivals.length / slots;
  const profile = counts.map((c) => c / mean);
  traceProfiles.set(key, profile);
  return profile;
}

/**
 * The demand source of a scenario, drawing from `rng`.
 *
 * @category edge
 */
export function createPaperDemand(scenario: PaperScenario, rng: Rng): PaperDemand {
  const N = scenario.servers;
  const I = scenario.agents.length;
  const M = scenario.models.length;
  const spec = scenario.demand;
  const zipf = Array.from({ length: I }, (_, r) => 1 / (r + 1) ** spec.zipfExponent);
  const total = zipf.reduce((s, w) => s + w, 0);
  // popularity[n][i]: agent i's share of server n's demand, by a random ranking per server.
  const popularity = Array.from({ length: N }, () => {
    const rank = Array.from({ length: I }, (_, i) => i);
    for (let i = I - 1; i > 0; i--) {
      const j = rng.int(i + 1);
      [rank[i], rank[j]] = [rank[j] as number, rank[i] as number];
    }
    const out = new Array<number>(I);
    rank.forEach((agent, r) => {
      out[agent] = (zipf[r] as number) / total;
    });
    return out;
  });
  const scale = spec.requestsPerAgentPerSlot * I;
  let slot = 0;
  let modulation: (n: number, i: number) => number;
  let advance: () => void;
  if (spec.kind === 'synthetic') {
    const busy = Array.from({ length: N * I }, () => rng.next() < 0.5);
    modulation = (n, i) => (busy[n * I + i] ? spec.burstFactor : 2 - spec.burstFactor);
    advance = () => {
      for (let x = 0; x < busy.length; x++) if (rng.next() < spec.burstSwitchProbability) busy[x] = !busy[x];
    };
  } else {
    const profile = traceProfile(spec.format, spec.source, scenario.slots);
    // Each server replays the trace from its own offset, so that servers peak at different times.
    modulation = (n) => profile[(slot + Math.floor((n * scenario.slots) / N)) % scenario.slots] as number;
    advance = () => {};
  }
  return {
    next: () => {
      const demand = new Array<number>(N * I * M);
      for (let n = 0; n < N; n++)
        for (let i = 0; i < I; i++) {
          const mean = scale * (popularity[n]?.[i] as number) * modulation(n, i);
          for (let m = 0; m < M; m++)
            demand[(n * I + i) * M + m] = poisson(rng, mean * (scenario.models[m]?.demandShare as number));
        }
      advance();
      slot++;
      return demand;
    },
  };
}
