/**
 * Fig. 5 of the seed paper: reasoning accuracy per task against the number of SC-CoT paths (a) and
 * the vanishing factor (b). The lines are tasks of one policy, not policies: T2DRL's, as in the
 * paper, read from the same runs as Fig. 4 (the network of Fig. 3, trained at the defaults or
 * loaded, on the learners' seeds: learners.ts), under both readings of the vanishing factor (G6):
 * Δ as printed in (13) (Fig. 4d's runs) and a retention factor (the learner evaluated there too,
 * not retrained). LFU, the caching baseline with the most edge service, on every seed, is in the
 * CSV beside it (its `policy` column) for comparison but not drawn: fourteen or twenty-eight lines
 * would not be read. Accuracy here follows the tables (docs/paper.md §6), so a policy changes these
 * curves only through where, and by which model, requests are served.
 */
import { PAPER_TASKS, type PaperTask } from '../../paper/accuracy-tables.js';
import type { PaperScenarioOptions } from '../../paper/scenario.js';
import { SWEEPS } from './fig4.js';
import type { Claim, FigureModule } from './figure.js';
import { learnersOf, pointSeedsOf } from './learners.js';
import { meanCi, type PaperRuns } from './runs.js';
import { sweepFigure } from './sweep-figure.js';
import { round, snapNoise, verdict } from './verdict.js';

/** The policy whose accuracy Fig. 5 draws and its claims measure (the paper's: T2DRL). */
export const FIG5_POLICY = 't2drl';
/** The baseline whose accuracy the CSV carries beside {@link FIG5_POLICY}'s, for comparison (not drawn). */
export const FIG5_COMPARISON = 'lfu';
const POLICIES = [FIG5_POLICY, FIG5_COMPARISON] as const;

const RETENTION = { vanishingDirection: 'retention' } as const;

type Reading = 'as printed' | 'retention';

function optionsOf(param: 'paths' | 'vanishing', value: number, reading: Reading): PaperScenarioOptions {
  return reading === 'retention' ? { [param]: value, decisions: RETENTION } : { [param]: value };
}

/** The seeds a policy runs on here: the learners' for T2DRL, every seed for the baseline. */
function seedsOf(runs: PaperRuns, policy: string): readonly number[] {
  return policy === FIG5_POLICY ? pointSeedsOf(runs) : runs.seeds;
}

/** Accuracy (%) of `policy` on one task at one point, per seed. */
function accuracies(
  runs: PaperRuns,
  options: PaperScenarioOptions,
  policy: string,
  task: PaperTask,
): number[] {
  return runs.metrics(options, policy, seedsOf(runs, policy)).map((m) => m.taskAccuracy[task] * 100);
}

/** T2DRL's mean accuracy (%) per task at each swept value (what the claims measure). */
function accuracyTable(
  runs: PaperRuns,
  param: 'paths' | 'vanishing',
  reading: Reading,
): Map<PaperTask, number[]> {
  const out = new Map<PaperTask, number[]>();
  for (const task of PAPER_TASKS)
    out.set(
      task,
      SWEEPS[param].map(
        (v) => meanCi(accuracies(runs, optionsOf(param, v, reading), FIG5_POLICY, task)).mean,
      ),
    );
  return out;
}

const gain = (t: Map<PaperTask, number[]>, task: PaperTask) => {
  const s = t.get(task) ?? [];
  return (s[s.length - 1] as number) - (s[0] as number);
};

function accuracyFigure(
  id: string,
  param: 'paths' | 'vanishing',
  readings: readonly Reading[],
  label: string,
  paperSays: string,
  claims: (runs: PaperRuns) => Claim[],
): FigureModule {
  return sweepFigure({
    id,
    quantity: 'reasoning accuracy',
    label,
    chartNote: 'T2DRL',
    paperSays,
    plan(runs) {
      for (const reading of readings)
        for (const v of SWEEPS[param])
          for (const policy of POLICIES)
            runs.plan(optionsOf(param, v, reading), policy, seedsOf(runs, policy));
    },
    rows: (runs) =>
      POLICIES.flatMap((policy) =>
        readings.flatMap((reading) =>
          SWEEPS[param].flatMap((value) =>
            PAPER_TASKS.map((task) => {
              const values = accuracies(runs, optionsOf(param, value, reading), policy, task);
              const { mean, ci } = meanCi(values);
              return {
                [param]: value,
                reading,
                policy,
                task,
                accuracy_pct: round(mean),
                ci95: round(ci),
                seeds: values.length,
              };
            }),
          ),
        ),
      ),
    method: (runs) =>
      `Accuracy per request of T2DRL, the paper's policy here (the network of Fig. 3, ${learnersOf(runs).origin === 'saved' ? 'loaded from saved weights' : 'trained at the defaults'}, acting on its mode at each point, not retrained there), mean over ${pointSeedsOf(runs).length} seeds; the CSV also has LFU's (policy column, ${runs.seeds.length} seeds), not drawn. Edge-served requests reach min(A(κ), table at J), cloud-served ones the table at J (Tables III/IV).`,
    chart: (rows) => ({
      // T2DRL's lines only; LFU's rows stay in the CSV.
      data: { values: rows.filter((r) => r.policy === FIG5_POLICY) },
      mark: { type: 'line', point: true },
      encoding: {
        x: { field: param, type: 'quantitative', title: label, scale: { zero: false } },
        y: { field: 'accuracy_pct', type: 'quantitative', title: 'accuracy (%)', scale: { zero: false } },
        color: { field: 'task', type: 'nominal', title: 'task', sort: [...PAPER_TASKS] },
        ...(readings.length > 1
          ? { strokeDash: { field: 'reading', type: 'nominal', title: 'Δ read as' } }
          : {}),
      },
    }),
    claims,
  });
}

