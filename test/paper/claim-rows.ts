// The claims.csv rows of a reproduce run, by claim id, each checked to be there with a finite
// measured number and a verdict of the three (shared by the figure tests).
import { expect } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import type { FigureOutput } from '../../src/experiment/reproduce/figure.js';
import { claimsCsv } from '../../src/experiment/reproduce/report.js';

/** The rows of `figures`' claims.csv by claim id, after checking that each of `ids` has a well-formed row. */
export function claimRows(
  figures: readonly FigureOutput[],
  ids: readonly string[],
): Map<string, Record<string, string>> {
  const byId = new Map(parseCsv(claimsCsv(figures)).map((r) => [r.claim ?? '', r]));
  for (const id of ids) {
    const row = byId.get(id);
    expect(row, id).toBeDefined();
    expect(Number.isFinite(Number(row?.measured)), id).toBe(true);
    expect(['reproduced', 'partly', 'not reproduced'], id).toContain(row?.verdict);
  }
  return byId;
}
