/**
 * Registers the paper-model implementations of the baselines under their shared names.
 */
import { registerPaperPolicy } from '../../src/paper/policy.js';
import { paperCloudOnly } from './cloud-only.js';
import { paperFifo } from './fifo.js';
import { paperLaot } from './laot.js';
import { paperLfu } from './lfu.js';

/** Registers `cloud-only`, `fifo`, `lfu` and `laot` on the paper's model. */
export function registerPaperBaselines(): void {
  registerPaperPolicy('cloud-only', () => paperCloudOnly());
  registerPaperPolicy('fifo', () => paperFifo());
  registerPaperPolicy('lfu', () => paperLfu());
  registerPaperPolicy('laot', ({ scenario }) => paperLaot(scenario.decisions.laotEvicts));
}
