/**
 * The seed paper's scenario (`kind: 'paper'`) as a zod schema: parsing turns untrusted JSON into a
 * `PaperScenario` that cannot be invalid. The equations it parameterises are in docs/paper.md;
 * every `decisions` field is one of the paper's gaps (PAPER.md §6, G5–G22) made an option.
 */
import type { z } from 'zod';
import { lazySchema, type Zod } from '../lazy-zod.js';
import { PAPER_TASKS } from './accuracy-tables.js';

// zod is loaded on first use (src/lazy-zod.ts): a market-only user of the package never pays for it.
function buildPaperSchema(z: Zod) {
  const positive = z.number().gt(0);
  const nonNegative = z.number().min(0);
  const fraction = z.number().min(0).max(1);

  /** An accuracy row: one fraction per path column, non-decreasing (the model needs more paths never to hurt). */
  const accuracyRow = z.array(fraction).min(1);

  const accuracySchema = z
    .object({
      /** The path counts of the columns, strictly increasing, ≥ 1. */
      paths: z.array(z.number().int().min(1)).min(1),
      /** Per task: accuracy with each column's number of paths (fractions). */
      byTask: z.record(z.enum(PAPER_TASKS), accuracyRow),
      source: z.string().optional(),
    })
    .strict()
    .superRefine((a, ctx) => {
      a.paths.forEach((p, c) => {
        if (c > 0 && p <= (a.paths[c - 1] as number))
          ctx.addIssue({ code: 'custom', message: 'must be > the previous column', path: ['paths', c] });
      });
      for (const [task, row] of Object.entries(a.byTask)) {
        if (row.length !== a.paths.length)
          ctx.addIssue({
            code: 'custom',
            message: `must have ${a.paths.length} entries (one per column of paths)`,
            path: ['byTask', task],
          });
        row.forEach((v, c) => {
          if (c > 0 && v < (row[c - 1] as number))
            ctx.addIssue({
              code: 'custom',
              message: `must be ≥ ${row[c - 1]} (accuracy must not fall with more paths; monotoneFit repairs a published row)`,
              path: ['byTask', task, c],
            });
        });
      }
    });

  /** A reasoning LLM of the paper's catalogue. */
  const paperModelSchema = z
    .object({
      id: z
        .string()
        .min(1)
        .regex(/^[A-Za-z0-9._-]+$/, 'must use letters, digits, . _ -'),
      /** s_m: GPU memory of one cached copy (weights only, constraint (1)). */
      sizeGB: positive,
      /** e_m in (17): compute per generated token (FLOP). */
      flopsPerToken: positive,
      /** e_m in (3): energy per token (J); Section VI's 312 TFLOP/s at 300 W gives flopsPerToken·300/312e12. */
      energyJPerToken: positive,
      /** w_m: context window (tokens). */
      contextWindowTokens: z.number().int().gt(0),
      /** Share of each agent's requests that use this model. */
      demandShare: fraction,
      accuracy: accuracySchema,
    })
    .strict();

  /** An LLM agent (a service: one task, its prompt size, thought size and consensus factor). */
  const paperAgentSchema = z
    .object({
      task: z.enum(PAPER_TASKS),
      /** d_i: input tokens per request. */
      inputTokens: positive,
      /** k_i: tokens per thought. */
      thoughtTokens: positive,
      /** ζ_i: SC-CoT consensus factor in (13), (0, 1]. */
      consensus: z.number().gt(0).max(1),
    })
    .strict();

  const syntheticDemandSchema = z
    .object({
      kind: z.literal('synthetic'),
      /** Mean requests per agent per server per slot. */
      requestsPerAgentPerSlot: positive,
      /** Popularity of agents at a server: Zipf with this exponent over a per-server random ranking. */
      zipfExponent: nonNegative,
      /** Each (server, agent) alternates between busy and quiet spells; per-slot switching probability. */
      burstSwitchProbability: fraction,
      /** Demand multiplier while busy (quiet spells get 2 − this, so the mean is unchanged). */
      burstFactor: z.number().min(1).max(2),
    })
    .strict();

  const traceDemandSchema = z
    .object({
      kind: z.literal('trace'),
      format: z.enum(['mooncake', 'azure']),
      /** A built-in trace name (mooncake, azure-conv, azure-code) or a file path. */
      source: z.string().min(1),
      /** Mean requests per agent per server per slot; the trace's per-slot arrival counts set its ups and downs. */
      requestsPerAgentPerSlot: positive,
      zipfExponent: nonNegative,
    })
    .strict();

  /** The gaps of PAPER.md §6 that a reader might decide otherwise; docs/paper.md has the table. */
  const decisionsSchema = z
    .object({
      /** G7: per-path δ_j = a·b·R·k (total a·b·R·J·k) or the printed δ_j = a·b·R·J·k (total J²). */
      pathTokens: z.enum(['per-path', 'as-printed']),
      /** G9: κ floor in Ā = (1 − α)/(max(κ, floor)·log(1/β)), tokens. */
      kappaFloor: positive,
      /** G5: reported accuracy min(A, table at J) or min(A, 1). */
      accuracyCap: z.enum(['table', 'one']),
      /** G10: (3) charges e_m per token served (e_m·δ) or per request as printed (e_m·R). */
      energyCharge: z.enum(['tokens', 'requests']),
      /** G11: the projection enforces (3) (lower b) or the printed (23) (lower 1 − b). */
      energyProjection: z.enum(['constraint-3', 'as-printed-23']),
      /** G8: when K would exceed w_m the model is evicted (the paper's introduction) or K is capped. */
      contextWindow: z.enum(['evict', 'cap']),
      /** G6: Δ counts thoughts (Δ·k_i tokens) or tokens. */
      vanishingUnit: z.enum(['thoughts', 'tokens']),
      /** G6: the vanishing-factor axis is Δ as printed in (13), or a retention factor (Δ applied as 1/Δ). */
      vanishingDirection: z.enum(['as-printed', 'retention']),
      /** G13: the cloud cost (20) enters the system cost once, or once per server (summing (21) over n). */
      cloudCost: z.enum(['once', 'per-server']),
      /** G12: switching λ per load as printed (15), or λ per GB loaded. */
      switchingCost: z.enum(['per-load', 'per-gb']),
      /** G21: LAoT evicts the least Age of Thought (its name; κ is useful context) or the largest (the printed rule). */
      laotEvicts: z.enum(['least', 'largest']),
    })
    .strict();

  /** The paper's scenario. */
  return z
    .object({
      kind: z.literal('paper'),
      name: z.string().min(1),
      /** Steps per episode (Section VI: "simulated for 100 steps"). */
      slots: z.number().int().gt(0),
      /** Slot length, seconds (turns the 300 W cap into the energy budget E_n, G18). */
      slotS: positive,
      /** N edge servers (the cloud is n = 0). */
      servers: z.number().int().gt(0),
      /** Total GPUs, split evenly over the servers (the first servers take the remainder). */
      gpus: z.number().int().gt(0),
      gpu: z.object({ memoryGB: positive, peakTflops: positive, powerCapW: positive }).strict(),
      /** E_n per server, joules; when absent, powerCapW × GPUs × slotS. */
      energyBudgetJ: nonNegative.optional(),
      /** J: SC-CoT paths per request. */
      paths: z.number().int().min(1),
      /** Δ: vanishing factor of thoughts in (13). */
      vanishing: nonNegative,
      /** β: reasoning gain factor in (14) and Ā, in (0, 1). */
      gain: z.number().gt(0).lt(1),
      models: z.array(paperModelSchema).min(1),
      agents: z.array(paperAgentSchema).min(1),
      costs: z
        .object({
          /** λ in (15). */
          switching: nonNegative,
          /** l_{n,i} in (16), per input token. */
          edgeAccess: nonNegative,
          /** l_0^{m,j} in (20), per path of a request served in the cloud. */
          cloudAccess: nonNegative,
          /** The accuracy cost coefficient, multiplying (18) (G22). */
          accuracy: nonNegative,
        })
        .strict(),
      demand: z.discriminatedUnion('kind', [syntheticDemandSchema, traceDemandSchema]),
      decisions: decisionsSchema,
    })
    .strict()
    .superRefine((s, ctx) => {
      if (s.gpus < s.servers)
        ctx.addIssue({
          code: 'custom',
          message: `must be ≥ servers (${s.servers}): every server needs a GPU`,
          path: ['gpus'],
        });
      const seen = new Set<string>();
      s.models.forEach((m, i) => {
        if (seen.has(m.id))
          ctx.addIssue({
            code: 'custom',
            message: `duplicate model id '${m.id}'`,
            path: ['models', i, 'id'],
          });
        seen.add(m.id);
      });
      const share = s.models.reduce((t, m) => t + m.demandShare, 0);
      if (Math.abs(share - 1) > 1e-9)
        ctx.addIssue({
          code: 'custom',
          message: `must sum to 1 over the models (they sum to ${share})`,
          path: ['models', 0, 'demandShare'],
        });
    });
}

/** The paper scenario's zod schema, built (and zod loaded) on first use. */
export const paperScenarioSchema = lazySchema(buildPaperSchema);

type Schema = ReturnType<typeof buildPaperSchema>;

/** A validated paper scenario (`kind: 'paper'`). @category edge */
export type PaperScenario = z.output<Schema>;
/** A paper scenario as written in a file. @category edge */
export type PaperScenarioInput = z.input<Schema>;
/** A reasoning LLM of a paper scenario. @category edge */
export type PaperModel = PaperScenario['models'][number];
/** An agent of a paper scenario. @category edge */
export type PaperAgent = PaperScenario['agents'][number];
/** The gap decisions of a paper scenario (docs/paper.md). @category edge */
export type PaperDecisions = PaperScenario['decisions'];
