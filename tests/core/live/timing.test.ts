import { describe, expect, it } from 'vitest';
import {
	DANGER_REMAINING_MS,
	initialLiveState,
	livePhase,
	liveTiming,
	WARNING_REMAINING_MS
} from '../../../src/lib/core/live';
import { drive, makeSheet, MIN, PLANNED_END, runAt, SEC, STARTS_AT, WARMUP_AT } from './factories';

const sheet = makeSheet();
/** The tea slot (12 min) is planned to start 5 min after the announced start. */
const TEA_AT = STARTS_AT + 5 * MIN;
const tea = () => runAt(sheet, 'tea', TEA_AT);

describe('phases', () => {
	it('exports the thresholds', () => {
		expect([WARNING_REMAINING_MS, DANGER_REMAINING_MS]).toEqual([2 * MIN, 30 * SEC]);
	});

	it.each([
		[2 * MIN + 1, 'normal'],
		[2 * MIN, 'warning'],
		[30 * SEC + 1, 'warning'],
		[30 * SEC, 'danger'],
		[0, 'danger'],
		[-1, 'overtime']
	])('remaining %i ms → %s, at that instant of a running segment', (remainingMs, phase) => {
		expect(livePhase(remainingMs)).toBe(phase);
		const timing = liveTiming(tea(), sheet, TEA_AT + 12 * MIN - remainingMs);
		expect(timing).toMatchObject({ remainingMs, phase, overtimeMs: Math.max(0, -remainingMs) });
		expect(timing.elapsedMs).toBe(12 * MIN - remainingMs);
	});
});

describe('the segment clock', () => {
	it('runs from the segment start and ends at its planned + adjusted length', () => {
		const timing = liveTiming(tea(), sheet, TEA_AT + 4 * MIN);
		expect(timing).toMatchObject({ segmentIndex: 2, elapsedMs: 4 * MIN, remainingMs: 8 * MIN, segmentEndsAt: TEA_AT + 12 * MIN });
		expect(timing.segment?.id).toBe('tea');
		const longer = drive(sheet, [[{ type: 'add-time', deltaMs: 90 * SEC }, TEA_AT + MIN]], tea());
		expect(liveTiming(longer, sheet, TEA_AT + 4 * MIN)).toMatchObject({ remainingMs: 9.5 * MIN, segmentEndsAt: TEA_AT + 13.5 * MIN });
	});

	it('stands still while paused and leaves the pause out after resuming', () => {
		const paused = drive(sheet, [[{ type: 'pause' }, TEA_AT + 3 * MIN]], tea());
		const during = liveTiming(paused, sheet, TEA_AT + 10 * MIN);
		expect(during).toMatchObject({ elapsedMs: 3 * MIN, remainingMs: 9 * MIN, segmentEndsAt: null, phase: 'normal' });
		const resumed = drive(sheet, [[{ type: 'resume' }, TEA_AT + 5 * MIN]], paused);
		expect(liveTiming(resumed, sheet, TEA_AT + 6 * MIN)).toMatchObject({
			elapsedMs: 4 * MIN,
			remainingMs: 8 * MIN,
			segmentEndsAt: TEA_AT + 14 * MIN
		});
	});

	it('has no segment while ready and counts down to the planned warm-up', () => {
		const timing = liveTiming(initialLiveState(), sheet, WARMUP_AT - 10 * MIN);
		expect(timing).toMatchObject({
			segmentIndex: -1,
			segment: null,
			remainingMs: 0,
			phase: 'normal',
			segmentEndsAt: null,
			untilStartMs: 10 * MIN,
			plannedEndAt: PLANNED_END,
			projectedEndAt: PLANNED_END,
			driftMs: 0,
			flashSale: null
		});
		expect(timing.plannedStarts).toMatchObject({ warmup: WARMUP_AT, opening: STARTS_AT, tea: TEA_AT });
		// Not started 2 min after the planned warm-up: 2 min behind already.
		expect(liveTiming(initialLiveState(), sheet, WARMUP_AT + 2 * MIN)).toMatchObject({ untilStartMs: -2 * MIN, driftMs: 2 * MIN });
	});

	it('freezes at the end of the run', () => {
		const ended = drive(sheet, [[{ type: 'end' }, TEA_AT + 3 * MIN]], tea());
		expect(liveTiming(ended, sheet, TEA_AT + 60 * MIN)).toMatchObject({
			segmentIndex: 2,
			elapsedMs: 3 * MIN,
			segmentEndsAt: null,
			projectedEndAt: TEA_AT + 3 * MIN,
			driftMs: TEA_AT + 3 * MIN - PLANNED_END,
			untilStartMs: null
		});
	});

	it('loses the segment, not the clock, when it is removed from the run-sheet mid-show', () => {
		const edited = makeSheet({ segments: sheet.segments.filter((s) => s.id !== 'tea') });
		expect(liveTiming(tea(), edited, TEA_AT + MIN)).toMatchObject({
			segmentIndex: -1,
			segment: null,
			elapsedMs: MIN,
			projectedEndAt: null,
			driftMs: null
		});
	});
});

