/**
 * Atomic result files: a reader (or a crash) never sees a half-written result. Each file is
 * written to a temporary sibling and renamed into place, which POSIX makes atomic on one file
 * system; a set of files is first written completely to a staging directory, so a failure while
 * producing any of them leaves none behind.
 */
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

// Staging directories and temporary files being written now, so that an interrupted process
// (Ctrl-C) can remove them on its way out.
const inFlight = new Set<string>();

/**
 * Removes the staging directories and temporary files of writes still in progress. The CLI calls
 * it when interrupted, so that an interrupted run leaves no partial result behind.
 *
 * @category experiments
 */
export function removeUnfinishedWrites(): void {
  for (const path of inFlight) rmSync(path, { recursive: true, force: true });
  inFlight.clear();
}

/**
 * Writes `data` to `path` atomically (temporary file, then rename), creating the directory.
 *
 * @category experiments
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  inFlight.add(temporary);
  try {
    writeFileSync(temporary, data);
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    inFlight.delete(temporary);
  }
}

/**
 * Writes a set of files into `dir` all or nothing: `produce` returns the contents (it may throw,
 * in which case nothing is written); every file is staged in a temporary directory beside `dir`,
 * then renamed into place.
 *
 * @category experiments
 */
export function writeFilesAtomic(dir: string, produce: () => Record<string, string | Uint8Array>): string[] {
  const files = produce();
  const staging = openStaging(dir);
  try {
    for (const [name, data] of Object.entries(files)) {
      const path = join(staging, name);
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
    const written: string[] = [];
    for (const name of Object.keys(files)) {
      const target = join(dir, name);
      mkdirSync(dirname(target), { recursive: true });
      renameSync(join(staging, name), target);
      written.push(target);
    }
    return written;
  } finally {
    closeStaging(staging);
  }
}

/** A fresh staging directory inside `dir`, registered so that an interruption removes it. */
function openStaging(dir: string): string {
  mkdirSync(dir, { recursive: true });
  const staging = mkdtempSync(join(dir, '.staging-'));
  inFlight.add(staging);
  return staging;
}

/** Removes a staging directory and what is left in it. */
function closeStaging(staging: string): void {
  rmSync(staging, { recursive: true, force: true });
  inFlight.delete(staging);
}

/**
 * Fills `dir` with files written by other code (e.g. TensorFlow.js saving a model): `fill` writes
 * into a fresh staging directory inside `dir`; only when it has succeeded is every file moved into
 * place, one rename each, replacing a file of the same path and leaving every other file of `dir`
 * alone. A failure while filling leaves `dir` as it was.
 *
 * @category experiments
 */
export async function publishDirectory(
  dir: string,
  fill: (staging: string) => Promise<void>,
): Promise<string[]> {
  const staging = openStaging(dir);
  try {
    await fill(staging);
    const written: string[] = [];
    const move = (relative: string) => {
      for (const entry of readdirSync(join(staging, relative), { withFileTypes: true })) {
        const path = join(relative, entry.name);
        if (entry.isDirectory()) {
          mkdirSync(join(dir, path), { recursive: true });
          move(path);
        } else {
          renameSync(join(staging, path), join(dir, path));
          written.push(join(dir, path));
        }
      }
    };
    move('');
    return written;
  } finally {
    closeStaging(staging);
  }
}
