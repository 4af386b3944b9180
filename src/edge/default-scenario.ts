/**
 * The built-in default scenario: four edge servers of different GPU classes in a 1 km² area, the
 * eight-model catalogue, 40 mobile agents, and one hour of the real Mooncake long-context chat
 * trace (12,031 requests in 7,373 sessions, 2,259 of them multi-round), in one-minute slots. Every default is
 * sourced in docs/edge-model.md.
 */
import { defaultCatalogue } from './catalogue.js';
import { parseScenario } from './scenario.js';
import type { Scenario } from './scenario-schema.js';

/**
 * A fresh copy of the default scenario.
 *
 * @example
 * ```ts
 * const result = await simulate({ scenario: defaultScenario(), policy: 'lru', seed: 1 });
 * ```
 * @category edge
 */
export function defaultScenario(): Scenario {
  return parseScenario({
    name: 'default: 4 edge servers, 8 LLMs, 40 agents, Mooncake hour',
    durationS: 3600,
    slotS: 60,
    areaM: { width: 1000, height: 1000 },
    models: defaultCatalogue(),
    servers: [
      // Data-centre GPU classes at the edge: spec-sheet peak dense fp16 tensor FLOP/s, HBM/GDDR
      // bandwidth, board power; idle power and NVMe load bandwidth are typical figures.
      server('edge-a100', 250, 250, 40, 312, 1555, 3, 60, 400),
      server('edge-l40s', 750, 250, 48, 362, 864, 3, 60, 350),
      server('edge-a10', 250, 750, 24, 125, 600, 2, 30, 150),
      server('edge-l4', 750, 750, 24, 121, 300, 2, 20, 72),
    ],
    cloud: {
      rttS: 0.08,
      backhaulBandwidthGbps: 1,
      prefillTokensPerS: 20000,
      decodeTokensPerS: 80,
      inputPriceUsdPer1kTokens: 0.0002,
      outputPriceUsdPer1kTokens: 0.0006,
      historyTokensCap: 4096,
    },
    agents: { count: 40, speedMps: 1.4, uplinkPowerW: 0.2, uplinkBandwidthMHz: 10 },
    workload: {
      kind: 'trace',
      format: 'mooncake',
      source: 'mooncake',
      timeScale: 1,
      repeat: 1,
      zipfExponent: 1,
    },
    context: { tokensPerExample: 512, ageDecayS: 900, bytesPerToken: 4 },
    costWeights: { latencyUsdPerS: 0.001, energyUsdPerKWh: 0.15, accuracyUsdPerUnit: 0.01, switchUsd: 0.002 },
    market: { capacityUnitsPerSlot: 40, opportunityCostUsd: 0.0002 },
  });
}

function server(
  id: string,
  xM: number,
  yM: number,
  gpuMemoryGiB: number,
  peakTflops: number,
  memoryBandwidthGBps: number,
  loadBandwidthGBps: number,
  idlePowerW: number,
  maxPowerW: number,
) {
  return {
    id,
    xM,
    yM,
    gpuMemoryGiB,
    peakTflops,
    computeEfficiency: 0.5,
    memoryBandwidthGBps,
    loadBandwidthGBps,
    idlePowerW,
    maxPowerW,
    radioBandwidthMHz: 20,
    downlinkPowerW: 10,
  };
}

/**
 * The default scenario with a popularity shift half-way: after 30 minutes the model popularity
 * ranking reverses, the change of usage pattern test-time learning must adapt to.
 *
 * @category edge
 */
export function popularityShiftScenario(): Scenario {
  const s = defaultScenario();
  return parseScenario({
    ...s,
    name: 'popularity shift at 30 min',
    workload: { ...s.workload, popularityShiftAtS: 1800 },
  });
}
