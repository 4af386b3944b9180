/**
 * The quantities of the paper's model that a scenario fixes, computed once per run: per server
 * G_n, f_n, E_n; per (agent, model) the tokens, energy and accuracies of one request. Entries of
 * the decision vectors are indexed k = (n·I + i)·M + m (server, agent, model).
 */
import { tableAccuracy } from './accuracy-tables.js';
import type { PaperScenario } from './scenario-schema.js';

/**
 * A paper scenario's derived constants.
 *
 * @category edge
 */
export interface PaperSystem {
  readonly scenario: PaperScenario;
  /** N, I, M and N·I·M. */
  readonly servers: number;
  readonly agents: number;
  readonly models: number;
  readonly entries: number;
  /** GPUs, G_n (GB), f_n (FLOP/s) and E_n (J per slot) per server. */
  readonly gpus: readonly number[];
  readonly memoryGB: readonly number[];
  readonly computeFlops: readonly number[];
  readonly energyBudgetJ: readonly number[];
  /** Per (agent, model), index i·M + m: tokens δ of one request served locally (a = b = 1, R = 1). */
  readonly tokensPerRequest: readonly number[];
  /** Per (agent, model): the e_m charge of one request in (3) (J). */
  readonly energyPerRequestJ: readonly number[];
  /** Per (agent, model): α, the one-path accuracy (the tables' "0 paths" column, read as one path). */
  readonly zeroShot: readonly number[];
  /** Per (agent, model): the accuracy J paths reach (the tables at J), the cap of reported accuracy. */
  readonly pathAccuracy: readonly number[];
  /** Per agent: Δ in tokens, as (13) subtracts it from κ. */
  readonly vanishingTokens: readonly number[];
}

/**
 * The derived constants of a scenario.
 *
 * @category edge
 */
export function paperSystem(scenario: PaperScenario): PaperSystem {
  const N = scenario.servers;
  const I = scenario.agents.length;
  const M = scenario.models.length;
  const d = scenario.decisions;
  const gpus = Array.from(
    { length: N },
    (_, n) => Math.floor(scenario.gpus / N) + (n < scenario.gpus % N ? 1 : 0),
  );
  const J = scenario.paths;
  const tokensPerRequest: number[] = [];
  const energyPerRequestJ: number[] = [];
  const zeroShot: number[] = [];
  const pathAccuracy: number[] = [];
  for (const agent of scenario.agents) {
    for (const model of scenario.models) {
      // G7: per-path tokens δ_j = a·b·R·k, so J paths make a·b·R·J·k; as printed, δ_j already has J.
      const tokens = J * agent.thoughtTokens * (d.pathTokens === 'as-printed' ? J : 1);
      tokensPerRequest.push(tokens);
      // G10: e_m is per token, so (3) charges the tokens served; as printed it charges e_m per request.
      energyPerRequestJ.push(model.energyJPerToken * (d.energyCharge === 'tokens' ? tokens : 1));
      const row = model.accuracy.byTask[agent.task];
      zeroShot.push(tableAccuracy(model.accuracy.paths, row, 1));
      pathAccuracy.push(tableAccuracy(model.accuracy.paths, row, J));
    }
  }
  // G6: as printed Δ is subtracted; read as a retention factor the axis value x subtracts 1/x.
  const delta =
    scenario.decisions.vanishingDirection === 'retention'
      ? scenario.vanishing === 0
        ? 0
        : 1 / scenario.vanishing
      : scenario.vanishing;
  return {
    scenario,
    servers: N,
    agents: I,
    models: M,
    entries: N * I * M,
    gpus,
    memoryGB: gpus.map((g) => g * scenario.gpu.memoryGB),
    computeFlops: gpus.map((g) => g * scenario.gpu.peakTflops * 1e12),
    // G18: a 300 W cap is a power; over a slot of slotS seconds it is an energy.
    energyBudgetJ: gpus.map((g) => scenario.energyBudgetJ ?? g * scenario.gpu.powerCapW * scenario.slotS),
    tokensPerRequest,
    energyPerRequestJ,
    zeroShot,
    pathAccuracy,
    vanishingTokens: scenario.agents.map((a) =>
      d.vanishingUnit === 'thoughts' ? delta * a.thoughtTokens : delta,
    ),
  };
}

const systems = new WeakMap<PaperScenario, PaperSystem>();

/**
 * {@link paperSystem}, computed once per scenario object (policies call it every slot).
 *
 * @category edge
 */
export function paperSystemOf(scenario: PaperScenario): PaperSystem {
  let system = systems.get(scenario);
  if (system === undefined) {
    system = paperSystem(scenario);
    systems.set(scenario, system);
  }
  return system;
}
