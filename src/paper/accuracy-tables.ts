/**
 * Tables III and IV of the seed paper: accuracy (%) of chain-of-thought (CoT) and
 * self-consistent CoT (SC-CoT) with 0, 5, 10, 15 and 20 sampled reasoning paths, on seven
 * reasoning tasks, for LaMDA-137B and PaLM-540B.
 *
 * Source: M. Xu, D. Niyato, C. G. Brinton, "Serving Long-Context LLMs at the Mobile Edge:
 * Test-Time Reinforcement Learning-Based Model Caching and Inference Offloading", IEEE
 * Transactions on Networking 34 (2026), DOI 10.1109/TON.2026.3669011, arXiv 2501.14205,
 * Section VI, Tables III (LaMDA-137B) and IV (PaLM-540B); the paper takes them from Wang et al.,
 * "Self-Consistency Improves Chain of Thought Reasoning in Language Models" (ICLR 2023). The
 * numbers are copied verbatim (the paper's text calls the tables "I" and "II").
 *
 * @packageDocumentation
 */

/** The seven reasoning tasks of Tables III/IV, in the tables' row order. @category edge */
export const PAPER_TASKS = [
  'ASDiv',
  'MultiArith',
  'SVAMP',
  'GSM8K',
  'CommonsenseQA',
  'StrategyQA',
  'ARC',
] as const;

/** One of the seven reasoning tasks. @category edge */
export type PaperTask = (typeof PAPER_TASKS)[number];

/**
 * The SC-CoT path counts of the tables' columns. The "0 paths" column is below plain CoT in every
 * row; we read it as one sampled path (as in Wang et al.'s plots), so it stands at J = 1.
 *
 * @category edge
 */
export const TABLE_PATHS = [1, 5, 10, 15, 20] as const;

/** One published table: the CoT accuracy and the SC-CoT accuracies at {@link TABLE_PATHS}, in %. @category edge */
export interface PublishedAccuracyTable {
  readonly model: string;
  readonly table: string;
  readonly cot: Readonly<Record<PaperTask, number>>;
  readonly selfConsistency: Readonly<Record<PaperTask, readonly number[]>>;
}

/**
 * Table III: LaMDA-137B (accuracy %, verbatim).
 *
 * @category edge
 */
export const TABLE_III_LAMDA: PublishedAccuracyTable = {
  model: 'LaMDA-137B',
  table: 'III',
  cot: { ASDiv: 49, MultiArith: 52, SVAMP: 39, GSM8K: 17, CommonsenseQA: 58, StrategyQA: 65, ARC: 55 },
  selfConsistency: {
    ASDiv: [44, 53, 56, 57, 58],
    MultiArith: [47, 63, 69, 71, 73],
    SVAMP: [34, 43, 49, 51, 52],
    GSM8K: [15, 21, 24, 25, 26],
    CommonsenseQA: [55, 61, 62, 62, 62],
    StrategyQA: [63, 66, 67, 67, 68],
    ARC: [51, 57, 58, 59, 59],
  },
};

/**
 * Table IV: PaLM-540B (accuracy %, verbatim). SVAMP is not monotone in the number of paths
 * (88 at 10, then 85): see {@link monotoneTable}.
 *
 * @category edge
 */
export const TABLE_IV_PALM: PublishedAccuracyTable = {
  model: 'PaLM-540B',
  table: 'IV',
  cot: { ASDiv: 74, MultiArith: 94, SVAMP: 79, GSM8K: 56, CommonsenseQA: 79, StrategyQA: 75, ARC: 85 },
  selfConsistency: {
    ASDiv: [71, 78, 80, 81, 81],
    MultiArith: [89, 97, 98, 98, 98],
    SVAMP: [71, 83, 88, 85, 85],
    GSM8K: [50, 65, 70, 71, 72],
    CommonsenseQA: [75, 79, 80, 80, 80],
    StrategyQA: [74, 78, 79, 80, 80],
    ARC: [78, 86, 87, 88, 88],
  },
};

/**
 * The least-squares non-decreasing fit of a sequence (pool-adjacent-violators): the closest
 * monotone table to the published one. PaLM's SVAMP row 71, 83, 88, 85, 85 becomes
 * 71, 83, 86, 86, 86. The environment needs accuracy non-decreasing in the number of paths
 * (the paper's Fig. 5a: more paths, more accuracy), so its default tables are these fits.
 *
 * @example
 * ```ts
 * monotoneFit([71, 83, 88, 85, 85]); // [71, 83, 86, 86, 86]
 * ```
 * @category edge
 */
export function monotoneFit(values: readonly number[]): number[] {
  const blocks: { sum: number; count: number }[] = [];
  for (const v of values) {
    blocks.push({ sum: v, count: 1 });
    for (;;) {
      const last = blocks[blocks.length - 1];
      const before = blocks[blocks.length - 2];
      if (last === undefined || before === undefined || before.sum / before.count <= last.sum / last.count)
        break;
      blocks.pop();
      before.sum += last.sum;
      before.count += last.count;
    }
  }
  return blocks.flatMap((b) => Array.from({ length: b.count }, () => b.sum / b.count));
}

/**
 * A published table as the environment uses it: fractions in [0, 1], SC-CoT rows made
 * non-decreasing by {@link monotoneFit}.
 *
 * @category edge
 */
export function monotoneTable(table: PublishedAccuracyTable): Record<PaperTask, number[]> {
  const out = {} as Record<PaperTask, number[]>;
  for (const task of PAPER_TASKS) out[task] = monotoneFit(table.selfConsistency[task]).map((v) => v / 100);
  return out;
}

/**
 * The accuracy reached with `paths` SC-CoT paths, linearly interpolated between the table's
 * columns (clamped to the first and last column).
 *
 * @example
 * ```ts
 * tableAccuracy([1, 5, 10, 15, 20], [0.47, 0.63, 0.69, 0.71, 0.73], 7); // 0.63 + 0.4·0.06 = 0.654
 * ```
 * @category edge
 */
export function tableAccuracy(paths: readonly number[], row: readonly number[], j: number): number {
  const first = paths[0] ?? 1;
  if (j <= first) return row[0] ?? 0;
  for (let c = 1; c < paths.length; c++) {
    const hi = paths[c] as number;
    if (j <= hi) {
      const lo = paths[c - 1] as number;
      const a = row[c - 1] as number;
      const b = row[c] as number;
      return a + ((b - a) * (j - lo)) / (hi - lo);
    }
  }
  return row[row.length - 1] ?? 0;
}
