import { DoubleDutchError } from '../errors.js';
import { getMechanism, listMechanisms } from '../mechanism.js';
import type { ArbitraryMarketOptions } from '../properties/arbitrary-market.js';
import { claimedProperties, PROPERTY_NAMES, type PropertyName } from '../properties/types.js';
import { VACUOUS_TRADE_SHARE, verify } from '../properties/verify.js';
import { parseSeed, SeedError } from '../seed.js';
import { integerFlag, parseFlags } from './args.js';
import { type Command, UsageError } from './command.js';
import { formatTable } from './demo.js';
import { MECHANISM_OPTION_HELP, parseMechanismOptions } from './mechanism-options.js';
import { listFlag } from './scenario-flag.js';

/** The exit code when a property the mechanism claims fails: the command can gate a CI job. */
export const CLAIM_FAILS_EXIT = 1;

/** `doubledutch verify`: checks a registered mechanism's properties and prints what it finds. */
export const verifyCommand: Command = {
  name: 'verify',
  summary: "check a mechanism's properties on generated markets, with shrunk counterexamples",
  usage:
    'doubledutch verify --mechanism NAME [--properties a,b] [--runs N] [--seed S] [--price-range LOW,HIGH] [--decimals D] [--max-orders N] [--multi-unit] [--mechanism-option KEY=VALUE ...]',
  details: () =>
    [
      `  --mechanism NAME      registered: ${listMechanisms().join(', ')}`,
      `  --properties a,b      default: all (${PROPERTY_NAMES.join(', ')})`,
      '  --runs N              markets per property (default: 100)',
      '  --seed S              an integer in [0, 4294967295] (default: 0)',
      '  --price-range L,H     generated prices in [L, H] (default: 0,20)',
      '  --decimals D          decimal places of generated prices (default: 0)',
      '  --max-orders N        orders per side at most (default: 8); --max-bids N, --max-asks N per side',
      '  --min-orders N        orders per side at least (default: 0)',
      '  --multi-unit          generate multi-unit orders (quantities up to 3; --max-quantity N for more)',
      MECHANISM_OPTION_HELP,
      '',
      `Exits ${CLAIM_FAILS_EXIT} when a property the mechanism claims fails (a property it does not claim`,
      `is expected to fail), and warns on stderr when fewer than ${VACUOUS_TRADE_SHARE * 100}% of the generated`,
      'markets traded: properties then hold vacuously.',
    ].join('\n'),
  async run(args) {
    const { values } = parseFlags(args, {
      mechanism: { type: 'string' },
      properties: { type: 'string' },
      runs: { type: 'string' },
      seed: { type: 'string' },
      'price-range': { type: 'string' },
      decimals: { type: 'string' },
      'max-orders': { type: 'string' },
      'max-bids': { type: 'string' },
      'max-asks': { type: 'string' },
      'min-orders': { type: 'string' },
      'multi-unit': { type: 'boolean' },
      'max-quantity': { type: 'string' },
      'mechanism-option': { type: 'string', multiple: true },
    });
    const mechanismOptions = parseMechanismOptions(values['mechanism-option']);
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
    const seed = seedFlag(values.seed);
    const arbitrary = arbitraryFlags(values);
    const hasOptions = Object.keys(mechanismOptions).length > 0;
    let report: ReturnType<typeof verify>;
    try {
      report = verify(mechanism, {
        properties,
        numRuns,
        seed,
        arbitrary,
        ...(hasOptions ? { mechanismOptions } : {}),
      });
    } catch (error) {
      // The API names its options; the user wrote flags.
      if (error instanceof DoubleDutchError && error.field !== undefined && error.code === 'invalid_option')
        throw new UsageError(error.message.slice(error.field.length + 2), flagOf(error.field));
      throw error;
    }
    const claimOf = claimedProperties(mechanism.claims);
    const options = hasOptions
      ? `, options ${Object.entries(mechanismOptions)
          .map(([k, v]) => `${k}=${String(v)}`)
          .join(' ')}`
      : '';
    const range = arbitrary.priceRange ?? [0, 20];
    console.log(
      `verify ${mechanism.name}${options}: ${numRuns} markets per property, seed ${seed}, prices in [${range.join(', ')}]\n`,
    );
    const rows = [['property', 'claimed', 'result', 'runs', 'traded']];
    for (const p of properties) {
      const r = report.results[p];
      rows.push([
        p,
        claimOf[p] ? 'yes' : 'no',
        r?.holds ? 'holds' : 'FAILS',
        String(r?.runs ?? 0),
        String(r?.traded ?? 0),
      ]);
    }
    console.log(formatTable(rows));
    for (const p of properties) {
      const c = report.results[p]?.counterexample;
      if (c === undefined) continue;
      console.log(`\n${p}: ${c.reason}`);
      console.log(`  market: ${JSON.stringify(c.market)}`);
    }
    console.log(`\n${report.markets.traded} of ${report.markets.tried} generated markets traded.`);
    for (const warning of report.warnings) console.error(`doubledutch verify: warning: ${warning}`);
    const broken = properties.filter((p) => claimOf[p] && report.results[p]?.holds !== true);
    if (broken.length === 0) return 0;
    console.error(
      `doubledutch verify: ${mechanism.name} claims ${broken.join(', ')} but ${broken.length === 1 ? 'it fails' : 'they fail'} (counterexample above)`,
    );
    return CLAIM_FAILS_EXIT;
  },
};

