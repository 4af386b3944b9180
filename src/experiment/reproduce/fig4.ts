/**
 * Fig. 4 of the seed paper: average total cost (21) against the number of agents (a), GPUs (b),
 * SC-CoT paths (c) and the vanishing factor (d), for the baselines and for T2DRL and PPO: the
 * networks of Fig. 3 (trained at the defaults, or loaded), evaluated at each point, not retrained
 * there, on fewer seeds than the baselines (learners.ts). Each point is the mean over seeds with a
 * 95% confidence interval.
 */
import type { PaperScenarioOptions } from '../../paper/scenario.js';
import type { Claim, FigureModule } from './figure.js';
import { LEARNERS, learnersOf, pointSeedsOf } from './learners.js';
import { meanCi, type PaperRuns } from './runs.js';
import { sweepFigure } from './sweep-figure.js';
import { percentChange, round, verdict } from './verdict.js';

/** The paper's baselines that run on its model, in the paper's legend order. */
export const BASELINES = ['cloud-only', 'fifo', 'lfu', 'laot'] as const;

/** Every policy Fig. 4 draws: the paper's two learners, then the baselines. */
const POLICIES: readonly string[] = [...LEARNERS, ...BASELINES];

type Param = 'agents' | 'gpus' | 'paths' | 'vanishing';

/** The swept values of each panel (Section VI; Fig. 4d's range is not stated, Fig. 5b's is 1–4). */
export const SWEEPS: Readonly<Record<Param, readonly number[]>> = {
  agents: [10, 15, 20, 25],
  gpus: [40, 80, 120, 160],
  paths: [5, 10, 15, 20],
  vanishing: [1, 2, 3, 4],
};

const LABELS: Record<Param, string> = {
  agents: 'number of agents',
  gpus: 'number of GPUs',
  paths: 'number of reasoning paths J',
  vanishing: 'vanishing factor Δ',
};

/** Mean cost per policy and swept value. */
export function costTable(runs: PaperRuns, param: Param): Map<string, number[]> {
  const out = new Map<string, number[]>();
  for (const policy of BASELINES)
    out.set(
      policy,
      SWEEPS[param].map((v) => meanCi(runs.metrics({ [param]: v }, policy).map((m) => m.meanSlotCost)).mean),
    );
  return out;
}

function costFigure(
  id: string,
  param: Param,
  paperSays: string,
  claims: (runs: PaperRuns) => Claim[],
): FigureModule {
  return sweepFigure({
    id,
    quantity: 'average total cost',
    label: LABELS[param],
    paperSays,
    plan(runs) {
      const pointSeeds = pointSeedsOf(runs);
      for (const value of SWEEPS[param]) {
        for (const policy of BASELINES) runs.plan({ [param]: value }, policy);
        for (const learner of LEARNERS) runs.plan({ [param]: value }, learner, pointSeeds);
      }
    },
    rows(runs) {
      const pointSeeds = pointSeedsOf(runs);
      const seedsOf = (policy: string) =>
        (LEARNERS as readonly string[]).includes(policy) ? pointSeeds : runs.seeds;
      return SWEEPS[param].flatMap((value) =>
        POLICIES.map((policy) => {
          const options: PaperScenarioOptions = { [param]: value };
          const metrics = runs.metrics(options, policy, seedsOf(policy));
          const { mean, ci } = meanCi(metrics.map((m) => m.meanSlotCost));
          const part = (f: (m: (typeof metrics)[number]) => number) =>
            round(metrics.reduce((s, m) => s + f(m), 0) / metrics.length / 100);
          return {
            [param]: value,
            policy,
            cost: round(mean),
            ci95: round(ci),
            switching: part((m) => m.switchingCost),
            communication: part((m) => m.communicationCost),
            computation: part((m) => m.computationCost),
            accuracy_cost: part((m) => m.accuracyCost),
            cloud: part((m) => m.cloudCost),
            edge_share: round(metrics.reduce((s, m) => s + m.edgeShare, 0) / metrics.length),
            seeds: metrics.length,
          };
        }),
      );
    },
    method: (runs) =>
      `Mean (21) over ${runs.seeds.length} seeds for the baselines and ${pointSeedsOf(runs).length} for T2DRL and PPO (100 steps each; the seeds column says how many), with 95% confidence intervals; other parameters at paperScenario() defaults (10 agents, 40 GPUs, 5 paths, Δ = 1). T2DRL and PPO are the networks of Fig. 3 (${learnersOf(runs).origin === 'saved' ? 'loaded from saved weights' : 'trained at the defaults'}) acting on their mode at each point, not retrained there.`,
    chart: (rows) => ({
      data: {
        values: rows.map((r) => ({ ...r, lo: r.cost - r.ci95, hi: r.cost + r.ci95 })),
      },
      encoding: {
        x: { field: param, type: 'quantitative', title: LABELS[param], scale: { zero: false } },
        color: { field: 'policy', type: 'nominal', title: 'policy', sort: [...POLICIES] },
      },
      layer: [
        {
          mark: { type: 'line', point: true },
          encoding: {
            y: { field: 'cost', type: 'quantitative', title: 'average total cost (paper units)' },
          },
        },
        { mark: 'rule', encoding: { y: { field: 'lo', type: 'quantitative' }, y2: { field: 'hi' } } },
      ],
    }),
    claims,
  });
}

