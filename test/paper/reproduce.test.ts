// `reproduce` (DESIGN.md §8.5): figures, claims with verdicts, all files or none.
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main.js';
import { parseCsv } from '../../src/experiment/csv.js';
import '../../src/builtins.js';
import { fig4a } from '../../src/experiment/reproduce/fig4.js';
import { fig5b } from '../../src/experiment/reproduce/fig5.js';
import { claimsCsv, reproduceFiles } from '../../src/experiment/reproduce/report.js';
import { reproduce } from '../../src/experiment/reproduce/reproduce.js';

describe('reproduce', () => {
  it('checks each claim with a verdict from the fixed vocabulary and writes claim,paper,measured,verdict', async () => {
    const result = await reproduce({ seeds: 2, figures: [fig4a, fig5b] });
    const rows = parseCsv(claimsCsv(result.figures));
    expect(Object.keys(rows[0] ?? {})).toEqual(['claim', 'paper', 'measured', 'verdict']);
    expect(rows.map((r) => r.claim)).toContain('fig4a-fifo-cloud-grow');
    for (const r of rows) {
      expect(['reproduced', 'partly', 'not reproduced']).toContain(r.verdict);
      expect(Number.isFinite(Number(r.measured))).toBe(true);
    }
    const files = await reproduceFiles(result);
    expect(Object.keys(files).sort()).toEqual(
      ['claims.csv', 'fig4a.csv', 'fig4a.svg', 'fig5b.csv', 'fig5b.svg', 'report.html'].sort(),
    );
    expect(files['fig4a.svg']).toMatch(/^<svg/);
    expect(files['report.html']).toContain('What the paper states');
    expect(files['report.html']).not.toMatch(/<script|https?:\/\/(?!vega\.github\.io|www\.w3\.org)/);
  });

  it('runs each distinct run once, however many figures share it', async () => {
    let started = 0;
    await reproduce({ seeds: 1, figures: [fig4a, fig4a], onStart: (n) => (started = n) });
    expect(started).toBe(4 * 4);
  });

  it('refuses an --out that is a file before running, writing nothing', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'dd-reproduce-'));
    const file = join(dir, 'taken');
    writeFileSync(file, 'x');
    const code = await main(['reproduce', '--quick', '--quiet', '--out', file]);
    expect(code).not.toBe(0);
    expect(readFileSync(file, 'utf8')).toBe('x');
    expect(readdirSync(dir)).toEqual(['taken']);
    expect(existsSync(join(dir, 'report.html'))).toBe(false);
  });
});
