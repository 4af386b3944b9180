// Issue 2 benchmark: McAfee on n single-unit bids and n asks, integer prices 1..10^6 given as
// plain numbers, createMarket included. Target: n = 10^6 in ≤ 1.0 s, peak memory < 1.5 GB.
// Each n runs in its own process so that peak RSS belongs to that n alone.
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const sizes = [1e3, 1e4, 1e5, 1e6];
const repeats = 5;

if (process.argv[2] === 'child') {
  const { createMarket, getMechanism } = await import('doubledutch');
  const n = Number(process.argv[3]);
  // A fixed linear congruential stream, so every run clears the same market.
  let state = 12345;
  const next = () => {
    state = (Math.imul(state, 1103515245) + 12345) >>> 0;
    return 1 + (state % 1_000_000);
  };
  const times = [];
  const materialised = [];
  let outcome;
  for (let r = 0; r < repeats; r++) {
    const bids = new Array(n);
    const asks = new Array(n);
    for (let i = 0; i < n; i++) {
      bids[i] = { id: `b${i}`, value: next() };
      asks[i] = { id: `s${i}`, cost: next() };
    }
    globalThis.gc?.();
    const t0 = performance.now();
    const market = createMarket({ bids, asks });
    outcome = getMechanism('mcafee').clear(market);
    const t1 = performance.now();
    const rows = outcome.fills.length + outcome.trades.length;
    const t2 = performance.now();
    times.push(t1 - t0);
    materialised.push(t2 - t0);
    if (rows < 0) throw new Error('unreachable');
  }
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const peakMiB = process.resourceUsage().maxRSS / 1024;
  console.log(
    JSON.stringify({
      n,
      medianMs: +median(times).toFixed(1),
      medianWithFillsMs: +median(materialised).toFixed(1),
      peakRssMiB: +peakMiB.toFixed(0),
      trades: outcome.fills.filter((f) => f.side === 'buy').reduce((s, f) => s + f.quantity, 0),
    }),
  );
} else {
  console.log(
    `McAfee clearing, n bids + n asks, median of ${repeats} (createMarket + clear; then with fills read)`,
  );
  console.log('n\tclear ms\t+fills ms\tpeak RSS MiB\ttrades');
  for (const n of sizes) {
    const run = spawnSync(
      process.execPath,
      ['--expose-gc', fileURLToPath(import.meta.url), 'child', String(n)],
      {
        encoding: 'utf8',
      },
    );
    if (run.status !== 0) {
      console.error(run.stderr);
      process.exit(1);
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop());
    console.log(`${r.n}\t${r.medianMs}\t${r.medianWithFillsMs}\t${r.peakRssMiB}\t${r.trades}`);
  }
}
