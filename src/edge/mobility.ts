/**
 * Random-waypoint mobility (Johnson & Maltz, 1996): each agent walks at constant speed towards a
 * uniformly drawn waypoint in the area, and draws a new one on arrival.
 */
import type { Rng } from '../random.js';

/** A mobile agent's position and destination. */
export interface AgentPosition {
  xM: number;
  yM: number;
  targetXM: number;
  targetYM: number;
}

/** Places `count` agents uniformly, each with a first waypoint. @category edge */
export function placeAgents(count: number, widthM: number, heightM: number, rng: Rng): AgentPosition[] {
  return Array.from({ length: count }, () => ({
    xM: rng.next() * widthM,
    yM: rng.next() * heightM,
    targetXM: rng.next() * widthM,
    targetYM: rng.next() * heightM,
  }));
}

/** Moves every agent for `seconds` at `speedMps` (in place). @category edge */
export function moveAgents(
  agents: AgentPosition[],
  seconds: number,
  speedMps: number,
  widthM: number,
  heightM: number,
  rng: Rng,
): void {
  for (const a of agents) {
    let left = seconds * speedMps;
    while (left > 0) {
      const dx = a.targetXM - a.xM;
      const dy = a.targetYM - a.yM;
      const d = Math.hypot(dx, dy);
      if (d <= left) {
        a.xM = a.targetXM;
        a.yM = a.targetYM;
        left -= d;
        a.targetXM = rng.next() * widthM;
        a.targetYM = rng.next() * heightM;
        if (d === 0 && left > 0 && a.targetXM === a.xM && a.targetYM === a.yM) break;
      } else {
        a.xM += (dx / d) * left;
        a.yM += (dy / d) * left;
        left = 0;
      }
    }
  }
}
