import { describe, expect, it } from 'vitest';
import { wallShowAt } from '../../src/lib/core/wall-time';
import type { WallShowInput } from '../../src/lib/core/wall';

const T = Date.UTC(2026, 11, 1, 12, 0);
const show = (over: Partial<WallShowInput> = {}): WallShowInput => ({
	showId: 1,
	unitCode: 'wuhan',
	title: 'x',
	startsAt: T,
	status: 'live',
	mode: 'live',
	startedAt: T,
	segment: { id: 's1', title: '开场', kind: 'opening', startedAt: T, remainingMs: 10_000 },
	driftMs: 0,
	hostScreens: 1,
	hostLeftAt: null,
	latestAlert: null,
	latestFigures: null,
	...over
});

describe('wallShowAt', () => {
	it('runs the countdown while live and lets the end slip only once over time', () => {
		const later = wallShowAt(show(), T, T + 4_000);
		expect(later.segment?.remainingMs).toBe(6_000);
		expect(later.driftMs).toBe(0);
		const over = wallShowAt(show(), T, T + 15_000);
		expect(over.segment?.remainingMs).toBe(-5_000);
		expect(over.driftMs).toBe(5_000);
		// Pushed while already over time: every second over is a second behind.
		expect(wallShowAt(show({ segment: { ...show().segment!, remainingMs: -1_000 }, driftMs: 1_000 }), T, T + 2_000).driftMs).toBe(3_000);
	});

	it('holds the countdown while paused, and the end slips', () => {
		const paused = wallShowAt(show({ status: 'paused' }), T, T + 7_000);
		expect(paused.segment?.remainingMs).toBe(10_000);
		expect(paused.driftMs).toBe(7_000);
	});

	it('lets a show that has not started slip only once its start has passed', () => {
		const ready = show({ status: 'ready', mode: null, startedAt: null, segment: null, startsAt: T + 5_000 });
		expect(wallShowAt(ready, T, T + 3_000).driftMs).toBe(0);
		expect(wallShowAt(ready, T, T + 8_000).driftMs).toBe(3_000);
		expect(wallShowAt({ ...ready, driftMs: null }, T, T + 8_000).driftMs).toBeNull();
	});
});