describe('schedule drift', () => {
	it('is zero on plan', () => {
		expect(liveTiming(tea(), sheet, TEA_AT + MIN)).toMatchObject({ projectedEndAt: PLANNED_END, plannedEndAt: PLANNED_END, driftMs: 0 });
	});

	it('grows with overtime, added time and pauses; shrinks with time taken', () => {
		const warmup = runAt(sheet, 'warmup', WARMUP_AT);
		// The warm-up runs 3 min over the announced start.
		expect(liveTiming(warmup, sheet, STARTS_AT + 3 * MIN)).toMatchObject({
			projectedEndAt: PLANNED_END + 3 * MIN,
			driftMs: 3 * MIN
		});
		const added = drive(sheet, [[{ type: 'add-time', deltaMs: 2 * MIN }, TEA_AT + MIN]], tea());
		expect(liveTiming(added, sheet, TEA_AT + 2 * MIN).driftMs).toBe(2 * MIN);
		const taken = drive(sheet, [[{ type: 'add-time', deltaMs: -4 * MIN }, TEA_AT + MIN]], tea());
		expect(liveTiming(taken, sheet, TEA_AT + 2 * MIN).driftMs).toBe(-4 * MIN);
		const paused = drive(sheet, [[{ type: 'pause' }, TEA_AT + MIN]], tea());
		expect(liveTiming(paused, sheet, TEA_AT + 4 * MIN).driftMs).toBe(3 * MIN);
	});

	it('counts a late start of the warm-up', () => {
		const late = drive(sheet, [[{ type: 'start', mode: 'live' }, STARTS_AT]]);
		expect(liveTiming(late, sheet, STARTS_AT).driftMs).toBe(15 * MIN);
	});

	it('plans a rehearsal from its own start', () => {
		const at = STARTS_AT - 2 * 24 * 60 * MIN;
		const rehearsal = drive(sheet, [[{ type: 'start', mode: 'rehearsal' }, at]]);
		const timing = liveTiming(rehearsal, sheet, at + MIN);
		expect(timing.plannedStarts).toMatchObject({ warmup: at, opening: at + 15 * MIN });
		expect(timing).toMatchObject({ plannedEndAt: at + 101 * MIN, driftMs: 0 });
	});
});

describe('flash-sale countdown', () => {
	it('counts down the window and reports it closed at its end', () => {
		const sale = drive(sheet, [[{ type: 'flash-sale-start' }, TEA_AT + 5 * MIN]], tea());
		expect(liveTiming(sale, sheet, TEA_AT + 5 * MIN + 30 * SEC).flashSale).toEqual({ remainingMs: 90 * SEC, active: true });
		expect(liveTiming(sale, sheet, TEA_AT + 7 * MIN).flashSale).toEqual({ remainingMs: 0, active: false });
		expect(liveTiming(tea(), sheet, TEA_AT).flashSale).toBeNull();
	});
});
