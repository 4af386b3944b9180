// Issue 11 benchmark: the start-up cost of `import('doubledutch')` for a consumer that only uses the
// market (createMarket + one mechanism), against a bare `node -e 1` measured in the same run.
// Target: at most 3× the bare start-up. Each sample is a fresh process, timed from spawn to exit;
// the two kinds alternate so that a change in the machine's load affects both alike.
import { spawnSync } from 'node:child_process';

const repeats = Number(process.argv[2] ?? 11);
const consumer = `
const pkg = await import('doubledutch');
const market = pkg.createMarket({ bids: [{ id: 'b', value: '3.5' }], asks: [{ id: 's', cost: 1 }] });
if (pkg.getMechanism('mcafee').clear(market).fills.length < 0) process.exit(1);
`;

function timed(args) {
  const t0 = performance.now();
  // The package resolves itself by name from inside its own directory (package.json "exports").
  const run = spawnSync(process.execPath, args, { encoding: 'utf8', cwd: new URL('../..', import.meta.url) });
  const ms = performance.now() - t0;
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  return ms;
}

const bare = [];
const market = [];
for (let r = 0; r < repeats; r++) {
  bare.push(timed(['-e', '1']));
  market.push(timed(['--input-type=module', '-e', consumer]));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const b = median(bare);
const m = median(market);
console.log(`start-up, median of ${repeats} fresh processes (spawn to exit)`);
console.log(`node -e 1\t${b.toFixed(0)} ms`);
console.log(
  `import('doubledutch') + one market\t${m.toFixed(0)} ms\t${(m / b).toFixed(1)}× bare (target ≤ 3×)`,
);
