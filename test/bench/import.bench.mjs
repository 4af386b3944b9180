// Issue 11 benchmark: the start-up cost of `import('doubledutch')` for a consumer that only uses the
// market (createMarket + one mechanism), against a bare `node -e 1` measured in the same run.
// Target: at most 3× the bare start-up. Each sample is a fresh process, timed from spawn to exit
// (wall) and by its own CPU time (user + system, which a busy machine disturbs less); the two
// kinds alternate so that a change in the machine's load affects both alike.
import { spawnSync } from 'node:child_process';

const repeats = Number(process.argv[2] ?? 11);
const cpu = 'const u = process.cpuUsage(); console.log((u.user + u.system) / 1000);';
const bare = `${cpu}`;
const consumer = `
const pkg = await import('doubledutch');
const market = pkg.createMarket({ bids: [{ id: 'b', value: '3.5' }], asks: [{ id: 's', cost: 1 }] });
if (pkg.getMechanism('mcafee').clear(market).fills.length < 0) process.exit(1);
${cpu}`;

function timed(code) {
  const t0 = performance.now();
  // The package resolves itself by name from inside its own directory (package.json "exports").
  const run = spawnSync(process.execPath, ['--input-type=module', '-e', code], {
    encoding: 'utf8',
    cwd: new URL('../..', import.meta.url),
  });
  const wall = performance.now() - t0;
  if (run.status !== 0) {
    console.error(run.stderr);
    process.exit(1);
  }
  return { wall, cpu: Number(run.stdout.trim().split('\n').pop()) };
}

const samples = { bare: [], market: [] };
for (let r = 0; r < repeats; r++) {
  samples.bare.push(timed(bare));
  samples.market.push(timed(consumer));
}
const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const figure = (kind, key) => median(samples[kind].map((s) => s[key]));
console.log(`start-up, median of ${repeats} fresh processes: wall (spawn to exit) and CPU (user + system)`);
console.log('\twall ms\tCPU ms');
console.log(`node -e 1\t${figure('bare', 'wall').toFixed(0)}\t${figure('bare', 'cpu').toFixed(0)}`);
console.log(
  `import('doubledutch') + one market\t${figure('market', 'wall').toFixed(0)}\t${figure('market', 'cpu').toFixed(0)}`,
);
console.log(
  `ratio (target ≤ 3×)\t${(figure('market', 'wall') / figure('bare', 'wall')).toFixed(1)}×\t${(figure('market', 'cpu') / figure('bare', 'cpu')).toFixed(1)}×`,
);
