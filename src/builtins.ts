/**
 * Registers the built-in mechanisms and policies. Kept apart from the entry point so that the
 * registration is the one side effect of importing the package. The T2DRL definitions load
 * TensorFlow.js only when one of their policies is prepared (`policies/t2drl/index.ts`).
 */
import { average } from '../mechanisms/average.js';
import { dda } from '../mechanisms/dda.js';
import { ddaSync } from '../mechanisms/dda-sync.js';
import { ddaTr } from '../mechanisms/dda-tr.js';
import { ida } from '../mechanisms/ida.js';
import { kDouble } from '../mechanisms/k-double.js';
import { mcafee } from '../mechanisms/mcafee.js';
import { sbba } from '../mechanisms/sbba.js';
import { tDda } from '../mechanisms/t-dda.js';
import { tradeReduction } from '../mechanisms/trade-reduction.js';
import { vcg } from '../mechanisms/vcg.js';
import { welfareMax } from '../mechanisms/welfare-max.js';
import { cloudOnly } from '../policies/cloud-only.js';
import { fifo } from '../policies/fifo.js';
import { greedyOracle } from '../policies/greedy-oracle.js';
import { leastContext } from '../policies/least-context.js';
import { lfu } from '../policies/lfu.js';
import { lru } from '../policies/lru.js';
import { paperCloudOnly } from '../policies/paper/cloud-only.js';
import { paperFifo } from '../policies/paper/fifo.js';
import { laot, onBothModels } from '../policies/paper/index.js';
import { paperLfu } from '../policies/paper/lfu.js';
import { random } from '../policies/random.js';
import { drlFrozen, ppo, t2drl, t2drlOnline, t2drlPair } from '../policies/t2drl/index.js';
import { registerWorkerModule } from './experiment/worker-modules.js';
import { listMechanisms, registerMechanism } from './mechanism.js';
import { listPolicies, registerPolicy } from './policy.js';

/** The built-in mechanisms, in the order the docs present them. */
export const builtInMechanisms = [
  dda,
  ddaTr,
  welfareMax,
  kDouble,
  average,
  vcg,
  tradeReduction,
  mcafee,
  sbba,
  tDda,
  ddaSync,
  ida,
] as const;

// Sweep workers start with empty registries: they import this module first.
registerWorkerModule(import.meta.url);

// The type of each built-in under its registered name, for getMechanism's typed lookup (issue 15).
// A mechanism added to builtInMechanisms is added here too (test/mechanism.test.ts checks).
declare module './mechanism.js' {
  interface MechanismTypes {
    dda: typeof dda;
    'dda-tr': typeof ddaTr;
    'welfare-max': typeof welfareMax;
    'k-double': typeof kDouble;
    average: typeof average;
    vcg: typeof vcg;
    'trade-reduction': typeof tradeReduction;
    mcafee: typeof mcafee;
    sbba: typeof sbba;
    't-dda': typeof tDda;
    'dda-sync': typeof ddaSync;
    ida: typeof ida;
  }
}

if (listMechanisms().length === 0) {
  for (const mechanism of builtInMechanisms) registerMechanism(mechanism);
}

/** The built-in policies, in the order the docs present them. */
export const builtInPolicies = [
  // The paper's baselines run on its model too (kind: 'paper'; policies/paper/).
  onBothModels(cloudOnly, () => paperCloudOnly()),
  onBothModels(fifo, () => paperFifo()),
  lru,
  onBothModels(lfu, () => paperLfu()),
  leastContext,
  laot,
  random,
  greedyOracle,
  t2drl,
  ppo,
  t2drlOnline,
  drlFrozen,
  t2drlPair,
] as const;

if (listPolicies().length === 0) {
  for (const policy of builtInPolicies) registerPolicy(policy);
}
