// Issue 11, packaging: what `import 'doubledutch'` costs and exposes. The built package is imported
// by name in a fresh process, as a consumer would (npm test builds before vitest runs).
import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import '../src/builtins.js';
import { getPolicy } from '../src/policy.js';

const root = fileURLToPath(new URL('..', import.meta.url));

// A module hook that prints every package a resolution lands in, so the test sees what loaded.
const hook = `data:text/javascript,${encodeURIComponent(`
import { writeSync } from 'node:fs';
export async function resolve(specifier, context, next) {
  const result = await next(specifier, context);
  const m = result.url.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/);
  if (m) writeSync(2, 'loaded ' + m[1] + '\\n');
  return result;
}`)}`;
const register = `data:text/javascript,${encodeURIComponent(
  `import { register } from 'node:module'; register(${JSON.stringify(hook)});`,
)}`;

// The hook sees ES module resolutions only; zod is loaded through `require` (src/lazy-zod.ts), so the
// code also lists, once it has run, the packages in the CommonJS module cache.
const listRequired = `
const { createRequire } = await import('node:module');
for (const file of Object.keys(createRequire(process.cwd() + '/').cache)) {
  const m = file.match(/node_modules\\/((?:@[^/]+\\/)?[^/]+)/);
  if (m) process.stderr.write('loaded ' + m[1] + '\\n');
}`;

function packagesLoadedBy(code: string): Set<string> {
  const run = spawnSync(
    process.execPath,
    ['--import', register, '--input-type=module', '-e', `${code}\n${listRequired}`],
    { cwd: root, encoding: 'utf8' },
  );
  expect(run.status, run.stderr).toBe(0);
  return new Set([...run.stderr.matchAll(/^loaded (\S+)$/gm)].map((m) => m[1] as string));
}

describe('importing the package', () => {
  it('loads neither TensorFlow.js, Vega nor zod for a market', () => {
    const loaded = packagesLoadedBy(`
      const { createMarket, getMechanism } = await import('doubledutch');
      getMechanism('dda').clear(createMarket({ bids: [{ id: 'b', value: 3 }], asks: [{ id: 's', cost: 1 }] }));`);
    expect(loaded.has('decimal.js')).toBe(true); // the hook sees what loads
    expect([...loaded].filter((p) => /^(vega|vega-lite|@tensorflow\/.*|zod)$/.test(p))).toEqual([]);
  });

  it('loads zod when a scenario or a grid is parsed', () => {
    const loaded = packagesLoadedBy(`
      const { parseScenario, defaultScenario } = await import('doubledutch');
      parseScenario(defaultScenario());`);
    expect(loaded.has('zod')).toBe(true);
  });

  it('loads Vega when a chart is rendered', () => {
    const loaded = packagesLoadedBy(`
      const { renderVegaLiteSvg } = await import('doubledutch');
      await renderVegaLiteSvg({ data: { values: [{ x: 1 }] }, mark: 'point', encoding: { x: { field: 'x', type: 'quantitative' } } });`);
    expect(loaded.has('vega')).toBe(true);
  }, 30_000);

  it('exports the library, not the command line plumbing', async () => {
    const pkg = await import('doubledutch');
    for (const name of ['writeFileAtomic', 'writeFilesAtomic', 'parseCsv', 'parseShard', 'renderHtmlReport'])
      expect(pkg).not.toHaveProperty(name);
  });

  it('declares the module that registers the built-ins as a side effect', () => {
    const pkg = JSON.parse(readFileSync(new URL('../package.json', import.meta.url), 'utf8'));
    expect(pkg.sideEffects).toContain('./dist/src/builtins.js');
    expect(readFileSync(new URL('../src/index.ts', import.meta.url), 'utf8')).toContain(
      "import './builtins.js';",
    );
  });
});

describe('a T2DRL policy made from its name', () => {
  it('is a stand-in until prepared, then the real policy', async () => {
    const policy = getPolicy('drl-frozen', { seed: 1 });
    expect(policy.name).toBe('drl-frozen');
    expect(() => policy.decide({} as never, {} as never)).toThrow(/await policy.prepare\(\)/);
    policy.dispose?.(); // nothing to free yet
    await policy.prepare?.();
    expect(typeof policy.decide).toBe('function');
    expect(policy.needsFuture).toBeUndefined();
    policy.dispose?.();
  }, 30_000);
});
