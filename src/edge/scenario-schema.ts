/**
 * The scenario file format, as a zod schema: parsing a scenario turns untrusted JSON into a
 * `Scenario` that cannot be invalid (STYLE.md: parse at the boundary). Every field carries its unit
 * in its name.
 *
 * Every number has an upper bound as well as a lower one (issue 16 item 4): a scenario is an input
 * from a file, and a value such as `durationS: 1e9` or `agents.count: 1e8` would otherwise grow a
 * run's memory until the process is killed, and a cost weight of 1e308 would overflow the bids of
 * the slot markets. The bounds are far beyond any physical setting (docs/experiments.md lists
 * them); {@link RUN_BUDGET} bounds the size of a run as a whole.
 */
import type { z } from 'zod';
import { lazySchema, type Zod } from '../lazy-zod.js';

/** Money in USD, per unit of its field's name: far above any real price. */
const USD = 1e3;
/** Token counts (a prompt, an output, a context window). */
const TOKENS = 1e8;
/** Rates of hardware (FLOP/s, bandwidths, powers, tokens/s). */
const HARDWARE = 1e9;
/** Distances in metres. */
const METRES = 1e7;
/** Durations and times in seconds: 30 days. */
const SECONDS = 30 * 24 * 3600;

/**
 * The size of one run that a scenario may ask for: slots (`durationS / slotS`), synthetic requests
 * (`sessionsPerHour × durationS / 3600 × roundsPerSessionMean`) and trace replays (`repeat`).
 * A run keeps a record per slot and per request, so these bound its memory.
 *
 * @category edge
 */

/**
 * Flags every repeat of an id in `items` (a scenario's models or servers) as an issue at its
 * `list[i].id`, with the same message wherever a scenario lists things by id.
 */
export function uniqueIds(
  items: readonly { readonly id: string }[],
  list: string,
  what: string,
  ctx: z.RefinementCtx,
): void {
  const seen = new Set<string>();
  items.forEach((item, i) => {
    if (seen.has(item.id))
      ctx.addIssue({ code: 'custom', message: `duplicate ${what} id '${item.id}'`, path: [list, i, 'id'] });
    seen.add(item.id);
  });
}

export const RUN_BUDGET = { slots: 1e5, requests: 1e7 } as const;

/**
 * The schemas of a scenario and of its parts. They are made on first use, not at import (issue 11:
 * a user of the market alone should not load zod).
 */
