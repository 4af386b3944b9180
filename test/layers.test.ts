// Issue 11 item 4: layers that point one way. Reads every import (static, type-only, re-export and
// dynamic) of the package's TypeScript files and fails on an arrow that points back down the
// stack, on a file in no layer, and on a cycle between folders.
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));

/**
 * The layers, lowest first; a file may import files of its own layer and of layers below. Market,
 * properties and mechanisms know nothing of the edge, policies, experiments or the CLI; the edge
 * model knows no policy; policies know no experiment; experiments know no CLI nor the composition
 * root that registers the built-ins. First matching prefix wins.
 */
const LAYERS: readonly {
  readonly name: string;
  readonly rank: number;
  readonly prefixes: readonly string[];
}[] = [
  {
    name: 'base',
    rank: 0,
    prefixes: [
      'src/errors.ts',
      'src/event-loop.ts',
      'src/lazy-zod.ts',
      'src/money.ts',
      'src/random.ts',
      'src/seed.ts',
      'src/text.ts',
      'src/warn-once.ts',
    ],
  },
  { name: 'market', rank: 1, prefixes: ['src/market/', 'src/mechanism.ts'] },
  { name: 'properties', rank: 2, prefixes: ['src/properties/'] },
  { name: 'mechanisms', rank: 2, prefixes: ['mechanisms/'] },
  { name: 'charts', rank: 3, prefixes: ['src/charts/'] },
  { name: 'edge', rank: 3, prefixes: ['src/edge/', 'src/environment.ts', 'src/paper/'] },
  // The policy contract, the episode loop that drives it, and the stand-in of a policy loaded on first use.
  {
    name: 'policy contract',
    rank: 4,
    prefixes: ['src/policy.ts', 'src/paper/policy.ts', 'src/run-episode.ts', 'src/lazy-policy.ts'],
  },
  { name: 'policies', rank: 5, prefixes: ['policies/'] },
  { name: 'experiment', rank: 6, prefixes: ['src/experiment/'] },
  { name: 'composition', rank: 7, prefixes: ['src/builtins.ts', 'src/index.ts'] },
  { name: 'cli', rank: 8, prefixes: ['src/cli/', 'src/cli.ts'] },
];

/** Arrows that belong to work in progress elsewhere (issue 11); none left. */
const KNOWN_EXCEPTIONS: readonly string[] = [];

/** Arrows allowed by rank but against a rule of their own: the simulation does not run the verifier. */
const FORBIDDEN: readonly { readonly from: string; readonly to: string; readonly why: string }[] = [
  { from: 'src/experiment/', to: 'src/properties/', why: 'a run does not call the verifier' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return entry.name.endsWith('.ts') && !entry.name.endsWith('.d.ts') ? [path] : [];
  });
}

function layerOf(file: string) {
  // A file named exactly wins over a folder holding it (src/paper/policy.ts is the policy contract).
  return (
    LAYERS.find((l) => l.prefixes.includes(file)) ??
    LAYERS.find((l) => l.prefixes.some((p) => p.endsWith('/') && file.startsWith(p)))
  );
}

/** Every relative import of a file, resolved to a repository path (`.js` specifiers name `.ts` files). */
function importsOf(file: string): string[] {
  const info = ts.preProcessFile(readFileSync(join(root, file), 'utf8'), true, true);
  return info.importedFiles
    .map((f) => f.fileName)
    .filter((spec) => spec.startsWith('.'))
    .map((spec) => relative(root, resolve(root, dirname(file), spec)).replace(/\.js$/, '.ts'));
}

/**
 * The unit of the cycle check: a top-level folder with its sub-folders (`src/edge` holds
 * `src/edge/workload`), and each file directly in `src/` on its own (`src/` is the package's root,
 * not a component).
 */
function folderOf(file: string): string {
  const parts = file.split('/');
  if (parts[0] === 'src') return parts.length === 2 ? file : `src/${parts[1]}`;
  return parts[0] as string;
}

const files = ['src', 'mechanisms', 'policies'].flatMap(sourceFiles).sort();
const arrows = files.flatMap((from) => importsOf(from).map((to) => ({ from, to })));

describe('the import graph', () => {
  it('reads the package (a parser that found nothing would pass anything)', () => {
    expect(files.length).toBeGreaterThan(80);
    expect(arrows).toContainEqual({ from: 'src/index.ts', to: 'src/builtins.ts' });
  });

  it('puts every file in a layer', () => {
    expect(files.filter((f) => layerOf(f) === undefined)).toEqual([]);
  });

  it('has no arrow pointing down the stack', () => {
    const backward = arrows
      .filter(({ from, to }) => {
        const a = layerOf(from);
        const b = layerOf(to);
        return a !== undefined && b !== undefined && a !== b && b.rank >= a.rank;
      })
      .map(({ from, to }) => `${from} -> ${to}`);
    const forbidden = arrows
      .filter(({ from, to }) => FORBIDDEN.some((r) => from.startsWith(r.from) && to.startsWith(r.to)))
      .map(({ from, to }) => `${from} -> ${to}`);
    expect([...backward, ...forbidden].filter((a) => !KNOWN_EXCEPTIONS.includes(a))).toEqual([]);
  });

  it('lists as exceptions only arrows that exist', () => {
    const present = new Set(arrows.map(({ from, to }) => `${from} -> ${to}`));
    expect(KNOWN_EXCEPTIONS.filter((a) => !present.has(a))).toEqual([]);
  });

  it('has no cycle between folders', () => {
    const edges = new Map<string, Set<string>>();
    for (const { from, to } of arrows) {
      if (folderOf(from) === folderOf(to)) continue;
      if (KNOWN_EXCEPTIONS.includes(`${from} -> ${to}`)) continue;
      const set = edges.get(folderOf(from)) ?? new Set();
      set.add(folderOf(to));
      edges.set(folderOf(from), set);
    }
    // Depth-first search; a grey node reached again closes a cycle.
    const state = new Map<string, 'grey' | 'black'>();
    const cycles: string[] = [];
    const visit = (node: string, path: string[]) => {
      state.set(node, 'grey');
      for (const next of edges.get(node) ?? []) {
        if (state.get(next) === 'grey') cycles.push([...path.slice(path.indexOf(next)), next].join(' -> '));
        else if (state.get(next) === undefined) visit(next, [...path, next]);
      }
      state.set(node, 'black');
    };
    for (const node of [...edges.keys()].sort()) if (state.get(node) === undefined) visit(node, [node]);
    expect(cycles).toEqual([]);
  });
});
