/**
 * A registered policy whose module is imported when the policy is prepared, not when the package
 * is: the T2DRL policies pull in TensorFlow.js (about 150 ms of start-up), which a user of the
 * market alone should never pay for (issue 11, packaging).
 */
import { DoubleDutchError } from './errors.js';
import type { Policy } from './policy.js';

/**
 * A stand-in for the policy `load()` makes. Its `prepare()` (which `simulate` awaits before the
 * first slot, and which the T2DRL policies need anyway for their weights) imports and prepares the
 * real policy; from then on every member is the real policy's. The stand-in forwards by name, so
 * it follows the policy contract whatever members it has.
 */
export function lazyPolicy(name: string, load: () => Promise<Policy>): Policy {
  let inner: Policy | undefined;
  const own = {
    name,
    async prepare(): Promise<void> {
      inner ??= await load();
      await inner.prepare?.();
    },
  };
  return new Proxy(own, {
    get(target, key) {
      if (key === 'name' || key === 'prepare') return Reflect.get(target, key);
      if (inner !== undefined) {
        const value: unknown = Reflect.get(inner, key);
        return typeof value === 'function' ? value.bind(inner) : value;
      }
      // Before prepare: nothing to free, no optional flags; every other member is a call too early.
      if (key === 'dispose') return () => {};
      if (typeof key === 'symbol' || key === 'then' || key === 'toJSON' || key === 'needsFuture')
        return undefined;
      return () => {
        throw new DoubleDutchError(
          'not_prepared',
          `policy '${name}' is not ready: await policy.prepare() before its first slot (it loads TensorFlow.js and its weights)`,
          'policy',
        );
      };
    },
  }) as unknown as Policy;
}

/**
 * True when the built-in policy `name` runs a TensorFlow.js network (the t2drl family, drl-frozen
 * and ppo): `--quiet` initialises TensorFlow.js quietly before such a run, since its first
 * initialisation decides whether the backend line is printed.
 */
export function loadsTensorflow(name: string): boolean {
  return name.includes('drl') || name === 'ppo';
}
