import { getMechanism, listMechanisms } from '../mechanism.js';
import { claimedProperties, PROPERTY_NAMES, type PropertyName } from '../properties/types.js';
import { verify } from '../properties/verify.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { formatTable } from './demo.js';
import { listFlag } from './scenario-flag.js';

/** `doubledutch verify`: checks a registered mechanism's properties and prints what it finds. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: "check a mechanism's properties on generated markets, with shrunk counterexamples",
  usage:
    'doubledutch verify --mechanism NAME [--properties a,b] [--runs N] [--seed S] [--max-orders N] [--multi-unit]',
  details: () =>
    [
      `  --mechanism NAME    registered: ${listMechanisms().join(', ')}`,
      `  --properties a,b    default: all (${PROPERTY_NAMES.join(', ')})`,
      '  --runs N            markets per property (default: 100)',
      '  --seed S            default: 0',
      '  --max-orders N      orders per side at most (default: 8)',
      '  --multi-unit        generate multi-unit orders',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      mechanism: { type: 'string' },
      properties: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'max-orders': { type: 'string' },
      'multi-unit': { type: 'boolean' },
    });
    if (values.mechanism === undefined) throw new UsageError('is required', '--mechanism');
    const mechanism = getMechanism(values.mechanism);
    const properties = listFlag(values.properties, PROPERTY_NAMES, 'properties') as PropertyName[];
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
