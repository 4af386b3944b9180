/**
 * Atomic result files: a reader (or a crash, even kill -9) never sees a half-written result or a
 * mix of two runs' results (issue 16 item 2).
 *
 * - One file ({@link writeFileAtomic}) is written to a temporary sibling, flushed, and renamed into
 *   place, which POSIX makes atomic on one file system.
 * - A set of files ({@link writeFilesAtomic}, {@link publishDirectory}) is written completely to a
 *   staging directory beside the output directory and published by a directory swap: when the
 *   output directory does not exist, one rename; otherwise the old directory is renamed aside and
 *   the staging directory renamed into its place, two renames with nothing written between them.
 *   Whatever else the output directory held (another command's results, the user's files) is moved
 *   into the staging directory first, and listed there, so it survives the swap.
 * - A process killed in the middle leaves only hidden siblings (`.NAME.staging-*`, `.NAME.old-*`);
 *   the next publication to that directory removes them, first restoring the old directory if the
 *   kill fell between the two renames and moving back what had been carried over, so the directory
 *   always holds one complete result set.
 *
 * A symbolic link given as the directory is followed (the set lands where it points). A mount point
 * (a container volume) cannot be renamed: there the set is staged inside it and moved into place
 * entry by entry, with the record below removed first and written last, so that an interrupted
 * publication is recognisable (it has none) and is replaced only with `--overwrite`.
 *
 * The set records which command wrote it (`.doubledutch-results.json`), so that a command does not
 * replace another command's results unless asked (issue 15 item 4).
 */
import {
  closeSync,
  existsSync,
  fsyncSync,
  mkdirSync,
  mkdtempSync,
  openSync,
  readdirSync,
  readFileSync,
  realpathSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import { homedir } from 'node:os';
import { basename, dirname, join, relative, resolve, sep } from 'node:path';
import { DoubleDutchError } from '../errors.js';

// Staging directories and temporary files being written now, so that an interrupted process
// (Ctrl-C) can remove them on its way out.
const inFlight = new Set<string>();

/** The file in a published set that names the command that wrote it and the set's files. */
const MANIFEST = '.doubledutch-results.json';
/** The file in a staging directory that lists what was carried over from the old directory. */
const CARRIED = '.doubledutch-carried.json';

/**
 * Removes the staging directories and temporary files of writes still in progress. The CLI calls
 * it when interrupted, so that an interrupted run leaves no partial result behind.
 *
 * @category experiments
 */
export function removeUnfinishedWrites(): void {
  for (const path of inFlight) {
    // A staging directory may hold what was carried over from the output directory: give it back.
    if (existsSync(join(path, CARRIED))) restoreCarried(path);
    rmSync(path, { recursive: true, force: true });
  }
  inFlight.clear();
}

/**
 * Writes `data` to `path` atomically (temporary file, flushed to disk, then renamed), creating the
 * directory.
 *
 * @category experiments
 */
export function writeFileAtomic(path: string, data: string | Uint8Array): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = `${path}.tmp-${process.pid}-${Math.random().toString(36).slice(2)}`;
  inFlight.add(temporary);
  try {
    const fd = openSync(temporary, 'w');
    try {
      const bytes = typeof data === 'string' ? Buffer.from(data) : data;
      let written = 0;
      while (written < bytes.length) written += writeSync(fd, bytes, written);
      fsyncSync(fd);
    } finally {
      closeSync(fd);
    }
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw error;
  } finally {
    inFlight.delete(temporary);
  }
}

/**
 * Options of {@link writeFilesAtomic} and {@link publishDirectory}.
 *
 * @category experiments
 */
export interface PublishOptions {
  /**
   * The command publishing the set, recorded with it. When given, a directory holding files of
   * another command's set (or unrecorded files the set would replace) is refused unless
   * `overwrite` is set.
   */
  readonly command?: string;
  /** Replace whatever the set's files would replace. */
  readonly overwrite?: boolean;
}

