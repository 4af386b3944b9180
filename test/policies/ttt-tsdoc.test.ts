// TSDoc on the paper T2DRL's public symbols (issue 13 item 4, acceptance review; STYLE.md: "TSDoc
// on every exported symbol: a summary, ... `@example` that runs, and one `@category`"): what the
// package exports from policies/t2drl/ttt/, and what policies/t2drl/ttt/index.ts exports, each with
// a summary and `@category policies`, every exported function with an `@example`, and every
// property of an exported options interface with a comment of its own (a user reads them in the
// editor's hover).
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('../..', import.meta.url));
const entries = [`${root}src/index.ts`, `${root}policies/t2drl/ttt/index.ts`];
const program = ts.createProgram(entries, {
  target: ts.ScriptTarget.ES2022,
  module: ts.ModuleKind.NodeNext,
  moduleResolution: ts.ModuleResolutionKind.NodeNext,
  strict: true,
  skipLibCheck: true,
  noEmit: true,
});
const checker = program.getTypeChecker();

/** The exported symbols of `entry` declared in policies/t2drl/ttt/, aliases resolved. */
function tttExports(entry: string): { name: string; declaration: ts.Declaration }[] {
  const file = program.getSourceFile(entry);
  const module = file === undefined ? undefined : checker.getSymbolAtLocation(file);
  if (module === undefined) throw new Error(`${entry}: not found`);
  return checker.getExportsOfModule(module).flatMap((symbol) => {
    const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
    const declaration = target.declarations?.[0];
    if (declaration === undefined || !declaration.getSourceFile().fileName.includes('/policies/t2drl/ttt/'))
      return [];
    return [{ name: symbol.getName(), declaration }];
  });
}

/** What is wrong with a declaration's TSDoc, if anything. */
function problems(name: string, declaration: ts.Declaration): string[] {
  const found: string[] = [];
  const docs = ts.getJSDocCommentsAndTags(declaration).filter(ts.isJSDoc);
  const summary = docs.map((d) => ts.getTextOfJSDocComment(d.comment) ?? '').join('');
  if (summary.trim() === '') found.push(`${name}: no summary`);
  const tags = ts.getJSDocTags(declaration);
  const category = tags.filter((t) => t.tagName.text === 'category');
  if (category.length !== 1 || ts.getTextOfJSDocComment(category[0]?.comment)?.trim() !== 'policies')
    found.push(`${name}: not one @category policies`);
  if (ts.isFunctionDeclaration(declaration) && !tags.some((t) => t.tagName.text === 'example'))
    found.push(`${name}: no @example`);
  if (ts.isInterfaceDeclaration(declaration))
    for (const member of declaration.members) {
      const memberDocs = ts.getJSDocCommentsAndTags(member).filter(ts.isJSDoc);
      if (memberDocs.every((d) => (ts.getTextOfJSDocComment(d.comment) ?? '').trim() === ''))
        found.push(`${name}.${member.name?.getText()}: no comment`);
    }
  return found;
}

describe('TSDoc on the paper T2DRL public symbols', () => {
  it.each(entries.map((e) => [e.slice(root.length)]))(
    'every export of %s from policies/t2drl/ttt/',
    (entry) => {
      const exported = tttExports(`${root}${entry}`);
      expect(exported.length).toBeGreaterThan(2);
      expect(exported.flatMap(({ name, declaration }) => problems(name, declaration))).toEqual([]);
    },
  );
});
