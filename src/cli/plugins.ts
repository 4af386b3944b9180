/**
 * The plug-in modules given with `--plugin`, loaded by `src/cli.ts` before a command runs. Commands
 * that start worker threads (sweep) pass them on, since a worker has registries of its own.
 */
let loaded: readonly string[] = [];

/** Records the URLs of the loaded plug-in modules. */
export function setPlugins(urls: readonly string[]): void {
  loaded = [...urls];
}

/** The URLs of the loaded plug-in modules. */
export function plugins(): readonly string[] {
  return loaded;
}
