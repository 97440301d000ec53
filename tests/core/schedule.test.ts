import { describe, expect, it } from 'vitest';
import { broadcastDurationSec, planAnchor, plannedSchedule, scheduleTotals, warmupDurationSec } from '../../src/lib/core/schedule';

const seg = (id: string, kind: 'warmup' | 'opening' | 'product' | 'closing', min: number) => ({ id, kind, durationSec: min * 60 });
const start = Date.UTC(2026, 11, 12, 11, 0); // 19:00 Asia/Shanghai

describe('plannedSchedule', () => {
	it('ends the warm-up at the announced start and starts the opening on the dot', () => {
		const slots = plannedSchedule(start, [seg('w', 'warmup', 15), seg('o', 'opening', 5), seg('p', 'product', 12)]);
		expect(slots[0]).toEqual({ segmentId: 'w', startAt: start - 15 * 60_000, endAt: start });
		expect(slots[1].startAt).toBe(start);
		expect(slots[2]).toEqual({ segmentId: 'p', startAt: start + 5 * 60_000, endAt: start + 17 * 60_000 });
	});

	it('without an opening, only leading warm-ups run before the start', () => {
		expect(planAnchor(start, [seg('w', 'warmup', 10), seg('p', 'product', 10)])).toBe(start - 10 * 60_000);
		expect(planAnchor(start, [seg('p', 'product', 10)])).toBe(start);
		expect(plannedSchedule(start, [])).toEqual([]);
	});

	it('counts the broadcast from the announced start, not from the warm-up', () => {
		expect(broadcastDurationSec(start, [seg('w', 'warmup', 15), seg('o', 'opening', 5), seg('c', 'closing', 85)])).toBe(90 * 60);
		expect(broadcastDurationSec(start, [])).toBe(0);
	});
});

describe('scheduleTotals', () => {
	it('counts the warm-up before the start apart, and the difference from the announced start to the planned end', () => {
		const segments = [seg('w', 'warmup', 15), seg('o', 'opening', 5), seg('p', 'product', 12), seg('c', 'closing', 10)];
		expect(scheduleTotals(start, segments, 30)).toEqual({
			broadcastSec: 27 * 60,
			totalSec: 42 * 60,
			warmupSec: 15 * 60,
			plannedSec: 30 * 60,
			diffSec: -3 * 60,
			firstStartAt: start - 15 * 60_000,
			lastEndAt: start + 27 * 60_000
		});
		// A warm-up after the opening runs after the start: not counted as warm-up.
		expect(scheduleTotals(start, [seg('o', 'opening', 5), seg('w', 'warmup', 10)], 15).warmupSec).toBe(0);
	});

	it('counts the warm-up the same way the checks do', () => {
		const segments = [seg('w', 'warmup', 10), seg('o', 'opening', 5), seg('w2', 'warmup', 10)];
		expect(warmupDurationSec(start, segments)).toBe(10 * 60);
		expect(warmupDurationSec(start, segments, plannedSchedule(start, segments))).toBe(10 * 60);
		expect(scheduleTotals(start, segments, 30).warmupSec).toBe(warmupDurationSec(start, segments));
		expect(warmupDurationSec(start, [])).toBe(0);
	});

	it('answers zeros and no window for an empty run-sheet', () => {
		expect(scheduleTotals(start, [], 90)).toEqual({ broadcastSec: 0, totalSec: 0, warmupSec: 0, plannedSec: 5400, diffSec: -5400, firstStartAt: null, lastEndAt: null });
	});
});
