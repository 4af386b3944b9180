import { writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { initTensorflow } from '../../policies/t2drl/backend.js';
import { saveNetworks } from '../../policies/t2drl/network.js';
import { trainWithRestarts } from '../../policies/t2drl/train.js';
import { savePaperWeights, trainPaperWithRestarts } from '../../policies/t2drl/ttt/train.js';
import { savePaperEnvironmentWeights, trainOnPaperScenario } from '../../policies/t2drl/ttt/train-paper.js';
import { scenarioHash } from '../../policies/t2drl/weights.js';
import { renderVegaLiteSvg } from '../charts/render.js';
import { publishDirectory } from '../experiment/atomic.js';
import { scenarioRecords } from '../experiment/compare.js';
import { toCsv } from '../experiment/csv.js';
import { loadPaperScenario, selectsPaperScenario } from '../paper/load.js';
import type { PaperScenario } from '../paper/scenario-schema.js';
import { MAX_SEED } from '../seed.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { createProgress } from './progress.js';
import {
  OVERWRITE_FLAG_HELP,
  outDirFlag,
  QUIET_FLAG_HELP,
  SCENARIO_FLAG_HELP,
  scenarioFlag,
} from './scenario-flag.js';

/** `doubledutch train`: trains t2drl, ppo or t2drl-online and saves its weights, learning curve (CSV and SVG). */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train a DRL policy on a scenario and save its weights with the scenario hash and seed',
  usage:
    'doubledutch train [--policy t2drl|ppo|t2drl-online] [--scenario FILE|physical|paper] [--episodes N] [--seed S] [--restarts N] [--credit slot|pair] [--out DIR] [--overwrite] [--quiet]',
  details: () =>
    [
      "  --policy NAME       t2drl (the paper's TTT actor-critic; default), ppo (the same without TTT),",
      '                      or t2drl-online (the online-PPO network of t2drl-online, drl-frozen, t2drl-pair)',
      SCENARIO_FLAG_HELP,
      "                      (physical: the built-in default; paper: the seed paper's model, t2drl and ppo only)",
      '  --episodes N        default: 300 (t2drl and ppo: a PPO update every 4 episodes, and one on the',
      '                      remainder when N is not a multiple of 4)',
      '  --seed S            default: 1',
      '  --restarts N        train N networks from seeds S, S+1, ... and keep the best on validation',
      '                      seeds disjoint from the evaluation seeds (default: 1)',
      "  --credit slot|pair  t2drl-online only: learn from the slot's total reward (default) or one reward per",
      '                      (server, model) decision (t2drl-pair)',
      "  --out DIR           default: results/POLICY, or results/POLICY-paper on the paper's model (so that",
      '                      one never replaces the other); weights/, learning-curve.csv, learning-curve.svg',
      OVERWRITE_FLAG_HELP,
      QUIET_FLAG_HELP,
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      policy: { type: 'string' },
      scenario: { type: 'string' },
      episodes: { type: 'string' },
      seed: { type: 'string' },
      restarts: { type: 'string' },
      credit: { type: 'string' },
      out: { type: 'string' },
      overwrite: { type: 'boolean' },
      quiet: { type: 'boolean' },
    });
    const overwrite = values.overwrite === true;
    const policy = values.policy ?? 't2drl';
    if (policy !== 't2drl' && policy !== 'ppo' && policy !== 't2drl-online')
      throw new UsageError(`must be t2drl, ppo or t2drl-online, got '${policy}'`, '--policy');
    // `--scenario paper` or a `kind: "paper"` file: the seed paper's own model (issue 13).
    const paper = selectsPaperScenario(values.scenario)
      ? loadPaperScenario(values.scenario as string)
      : undefined;
    if (paper !== undefined && policy === 't2drl-online')
      throw new UsageError("runs on the physical model only; t2drl and ppo run on the paper's", '--policy');
    const scenario = scenarioFlag(
      paper !== undefined || values.scenario === 'physical' ? undefined : values.scenario,
    );
    const episodes = integerFlag(values.episodes, 'episodes', 300, 1);
    const seed = integerFlag(values.seed, 'seed', 1, 0, MAX_SEED);
    // Restarts train seeds S … S+N−1: each must be a seed of its own, not an alias of another.
    const restartCount = integerFlag(values.restarts, 'restarts', 1, 1, MAX_SEED - seed + 1);
    const credit = values.credit ?? 'slot';
    if (credit !== 'slot' && credit !== 'pair')
      throw new UsageError(`must be slot or pair, got '${credit}'`, '--credit');
    if (policy !== 't2drl-online' && values.credit !== undefined)
      throw new UsageError('applies to --policy t2drl-online only', '--credit');
    // The paper model's weights get a folder of their own: the same command on the physical model
    // would otherwise replace them (or they it), since both write the same `train` results.
    const out = outDirFlag(
      values.out,
      paper === undefined ? `results/${policy}` : `results/${policy}-paper`,
      {
        command: 'train',
        overwrite,
        sample: ['weights', 'learning-curve.csv'],
      },
    );
    if (values.quiet === true) await initTensorflow({ quiet: true });
    const records = paper === undefined ? scenarioRecords(scenario) : undefined;
    const progress = createProgress(episodes * restartCount, 'episodes', values.quiet === true);
    const started = Date.now();
    let current = seed;
    const common = {
      scenario,
      episodes,
      seed,
      restarts: restartCount,
      ...(records === undefined ? {} : { records }),
      onEpisode: (episode: number, cost: number) =>
        progress.tick(`seed ${current} episode ${episode}: system cost ${cost.toFixed(2)} USD`),
      onRestart: () => {
        current++;
      },
    };
    const trained =
      policy === 't2drl-online'
        ? { kind: 'online' as const, ...(await trainWithRestarts({ ...common, credit })) }
        : paper !== undefined
          ? {
              kind: 'paper-environment' as const,
              ...(await trainOnPaperScenario({ ...common, scenario: paper, kind: policy })),
            }
          : { kind: 'paper' as const, ...(await trainPaperWithRestarts({ ...common, kind: policy })) };
    progress.stop();
    const { curve, backend } = trained;
    const window = Math.max(1, Math.round(episodes / 20));
    const rows = curve.map((p, i) => {
      const from = Math.max(0, i - window + 1);
      const recent = curve.slice(from, i + 1);
      return {
        episode: p.episode,
        system_cost: p.systemCost,
        moving_average: recent.reduce((s, q) => s + q.systemCost, 0) / recent.length,
      };
    });
    const svg = await renderVegaLiteSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `${policy} learning curve (${paper?.name ?? scenario.name}; seed ${trained.seed}; backend ${backend})`,
      width: 520,
      height: 260,
      data: {
        values: rows.flatMap((r) => [
          { episode: r.episode, usd: r.system_cost, series: 'episode' },
          { episode: r.episode, usd: r.moving_average, series: `moving average (${window})` },
        ]),
      },
      mark: 'line',
      encoding: {
        x: { field: 'episode', type: 'quantitative' },
        y: {
          field: 'usd',
          type: 'quantitative',
          title:
            paper === undefined
              ? 'system cost per episode (USD)'
              : "system cost per episode (the paper's units)",
          scale: { zero: false },
        },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
    // Weights and learning curve land together or not at all.
    await publishDirectory(
      out,
      async (staging) => {
        if (trained.kind === 'paper-environment')
          savePaperEnvironmentWeights(
            trained.net,
            join(staging, 'weights'),
            { kind: policy as 't2drl' | 'ppo', scenario: paper as PaperScenario, episodes },
            trained.seed,
            backend,
            trained.restarts,
          );
        else if (trained.kind === 'paper')
          savePaperWeights(
            trained.net,
            join(staging, 'weights'),
            { kind: policy as 't2drl' | 'ppo', scenario, episodes },
            trained.seed,
            backend,
            trained.restarts,
          );
        else
          await saveNetworks(trained.networks, join(staging, 'weights'), {
            scenarioHash: scenarioHash(scenario),
            seed: trained.seed,
            episodes,
            backend,
            trainedAt: new Date().toISOString(),
            credit,
            ...(restartCount > 1 ? { restarts: trained.restarts } : {}),
          });
        writeFileSync(
          join(staging, 'learning-curve.csv'),
          toCsv(['episode', 'system_cost', 'moving_average'], rows),
        );
        writeFileSync(join(staging, 'learning-curve.svg'), svg);
      },
      { command: 'train', overwrite },
    );
    if (values.quiet !== true) {
      if (restartCount > 1)
        for (const r of trained.restarts)
          console.log(
            `seed ${r.seed}: validation cost ${r.validationCost.toFixed(2)} USD/h${r.seed === trained.seed ? ' (kept)' : ''}`,
          );
      console.log(
        `trained ${episodes} episodes × ${restartCount} in ${((Date.now() - started) / 1000).toFixed(0)} s on ${backend}; weights (seed ${trained.seed}) in ${resolve(out, 'weights')}`,
      );
    }
    return 0;
  },
};
