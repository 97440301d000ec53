/**
 * A seeded pseudo-random generator (mulberry32), and the percentile, maximum and rounding its users report
 * with. Shared by the benchmark (scripts/bench/stats.ts's bootstrap) and the tests' fuzzers and
 * reliability runs (tests/reliability/support/rng.ts re-exports it): scripts/lib/ holds code that
 * tooling and tests both use, so that neither imports the other's tree.
 */

/** A seeded pseudo-random generator (mulberry32): the same seed gives the same run. */
export interface Rng {
	/** [0, 1) */
	(): number;
	/** An integer in [min, max]. */
	int(min: number, max: number): number;
	pick<T>(items: readonly T[]): T;
	chance(p: number): boolean;
	/** A child generator, independent of how much this one is used later. */
	fork(label: string): Rng;
	readonly seed: number;
}

export function rng(seed: number): Rng {
	let a = seed >>> 0;
	const next = (() => {
		a = (a + 0x6d2b79f5) >>> 0;
		let t = a;
		t = Math.imul(t ^ (t >>> 15), t | 1);
		t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
		return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
	}) as Rng;
	next.int = (min, max) => min + Math.floor(next() * (max - min + 1));
	next.pick = (items) => items[Math.floor(next() * items.length)];
	next.chance = (p) => next() < p;
	next.fork = (label) => {
		let h = seed ^ 0x9e3779b9;
		for (const c of label) h = Math.imul(h ^ c.charCodeAt(0), 0x01000193) >>> 0;
		return rng(h);
	};
	Object.defineProperty(next, 'seed', { value: seed });
	return next;
}

/** The p-th percentile (nearest rank) of `values`; NaN when empty. */
export function percentile(values: readonly number[], p: number): number {
	if (values.length === 0) return NaN;
	const sorted = [...values].sort((x, y) => x - y);
	return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))];
}

/**
 * The largest of `values`; NaN when empty. A loop, not `Math.max(...values)`: a spread passes every
 * value as an argument, and a long run's samples (200 screens × 1,000 commands) overflow the stack.
 */
export function maximum(values: readonly number[]): number {
	if (values.length === 0) return NaN;
	let max = -Infinity;
	for (const v of values) if (v > max || Number.isNaN(v)) max = v;
	return max;
}

export const round = (n: number, digits = 1) => Math.round(n * 10 ** digits) / 10 ** digits;
