// Issue 5 benchmark: the full Mooncake hour (12,031 requests) under LRU; target ≤ 5 s. Then 10x
// the trace (replayed ten times over ten hours) to show that memory stays flat as the trace grows.
import { defaultScenario, parseScenario, simulate } from 'doubledutch';

async function run(repeat) {
  const base = defaultScenario();
  const scenario = parseScenario({
    ...base,
    durationS: 3600 * repeat,
    workload: { ...base.workload, repeat },
  });
  globalThis.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let peakHeap = heapBefore;
  const t0 = performance.now();
  const result = await simulate({
    scenario,
    policy: 'lru',
    seed: 1,
    onSlot: () => {
      const h = process.memoryUsage().heapUsed;
      if (h > peakHeap) peakHeap = h;
    },
  });
  const seconds = (performance.now() - t0) / 1000;
  return {
    repeat,
    requests: result.metrics.requests,
    seconds,
    peakHeapMiB: peakHeap / 2 ** 20,
    slots: result.slots.length,
  };
}

console.log('trace\trequests\tseconds\tpeak heap MiB\tslots');
for (const repeat of [1, 10]) {
  const r = await run(repeat);
  console.log(
    `${r.repeat}x\t${r.requests}\t${r.seconds.toFixed(2)}\t${r.peakHeapMiB.toFixed(0)}\t${r.slots}`,
  );
}
console.log(`peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MiB`);
