/**
 * The figures `doubledutch reproduce` draws, in the paper's order. Fig. 3 (T2DRL and PPO against
 * the baselines, issue 13) and Fig. 6 (t-DDA against IDA, issue 14) are added here as modules.
 */
import { bound } from './bound.js';
import { fig3a, fig3b } from './fig3.js';
import { fig4a, fig4b, fig4c, fig4d } from './fig4.js';
import { fig5a, fig5b } from './fig5.js';
import { fig6 } from './fig6.js';
import type { FigureModule } from './figure.js';

/** Every reproduced figure. @category experiments */
export const FIGURES: readonly FigureModule[] = [
  fig3a,
  fig3b,
  fig4a,
  fig4b,
  fig4c,
  fig4d,
  fig5a,
  fig5b,
  fig6,
  bound,
];

/** The paper's figures this command does not draw yet, and what will add them. @category experiments */
export const PENDING_FIGURES: readonly { readonly id: string; readonly what: string }[] = [
  {
    id: 'fig3c',
    what: 'reasoning accuracy per task vs training episode for T2DRL (its comparators are not named, PAPER §5.5); 3a and 3b are drawn',
  },
];
