// What test-time training could be worth on the physical model, and what it is worth: the
// analysis behind docs/policies.md, "What test-time training can gain on the physical model".
//
//   npm run build && node docs/analysis/test-time-headroom.mjs [--seeds N] [--out FILE.csv]
//
// On the default scenario, its popularity shift and the two Azure traces (no network was trained
// on those), seeds 1..N (default 5), no market, USD/h:
// - the shipped t2drl, the same network with its inner loop off (W kept at W0: testTimeTraining
//   false), and the shipped ppo; "TTT gain" is the frozen network's cost minus t2drl's, paired by seed;
// - the price router (the networks' projection) with every pair that fits cached and one b for
//   every pair, on the grid B: the best fixed b for the workload, and two hindsight oracles that,
//   seed by seed, pick the best b for the whole episode and the best pair (b before 30 min, b after);
// - a fixed b per server (one vector for all seeds, found by coordinate search on the mean cost):
//   structure a network could learn without memory; and an oracle that adapts it, seed by seed,
//   per server and half (coordinate search from it). The oracles' gains bound what adapting b to
//   the episode can gain here (they see the outcome, so they overstate it);
// - caches ranked by remembered demand (an exponential average of each model's requests per slot)
//   instead of by size, at the best fixed b: what remembering the workload gains in caching.
// Takes about 15 minutes on one core (WASM backend).
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { defaultScenario, paperActorCriticPolicy, parseScenario, popularityShiftScenario, simulate } from 'doubledutch';
import { estimatedDecision } from '../../dist/policies/decision.js';
import { physicalAction } from '../../dist/policies/t2drl/ttt/physical.js';

const { values } = parseArgs({ options: { seeds: { type: 'string', default: '5' }, out: { type: 'string' } } });
const seeds = Array.from({ length: Number(values.seeds) }, (_, i) => i + 1);
if (!(seeds.length >= 2)) {
  process.stderr.write('--seeds: at least 2 (a spread needs two)\n');
  process.exit(2);
}

const trace = (source) => {
  const s = defaultScenario();
  return parseScenario({ ...s, name: `${source}, first hour`, workload: { ...s.workload, format: 'azure', source } });
};
const WORKLOADS = {
  default: defaultScenario(),
  shift: popularityShiftScenario(),
  'azure-conv': trace('azure-conv'),
  'azure-code': trace('azure-code'),
};
const B = [0.375, 0.5, 0.625, 0.75, 0.875];
const FINE = [0.125, 0.25, 0.375, 0.5, 0.625, 0.75, 0.875, 1];

/**
 * The price router with every pair that fits cached: b before and after mid-episode (a number for
 * every server, or an array per server), caches by `score`.
 */
function pricePolicy(bBefore, bAfter, score = () => 1) {
  let remembered = new Map();
  return {
    name: 'price-router',
    decide(observation, context) {
      if (observation.slot === 0) remembered = new Map();
      const counts = new Map();
      for (const v of observation.requests) counts.set(v.request.modelId, (counts.get(v.request.modelId) ?? 0) + 1);
      for (const id of observation.modelIds)
        remembered.set(id, 0.8 * (remembered.get(id) ?? 0) + 0.2 * (counts.get(id) ?? 0));
      const models = observation.modelIds;
      const entries = observation.servers.length * models.length;
      const half = observation.slot < observation.slots / 2 ? bBefore : bAfter;
      const b = (e) => (typeof half === 'number' ? half : half[Math.floor(e / models.length)]);
      const cacheProbability = Float32Array.from({ length: entries }, (_, e) =>
        score(models[e % models.length], remembered),
      );
      const decision = { cache: new Uint8Array(entries).fill(1), fraction: Float32Array.from({ length: entries }, (_, e) => b(e)), cacheProbability };
      return estimatedDecision(observation, physicalAction(observation, decision, context.scenario.costWeights), context);
    },
  };
}

const mean = (xs) => xs.reduce((a, x) => a + x, 0) / xs.length;
const sd = (xs) => Math.sqrt(xs.reduce((a, x) => a + (x - mean(xs)) ** 2, 0) / (xs.length - 1));
const fmt = (xs) => `${mean(xs).toFixed(2)} ± ${sd(xs).toFixed(2)}`;
const cost = async (scenario, policy, seed) => (await simulate({ scenario, policy, seed })).metrics.systemCost;

