/**
 * zod, loaded when a schema is first needed rather than when the package is imported: zod is 226
 * module files (about 45 ms of CPU at start-up), and a user of the market alone, who never parses
 * a scenario or a grid, should not pay for them (issue 11: `import('doubledutch')` within 3× of a
 * bare `node -e 1`).
 *
 * The scenario and grid parsers are synchronous, and an ES module can only be imported
 * asynchronously, so zod is loaded through `require` (its CommonJS build, the same code as its ES
 * build; zod is used nowhere else in the package, so no value crosses from one copy to the other).
 */
import { createRequire } from 'node:module';
import type { z } from 'zod';

/** zod's `z` namespace, as `import { z } from 'zod'` gives it. */
export type Zod = typeof z;

let loaded: Zod | undefined;

function zod(): Zod {
  loaded ??= (createRequire(import.meta.url)('zod') as { z: Zod }).z;
  return loaded;
}

/**
 * A getter for what `build` makes from zod, built (and zod loaded) on its first call and the same
 * object on every call after.
 */
export function lazySchema<T>(build: (z: Zod) => T): () => T {
  let built: T | undefined;
  return () => {
    built ??= build(zod());
    return built;
  };
}
