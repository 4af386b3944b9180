// Imports the built package by its name, as a user would (npm test builds before vitest runs).
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const cli = fileURLToPath(new URL('../dist/src/cli.js', import.meta.url));

describe('the published package', () => {
  it('exports the contract names of DESIGN.md §2', async () => {
    const pkg = await import('doubledutch');
    for (const name of [
      'createMarket',
      'getMechanism',
      'listMechanisms',
      'registerMechanism',
      'buildOutcome',
      'Decimal',
    ]) {
      expect(pkg).toHaveProperty(name);
    }
    const market = pkg.createMarket({ bids: [{ id: 'b1', value: 17 }], asks: [{ id: 's1', cost: 1 }] });
    expect(pkg.getMechanism('welfare-max').clear(market).fills[0]?.price.toString()).toBe('9');
  });

  it('every public symbol has TSDoc', () => {
    // The package's one entry point, read by the TypeScript compiler as an editor would.
    const entry = fileURLToPath(new URL('../src/index.ts', import.meta.url));
    const program = ts.createProgram([entry], {
      module: ts.ModuleKind.NodeNext,
      moduleResolution: ts.ModuleResolutionKind.NodeNext,
      target: ts.ScriptTarget.ES2022,
      strict: true,
    });
    const checker = program.getTypeChecker();
    const source = program.getSourceFile(entry) as ts.SourceFile;
    const exports = checker.getExportsOfModule(checker.getSymbolAtLocation(source) as ts.Symbol);
    const undocumented = exports
      .filter((symbol) => {
        const target = symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
        return ts.displayPartsToString(target.getDocumentationComment(checker)).trim() === '';
      })
      .map((symbol) => symbol.name);
    expect(exports.length).toBeGreaterThan(150);
    expect(undocumented).toEqual([]);
  }, 60_000);
});

describe('the doubledutch command', () => {
  const run = (...args: string[]) => spawnSync(process.execPath, [cli, ...args], { encoding: 'utf8' });

  it('demo clears the textbook market with every mechanism', () => {
    const r = run('demo');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/mcafee\s+3\s+6\s+6\s+15\s+15\s+0/);
  });

  it('an unknown command or flag exits non-zero with one line and no stack trace', () => {
    const unknown = run('frobnicate');
    expect(unknown.status).toBe(2);
    expect(unknown.stderr.trim().split('\n')).toHaveLength(1);
    const flag = run('demo', '--bogus');
    expect(flag.status).toBe(2);
    expect(flag.stderr).toContain("Unknown option '--bogus'");
    expect(flag.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('doubledutch verify', () => {
  const run = (...args: string[]) =>
    spawnSync(process.execPath, [cli, 'verify', ...args], { encoding: 'utf8' });

  it("prints the table and VCG's deficit counterexample, and exits 0", () => {
    const r = run('--mechanism', 'vcg', '--runs', '50', '--seed', '3');
    expect(r.status).toBe(0);
    expect(r.stdout).toMatch(/weak-budget-balance\s+no\s+FAILS/);
    expect(r.stdout).toMatch(/dsic\s+yes\s+holds\s+50/);
    expect(r.stdout).toContain('the auctioneer runs a deficit');
  });

  it('an unknown mechanism or property is one line on stderr and exit 2', () => {
    const mechanism = run('--mechanism', 'mcaffee');
    expect(mechanism.status).toBe(2);
    expect(mechanism.stderr).toContain("unknown mechanism 'mcaffee'; registered: average");
    const property = run('--mechanism', 'vcg', '--properties', 'ir,truthful');
    expect(property.status).toBe(2);
    expect(property.stderr).toContain("unknown property 'truthful'");
  });
});

describe('the simulation contract of DESIGN.md §4', () => {
  it('exports defaultScenario, loadScenario, simulate, getPolicy and listPolicies; getPolicy needs only a name', async () => {
    const pkg = await import('doubledutch');
    for (const name of [
      'defaultScenario',
      'loadScenario',
      'simulate',
      'getPolicy',
      'listPolicies',
      'verify',
      'arbitraryMarket',
    ]) {
      expect(pkg).toHaveProperty(name);
    }
    expect(pkg.getPolicy('lru').name).toBe('lru');
    expect(pkg.listPolicies()).toEqual(
      expect.arrayContaining([
        't2drl',
        'drl-frozen',
        'fifo',
        'lru',
        'lfu',
        'least-context',
        'random',
        'cloud-only',
        'greedy-oracle',
      ]),
    );
    const scenario = pkg.parseScenario({ ...pkg.defaultScenario(), durationS: 300 });
    const result = await pkg.simulate({ scenario, policy: 'lru', mechanism: 'dda', seed: 1 });
    for (const key of [
      'systemCost',
      'latencyS',
      'energyJ',
      'accuracy',
      'edgeShare',
      'switches',
      'welfare',
      'surplus',
      'trades',
    ]) {
      expect(result.metrics).toHaveProperty(key);
    }
    expect(result.slots).toHaveLength(5);
  });
});
