/**
 * The weights directory chosen for a whole process (`doubledutch run|compare --weights DIR`): the
 * registered `t2drl` and `ppo`, and the online-PPO family (`t2drl-online`, `drl-frozen`,
 * `t2drl-pair`), load their networks from it instead of the shipped ones. Without TensorFlow.js,
 * so the CLI can check the directory before any run.
 */
import { existsSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';

let chosen: string | undefined;

/** Sets (or, with undefined, clears) the process's weights directory. */
export function setWeightsDir(dir: string | undefined): void {
  chosen = dir;
}

/**
 * The model a weights `meta.json`'s `environment` names, as messages say it: "physical model",
 * "paper's model", or the unknown value quoted.
 */
export function modelName(environment: unknown): string {
  if (environment === 'physical') return 'physical model';
  if (environment === 'paper') return "paper's model";
  return `'${String(environment)}' model`;
}

/** The policies that load weights from `--weights DIR`. */
export const WEIGHTS_POLICIES = ['t2drl', 'ppo', 't2drl-online', 'drl-frozen', 't2drl-pair'] as const;

/** A policy that loads weights from `--weights DIR`. */
export type WeightsPolicy = (typeof WEIGHTS_POLICIES)[number];

/** Whether `name` is a {@link WeightsPolicy}. */
export function isWeightsPolicy(name: string): name is WeightsPolicy {
  return (WEIGHTS_POLICIES as readonly string[]).includes(name);
}

/**
 * What a weights directory holds, as its `meta.json` says: the paper's actor-critic (`t2drl` or
 * `ppo`, named by its `policy`), or the online-PPO network (`train --policy t2drl-online`, whose
 * meta.json names no policy but records its credit, `slot` when absent).
 */
type Held =
  | { readonly kind: 't2drl' | 'ppo' }
  | { readonly kind: 'online'; readonly credit: 'slot' | 'pair' };

function heldAt(candidate: string): Held | undefined {
  const metaFile = join(candidate, 'meta.json');
  if (!existsSync(metaFile)) return undefined;
  let meta: { format?: unknown; policy?: unknown; credit?: unknown };
  try {
    meta = JSON.parse(readFileSync(metaFile, 'utf8')) as typeof meta;
  } catch {
    // Not a weights directory.
    return undefined;
  }
  if (meta === null || typeof meta !== 'object') return undefined;
  if (meta.format !== undefined)
    return meta.policy === 't2drl' || meta.policy === 'ppo' ? { kind: meta.policy } : undefined;
  // The online network is two TensorFlow.js layers models beside its meta.json (network.ts).
  if (
    existsSync(join(candidate, 'actor', 'model.json')) &&
    existsSync(join(candidate, 'critic', 'model.json'))
  )
    return { kind: 'online', credit: meta.credit === 'pair' ? 'pair' : 'slot' };
  return undefined;
}

/**
 * The subfolder names where a folder of several trained policies holds each policy's weights:
 * its own name, and for the online family `t2drl-online` too (`train --policy t2drl-online`
 * writes `results/t2drl-online` with either credit; drl-frozen runs t2drl-online's network).
 */
const FOLDERS: Record<WeightsPolicy, readonly string[]> = {
  t2drl: ['t2drl'],
  ppo: ['ppo'],
  't2drl-online': ['t2drl-online'],
  'drl-frozen': ['drl-frozen', 't2drl-online'],
  't2drl-pair': ['t2drl-pair', 't2drl-online'],
};

/** Whether `held` is what `kind` runs: t2drl-online and drl-frozen the slot credit's network, t2drl-pair the pair credit's. */
function fits(kind: WeightsPolicy, held: Held): boolean {
  if (held.kind !== 'online') return held.kind === kind;
  if (kind === 't2drl-pair') return held.credit === 'pair';
  return (kind === 't2drl-online' || kind === 'drl-frozen') && held.credit === 'slot';
}

/**
 * The weights of `kind` under `dir` (default the process's): `dir` itself when its `meta.json`
 * says it holds that policy's weights (a `train --out` directory's `weights/`), else
 * `dir/weights`, `dir/NAME` or `dir/NAME/weights` when theirs does, NAME the policy's name (and
 * `t2drl-online` for drl-frozen and t2drl-pair); undefined when none does.
 */
export function weightsDirFor(kind: WeightsPolicy, dir: string | undefined = chosen): string | undefined {
  if (dir === undefined) return undefined;
  const candidates = [dir, join(dir, 'weights')];
  for (const name of FOLDERS[kind]) candidates.push(join(dir, name), join(dir, name, 'weights'));
  for (const candidate of candidates) {
    const held = heldAt(candidate);
    if (held !== undefined && fits(kind, held)) return candidate;
  }
  return undefined;
}

/** The command that writes `kind`'s weights. */
export function trainCommandFor(kind: WeightsPolicy): string {
  if (kind === 't2drl' || kind === 'ppo') return `train --policy ${kind}`;
  return kind === 't2drl-pair' ? 'train --policy t2drl-online --credit pair' : 'train --policy t2drl-online';
}

/**
 * Where `kind` looks under DIR, for the message when it finds nothing there (`DIR, DIR/weights,
 * DIR/NAME or DIR/NAME/weights`).
 */
export function weightsPlaces(kind: WeightsPolicy): string {
  const places = ['DIR', 'DIR/weights', ...FOLDERS[kind].flatMap((n) => [`DIR/${n}`, `DIR/${n}/weights`])];
  return `${places.slice(0, -1).join(', ')} or ${places.at(-1)}`;
}

/**
 * Another policy's weights in `dir` or `dir/weights` (the `train --out` directory given), named
 * for the refusal of weights of the wrong kind (`DIR/weights holds t2drl's weights`); undefined
 * when neither holds weights.
 */
export function otherWeightsIn(dir: string): string | undefined {
  for (const candidate of [dir, join(dir, 'weights')]) {
    const held = heldAt(candidate);
    if (held === undefined) continue;
    const what =
      held.kind !== 'online'
        ? `${held.kind}'s weights`
        : held.credit === 'pair'
          ? "t2drl-online's network trained with --credit pair (t2drl-pair's)"
          : "t2drl-online's network (t2drl-online's and drl-frozen's)";
    return `${candidate} holds ${what}`;
  }
  return undefined;
}

/**
 * Why `dir` cannot hold weights at all (`no such directory`, `not a directory`), so that a
 * mistyped `--weights` path is named as such rather than as a directory without weights.
 */
export function weightsDirProblem(dir: string): string | undefined {
  if (!existsSync(dir)) return `${dir}: no such directory`;
  if (!statSync(dir).isDirectory()) return `${dir}: not a directory (give the directory train --out wrote)`;
  return undefined;
}
