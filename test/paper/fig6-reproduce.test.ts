// Fig. 6 in `doubledutch reproduce` (issue 14 item 5): welfare vs market size and t-DDA's properties.
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/experiment/csv.js';
import '../../src/builtins.js';
import { fig6, fig6Budget } from '../../src/experiment/reproduce/fig6.js';
import { FIGURES, PENDING_FIGURES } from '../../src/experiment/reproduce/figures.js';
import { reproduceFiles } from '../../src/experiment/reproduce/report.js';
import { reproduce } from '../../src/experiment/reproduce/reproduce.js';
import { getMechanism } from '../../src/mechanism.js';
import { fig6Data, relativeWelfareGain } from '../../src/paper/fig6.js';
import { claimRows } from './claim-rows.js';

describe('fig6 in reproduce', () => {
  it('is one of the reproduced figures, no longer pending', () => {
    expect(FIGURES).toContain(fig6);
    expect(PENDING_FIGURES.map((p) => p.id)).not.toContain('fig6');
  });

  it('--quick keeps ≥ 20 markets per size; the full run takes more markets and verify runs', () => {
    expect(fig6Budget(3)).toEqual({ markets: 20, verifyRuns: 100 });
    expect(fig6Budget(50)).toEqual({ markets: 100, verifyRuns: 500 });
  });

  it('writes fig6.svg/csv and the five claim rows, measured numbers matching the data', async () => {
    const result = await reproduce({ seeds: 3, figures: [fig6] });
    const files = await reproduceFiles(result);
    expect(files['fig6.svg']).toMatch(/^<svg/);
    expect(files['report.html']).toContain('Fig. 6: social welfare vs market size');
    const byId = claimRows(result.figures, [
      'dda-vs-ida-welfare-small',
      'dda-vs-ida-welfare-100',
      't-dda-dsic',
      't-dda-ir',
      't-dda-weak-budget-balance',
    ]);
    // t-DDA's theorems hold on every generated single-unit market.
    for (const id of ['t-dda-dsic', 't-dda-ir', 't-dda-weak-budget-balance']) {
      expect(byId.get(id)?.verdict).toBe('reproduced');
      expect(Number(byId.get(id)?.measured)).toBe(100);
    }
    // The gain at 100 is the one fig6Data gives on the same markets.
    const points = fig6Data({
      mechanisms: [getMechanism('t-dda'), getMechanism('ida')],
      sizes: [100],
      markets: 20,
      seed: 6,
    });
    const gain = (relativeWelfareGain(points, 't-dda', 'ida', 100) as number) * 100;
    expect(Number(byId.get('dda-vs-ida-welfare-100')?.measured)).toBeCloseTo(gain, 1);
    // Every registered mechanism is a line at every size.
    const data = parseCsv(files['fig6.csv'] as string);
    expect(new Set(data.map((r) => r.mechanism))).toContain('ida');
    expect(data.filter((r) => r.mechanism === 't-dda').map((r) => Number(r.size))).toEqual([
      20, 40, 60, 80, 100,
    ]);
  });
});
