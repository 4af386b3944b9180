/**
 * Registers the built-in mechanisms. Kept apart from the entry point so that the registration is
 * the one side effect of importing the package.
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
import { randomPolicy } from '../policies/random.js';
import { lazyPolicy } from './lazy-policy.js';
import { listMechanisms, registerMechanism } from './mechanism.js';
import { listPolicies, registerPolicy } from './policy.js';

// TensorFlow.js is loaded with the first T2DRL policy prepared, not with the package.
const t2drlModule = () => import('../policies/t2drl/index.js');
const paperT2drlModule = () => import('../policies/t2drl/ttt/index.js');

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

if (listMechanisms().length === 0) {
  for (const mechanism of builtInMechanisms) registerMechanism(mechanism);
}

if (listPolicies().length === 0) {
  registerPolicy('cloud-only', 'caches nothing; every request to the cloud', () => cloudOnly());
  registerPolicy('fifo', 'evicts the model loaded first', () => fifo());
  registerPolicy('lru', 'evicts the least recently used model', () => lru());
  registerPolicy('lfu', 'evicts the least frequently used model', () => lfu());
  registerPolicy('least-context', 'evicts the model with the least effective (age-weighted) context', () =>
    leastContext(),
  );
  registerPolicy('random', 'evicts a random model (seeded)', ({ seed }) => randomPolicy(seed));
  registerPolicy('greedy-oracle', 'sees the next slot: a reference bound, not a competitor', () =>
    greedyOracle(),
  );
  registerPolicy(
    't2drl',
    "the seed paper's T2DRL: a TTT-Linear actor-critic whose hidden weights adapt at every slot, trained by PPO",
    ({ seed, scenario }) =>
      lazyPolicy('t2drl', async () =>
        (await paperT2drlModule()).paperActorCriticPolicy('t2drl', { seed, scenario }),
      ),
  );
  registerPolicy(
    'ppo',
    "the seed paper's PPO baseline: T2DRL's network without the TTT layer",
    ({ seed, scenario }) =>
      lazyPolicy('ppo', async () =>
        (await paperT2drlModule()).paperActorCriticPolicy('ppo', { seed, scenario }),
      ),
  );
  registerPolicy(
    't2drl-online',
    'online PPO (the earlier t2drl): a trained agent taking a PPO step every 20 slots while evaluated',
    ({ seed }) => lazyPolicy('t2drl-online', async () => (await t2drlModule()).t2drlOnline(seed)),
  );
  registerPolicy('drl-frozen', 'the T2DRL network without test-time updates', ({ seed }) =>
    lazyPolicy('drl-frozen', async () => (await t2drlModule()).drlFrozen(seed)),
  );
  registerPolicy(
    't2drl-pair',
    'T2DRL learning from one reward per (server, model) decision instead of the slot total',
    ({ seed }) => lazyPolicy('t2drl-pair', async () => (await t2drlModule()).t2drlPair(seed)),
  );
}
