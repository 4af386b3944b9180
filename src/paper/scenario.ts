/**
 * The paper's scenario: Section VI's defaults (`paperScenario`) and validation of scenario input
 * that reports every bad field at once (`parsePaperScenario`).
 */
import type { z } from 'zod';
import { describeIssue, ScenarioError } from '../edge/scenario.js';
import {
  monotoneTable,
  PAPER_TASKS,
  TABLE_III_LAMDA,
  TABLE_IV_PALM,
  TABLE_PATHS,
} from './accuracy-tables.js';
import {
  type PaperDecisions,
  type PaperScenario,
  type PaperScenarioInput,
  paperScenarioSchema,
} from './scenario-schema.js';

/**
 * A paper scenario with one or more invalid fields. `field` names the first; `fields` and the
 * message name every one ("gpus must be > 0; gain must be < 1").
 *
 * @category errors
 */
export class PaperScenarioError extends ScenarioError {
  /** Every bad field, in the order zod found them. */
  readonly fields: readonly string[];

  constructor(issues: readonly { field: string; message: string }[]) {
    const first = issues[0]?.field ?? 'scenario';
    super('invalid_scenario', issues.map((i) => `${i.field} ${i.message}`).join('; '), first);
    this.fields = issues.map((i) => i.field);
  }
}

function fieldPath(path: readonly PropertyKey[]): string {
  let out = '';
  for (const part of path)
    out += typeof part === 'number' ? `[${part}]` : out === '' ? String(part) : `.${String(part)}`;
  return out || 'scenario';
}

/**
 * Validates a paper scenario (`kind: 'paper'`). Throws {@link PaperScenarioError} naming every
 * bad field.
 *
 * @example
 * ```ts
 * parsePaperScenario({ ...paperScenario(), gpus: 0, gain: 2 }); // throws 'gpus must be > 0; gain must be < 1'
 * ```
 * @category edge
 */
export function parsePaperScenario(input: unknown): PaperScenario {
  const result = paperScenarioSchema().safeParse(input);
  if (result.success) return result.data;
  // One message per field: zod runs the cross-field checks even after a field failed its own.
  const issues = new Map<string, string>();
  for (const issue of result.error.issues) {
    const field = fieldPath(issue.path);
    if (!issues.has(field)) issues.set(field, describeIssue(issue as z.core.$ZodIssue));
  }
  throw new PaperScenarioError([...issues].map(([field, message]) => ({ field, message })));
}

/** True for a scenario of the paper's model (`kind: 'paper'`). @category edge */
export function isPaperScenario(scenario: unknown): scenario is PaperScenario {
  return (
    typeof scenario === 'object' && scenario !== null && (scenario as { kind?: unknown }).kind === 'paper'
  );
}

/**
 * The decisions this package takes on the paper's gaps (docs/paper.md, "Decisions").
 *
 * @category edge
 */
export const DEFAULT_PAPER_DECISIONS: PaperDecisions = {
  pathTokens: 'per-path',
  kappaFloor: 1,
  accuracyCap: 'table',
  energyCharge: 'tokens',
  energyProjection: 'constraint-3',
  contextWindow: 'evict',
  vanishingUnit: 'thoughts',
  vanishingDirection: 'as-printed',
  cloudCost: 'once',
  switchingCost: 'per-load',
  laotEvicts: 'least',
};

/** Options of {@link paperScenario}: the swept quantities of Figs. 4–5 and the few others a study varies. @category edge */
export interface PaperScenarioOptions {
  /** I, agents ("services"), 10–25 in Fig. 4a. Default 10. */
  readonly agents?: number;
  /** Total GPUs, 40–160 in Fig. 4b. Default 40. */
  readonly gpus?: number;
  /** J, SC-CoT paths per request, 5–20 in Figs. 4c/5a. Default 5. */
  readonly paths?: number;
  /** Δ, vanishing factor, 1–4 in Figs. 4d/5b. Default 1. */
  readonly vanishing?: number;
  /** N, edge servers (not given by the paper). Default 2. */
  readonly servers?: number;
  /** Steps per episode. Default 100. */
  readonly slots?: number;
  /** β. Default 0.5 (not given by the paper). */
  readonly gain?: number;
  /** Mean requests per agent per server per slot. Default 1. */
  readonly requestsPerAgentPerSlot?: number;
  /** Demand from a shipped or given trace instead of the seeded generator. */
  readonly trace?: { readonly format: 'mooncake' | 'azure'; readonly source: string };
  /** Overrides of {@link DEFAULT_PAPER_DECISIONS}. */
  readonly decisions?: Partial<PaperDecisions>;
}