const top = (t: Map<PaperTask, number[]>, tasks: readonly PaperTask[]) =>
  Math.max(...tasks.flatMap((task) => t.get(task) ?? []));

/** Fig. 5a: accuracy vs paths. */
export const fig5a = accuracyFigure(
  'fig5a',
  'paths',
  ['as printed'],
  'number of reasoning paths J',
  'Accuracy rises with paths (5 → 20); GSM8K and SVAMP ("simpler") gain moderately, MultiArith and ARC more steeply; MultiArith and ARC are the top datasets, close to 90%.',
  (runs) => {
    const t = accuracyTable(runs, 'paths', 'as printed');
    const gains = PAPER_TASKS.map((task) => snapNoise(gain(t, task)));
    const mean = gains.reduce((s, g) => s + g, 0) / gains.length;
    const steep = snapNoise(
      (gain(t, 'MultiArith') + gain(t, 'ARC')) / 2 - (gain(t, 'GSM8K') + gain(t, 'SVAMP')) / 2,
    );
    const best = top(t, ['MultiArith', 'ARC']);
    return [
      {
        id: 'fig5a-accuracy-rises-with-paths',
        claim:
          "Fig. 5a: T2DRL's accuracy rises from 5 to 20 paths on every task; measured on T2DRL: mean gain, percentage points",
        paper: 'rises',
        measured: round(mean),
        verdict: verdict(
          gains.every((g) => g > 0),
          mean > 0,
        ),
      },
      {
        id: 'fig5a-multiarith-arc-steeper',
        claim:
          'Fig. 5a: under T2DRL, MultiArith and ARC gain more than GSM8K and SVAMP; measured on T2DRL: difference of their mean gains, percentage points',
        paper: 'steeper',
        measured: round(steep),
        verdict: verdict(steep > 0, false),
      },
      {
        id: 'fig5-multiarith-arc-near-90',
        claim:
          'Fig. 5: under T2DRL, MultiArith and ARC are the top datasets, close to 90% in favourable conditions; measured on T2DRL: their best accuracy, %',
        paper: '≈ 90',
        measured: round(best),
        verdict: verdict(best >= 85, best >= 75),
      },
    ];
  },
);

/** Fig. 5b: accuracy vs vanishing factor. */
export const fig5b = accuracyFigure(
  'fig5b',
  'vanishing',
  ['as printed', 'retention'],
  'vanishing factor',
  'Accuracy rises with the vanishing factor (1 → 4); StrategyQA and CommonsenseQA gain most.',
  (runs) => {
    const printed = accuracyTable(runs, 'vanishing', 'as printed');
    const retention = accuracyTable(runs, 'vanishing', 'retention');
    const claim = (t: Map<PaperTask, number[]>, reading: Reading, id: string): Claim => {
      const gains = PAPER_TASKS.map((task) => snapNoise(gain(t, task)));
      const mean = snapNoise(gains.reduce((s, g) => s + g, 0) / gains.length);
      return {
        id,
        claim: `Fig. 5b: T2DRL's accuracy rises with the vanishing factor (1 → 4), Δ read ${reading === 'retention' ? 'as a retention factor (G6)' : 'as printed in (13)'}; measured on T2DRL: mean change, percentage points`,
        paper: 'rises',
        measured: round(mean),
        verdict: verdict(
          gains.every((g) => g > 0),
          mean > 0,
        ),
      };
    };
    const others = PAPER_TASKS.filter((t) => t !== 'StrategyQA' && t !== 'CommonsenseQA');
    const most = snapNoise(
      (gain(retention, 'StrategyQA') + gain(retention, 'CommonsenseQA')) / 2 -
        Math.max(...others.map((task) => gain(retention, task))),
    );
    return [
      claim(printed, 'as printed', 'fig5b-accuracy-rises-with-vanishing'),
      claim(retention, 'retention', 'fig5b-accuracy-rises-with-retention'),
      {
        id: 'fig5b-strategyqa-commonsenseqa-gain-most',
        claim:
          "Fig. 5b: under T2DRL, StrategyQA and CommonsenseQA gain most (retention reading); measured on T2DRL: their mean gain minus the best other task's, percentage points",
        paper: 'gain most',
        measured: round(most),
        verdict: verdict(most > 0, false),
      },
    ];
  },
);
