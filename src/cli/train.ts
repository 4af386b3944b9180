import { resolve } from 'node:path';
import { trainT2drl } from '../../policies/t2drl/train.js';
import { renderVegaLiteSvg } from '../charts/render.js';
import { writeFileAtomic } from '../experiment/atomic.js';
import { scenarioRecords } from '../experiment/compare.js';
import { toCsv } from '../experiment/csv.js';
import { integerFlag, parseFlags } from './args.js';
import type { Command } from './command.js';
import { createProgress } from './progress.js';
import { scenarioFlag } from './scenario-flag.js';

/** `doubledutch train`: trains T2DRL and saves its weights, learning curve (CSV and SVG). */
export const trainCommand: Command = {
  name: 'train',
  summary: 'train the T2DRL agent on a scenario and save its weights with the scenario hash and seed',
  usage: 'doubledutch train [--scenario FILE] [--episodes N] [--seed S] [--out DIR] [--quiet]',
  async run(args) {
    const { values } = parseFlags(
      args,
      {
        scenario: { type: 'string' },
        episodes: { type: 'string' },
        seed: { type: 'string' },
        out: { type: 'string' },
        quiet: { type: 'boolean' },
      },
      this.usage,
    );
    const scenario = scenarioFlag(values.scenario);
    const episodes = integerFlag(values.episodes, 'episodes', 300, 1);
    const seed = integerFlag(values.seed, 'seed', 1);
    const out = resolve(values.out ?? 'results/t2drl');
    const records = scenarioRecords(scenario);
    const progress = createProgress(episodes, 'episodes', values.quiet === true);
    const started = Date.now();
    const { curve, backend } = await trainT2drl({
      scenario,
      episodes,
      seed,
      out: resolve(out, 'weights'),
      ...(records === undefined ? {} : { records }),
      onEpisode: (episode, cost) => progress.tick(`episode ${episode}: system cost ${cost.toFixed(2)} USD`),
    });
    progress.stop();
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
    writeFileAtomic(
      resolve(out, 'learning-curve.csv'),
      toCsv(['episode', 'system_cost', 'moving_average'], rows),
    );
    const svg = await renderVegaLiteSvg({
      $schema: 'https://vega.github.io/schema/vega-lite/v6.json',
      title: `T2DRL learning curve (${scenario.name}; seed ${seed}; backend ${backend})`,
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
          title: 'system cost per episode (USD)',
          scale: { zero: false },
        },
        color: { field: 'series', type: 'nominal', title: null },
      },
    });
    writeFileAtomic(resolve(out, 'learning-curve.svg'), svg);
    if (values.quiet !== true) {
      console.log(
        `trained ${episodes} episodes in ${((Date.now() - started) / 1000).toFixed(0)} s on ${backend}; weights in ${resolve(out, 'weights')}`,
      );
    }
    return 0;
  },
};
