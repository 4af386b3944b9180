// Issue 3 benchmark: verify() of one mechanism on all eight properties, 500 runs, markets of up to
// 20 orders a side. Target: ≤ 10 s per mechanism.
import { listMechanisms, verify } from 'doubledutch';

const only = process.argv[2];
console.log('mechanism\tseconds (all properties, 500 runs, ≤ 20 orders a side)\tslowest property');
for (const name of listMechanisms()) {
  if (only !== undefined && name !== only) continue;
  const t0 = performance.now();
  const perProperty = [];
  const report = verify(name, { numRuns: 500, seed: 1, arbitrary: { maxBids: 20, maxAsks: 20 } });
  const seconds = (performance.now() - t0) / 1000;
  for (const property of Object.keys(report.results)) perProperty.push(property);
  // Time the slowest property (dsic) on its own, to say where the time goes.
  const t1 = performance.now();
  verify(name, { properties: ['dsic'], numRuns: 500, seed: 1, arbitrary: { maxBids: 20, maxAsks: 20 } });
  const dsic = (performance.now() - t1) / 1000;
  console.log(`${name}\t${seconds.toFixed(2)}\tdsic ${dsic.toFixed(2)} s`);
}
