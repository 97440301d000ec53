/**
 * How sure `npm run bench`'s ratios are. Its p50 and p99 are taken over every (command, screen)
 * pair, but a command's screens are not independent samples: one slow command is slow on all of
 * them. So the bootstrap resamples *commands* (each with all its screens' latencies), each target
 * on its own, and takes the ratio of the two resamples' percentiles; the interval is the middle
 * `level` of those ratios. Seeded: the same latencies give the same interval.
 */
import { rng } from '../lib/rng';
import { percentile } from './process';

export interface CiOptions {
	resamples?: number;
	seed?: number;
	/** The interval's coverage, 0.95 by default (the 2.5th to the 97.5th percentile of the ratios). */
	level?: number;
}

export type Ci = [lo: number, hi: number];

/**
 * The p-th percentiles (nearest rank, as `percentile`) of every (command, screen) pair of `resamples`
 * resamples of the commands: [p][resample]. Each pair is sorted once and stands for its rank; a
 * resample counts how often it draws each rank and walks the counts (no sort per resample).
 */
function resampled(commands: readonly (readonly number[])[], ps: readonly number[], resamples: number, random: () => number): number[][] {
	if (commands.length === 0 || commands.some((c) => c.length === 0)) throw new Error('every command needs at least one latency');
	const pairs = commands.flatMap((c, i) => c.map((ms) => ({ ms, i })));
	pairs.sort((a, b) => a.ms - b.ms);
	const ranks: number[][] = commands.map(() => []);
	pairs.forEach(({ i }, rank) => ranks[i].push(rank));
	const counts = new Int32Array(pairs.length);
	const out = ps.map(() => new Array<number>(resamples));
	for (let r = 0; r < resamples; r++) {
		counts.fill(0);
		let n = 0;
		for (let k = 0; k < commands.length; k++) {
			const drawn = ranks[Math.floor(random() * commands.length)];
			for (const rank of drawn) counts[rank]++;
			n += drawn.length;
		}
		ps.forEach((p, k) => {
			const wanted = Math.min(n - 1, Math.max(0, Math.ceil((p / 100) * n) - 1));
			let rank = 0;
			for (let seen = counts[0]; seen <= wanted; seen += counts[++rank]);
			out[k][r] = pairs[rank].ms;
		});
	}
	return out;
}

/**
 * Bootstrap confidence intervals of `target`'s p50 and p99 over `floor`'s, each given per command
 * (the latencies of its screens).
 */
export function ratioCis(target: readonly (readonly number[])[], floor: readonly (readonly number[])[], { resamples = 1000, seed = 1, level = 0.95 }: CiOptions = {}): { p50: Ci; p99: Ci } {
	const random = rng(seed);
	const [a50, a99] = resampled(target, [50, 99], resamples, random.fork('target'));
	const [b50, b99] = resampled(floor, [50, 99], resamples, random.fork('floor'));
	const tail = ((1 - level) / 2) * 100;
	const ci = (a: number[], b: number[]): Ci => {
		const ratios = a.map((x, r) => x / b[r]);
		return [percentile(ratios, tail), percentile(ratios, 100 - tail)];
	};
	return { p50: ci(a50, b50), p99: ci(a99, b99) };
}
