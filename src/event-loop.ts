/**
 * Turns of the event loop for long synchronous work (issue 16 item 1). A run, an episode or an
 * optimiser step is synchronous; a signal handler (Ctrl-C, a batch scheduler's SIGTERM) and timers
 * only run when the event loop gets a turn. Runs, training loops and the episode driver share
 * these two helpers instead of each keeping its own.
 */

// How long synchronous work may run between two turns of the event loop.
const TURN_EVERY_MS = 20;
let lastTurn = performance.now();

/** Resolves on the next turn of the event loop (after pending I/O and signal handlers). */
export function nextTurn(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/**
 * Gives the event loop a turn when the last one (by any caller) is more than 20 ms old, so a
 * handler runs within about that time at no measurable cost to a loop that calls it every step.
 */
export async function turnIfDue(): Promise<void> {
  if (performance.now() - lastTurn < TURN_EVERY_MS) return;
  await nextTurn();
  lastTurn = performance.now();
}
