import { describe, expect, it } from 'vitest';
import { createMarket, dda, ddaClockChart, ddaClockChartSpec, renderVegaLiteSvg } from '../src/index.js';

const market = createMarket({
  bids: [10, 9, 7, 4].map((value, i) => ({ id: `b${i + 1}`, value })),
  asks: [2, 3, 6, 8].map((cost, i) => ({ id: `s${i + 1}`, cost })),
});

describe('charts', () => {
  it('renders a Vega-Lite spec to SVG headless', async () => {
    const svg = await renderVegaLiteSvg({
      data: { values: [{ x: 1, y: 2 }] },
      mark: 'point',
      encoding: { x: { field: 'x', type: 'quantitative' }, y: { field: 'y', type: 'quantitative' } },
    });
    expect(svg.startsWith('<svg')).toBe(true);
    expect(svg).toContain('</svg>');
  });

  it('the DDA clock chart draws both clocks and labels the crossing', async () => {
    const trace = dda.clear(market, { trace: true }).trace ?? [];
    const spec = ddaClockChartSpec(trace);
    expect(JSON.stringify(spec)).toContain('crossing at 6 after 10 ticks');
    const svg = await ddaClockChart(trace);
    expect(svg).toContain('crossing at 6 after 10 ticks');
    expect(svg).toContain('buyer clock');
    expect(svg).toContain('seller clock');
    expect((svg.match(/<path/g) ?? []).length).toBeGreaterThanOrEqual(2);
  });

  it('thins long traces to the point budget but keeps the crossing', () => {
    const bids = Array.from({ length: 3000 }, (_, i) => ({ id: `b${i}`, value: 1 + ((i * 7919) % 5000) }));
    const asks = Array.from({ length: 3000 }, (_, i) => ({ id: `s${i}`, cost: 1 + ((i * 104729) % 5000) }));
    const trace = dda.clear(createMarket({ bids, asks }), { trace: true }).trace ?? [];
    expect(trace.length).toBeGreaterThan(1000);
    const spec = ddaClockChartSpec(trace, { maxPoints: 200 }) as { layer: { data: { values: unknown[] } }[] };
    expect(spec.layer[0]?.data.values.length).toBeLessThanOrEqual(2 * 201);
    const last = trace.at(-1);
    expect(JSON.stringify(spec)).toContain(`after ${last?.round} ticks`);
  });
});
