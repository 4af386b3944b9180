/**
 * The system cost of the physical model, in USD, in one place (issue 11): the environment charges
 * it, the valuations and the baselines' admission control estimate with it, and T2DRL's rewards
 * are computed from it, so that no policy learns from a cost other than the one it is scored on.
 *
 * System cost of a slot (docs/edge-model.md) = Σ over its requests of
 * w_latency·latency + energy price·energy + w_accuracy·(1 − accuracy) + cloud charges,
 * plus the energy of idle servers and of loading models, plus w_switch per model load.
 */
import { dynamicEnergyJ } from './energy.js';
import type { Scenario, ServerSpec } from './scenario-schema.js';

/** The cost weights of a scenario. @category edge */
export type CostWeights = Scenario['costWeights'];

/** Joules per kilowatt-hour: energy prices are per kWh. @category edge */
export const JOULES_PER_KWH = 3.6e6;

/** The figures of serving one request that enter its cost. @category edge */
export interface ServiceFigures {
  readonly latencyS: number;
  readonly energyJ: number;
  readonly accuracy: number;
  /** What the cloud bills for it (0 at the edge), USD. */
  readonly cloudUsd: number;
}

/**
 * The price of `energyJ` joules, USD.
 *
 * @category edge
 */
export function energyCostUsd(weights: CostWeights, energyJ: number): number {
  return (energyJ / JOULES_PER_KWH) * weights.energyUsdPerKWh;
}

/**
 * The price of one joule, USD (for estimates that multiply a rate by it).
 *
 * @category edge
 */
export function energyUsdPerJ(weights: CostWeights): number {
  return weights.energyUsdPerKWh / JOULES_PER_KWH;
}

/**
 * The price of `seconds` of latency (or of queueing), USD.
 *
 * @category edge
 */
export function latencyCostUsd(weights: CostWeights, seconds: number): number {
  return weights.latencyUsdPerS * seconds;
}

/**
 * The cost of serving one request, USD: latency, energy, lost accuracy and cloud charges.
 *
 * @example
 * ```ts
 * requestCostUsd(scenario.costWeights, { latencyS: 2, energyJ: 0, accuracy: 1, cloudUsd: 0.001 });
 * // 2·latencyUsdPerS + 0.001
 * ```
 * @category edge
 */
export function requestCostUsd(weights: CostWeights, service: ServiceFigures): number {
  return (
    latencyCostUsd(weights, service.latencyS) +
    energyCostUsd(weights, service.energyJ) +
    weights.accuracyUsdPerUnit * (1 - service.accuracy) +
    service.cloudUsd
  );
}

/**
 * What a slot costs besides its requests, USD: the energy no request accounts for (idle servers,
 * model loads) and the switching charge per model load.
 *
 * @category edge
 */
export function slotOverheadCostUsd(weights: CostWeights, overheadEnergyJ: number, loads: number): number {
  return energyCostUsd(weights, overheadEnergyJ) + loads * weights.switchUsd;
}

/**
 * Energy a server draws idling for `seconds` (charged once per slot per powered server).
 *
 * @category edge
 */
export function idleEnergyJ(server: ServerSpec, seconds: number): number {
  return server.idlePowerW * seconds;
}

/**
 * Time and energy of loading `weightBytes` of model weights onto a server: the transfer at its
 * load bandwidth, at full load above idle (the idle draw is charged per slot already).
 *
 * @category edge
 */
export function modelLoad(server: ServerSpec, weightBytes: number): { loadS: number; energyJ: number } {
  const loadS = weightBytes / (server.loadBandwidthGBps * 1e9);
  return { loadS, energyJ: dynamicEnergyJ(server.idlePowerW, server.maxPowerW, loadS) };
}

/**
 * What loading a model costs, USD: the switching charge and the energy of the load.
 *
 * @category edge
 */
export function modelLoadCostUsd(weights: CostWeights, server: ServerSpec, weightBytes: number): number {
  return weights.switchUsd + energyCostUsd(weights, modelLoad(server, weightBytes).energyJ);
}

/**
 * The marginal cost of serving one more request that keeps a server busy `busyS` seconds, USD:
 * its energy above idle, and the latency its service time adds to the requests queued behind it.
 *
 * @category edge
 */
export function marginalServiceCostUsd(weights: CostWeights, server: ServerSpec, busyS: number): number {
  return (
    dynamicEnergyJ(server.idlePowerW, server.maxPowerW, busyS) * energyUsdPerJ(weights) +
    latencyCostUsd(weights, busyS)
  );
}