const growth = (series: readonly number[]) =>
  percentChange(series[0] as number, series[series.length - 1] as number);

/** Fig. 4a: cost vs agents. */
export const fig4a = costFigure(
  'fig4a',
  'agents',
  'Cost grows with the number of agents ("services", 10 → 25); FIFO and Cloud grow sharply; T2DRL is lowest everywhere.',
  (runs) => {
    const t = costTable(runs, 'agents');
    const g = (p: string) => growth(t.get(p) ?? []);
    const sharp = Math.min(g('fifo'), g('cloud-only'));
    return [
      {
        id: 'fig4a-fifo-cloud-grow',
        claim:
          'Fig. 4a: the cost of FIFO and cloud-only grows sharply from 10 to 25 agents (more than LFU and LAoT)',
        paper: 'grow sharply',
        measured: round(sharp),
        verdict: verdict(sharp > 0 && sharp >= Math.max(g('lfu'), g('laot')), sharp > 0),
      },
    ];
  },
);

/** Fig. 4b: cost vs GPUs. */
export const fig4b = costFigure(
  'fig4b',
  'gpus',
  'Number of GPUs 40 → 160: T2DRL cost falls; T2DRL is lowest everywhere (the baselines are drawn, their trend not stated).',
  (runs) => {
    const t = costTable(runs, 'gpus');
    const edge = ['fifo', 'lfu', 'laot'].map((p) => growth(t.get(p) ?? []));
    const fall = Math.max(...edge);
    return [
      {
        id: 'fig4b-edge-cost-falls-with-gpus',
        claim:
          "Fig. 4b: with more GPUs (40 → 160) the cost of the caching baselines falls (as T2DRL's does); measured: the smallest fall, %",
        paper: 'falls',
        measured: round(fall),
        verdict: verdict(
          edge.every((x) => x < 0),
          edge.some((x) => x < 0),
        ),
      },
    ];
  },
);

/** Fig. 4c: cost vs paths. */
export const fig4c = costFigure(
  'fig4c',
  'paths',
  'Reasoning paths 5 → 20: switching and accuracy costs dominate; T2DRL is lowest everywhere.',
  (runs) => {
    const shares = ['fifo', 'lfu', 'laot'].map((p) => {
      const m = runs.metrics({ paths: 20 }, p);
      const total = m.reduce((s, x) => s + x.systemCost, 0);
      const edge = m.reduce((s, x) => s + x.switchingCost + x.accuracyCost, 0);
      return (edge / total) * 100;
    });
    const share = shares.reduce((s, x) => s + x, 0) / shares.length;
    return [
      {
        id: 'fig4c-switching-accuracy-dominate',
        claim:
          "Fig. 4c: at 20 paths switching and accuracy costs dominate the caching baselines' cost; measured: their share, %",
        paper: 'dominate (> 50%)',
        measured: round(share),
        verdict: verdict(share > 50, share > 25),
      },
    ];
  },
);

/** Fig. 4d: cost vs vanishing factor. */
export const fig4d = costFigure(
  'fig4d',
  'vanishing',
  'Vanishing factor (range not stated): Cloud and FIFO are higher; T2DRL is lowest everywhere.',
  (runs) => {
    const t = costTable(runs, 'vanishing');
    const points = SWEEPS.vanishing.map((_, i) => {
      const at = (p: string) => t.get(p)?.[i] as number;
      const low = Math.max(at('lfu'), at('laot'));
      return at('cloud-only') > low && at('fifo') > low;
    });
    const share = (points.filter(Boolean).length / points.length) * 100;
    return [
      {
        id: 'fig4d-cloud-fifo-higher',
        claim:
          'Fig. 4d: cloud-only and FIFO cost more than LFU and LAoT; measured: share of vanishing factors where both do, %',
        paper: 'higher',
        measured: round(share),
        verdict: verdict(share === 100, share >= 50),
      },
    ];
  },
);
