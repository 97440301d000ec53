/** `npm run bench`'s bootstrap intervals of its ratios (scripts/bench/stats.ts), and the largest and percentiles it reports (scripts/lib/rng.ts). */
import { describe, expect, it } from 'vitest';
import { maximum, percentile } from '../../scripts/bench/process';
import { ratioCis } from '../../scripts/bench/stats';

/** `count` commands of `screens` screens each, every latency `ms` (a function of the command's index). */
const commands = (count: number, screens: number, ms: (i: number) => number) => Array.from({ length: count }, (_, i) => Array.from({ length: screens }, () => ms(i)));

describe('the ratios\' bootstrap intervals', () => {
	it('resamples commands, not (command, screen) pairs: two slow commands of 100 on 50 screens leave the p99 ratio anywhere from 1× to 10×', () => {
		// 100 of the 5,000 pairs are slow: p99 over pairs is 10 ms. Resampling pairs would nearly
		// always keep ~2 % slow (an interval of [10, 10]); resampling commands often draws 0 or 1 of
		// the two slow ones (40 % of the time), and then the p99 is 1 ms.
		const showcall = commands(100, 50, (i) => (i === 17 || i === 60 ? 10 : 1));
		const floor = commands(100, 50, () => 1);
		const { p50, p99 } = ratioCis(showcall, floor);
		expect(p99).toEqual([1, 10]);
		expect(p50).toEqual([1, 1]);
	});

	it('is the ratio itself when every command is alike', () => {
		const { p50, p99 } = ratioCis(commands(40, 5, () => 3), commands(60, 5, () => 2));
		expect(p50).toEqual([1.5, 1.5]);
		expect(p99).toEqual([1.5, 1.5]);
	});

	it('brackets the point ratio, narrower at a lower level, and is the same for the same seed', () => {
		// Latencies that vary from command to command (a deterministic spread, 1–3 ms and 1–2 ms).
		const showcall = commands(200, 20, (i) => 1 + ((i * 37) % 101) / 50);
		const floor = commands(200, 20, (i) => 1 + ((i * 53) % 97) / 96);
		const wide = ratioCis(showcall, floor, { seed: 7 });
		expect(ratioCis(showcall, floor, { seed: 7 })).toEqual(wide);
		const point = 2 / 1.5; // the medians: 2 ms and 1.5 ms
		expect(wide.p50[0]).toBeLessThan(point);
		expect(wide.p50[1]).toBeGreaterThan(point);
		const narrow = ratioCis(showcall, floor, { seed: 7, level: 0.5 });
		expect(narrow.p50[0]).toBeGreaterThan(wide.p50[0]);
		expect(narrow.p50[1]).toBeLessThan(wide.p50[1]);
	});

	it('refuses a target with no commands, or a command no screen heard', () => {
		expect(() => ratioCis([], commands(3, 3, () => 1))).toThrow();
		expect(() => ratioCis(commands(3, 3, () => 1), [[1], []])).toThrow();
	});
});

describe('the largest and the percentiles of a long run\'s samples', () => {
	it('takes 200 screens × 1,000 commands of latencies (a spread into Math.max overflowed the stack there)', () => {
		const samples = commands(1_000, 200, (i) => (i % 97) / 10).flat();
		samples[123_456] = 42;
		expect(maximum(samples)).toBe(42);
		expect(percentile(samples, 100)).toBe(42);
	});

	it('is NaN with no samples, or with one that is not a number (as Math.max)', () => {
		expect(maximum([])).toBeNaN();
		expect(maximum([1, Number.NaN, 3])).toBeNaN();
		expect(maximum([-5, -2, -9])).toBe(-2);
	});
});