const rows = [];
for (const [workload, scenario] of Object.entries(WORKLOADS)) {
  process.stderr.write(`${workload} ...\n`);
  const network = async (kind, options = {}) => {
    const out = [];
    for (const seed of seeds) out.push(await cost(scenario, paperActorCriticPolicy(kind, { seed, scenario, ...options }), seed));
    return out;
  };
  const t2drl = await network('t2drl');
  const frozen = await network('t2drl', { testTimeTraining: false });
  const ppo = await network('ppo');
  // grid[seed][i][j]: b = B[i] before mid-episode, B[j] after.
  const grid = [];
  for (const seed of seeds) {
    const bySeed = [];
    for (const before of B) {
      const row = [];
      for (const after of B) row.push(await cost(scenario, pricePolicy(before, after), seed));
      bySeed.push(row);
    }
    grid.push(bySeed);
  }
  const fixedMeans = B.map((_, i) => mean(grid.map((g) => g[i][i])));
  const best = fixedMeans.indexOf(Math.min(...fixedMeans));
  const fixed = grid.map((g) => g[best][best]);
  const perEpisode = grid.map((g, s) => fixed[s] - Math.min(...B.map((_, i) => g[i][i])));
  const perHalf = grid.map((g, s) => fixed[s] - Math.min(...g.flat()));
  // A fixed b per server (the same in every seed and all episode long): a coordinate search on the
  // mean over seeds, from the best fixed b. Structure a network could learn without any memory.
  const servers = scenario.servers.length;
  const meanCost = async (before, after) => {
    const out = [];
    for (const seed of seeds) out.push(await cost(scenario, pricePolicy(before, after), seed));
    return out;
  };
  let perServer = Array(servers).fill(B[best]);
  let perServerCosts = fixed;
  for (let sweep = 0; sweep < 2; sweep++)
    for (let server = 0; server < servers; server++)
      for (const value of FINE) {
        if (value === perServer[server]) continue;
        const trial = perServer.map((x, i) => (i === server ? value : x));
        const costs = await meanCost(trial, trial);
        if (mean(costs) < mean(perServerCosts)) [perServer, perServerCosts] = [trial, costs];
      }
  // Adapting it to the episode: seed by seed, b per server before and after mid-episode, a
  // coordinate search from that fixed vector (a hindsight oracle, so an overstatement).
  const adapted = [];
  for (const [s, seed] of seeds.entries()) {
    const b = [[...perServer], [...perServer]];
    let bestCost = perServerCosts[s];
    for (let sweep = 0; sweep < 2; sweep++)
      for (let coordinate = 0; coordinate < 2 * servers; coordinate++) {
        const [h, server] = [Math.floor(coordinate / servers), coordinate % servers];
        for (const value of FINE) {
          if (value === b[h][server]) continue;
          const trial = b.map((row) => [...row]);
          trial[h][server] = value;
          const c = await cost(scenario, pricePolicy(trial[0], trial[1]), seed);
          if (c < bestCost) [bestCost, b[h][server]] = [c, value];
        }
      }
    adapted.push(perServerCosts[s] - bestCost);
  }
  const demandCaches = [];
  for (const seed of seeds)
    demandCaches.push(await cost(scenario, pricePolicy(B[best], B[best], (id, remembered) => 0.01 + (remembered.get(id) ?? 0)), seed));
  rows.push({
    workload,
    t2drl,
    frozen,
    ppo,
    tttGain: frozen.map((f, s) => f - t2drl[s]),
    bestFixedB: B[best],
    fixed,
    perEpisode,
    perHalf,
    perServer,
    perServerGain: perServerCosts.map((c, s) => fixed[s] - c),
    adapted,
    demandGain: demandCaches.map((d, s) => fixed[s] - d),
  });
}

console.log(`seeds ${seeds[0]}–${seeds.at(-1)}, USD/h, mean ± sd over seeds (gains: paired by seed, positive = cheaper)\n`);
console.log('| workload | `t2drl` | W frozen at W0 | **test-time-training gain** | `ppo` |');
console.log('|---|---|---|---|---|');
for (const r of rows)
  console.log(`| ${r.workload} | ${fmt(r.t2drl)} | ${fmt(r.frozen)} | **${fmt(r.tttGain)}** | ${fmt(r.ppo)} |`);
console.log('\nThe price router, every pair that fits cached:\n');
console.log(
  '| workload | best fixed b: cost | oracle b per episode: gain | oracle b per half: gain | fixed b per server: gain | that b | oracle b per server and half: gain over it | caches by remembered demand: gain |',
);
console.log('|---|---|---|---|---|---|---|---|');
for (const r of rows)
  console.log(
    `| ${r.workload} | ${r.bestFixedB}: ${fmt(r.fixed)} | ${fmt(r.perEpisode)} | ${fmt(r.perHalf)} | ${fmt(r.perServerGain)} | ${r.perServer.join(', ')} | ${fmt(r.adapted)} | ${fmt(r.demandGain)} |`,
  );
if (values.out !== undefined) {
  const header =
    'workload,seed,t2drl,t2drl_w_frozen,ppo,best_fixed_b,fixed_b_cost,oracle_episode_gain,oracle_half_gain,per_server_b,per_server_gain,oracle_server_half_gain,demand_caches_gain';
  const lines = rows.flatMap((r) =>
    seeds.map((seed, s) =>
      [
        r.workload,
        seed,
        r.t2drl[s],
        r.frozen[s],
        r.ppo[s],
        r.bestFixedB,
        r.fixed[s],
        r.perEpisode[s],
        r.perHalf[s],
        r.perServer.join(' '),
        r.perServerGain[s],
        r.adapted[s],
        r.demandGain[s],
      ].join(','),
    ),
  );
  writeFileSync(values.out, `${[header, ...lines].join('\n')}\n`);
  process.stderr.write(`${values.out}\n`);
}
