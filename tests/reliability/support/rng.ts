/** The tests' seeded generator, percentile and rounding: one implementation, in scripts/lib/rng.ts (the benchmark uses it too). */
export { percentile, rng, round, type Rng } from '../../../scripts/lib/rng';
