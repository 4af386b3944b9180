import { Presets, SingleBar } from 'cli-progress';

/** Progress of long work on stderr: a bar on a terminal, a line every tenth otherwise (logs, CI). */
export interface Progress {
  tick(label: string): void;
  stop(): void;
}

/**
 * Creates a progress reporter for `total` steps. Off a terminal it prints the first step (`runs:
 * 1/N ...`), so a log shows early that work is under way (scripts, and the Ctrl-C test, wait for
 * it), then every tenth.
 */
export function createProgress(total: number, what: string, quiet = false): Progress {
  if (quiet || total === 0) return { tick: () => {}, stop: () => {} };
  if (process.stderr.isTTY) {
    const bar = new SingleBar(
      {
        format: `${what} [{bar}] {value}/{total} {percentage}% | eta {eta_formatted} | {label}`,
        stream: process.stderr,
        hideCursor: true,
      },
      Presets.shades_classic,
    );
    bar.start(total, 0, { label: '' });
    return { tick: (label) => bar.increment(1, { label }), stop: () => bar.stop() };
  }
  let done = 0;
  const started = Date.now();
  return {
    tick: (label) => {
      done++;
      if (done === 1 || done === total || done % Math.max(1, Math.round(total / 10)) === 0) {
        const s = ((Date.now() - started) / 1000).toFixed(0);
        process.stderr.write(`${what}: ${done}/${total} (${s} s) ${label}\n`);
      }
    },
    stop: () => {},
  };
}
