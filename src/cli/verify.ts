import { getMechanism } from '../mechanism.js';
import { claimedProperties, PROPERTY_NAMES, type PropertyName } from '../properties/types.js';
import { verify } from '../properties/verify.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { formatTable } from './demo.js';

/** `doubledutch verify`: checks a registered mechanism's properties and prints what it finds. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: "check a mechanism's properties on generated markets, with shrunk counterexamples",
  usage:
    'doubledutch verify --mechanism NAME [--properties a,b] [--runs N] [--seed S] [--max-orders N] [--multi-unit]',
  async run(args) {
    const { values } = parseFlags(
      args,
      {
        mechanism: { type: 'string' },
        properties: { type: 'string' },
        runs: { type: 'string' },
        seed: { type: 'string' },
        'max-orders': { type: 'string' },
        'multi-unit': { type: 'boolean' },
      },
      this.usage,
    );
    if (values.mechanism === undefined)
      throw new UsageError(`--mechanism is required\nusage: ${this.usage}`, '--mechanism');
    const mechanism = getMechanism(values.mechanism);
    const properties = (values.properties?.split(',').map((p) => p.trim()) ??
      PROPERTY_NAMES) as PropertyName[];
    for (const p of properties) {
      if (!PROPERTY_NAMES.includes(p)) {
        throw new UsageError(
          `unknown property '${p}'; properties: ${PROPERTY_NAMES.join(', ')}`,
          '--properties',
        );
      }
    }
    const numRuns = integerFlag(values.runs, 'runs', 100, 1);
    const seed = integerFlag(values.seed, 'seed', 0);
    const maxOrders = integerFlag(values['max-orders'], 'max-orders', 8, 0);
    const report = verify(mechanism, {
      properties,
      numRuns,
      seed,
      arbitrary: { maxBids: maxOrders, maxAsks: maxOrders, multiUnit: values['multi-unit'] === true },
    });
    const claimOf = claimedProperties(mechanism.claims);
    console.log(`verify ${mechanism.name}: ${numRuns} markets per property, seed ${seed}\n`);
    const rows = [['property', 'claimed', 'result', 'runs']];
    for (const p of properties) {
      const r = report.results[p];
      rows.push([p, claimOf[p] ? 'yes' : 'no', r?.holds ? 'holds' : 'FAILS', String(r?.runs ?? 0)]);
    }
    console.log(formatTable(rows));
    for (const p of properties) {
      const c = report.results[p]?.counterexample;
      if (c === undefined) continue;
      console.log(`\n${p}: ${c.reason}`);
      console.log(`  market: ${JSON.stringify(c.market)}`);
    }
    return 0;
  },
};
