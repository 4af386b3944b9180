// Issue 11 item 5: one table of metrics, from which run aggregates and CSV columns derive.
import { describe, expect, it } from 'vitest';
import {
  aggregate,
  METRICS,
  metricsRow,
  type SlotRecord,
  SUMMARY_COLUMNS,
  TIMING_COLUMNS,
} from '../../src/experiment/metrics.js';

function slot(over: Partial<SlotRecord>): SlotRecord {
  const zero = Object.fromEntries(METRICS.map((m) => [m.slot, 0]));
  return {
    ...zero,
    slot: 0,
    cloudRequests: 0,
    misrouted: 0,
    reprefills: 0,
    cloudChargesUsd: 0,
    memoryUse: 0,
    markets: 0,
    ...over,
  } as SlotRecord;
}

describe('the metrics table', () => {
  it('aggregates each metric as its row says: sums, means per request, shares of requests', () => {
    const run = aggregate([
      slot({ requests: 1, systemCost: 2, latencyS: 10, edgeRequests: 1, trades: 1 }),
      slot({ requests: 3, systemCost: 4, latencyS: 2, edgeRequests: 0, trades: 2 }),
    ]);
    expect(run.systemCost).toBe(6);
    expect(run.latencyS).toBe((10 * 1 + 2 * 3) / 4);
    expect(run.edgeShare).toBe(1 / 4);
    expect(run.trades).toBe(3);
    expect(run.requests).toBe(4);
    expect(Object.keys(run)).toEqual(METRICS.map((m) => m.key));
    expect(aggregate([]).latencyS).toBe(0);
  });

  it('gives summary.csv the contract columns in order, and timings.csv the wall-clock ones', () => {
    expect(SUMMARY_COLUMNS).toEqual([
      'policy',
      'mechanism',
      'seed',
      'system_cost',
      'latency_s',
      'ttft_s',
      'energy_j',
      'accuracy',
      'edge_share',
      'switches',
      'welfare',
      'surplus',
      'trades',
      'ir_violations',
      'requests',
    ]);
    expect(TIMING_COLUMNS).toEqual(['policy', 'mechanism', 'seed', 'clearing_ms', 'run_ms']);
    const row = metricsRow(
      { policy: 'p', mechanism: 'none', seed: 1, wallMs: 5 },
      aggregate([slot({ requests: 2, switches: 3 })]),
    );
    for (const column of [...SUMMARY_COLUMNS, ...TIMING_COLUMNS]) expect(row).toHaveProperty(column);
    expect(row.switches).toBe(3);
    expect(row.run_ms).toBe(5);
  });
});
