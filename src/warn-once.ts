/**
 * Warnings said once per process. A policy's one-time warning (weights trained on another
 * scenario, no trained weights) is remembered per key; a worker thread has module state of its
 * own, so `sweep`'s workers forward theirs to the main thread ({@link forwardWarnings}), which
 * says each key once however many workers met it.
 */

const said = new Set<string>();
let forward: ((key: string, line: string) => void) | undefined;

/**
 * Says `line` the first time `key` is warned in this thread: to `write` when given, else to the
 * thread's forwarder when one is set, else on stderr. True when it was said (not a repeat).
 */
export function warnOnce(key: string, line: string, write?: (line: string) => void): boolean {
  if (said.has(key)) return false;
  said.add(key);
  if (write !== undefined) write(line);
  else if (forward !== undefined) forward(key, line);
  else process.stderr.write(`${line}\n`);
  return true;
}

/** In a worker thread: hand this thread's warnings to `to` (which posts them to the main thread). */
export function forwardWarnings(to: (key: string, line: string) => void): void {
  forward = to;
}
