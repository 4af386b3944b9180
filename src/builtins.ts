/**
 * Registers the built-in mechanisms. Kept apart from the entry point so that the registration is
 * the one side effect of importing the package.
 */
import { average } from '../mechanisms/average.js';
import { dda } from '../mechanisms/dda.js';
import { ddaTr } from '../mechanisms/dda-tr.js';
import { kDouble } from '../mechanisms/k-double.js';
import { mcafee } from '../mechanisms/mcafee.js';
import { sbba } from '../mechanisms/sbba.js';
import { tradeReduction } from '../mechanisms/trade-reduction.js';
import { vcg } from '../mechanisms/vcg.js';
import { welfareMax } from '../mechanisms/welfare-max.js';
import { listMechanisms, registerMechanism } from './mechanism.js';

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
] as const;

if (listMechanisms().length === 0) {
  for (const mechanism of builtInMechanisms) registerMechanism(mechanism);
}