interface Manifest {
  readonly command: string;
  readonly files: readonly string[];
}

function readManifest(dir: string): Manifest | undefined {
  try {
    const json = JSON.parse(readFileSync(join(dir, MANIFEST), 'utf8')) as Partial<Manifest>;
    if (typeof json.command === 'string' && Array.isArray(json.files))
      return { command: json.command, files: json.files.filter((f) => typeof f === 'string') };
  } catch {
    // no manifest, or not ours
  }
  return undefined;
}

/** The hidden siblings of `dir` left by an interrupted publication. */
function siblings(dir: string, kind: 'staging' | 'old'): string[] {
  const parent = dirname(dir);
  const prefix = `.${basename(dir)}.${kind}-`;
  if (!existsSync(parent)) return [];
  return readdirSync(parent)
    .filter((name) => name.startsWith(prefix) && !isAlive(Number(name.slice(prefix.length).split('-')[0])))
    .map((name) => join(parent, name));
}

/** True when `pid` is another process still running (whose publication is not stale). */
function isAlive(pid: number): boolean {
  if (!Number.isSafeInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Moves back into the output directory what a staging directory had carried over from it. */
function restoreCarried(staging: string): void {
  let record: { dir: string; paths: string[] };
  try {
    record = JSON.parse(readFileSync(join(staging, CARRIED), 'utf8')) as { dir: string; paths: string[] };
  } catch {
    return;
  }
  for (const path of record.paths) {
    const from = join(staging, path);
    const to = join(record.dir, path);
    if (!existsSync(from) || existsSync(to)) continue;
    mkdirSync(dirname(to), { recursive: true });
    renameSync(from, to);
  }
}

/**
 * Completes or undoes a publication to `dir` that a killed process left unfinished, and removes
 * its hidden siblings (and the staging directories an older version left inside `dir`).
 *
 * @category experiments
 */
export function cleanStalePublications(dir: string): void {
  const target = targetOf(dir);
  // Killed between the two renames of a swap: `dir` is absent and the old set is aside; put it
  // back first, so that what the staging directory had carried over goes back into it.
  for (const old of siblings(target, 'old')) {
    const set = join(old, 'set');
    if (existsSync(set) && !existsSync(target)) renameSync(set, target);
    rmSync(old, { recursive: true, force: true });
  }
  for (const staging of siblings(target, 'staging')) {
    restoreCarried(staging);
    rmSync(staging, { recursive: true, force: true });
  }
  if (existsSync(target) && statSync(target).isDirectory()) {
    for (const name of readdirSync(target))
      if ((name.startsWith('.staging-') && !isAlive(Number(name.split('-')[1]))) || name === CARRIED)
        rmSync(join(target, name), { recursive: true, force: true });
  }
}

/** The paths under `dir` the set `files` would replace, for the refusal message. */
function conflicts(dir: string, files: readonly string[]): string[] {
  return files.filter((f) => existsSync(join(dir, f)));
}

/**
 * Refuses, before any work, to publish `files` into `dir` when that would replace another
 * command's results (or files no command recorded) without `overwrite`. `files` may be a sample of
 * the set's names (e.g. `summary.csv`).
 *
 * @category experiments
 */
export function checkReplaceable(dir: string, files: readonly string[], options: PublishOptions): void {
  checkSwappable(targetOf(dir));
  if (options.command === undefined || options.overwrite === true || !existsSync(dir)) return;
  const manifest = readManifest(dir);
  if (manifest?.command === options.command) return;
  const hit =
    manifest === undefined ? conflicts(dir, files) : manifest.files.length > 0 ? manifest.files : [];
  if (hit.length === 0) return;
  const whose =
    manifest === undefined
      ? 'results not written by'
      : `the results of 'doubledutch ${manifest.command}', not of`;
  throw new DoubleDutchError(
    'results_exist',
    `'${dir}' holds ${whose} 'doubledutch ${options.command}' (e.g. ${hit[0]}); give another --out, or --overwrite to replace them`,
    '--out',
  );
}

/**
 * A set replaces its directory by renaming it aside: never the working directory (the shell would
 * be left in a removed directory), a directory that holds it, the home directory or a root.
 */
function checkSwappable(dir: string): void {
  const cwd = process.cwd();
  const holdsCwd = cwd === dir || cwd.startsWith(`${dir}${sep}`);
  if (holdsCwd || dir === homedir() || dirname(dir) === dir)
    throw new DoubleDutchError(
      'usage',
      `'${dir}' is ${holdsCwd ? 'the working directory or holds it' : 'a home or root directory'}; give --out a folder of its own (e.g. results)`,
      '--out',
    );
}

/** A file-system error that names no path (a failed write, ENOSPC) names the set's directory. */
function withPath(error: unknown, dir: string): unknown {
  const errno = error as NodeJS.ErrnoException;
  if (typeof errno?.code === 'string' && errno.path === undefined) errno.path = dir;
  return error;
}

/** Every file path under `dir`, relative, sorted. */
function listFiles(dir: string, under = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
    const path = under === '' ? entry.name : `${under}/${entry.name}`;
    if (entry.isDirectory()) out.push(...listFiles(dir, path));
    else out.push(path);
  }
  return out.sort();
}

/**
 * Moves every entry of `dir` that is not a file of either set (the old one, from its manifest, or
 * the new one) into `staging`, recursing only into directories that hold set files. Returns the
 * paths moved.
 */
function carryOver(dir: string, staging: string, ours: ReadonlySet<string>): string[] {
  const carried: string[] = [];
  const isOurs = (path: string) => ours.has(path) || path === MANIFEST || path === CARRIED;
  const holdsOurs = (path: string) => [...ours].some((f) => f.startsWith(`${path}/`));
  const visit = (under: string) => {
    for (const entry of readdirSync(join(dir, under), { withFileTypes: true })) {
      const path = under === '' ? entry.name : `${under}/${entry.name}`;
      if (isOurs(path)) continue;
      if (entry.isDirectory() && holdsOurs(path)) {
        mkdirSync(join(staging, path), { recursive: true });
        visit(path);
      } else if (!existsSync(join(staging, path))) {
        carried.push(path);
        // Listed before it moves, so that a kill between the two gives it back (restoreCarried).
        writeFileSync(join(staging, CARRIED), JSON.stringify({ dir, paths: carried }));
        renameSync(join(dir, path), join(staging, path));
      }
    }
  };
  visit('');
  return carried;
}

/** A fresh staging directory beside `dir` (same file system), after cleaning up stale ones. */
function openStaging(dir: string): string {
  cleanStalePublications(dir);
  mkdirSync(dirname(dir), { recursive: true });
  const staging = isMountPoint(dir)
    ? mkdtempSync(join(dir, `.staging-${process.pid}-`))
    : mkdtempSync(join(dirname(dir), `.${basename(dir)}.staging-${process.pid}-`));
  inFlight.add(staging);
  return staging;
}

/** The directory a set is published as: a symbolic link is followed (the set goes where it points). */
function targetOf(dir: string): string {
  const path = resolve(dir);
  return existsSync(path) ? realpathSync(path) : path;
}

/**
 * True when `dir` is a mount point (a container volume, say): it cannot be renamed, so a set is
 * published into it entry by entry, its manifest written last.
 *
 * @category experiments
 */
export function isMountPoint(dir: string): boolean {
  return existsSync(dir) && dirname(dir) !== dir && statSync(dir).dev !== statSync(dirname(dir)).dev;
}

/** Publishes a staging directory inside a mount point: entry by entry, the manifest last. */
function commitInPlace(staging: string, dir: string, files: readonly string[], manifest: string): void {
  const old = readManifest(dir);
  // Without a manifest the directory is marked incomplete until the new one is written.
  rmSync(join(dir, MANIFEST), { force: true });
  for (const file of old?.files ?? []) if (!files.includes(file)) rmSync(join(dir, file), { force: true });
  for (const file of files) {
    mkdirSync(dirname(join(dir, file)), { recursive: true });
    renameSync(join(staging, file), join(dir, file));
  }
  writeFileAtomic(join(dir, MANIFEST), manifest);
  rmSync(staging, { recursive: true, force: true });
  inFlight.delete(staging);
}

/** Removes a staging directory not published, giving back what it had carried over. */
function discardStaging(staging: string): void {
  if (!inFlight.has(staging)) return;
  if (existsSync(join(staging, CARRIED))) restoreCarried(staging);
  rmSync(staging, { recursive: true, force: true });
  inFlight.delete(staging);
}

/** Publishes a filled staging directory as `dir` by a directory swap (see the module's documentation). */
function commitStaging(staging: string, dir: string, options: PublishOptions): string[] {
  const files = listFiles(staging);
  checkReplaceable(dir, files, options);
  const manifest = `${JSON.stringify({ command: options.command ?? 'api', files }, null, 2)}\n`;
  if (dirname(staging) === dir) commitInPlace(staging, dir, files, manifest);
  else if (!existsSync(dir)) {
    writeFileSync(join(staging, MANIFEST), manifest);
    renameSync(staging, dir);
    inFlight.delete(staging);
  } else {
    if (!statSync(dir).isDirectory())
      throw new DoubleDutchError('results_exist', `'${dir}' exists and is not a directory`, '--out');
    writeFileSync(join(staging, MANIFEST), manifest);
    const old = readManifest(dir);
    carryOver(dir, staging, new Set([...files, ...(old?.files ?? [])]));
    const aside = mkdtempSync(join(dirname(dir), `.${basename(dir)}.old-${process.pid}-`));
    renameSync(dir, join(aside, 'set'));
    // Between these two renames `dir` is absent; cleanStalePublications restores it if killed.
    renameSync(staging, dir);
    inFlight.delete(staging);
    rmSync(join(dir, CARRIED), { force: true });
    rmSync(aside, { recursive: true, force: true });
  }
  return files.map((f) => join(dir, f));
}

/**
 * Writes a set of files into `dir` all or nothing: `produce` returns the contents (it may throw,
 * in which case nothing is written); the set is staged beside `dir` and published by a directory
 * swap, keeping the other files of `dir`. Resolves to the paths written.
 *
 * @category experiments
 */
export function writeFilesAtomic(
  dir: string,
  produce: () => Record<string, string | Uint8Array>,
  options: PublishOptions = {},
): string[] {
  const files = produce();
  const target = targetOf(dir);
  const staging = openStaging(target);
  try {
    for (const [name, data] of Object.entries(files)) {
      const path = join(staging, name);
      if (relative(staging, path).startsWith('..'))
        throw new DoubleDutchError('invalid_name', `'${name}' would be written outside the set`, 'files');
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(path, data);
    }
    return commitStaging(staging, target, options);
  } catch (error) {
    throw withPath(error, target);
  } finally {
    discardStaging(staging);
  }
}

/**
 * Fills `dir` with files written by other code (e.g. TensorFlow.js saving a model): `fill` writes
 * into a fresh staging directory; only when it has succeeded is the set published by a directory
 * swap, replacing files of the same path and keeping every other file of `dir`. A failure while
 * filling leaves `dir` as it was.
 *
 * @category experiments
 */
export async function publishDirectory(
  dir: string,
  fill: (staging: string) => Promise<void>,
  options: PublishOptions = {},
): Promise<string[]> {
  const target = targetOf(dir);
  const staging = openStaging(target);
  try {
    await fill(staging);
    return commitStaging(staging, target, options);
  } catch (error) {
    throw withPath(error, target);
  } finally {
    discardStaging(staging);
  }
}