const GPU = { memoryGB: 80, peakTflops: 312, powerCapW: 300 };

/** Energy per token from compute per token at Section VI's GPU (312 TFLOP/s at 300 W). */
function energyJPerToken(flopsPerToken: number): number {
  return (flopsPerToken * GPU.powerCapW) / (GPU.peakTflops * 1e12);
}

/**
 * The paper's scenario with its Section VI values: GPUs of 80 GB, 312 TFLOP/s and 300 W;
 * LaMDA-137B and PaLM-540B with Tables III/IV (made monotone); inputs of 100–200 tokens; edge
 * access 0.0001, cloud access 0.0075, switching 1e-5, accuracy coefficient 2.5; 100 steps. The
 * values the paper does not give (N, β, ζ, k, s_m, e_m, w_m, the demand) are ours and documented
 * in docs/paper.md. The result is validated: bad options throw {@link PaperScenarioError}.
 *
 * @example
 * ```ts
 * const scenario = paperScenario({ agents: 10, gpus: 40, paths: 5 });
 * const result = await simulate({ scenario, policy: 'fifo', seed: 1 });
 * result.metrics.systemCost; // in the paper's cost units
 * ```
 * @category edge
 */
export function paperScenario(options: PaperScenarioOptions = {}): PaperScenario {
  const agents = options.agents ?? 10;
  const model = (
    id: string,
    parametersB: number,
    demandShare: number,
    table: typeof TABLE_III_LAMDA,
  ): PaperScenarioInput['models'][number] => ({
    id,
    // FP16 weights; 2 FLOP per parameter per generated token.
    sizeGB: 2 * parametersB,
    flopsPerToken: 2 * parametersB * 1e9,
    energyJPerToken: energyJPerToken(2 * parametersB * 1e9),
    contextWindowTokens: 2048,
    demandShare,
    accuracy: {
      paths: [...TABLE_PATHS],
      byTask: monotoneTable(table),
      source: `Xu, Niyato & Brinton (IEEE ToN 2026), Table ${table.table} (${table.model}), SC-CoT rows made non-decreasing`,
    },
  });
  const requests = options.requestsPerAgentPerSlot ?? 1;
  const input: PaperScenarioInput = {
    kind: 'paper',
    name: 'paper',
    slots: options.slots ?? 100,
    slotS: 1,
    servers: options.servers ?? 2,
    gpus: options.gpus ?? 40,
    gpu: GPU,
    paths: options.paths ?? 5,
    vanishing: options.vanishing ?? 1,
    gain: options.gain ?? 0.5,
    models: [model('LaMDA-137B', 137, 0.6, TABLE_III_LAMDA), model('PaLM-540B', 540, 0.4, TABLE_IV_PALM)],
    agents: Array.from({ length: Math.max(0, agents) }, (_, i) => ({
      task: PAPER_TASKS[i % PAPER_TASKS.length] as (typeof PAPER_TASKS)[number],
      // Section VI: inputs of 100–200 tokens, spread evenly over the agents.
      inputTokens: agents > 1 ? 100 + Math.round((100 * i) / (agents - 1)) : 150,
      thoughtTokens: 32,
      consensus: 0.5,
    })),
    costs: { switching: 1e-5, edgeAccess: 1e-4, cloudAccess: 0.0075, accuracy: 2.5 },
    demand:
      options.trace === undefined
        ? {
            kind: 'synthetic',
            requestsPerAgentPerSlot: requests,
            zipfExponent: 0.8,
            burstSwitchProbability: 0.1,
            burstFactor: 1.6,
          }
        : { kind: 'trace', ...options.trace, requestsPerAgentPerSlot: requests, zipfExponent: 0.8 },
    decisions: { ...DEFAULT_PAPER_DECISIONS, ...(options.decisions ?? {}) },
  };
  return parsePaperScenario(input);
}