function buildSchemas(z: Zod) {
  /** A finite number in (0, max]. */
  const positive = (max: number) => z.number().gt(0).max(max);
  /** A finite number in [0, max]. */
  const nonNegative = (max: number) => z.number().min(0).max(max);
  /** An integer in [1, max]. */
  const count = (max: number) => z.number().int().gt(0).max(max);
  const probability = z.number().min(0).max(1);
  const id = z
    .string()
    .min(1)
    .max(64)
    .regex(/^[A-Za-z0-9._-]+$/, 'must use letters, digits, . _ -');

  /** An LLM of the catalogue. */
  const modelSchema = z
    .object({
      id,
      parametersB: positive(1e5),
      bytesPerParameter: positive(16),
      layers: count(1e4),
      kvHeads: count(1e4),
      headDim: count(1e5),
      kvBytesPerValue: positive(16),
      contextWindowTokens: count(TOKENS),
      accuracy: z
        .object({ zeroShot: probability, max: probability, rate: positive(1e6) })
        .strict()
        .refine((a) => a.max >= a.zeroShot, { message: 'must be ≥ zeroShot', path: ['max'] }),
      source: z.string().max(1000).optional(),
    })
    .strict();

  /** An edge server. */
  const serverSchema = z
    .object({
      id,
      xM: z.number().min(-METRES).max(METRES),
      yM: z.number().min(-METRES).max(METRES),
      gpuMemoryGiB: positive(1e6),
      peakTflops: positive(1e6),
      computeEfficiency: z.number().gt(0).max(1),
      memoryBandwidthGBps: positive(1e6),
      loadBandwidthGBps: positive(1e6),
      idlePowerW: nonNegative(1e6),
      maxPowerW: positive(1e6),
      radioBandwidthMHz: positive(1e5),
      downlinkPowerW: positive(1e4),
    })
    .strict()
    .refine((s) => s.maxPowerW >= s.idlePowerW, { message: 'must be ≥ idlePowerW', path: ['maxPowerW'] });

  /** The cloud. */
  const cloudSchema = z
    .object({
      rttS: nonNegative(60),
      backhaulBandwidthGbps: positive(1e6),
      prefillTokensPerS: positive(HARDWARE),
      decodeTokensPerS: positive(HARDWARE),
      inputPriceUsdPer1kTokens: nonNegative(USD),
      outputPriceUsdPer1kTokens: nonNegative(USD),
      /** History tokens an agent resends with each cloud request (the cloud is stateless and bills per token). */
      historyTokensCap: z.number().int().min(0).max(TOKENS),
    })
    .strict();

  /** The mobile agents. */
  const agentsSchema = z
    .object({
      count: count(1e5),
      speedMps: nonNegative(1e3),
      uplinkPowerW: positive(1e4),
      uplinkBandwidthMHz: positive(1e5),
    })
    .strict();

  const syntheticSchema = z
    .object({
      kind: z.literal('synthetic'),
      sessionsPerHour: positive(1e7),
      roundsPerSessionMean: z.number().min(1).max(1e4),
      thinkTimeMeanS: positive(SECONDS),
      promptTokensMedian: positive(1e7),
      outputTokensMedian: positive(1e7),
      zipfExponent: nonNegative(100),
      popularityShiftAtS: nonNegative(SECONDS).optional(),
    })
    .strict();

  const traceSchema = z
    .object({
      kind: z.literal('trace'),
      format: z.enum(['mooncake', 'azure']),
      /** A built-in trace name, or a path to a trace file in the format. */
      source: z.string().min(1).max(4096),
      /** Multiplies arrival times (< 1 compresses the trace). */
      timeScale: z.number().min(1e-3).max(1e3).default(1),
      /** Replays the trace this many times back to back (for scale tests). */
      repeat: count(1000).default(1),
      zipfExponent: nonNegative(100).default(1),
      popularityShiftAtS: nonNegative(SECONDS).optional(),
    })
    .strict();

  /** The scenario. */
  const scenarioSchema = z
    .object({
      name: z.string().min(1).max(200),
      durationS: positive(SECONDS),
      slotS: positive(SECONDS),
      areaM: z.object({ width: positive(METRES), height: positive(METRES) }).strict(),
      models: z.array(modelSchema).min(1).max(1000),
      servers: z.array(serverSchema).min(1).max(1e4),
      cloud: cloudSchema,
      agents: agentsSchema,
      workload: z.discriminatedUnion('kind', [syntheticSchema, traceSchema]),
      context: z
        .object({
          tokensPerExample: positive(1e7),
          ageDecayS: positive(1e9),
          bytesPerToken: positive(1e6),
        })
        .strict(),
      costWeights: z
        .object({
          latencyUsdPerS: nonNegative(USD),
          energyUsdPerKWh: nonNegative(USD),
          accuracyUsdPerUnit: nonNegative(USD),
          switchUsd: nonNegative(USD),
        })
        .strict(),
      market: z
        .object({
          capacityUnitsPerSlot: count(1e6),
          opportunityCostUsd: nonNegative(USD),
          /** The utilisation up to which a server sells capacity (queueing grows without bound at 1). */
          targetUtilisation: z.number().gt(0).max(1).default(0.5),
        })
        .strict(),
    })
    .strict()
    .superRefine((s, ctx) => {
      uniqueIds(s.models, 'models', 'model', ctx);
      uniqueIds(s.servers, 'servers', 'server', ctx);
      // zod runs this even when a field failed: the budget is only meaningful for values in bounds.
      if (!(s.durationS <= SECONDS && s.slotS > 0)) return;
      if (s.slotS > s.durationS)
        ctx.addIssue({ code: 'custom', message: 'must be ≤ durationS', path: ['slotS'] });
      else if (s.durationS / s.slotS > RUN_BUDGET.slots)
        ctx.addIssue({
          code: 'custom',
          message: `gives ${Math.ceil(s.durationS / s.slotS)} slots (durationS / slotS); at most ${RUN_BUDGET.slots} per run`,
          path: ['slotS'],
        });
      const w = s.workload;
      if (w.kind === 'synthetic' && w.sessionsPerHour <= 1e7 && w.roundsPerSessionMean <= 1e4) {
        const requests = (w.sessionsPerHour * s.durationS * w.roundsPerSessionMean) / 3600;
        if (requests > RUN_BUDGET.requests)
          ctx.addIssue({
            code: 'custom',
            message: `asks for about ${Math.round(requests)} requests (sessionsPerHour × durationS / 3600 × roundsPerSessionMean); at most ${RUN_BUDGET.requests} per run`,
            path: ['workload', 'sessionsPerHour'],
          });
      }
    });
  return { scenario: scenarioSchema, model: modelSchema, server: serverSchema, cloud: cloudSchema };
}

type Schemas = ReturnType<typeof buildSchemas>;

const schemas = lazySchema(buildSchemas);

/** The scenario's zod schema, built on the first call (the same object on every call). */
export function scenarioSchema(): Schemas['scenario'] {
  return schemas().scenario;
}

/** A validated scenario. @category edge */
export type Scenario = z.output<Schemas['scenario']>;
/** An LLM of a scenario's catalogue. @category edge */
export type ModelSpec = z.output<Schemas['model']>;
/** An edge server of a scenario. @category edge */
export type ServerSpec = z.output<Schemas['server']>;
/** The cloud of a scenario. @category edge */
export type CloudSpec = z.output<Schemas['cloud']>;
/** A scenario as written in a file (defaults not yet applied). @category edge */
export type ScenarioInput = z.input<Schemas['scenario']>;
