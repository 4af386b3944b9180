/**
 * `doubledutch run --scenario paper` (or a `kind: "paper"` file): one run of the seed paper's model
 * under one policy, its per-slot metrics and summary written all or nothing. `--weights DIR` gives
 * t2drl or ppo saved weights trained on the paper's model, checked as on the physical model
 * (weights-flag.ts): refused when trained on the physical model, a one-line warning when trained
 * on another paper scenario than the one run.
 */
import { writeFilesAtomic } from '../experiment/atomic.js';
import { toCsv } from '../experiment/csv.js';
import { quietTensorflowFor } from '../experiment/quiet-tensorflow.js';
import { simulatePaper } from '../experiment/simulate-paper.js';
import { getMechanism } from '../mechanism.js';
import { PAPER_TASKS } from '../paper/accuracy-tables.js';
import { loadPaperScenario } from '../paper/load.js';
import type { PaperPolicy } from '../paper/policy.js';
import { checkMechanismOptions } from './mechanism-options.js';
import { outDirFlag } from './scenario-flag.js';
import { checkWeightsFlag } from './weights-flag.js';

/** The flags of `run`, as parsed. */
export interface RunPaperFlags {
  readonly scenario: string;
  readonly policy: string | undefined;
  readonly mechanism: string | undefined;
  readonly seed: number;
  readonly out: string | undefined;
  readonly overwrite: boolean;
  /** `--weights DIR`: saved t2drl/ppo weights trained on the paper's model. */
  readonly weights?: string | undefined;
  /** `--quiet`: nothing on stdout, and no TensorFlow.js backend line. */
  readonly quiet?: boolean;
  /** `--mechanism-option KEY=VALUE`, parsed: passed to the path market's mechanism. */
  readonly mechanismOptions?: Readonly<Record<string, unknown>>;
}

/** Runs the paper's model and writes `paper-summary.csv` and `paper-slots.csv` into the out directory. */
export async function runPaper(flags: RunPaperFlags): Promise<number> {
  const scenario = loadPaperScenario(flags.scenario);
  // A mechanism holds the reasoning-path market every slot (issue 14); getMechanism refuses an unknown name.
  const mechanism = flags.mechanism === undefined || flags.mechanism === 'none' ? undefined : flags.mechanism;
  if (mechanism !== undefined) getMechanism(mechanism);
  // Checked as on the physical model, before any run: an option no mechanism here takes (or one
  // given with no market) is refused, not dropped.
  const mechanismOptions = { ...flags.mechanismOptions };
  checkMechanismOptions(mechanism === undefined ? [] : [mechanism], mechanismOptions);
  const policyName = flags.policy ?? 'fifo';
  const weights =
    flags.weights === undefined
      ? undefined
      : checkWeightsFlag(flags.weights, [policyName], 'paper').get(policyName as 't2drl' | 'ppo');
  const out = outDirFlag(flags.out, 'results/run', {
    command: 'run',
    overwrite: flags.overwrite,
    sample: ['paper-summary.csv', 'paper-slots.csv'],
  });
  // --quiet silences TensorFlow.js's backend line too: the first initialisation decides it.
  await quietTensorflowFor(flags.quiet === true, [policyName]);
  // With --weights the policy is made here from them (the registered one loads the shipped ones).
  const own: PaperPolicy | undefined =
    weights === undefined
      ? undefined
      : (await import('../../policies/t2drl/ttt/index.js')).paperEnvironmentPolicy(
          policyName as 't2drl' | 'ppo',
          {
            seed: flags.seed,
            scenario,
            weights,
          },
        );
  // simulatePaper frees a policy it makes from a name; one passed in is freed here.
  const result = await simulatePaper({
    scenario,
    policy: own ?? policyName,
    seed: flags.seed,
    ...(mechanism === undefined ? {} : { mechanism, mechanismOptions }),
  }).finally(() => own?.dispose?.());
  const m = result.metrics;
  const summary = {
    policy: result.policy,
    seed: result.seed,
    system_cost: m.systemCost,
    mean_slot_cost: m.meanSlotCost,
    switching: m.switchingCost,
    communication: m.communicationCost,
    computation: m.computationCost,
    accuracy_cost: m.accuracyCost,
    cloud: m.cloudCost,
    accuracy: m.accuracy,
    edge_share: m.edgeShare,
    switches: m.switches,
    evictions: m.evictions,
    requests: m.requests,
    mechanism: result.mechanism ?? 'none',
    welfare: m.welfare,
    surplus: m.surplus,
    trades: m.trades,
    ir_violations: m.irViolations,
    extra_paths_per_edge_request: m.extraPathsPerEdgeRequest,
    ...Object.fromEntries(PAPER_TASKS.map((t) => [`accuracy_${t}`, m.taskAccuracy[t]])),
  };
  const slotColumns = [
    'slot',
    'requests',
    'edgeRequests',
    'systemCost',
    'switchingCost',
    'communicationCost',
    'computationCost',
    'accuracyCost',
    'cloudCost',
    'switches',
    'evictions',
    'accuracy',
    'energyJ',
    'memoryUse',
    'welfare',
    'surplus',
    'trades',
    'irViolations',
  ];
  writeFilesAtomic(
    out,
    () => ({
      'paper-summary.csv': toCsv(Object.keys(summary), [summary]),
      'paper-slots.csv': toCsv(
        slotColumns,
        result.slots.map((s) => s as unknown as Record<string, number>),
      ),
    }),
    { command: 'run', overwrite: flags.overwrite },
  );
  if (flags.quiet === true) return 0;
  console.log(
    `paper model, ${result.policy}, seed ${result.seed}: system cost ${m.systemCost.toFixed(4)} (mean per slot ${m.meanSlotCost.toFixed(4)}), edge share ${(m.edgeShare * 100).toFixed(1)}%, accuracy ${(m.accuracy * 100).toFixed(1)}%`,
  );
  if (result.mechanism !== undefined)
    console.log(
      `path market (${result.mechanism}): ${m.trades} extra paths traded (${m.extraPathsPerEdgeRequest.toFixed(2)} per edge-served request), welfare ${m.welfare.toFixed(4)}, surplus ${m.surplus.toFixed(4)}, IR violations ${m.irViolations}`,
    );
  console.log(`wrote paper-summary.csv, paper-slots.csv to ${out}`);
  return 0;
}
