// The main job end to end: the CLI writes every result file, and the HTML report loads in a real
// headless browser (Debian's chromium, which .ci/run installs) without errors, showing every chart.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import { defaultScenario, parseScenario } from '../../src/index.js';

const cli = fileURLToPath(new URL('../../dist/src/cli.js', import.meta.url));
const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

function smallScenarioFile(dir: string): string {
  const base = defaultScenario();
  const scenario = parseScenario({ ...base, name: 'report test: 20 minutes of Mooncake', durationS: 1200 });
  const path = join(dir, 'scenario.json');
  writeFileSync(path, JSON.stringify(scenario));
  return path;
}

describe('doubledutch compare', () => {
  const dir = mkdtempSync(join(tmpdir(), 'dd-report-'));
  const out = join(dir, 'results');
  let status: number | null = null;
  beforeAll(() => {
    const r = run(
      'compare',
      '--scenario',
      smallScenarioFile(dir),
      '--policies',
      'lru,cloud-only',
      '--mechanisms',
      'none,dda,mcafee',
      '--seeds',
      '2',
      '--out',
      out,
      '--quiet',
    );
    status = r.status;
    if (r.status !== 0) throw new Error(r.stderr);
  });

  it('writes summary.csv with one row per policy, mechanism and seed, and the contract columns', () => {
    expect(status).toBe(0);
    const rows = parseCsv(readFileSync(join(out, 'summary.csv'), 'utf8'));
    expect(rows).toHaveLength(2 * 3 * 2);
    for (const column of [
      'policy',
      'mechanism',
      'seed',
      'system_cost',
      'latency_s',
      'energy_j',
      'accuracy',
      'edge_share',
      'welfare',
      'surplus',
      'trades',
      'ir_violations',
    ]) {
      expect(rows[0]).toHaveProperty(column);
    }
    // Wall-clock timings have a file of their own (issue 16 item 10).
    expect(rows[0]).not.toHaveProperty('clearing_ms');
    expect(rows[0]).not.toHaveProperty('run_ms');
    const timings = parseCsv(readFileSync(join(out, 'timings.csv'), 'utf8'));
    expect(timings).toHaveLength(rows.length);
    expect(Object.keys(timings[0] ?? {})).toEqual(['policy', 'mechanism', 'seed', 'clearing_ms', 'run_ms']);
    expect(rows.filter((r) => r.policy === 'cloud-only').every((r) => Number(r.edge_share) === 0)).toBe(true);
    expect(rows.filter((r) => r.mechanism === 'mcafee').every((r) => Number(r.surplus) >= 0)).toBe(true);
  });

  it('writes runs.jsonl with the per-slot detail of every run', () => {
    const lines = readFileSync(join(out, 'runs.jsonl'), 'utf8').trim().split('\n');
    expect(lines).toHaveLength(12);
    const first = JSON.parse(lines[0] as string);
    expect(first.slots).toHaveLength(20);
  });

  it('the HTML report loads in headless Chromium without errors and shows every chart', async () => {
    const charts = readdirSync(join(out, 'charts'));
    expect(charts.sort()).toEqual([
      'clocks.svg',
      'cost-heatmap.svg',
      'cost-vs-no-market.svg',
      'supply-demand.svg',
      'system-cost.svg',
      'welfare-heatmap.svg',
      'welfare-surplus.svg',
    ]);
    const executablePath = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
    // This test needs a real browser; say how to get one rather than fail with a spawn error.
    expect(
      existsSync(executablePath),
      `no Chromium at ${executablePath}: install Debian's chromium (apt-get install chromium, as .ci/run does) or set CHROMIUM_PATH`,
    ).toBe(true);
    const browser = await chromium.launch({
      executablePath,
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
        '--no-first-run',
      ],
    });
    try {
      const page = await browser.newPage();
      const errors: string[] = [];
      page.on('pageerror', (e) => errors.push(e.message));
      page.on('console', (m) => {
        if (m.type() === 'error') errors.push(m.text());
      });
      await page.goto(pathToFileURL(join(out, 'report.html')).href);
      const figures = await page.locator('figure.chart svg').evaluateAll((svgs) =>
        svgs.map((s) => {
          const box = s.getBoundingClientRect();
          return { width: box.width, height: box.height, marks: s.querySelectorAll('path, rect').length };
        }),
      );
      expect(errors).toEqual([]);
      expect(figures).toHaveLength(charts.length);
      for (const f of figures) {
        expect(f.width).toBeGreaterThan(100);
        expect(f.height).toBeGreaterThan(100);
        expect(f.marks).toBeGreaterThan(3);
      }
      expect(await page.locator('table').count()).toBe(2);
      // The tables fit the page (they scroll inside it, never widen it).
      const [pageWidth, viewWidth] = (await page.evaluate(
        '[document.documentElement.scrollWidth, window.innerWidth]',
      )) as number[];
      expect(pageWidth).toBeLessThanOrEqual(viewWidth as number);
    } finally {
      await browser.close();
    }
  }, 60_000);

  it('bad input: one line naming the problem, non-zero exit, no stack trace, nothing written', () => {
    const nothing = join(dir, 'nothing');
    const cases = [
      ['compare', '--scenario', join(dir, 'missing.json'), '--out', nothing],
      ['compare', '--policies', 'lru,belady', '--out', nothing],
      ['compare', '--mechanisms', 'mcaffee', '--out', nothing],
      ['compare', '--frobnicate', '--out', nothing],
    ];
    const bad = join(dir, 'bad.json');
    writeFileSync(
      bad,
      JSON.stringify({
        ...defaultScenario(),
        servers: [{ ...defaultScenario().servers[0], gpuMemoryGiB: -1 }],
      }),
    );
    cases.push(['compare', '--scenario', bad, '--out', nothing]);
    const messages = [
      'no such file',
      "unknown policy 'belady'",
      "unknown mechanism 'mcaffee'",
      "Unknown option '--frobnicate'",
      'servers[0].gpuMemoryGiB must be > 0',
    ];
    cases.forEach((args, i) => {
      const r = run(...args);
      expect(r.status, args.join(' ')).not.toBe(0);
      expect(r.stderr).toContain(messages[i]);
      expect(r.stderr).not.toMatch(/\n\s+at /);
      expect(r.stderr.trim().split('\n')).toHaveLength(1);
    });
    expect(existsSync(nothing)).toBe(false);
  });
});
