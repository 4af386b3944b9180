/**
 * The scenario file format, as a zod schema: parsing a scenario turns untrusted JSON into a
 * `Scenario` that cannot be invalid (STYLE.md: parse at the boundary). Every field carries its unit
 * in its name.
 */
import { z } from 'zod';

const positive = z.number().gt(0);
const nonNegative = z.number().min(0);
const probability = z.number().min(0).max(1);
const id = z
  .string()
  .min(1)
  .regex(/^[A-Za-z0-9._-]+$/, 'must use letters, digits, . _ -');

/** An LLM of the catalogue. */
export const modelSchema = z
  .object({
    id,
    parametersB: positive,
    bytesPerParameter: positive,
    layers: z.number().int().gt(0),
    kvHeads: z.number().int().gt(0),
    headDim: z.number().int().gt(0),
    kvBytesPerValue: positive,
    contextWindowTokens: z.number().int().gt(0),
    accuracy: z
      .object({ zeroShot: probability, max: probability, rate: positive })
      .strict()
      .refine((a) => a.max >= a.zeroShot, { message: 'must be ≥ zeroShot', path: ['max'] }),
    source: z.string().optional(),
  })
  .strict();

/** An edge server. */
export const serverSchema = z
  .object({
    id,
    xM: z.number(),
    yM: z.number(),
    gpuMemoryGiB: positive,
    peakTflops: positive,
    computeEfficiency: z.number().gt(0).max(1),
    memoryBandwidthGBps: positive,
    loadBandwidthGBps: positive,
    idlePowerW: nonNegative,
    maxPowerW: positive,
    radioBandwidthMHz: positive,
    downlinkPowerW: positive,
  })
  .strict()
  .refine((s) => s.maxPowerW >= s.idlePowerW, { message: 'must be ≥ idlePowerW', path: ['maxPowerW'] });

/** The cloud. */
export const cloudSchema = z
  .object({
    rttS: nonNegative,
    backhaulBandwidthGbps: positive,
    prefillTokensPerS: positive,
    decodeTokensPerS: positive,
    inputPriceUsdPer1kTokens: nonNegative,
    outputPriceUsdPer1kTokens: nonNegative,
    /** History tokens an agent resends with each cloud request (the cloud is stateless and bills per token). */
    historyTokensCap: z.number().int().min(0),
  })
  .strict();

/** The mobile agents. */
export const agentsSchema = z
  .object({
    count: z.number().int().gt(0),
    speedMps: nonNegative,
    uplinkPowerW: positive,
    uplinkBandwidthMHz: positive,
  })
  .strict();

const syntheticSchema = z
  .object({
    kind: z.literal('synthetic'),
    sessionsPerHour: positive,
    roundsPerSessionMean: z.number().min(1),
    thinkTimeMeanS: positive,
    promptTokensMedian: positive,
    outputTokensMedian: positive,
    zipfExponent: nonNegative,
    popularityShiftAtS: nonNegative.optional(),
  })
  .strict();

const traceSchema = z
  .object({
    kind: z.literal('trace'),
    format: z.enum(['mooncake', 'azure']),
    /** A built-in trace name, or a path to a trace file in the format. */
    source: z.string().min(1),
    /** Multiplies arrival times (< 1 compresses the trace). */
    timeScale: positive.default(1),
    /** Replays the trace this many times back to back (for scale tests). */
    repeat: z.number().int().gt(0).default(1),
    zipfExponent: nonNegative.default(1),
    popularityShiftAtS: nonNegative.optional(),
  })
  .strict();

/** The scenario. */
export const scenarioSchema = z
  .object({
    name: z.string().min(1),
    durationS: positive,
    slotS: positive,
    areaM: z.object({ width: positive, height: positive }).strict(),
    models: z.array(modelSchema).min(1),
    servers: z.array(serverSchema).min(1),
    cloud: cloudSchema,
    agents: agentsSchema,
    workload: z.discriminatedUnion('kind', [syntheticSchema, traceSchema]),
    context: z
      .object({
        tokensPerExample: positive,
        ageDecayS: positive,
        bytesPerToken: positive,
      })
      .strict(),
    costWeights: z
      .object({
        latencyUsdPerS: nonNegative,
        energyUsdPerKWh: nonNegative,
        accuracyUsdPerUnit: nonNegative,
        switchUsd: nonNegative,
      })
      .strict(),
    market: z
      .object({
        capacityUnitsPerSlot: z.number().int().gt(0),
        opportunityCostUsd: nonNegative,
        /** The utilisation up to which a server sells capacity (queueing grows without bound at 1). */
        targetUtilisation: z.number().gt(0).max(1).default(0.5),
      })
      .strict(),
  })
  .strict()
  .superRefine((s, ctx) => {
    const seen = new Set<string>();
    s.models.forEach((m, i) => {
      if (seen.has(m.id))
        ctx.addIssue({ code: 'custom', message: `duplicate model id '${m.id}'`, path: ['models', i, 'id'] });
      seen.add(m.id);
    });
    const servers = new Set<string>();
    s.servers.forEach((m, i) => {
      if (servers.has(m.id))
        ctx.addIssue({
          code: 'custom',
          message: `duplicate server id '${m.id}'`,
          path: ['servers', i, 'id'],
        });
      servers.add(m.id);
    });
    if (s.slotS > s.durationS)
      ctx.addIssue({ code: 'custom', message: 'must be ≤ durationS', path: ['slotS'] });
  });

/** A validated scenario. @category edge */
export type Scenario = z.output<typeof scenarioSchema>;
/** An LLM of a scenario's catalogue. @category edge */
export type ModelSpec = z.output<typeof modelSchema>;
/** An edge server of a scenario. @category edge */
export type ServerSpec = z.output<typeof serverSchema>;
/** The cloud of a scenario. @category edge */
export type CloudSpec = z.output<typeof cloudSchema>;
/** A scenario as written in a file (defaults not yet applied). @category edge */
export type ScenarioInput = z.input<typeof scenarioSchema>;