type Values = Partial<Record<string, string | boolean | string[]>>;

/** `--seed`, refused as bad usage (exit 2) when it is not an integer in [0, 2^32 − 1]. */
function seedFlag(text: string | undefined): number {
  if (text === undefined) return 0;
  try {
    return parseSeed(text, '--seed');
  } catch (error) {
    if (error instanceof SeedError) throw new UsageError(error.message.slice('--seed: '.length), '--seed');
    throw error;
  }
}

function arbitraryFlags(values: Values): ArbitraryMarketOptions {
  const text = (name: string) => values[name] as string | undefined;
  const maxOrders = integerFlag(text('max-orders'), 'max-orders', 8, 0);
  const maxQuantity = text('max-quantity');
  let priceRange: [string, string] | undefined;
  const range = text('price-range');
  if (range !== undefined) {
    const ends = range.split(',').map((s) => s.trim());
    if (ends.length !== 2 || ends.some((e) => e === ''))
      throw new UsageError(`must be LOW,HIGH, e.g. 0,200, got '${range}'`, '--price-range');
    priceRange = ends as [string, string];
  }
  const maxBids = integerFlag(text('max-bids'), 'max-bids', maxOrders, 0);
  const maxAsks = integerFlag(text('max-asks'), 'max-asks', maxOrders, 0);
  const minOrders = integerFlag(text('min-orders'), 'min-orders', 0, 0);
  if (minOrders > Math.min(maxBids, maxAsks))
    throw new UsageError(
      `must be at most the orders a side may have (${Math.min(maxBids, maxAsks)}), got ${minOrders}`,
      '--min-orders',
    );
  return {
    maxBids,
    maxAsks,
    minBids: minOrders,
    minAsks: minOrders,
    decimals: integerFlag(text('decimals'), 'decimals', 0, 0),
    multiUnit:
      maxQuantity !== undefined
        ? integerFlag(maxQuantity, 'max-quantity', 3, 1)
        : values['multi-unit'] === true,
    ...(priceRange === undefined ? {} : { priceRange }),
  };
}

/** The flag that set an option `verify` refused (`arbitrary.priceRange` → `--price-range`). */
function flagOf(field: string): string {
  if (field.startsWith('mechanismOptions')) return '--mechanism-option';
  const flags: Record<string, string> = {
    'arbitrary.priceRange': '--price-range',
    'arbitrary.decimals': '--decimals',
    'arbitrary.maxBids': '--max-bids',
    'arbitrary.maxAsks': '--max-asks',
    'arbitrary.minBids': '--min-orders',
    'arbitrary.minAsks': '--min-orders',
    'arbitrary.multiUnit': '--max-quantity',
  };
  return flags[field] ?? field;
}
