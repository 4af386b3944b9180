// The documentation a user reads first must match the code: the README's list names every docs
// file, and every TypeScript example a user would paste (README.md, docs/*.md) compiles against
// the package as it is, under the project's strict settings.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { afterAll, describe, expect, it } from 'vitest';

const root = fileURLToPath(new URL('..', import.meta.url));
const readme = readFileSync(join(root, 'README.md'), 'utf8');
const docs = readdirSync(join(root, 'docs')).filter((f) => f.endsWith('.md'));

/** The fenced code blocks of a Markdown text in the given languages, with their first line. */
function codeBlocks(text: string, languages: readonly string[]): { line: number; code: string }[] {
  const blocks: { line: number; code: string }[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const language = /^```(\w+)\s*$/.exec(lines[i] as string)?.[1];
    if (language === undefined) continue;
    const start = i;
    while (i + 1 < lines.length && !(lines[i + 1] as string).startsWith('```')) i++;
    if (languages.includes(language))
      blocks.push({ line: start + 1, code: lines.slice(start + 1, i + 1).join('\n') });
    i++;
  }
  return blocks;
}

describe('README and docs', () => {
  it("the README's documentation list names every docs file, and every docs file it names exists", () => {
    const list = readme.slice(readme.indexOf('## Documentation'));
    const section = list.slice(0, list.indexOf('\n## ', 1));
    for (const file of docs)
      expect(section, `README's documentation list lacks docs/${file}`).toContain(`docs/${file}`);
    for (const named of readme.matchAll(/`docs\/([\w.-]+\.md)`/g))
      expect(docs, `README names docs/${named[1]}, which does not exist`).toContain(named[1]);
  });

  it("the README's command line names every command of `doubledutch --help`", () => {
    const help = spawnSync(process.execPath, [join(root, 'dist/src/cli.js'), '--help'], {
      encoding: 'utf8',
    }).stdout;
    const commands = [...help.matchAll(/^ {2}([a-z]+) {2,}/gm)].map((m) => m[1] as string);
    expect(commands.length).toBeGreaterThanOrEqual(8);
    const line = /`doubledutch ([a-z |]+)`/.exec(readme.slice(readme.indexOf('## Command line')))?.[1] ?? '';
    expect(line.split(' | ')).toEqual(commands);
  });

  // Complete examples import from the package; fragments (a signature, a line without its
  // imports) and sketches with an elided body (`// …`) are prose, not programs.
  const examples = [
    { file: 'README.md', text: readme },
    ...docs.map((f) => ({ file: `docs/${f}`, text: readFileSync(join(root, 'docs', f), 'utf8') })),
  ].flatMap(({ file, text }) =>
    codeBlocks(text, ['ts', 'typescript'])
      .filter((b) => /from 'doubledutch'/.test(b.code) && !/\/\/ …/.test(b.code))
      .map((b) => ({ name: `${file}:${b.line}`, code: b.code })),
  );
  const dir = mkdtempSync(join(tmpdir(), 'doubledutch-docs-'));
  writeFileSync(join(dir, 'package.json'), '{ "type": "module" }\n');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('has examples to check', () => {
    expect(examples.length).toBeGreaterThanOrEqual(5);
  });

  it('every complete TypeScript example compiles against the package', () => {
    const files = examples.map((e, i) => {
      const path = join(dir, `example-${i}.ts`);
      // Each example is a module of its own (top-level await, its own names).
      writeFileSync(path, `${e.code}\nexport {};\n`);
      return path;
    });
    const program = ts.createProgram(files, {
      target: ts.ScriptTarget.ES2022,
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      lib: ['lib.es2022.d.ts'],
      types: ['node'],
      typeRoots: [join(root, 'node_modules/@types')],
      strict: true,
      noUncheckedIndexedAccess: true,
      exactOptionalPropertyTypes: true,
      skipLibCheck: true,
      noEmit: true,
      // The package by its name, from its sources, so that the test needs no build.
      paths: { doubledutch: [join(root, 'src/index.ts')] },
    });
    const problems = ts
      .getPreEmitDiagnostics(program)
      .filter((d) => d.file !== undefined && files.includes(d.file.fileName))
      .map((d) => {
        const example = examples[files.indexOf((d.file as ts.SourceFile).fileName)];
        const { line } = (d.file as ts.SourceFile).getLineAndCharacterOfPosition(d.start ?? 0);
        return `${example?.name} (+${line + 1}): ${ts.flattenDiagnosticMessageText(d.messageText, '\n')}`;
      });
    expect(problems).toEqual([]);
  });

  it('the analysis scripts under docs/analysis load against the built package (their imports resolve)', () => {
    // A run takes minutes; too few seeds stops each script right after its imports have loaded.
    for (const script of readdirSync(join(root, 'docs', 'analysis')).filter((f) => f.endsWith('.mjs'))) {
      const run = spawnSync(process.execPath, [join(root, 'docs', 'analysis', script), '--seeds', '1'], {
        encoding: 'utf8',
      });
      expect(run.stderr, script).toBe('--seeds: at least 2 (a spread needs two)\n');
      expect(run.status, script).toBe(2);
    }
  });
});
