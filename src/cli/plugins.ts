/**
 * The plug-in modules given with `--plugin`: loaded by the CLI only for the commands that use
 * mechanisms or policies (never for `--help`), since loading one runs its code. Commands that start
 * worker threads (sweep) pass them on, since a worker has registries of its own.
 */
import { existsSync, statSync } from 'node:fs';
import { resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { DoubleDutchError } from '../errors.js';
import { getMechanism, listMechanisms, type Mechanism, registerMechanism } from '../mechanism.js';
import { escapeControl } from '../text.js';

let loaded: readonly string[] = [];

/** Records the URLs of the loaded plug-in modules. */
export function setPlugins(urls: readonly string[]): void {
  loaded = [...urls];
}

/** The URLs of the loaded plug-in modules. */
export function plugins(): readonly string[] {
  return loaded;
}

function pluginError(spec: string, reason: string): DoubleDutchError {
  return new DoubleDutchError('plugin', `cannot load plugin '${spec}': ${reason}`, '--plugin');
}

/** What a value is, in a few words, for a message about a broken contract. */
function describeValue(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  return typeof value === 'object' ? 'an object without a fills array' : typeof value;
}

/**
 * Re-registers a plug-in's mechanism so that an outcome that is not one (`clear` returning null,
 * a number, an object without fills) is refused with the mechanism and its module named, instead
 * of failing later as an untyped error inside the slot market (issue 16 item 5).
 */
function guardMechanism(name: string, spec: string): void {
  const mechanism = getMechanism(name);
  const guarded: Mechanism = Object.assign(Object.create(mechanism) as Mechanism, {
    clear(...args: Parameters<Mechanism['clear']>) {
      const outcome = mechanism.clear(...args) as unknown;
      if (
        typeof outcome !== 'object' ||
        outcome === null ||
        !Array.isArray((outcome as { fills?: unknown }).fills)
      )
        throw new DoubleDutchError(
          'plugin_contract',
          `mechanism '${name}' of plugin '${spec}' broke its contract: clear returned ${describeValue(outcome)}, not an Outcome (build one with buildOutcome)`,
          '--plugin',
        );
      return outcome as ReturnType<Mechanism['clear']>;
    },
  });
  registerMechanism(guarded, { replace: true });
}

/**
 * Imports plug-in modules, which register mechanisms and policies as they load. Each is the path
 * of a JavaScript module file (relative to the working directory; for an installed package, the
 * path of its entry file). Returns their URLs.
 */
export async function loadPlugins(specs: readonly string[]): Promise<string[]> {
  const urls: string[] = [];
  for (const spec of specs) {
    const shown = escapeControl(spec);
    if (!existsSync(spec)) throw pluginError(shown, 'no such file (give the path of a JavaScript module)');
    if (!statSync(spec).isFile()) throw pluginError(shown, 'not a regular file');
    if (/\.(c|m)?tsx?$/.test(spec))
      throw pluginError(
        shown,
        'a TypeScript file; compile it to JavaScript first (e.g. npx tsc) and give the .js file',
      );
    const url = pathToFileURL(resolve(spec)).href;
    const before = new Set(listMechanisms());
    try {
      await import(url);
    } catch (error) {
      const reason = error instanceof Error ? (error.message.split('\n')[0] ?? '') : String(error);
      throw pluginError(shown, escapeControl(reason));
    }
    for (const name of listMechanisms()) if (!before.has(name)) guardMechanism(name, shown);
    urls.push(url);
  }
  return urls;
}
