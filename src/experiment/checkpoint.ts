/**
 * Cooperative interruption of long synchronous work (issue 16 item 1). A run is synchronous slot
 * after slot; a signal handler (Ctrl-C, a batch scheduler's SIGTERM) only runs when the event loop
 * gets a turn. `simulate` awaits {@link checkpoint} once per slot: it yields to the event loop when
 * the last yield is more than a few milliseconds old (so a handler runs within about that time,
 * at no measurable cost to a run), and throws when the caller's `AbortSignal` has fired.
 */

import { turnIfDue } from '../event-loop.js';

/**
 * Throws the signal's reason when it has been aborted; otherwise gives the event loop a turn if
 * the last one is more than 20 ms old.
 *
 * @category experiments
 */
export async function checkpoint(signal?: AbortSignal): Promise<void> {
  signal?.throwIfAborted();
  await turnIfDue();
  signal?.throwIfAborted();
}
