// Property tests run with one fixed seed (override with DOUBLEDUTCH_SEED to explore); fast-check
// prints the seed and the shrunk counterexample of any failure, so a failure can be replayed.
import fc from 'fast-check';

const seed = Number(process.env.DOUBLEDUTCH_SEED ?? 20261124);
fc.configureGlobal({ seed, numRuns: Number(process.env.DOUBLEDUTCH_RUNS ?? 200) });
