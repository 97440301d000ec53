import { describe, expect, it } from 'vitest';
import { intervalAt, onAirIntervals, segmentAt } from '../../../src/lib/core/figures/timeline';
import { makeShow, MIN, START } from '../factories';
import { drive } from './drive';

const SEC = 1000;

describe('attributing an instant to the segment on air', () => {
	const show = makeShow();
	const [s1, s2, s3, s4] = show.segments.map((s) => s.id);
	const t0 = START - 15 * MIN;

	it('follows pauses, skips, revisits and add-time, and is null before the start and after the end', () => {
		const { events } = drive(show, [
			[t0, { type: 'start', mode: 'live' }],
			[t0 + 5 * MIN, { type: 'pause' }],
			[t0 + 7 * MIN, { type: 'resume' }],
			[t0 + 10 * MIN, { type: 'goto', segmentId: s3 }], // skips s2
			[t0 + 12 * MIN, { type: 'add-time', deltaMs: 60 * SEC }],
			[t0 + 14 * MIN, { type: 'previous' }], // s2, first time
			[t0 + 16 * MIN, { type: 'goto', segmentId: s1 }], // back to s1
			[t0 + 17 * MIN, { type: 'pause' }],
			[t0 + 18 * MIN, { type: 'goto', segmentId: s4 }], // a move while paused resumes
			[t0 + 20 * MIN, { type: 'end' }]
		]);
		const intervals = onAirIntervals(events, t0 + 60 * MIN);
		expect(intervals.map((i) => [i.segmentId, i.from - t0, i.to! - t0])).toEqual([
			[s1, 0, 10 * MIN],
			[s3, 10 * MIN, 14 * MIN],
			[s2, 14 * MIN, 16 * MIN],
			[s1, 16 * MIN, 18 * MIN],
			[s4, 18 * MIN, 20 * MIN]
		]);
		expect(intervals[0]).toMatchObject({ pausedMs: 2 * MIN, paused: [{ from: t0 + 5 * MIN, to: t0 + 7 * MIN }] });
		expect(intervals[3]).toMatchObject({ pausedMs: 1 * MIN, paused: [{ from: t0 + 17 * MIN, to: t0 + 18 * MIN }] });
		expect(intervals[1].paused).toEqual([]);

		const at = (ms: number) => segmentAt(intervals, t0 + ms);
		expect(at(-1)).toBeNull();
		expect(at(0)).toBe(s1);
		expect(at(6 * MIN)).toBe(s1); // while paused: the paused segment
		expect(at(10 * MIN - 1)).toBe(s1);
		expect(at(10 * MIN)).toBe(s3); // the instant of a move belongs to the segment that starts
		expect(at(15 * MIN)).toBe(s2);
		expect(at(17 * MIN + 30 * SEC)).toBe(s1); // revisit, paused
		expect(at(20 * MIN)).toBe(s4); // the final instant still belongs to the last segment
		expect(at(20 * MIN + 1)).toBeNull();
		expect(intervalAt(intervals, t0 + 17 * MIN)?.from).toBe(t0 + 16 * MIN);
	});

	it('keeps a segment removed from the run-sheet mid-show under its own id', () => {
		const { events } = drive(show, [
			[t0, { type: 'start', mode: 'live' }],
			[t0 + 5 * MIN, { type: 'next' }],
			['sheet', show.segments.filter((s) => s.id !== s1)],
			[t0 + 9 * MIN, { type: 'next' }]
		]);
		const intervals = onAirIntervals(events, t0 + 10 * MIN);
		expect(intervals.map((i) => i.segmentId)).toEqual([s1, s2, s3]);
		expect(segmentAt(intervals, t0 + MIN)).toBe(s1);
		expect(segmentAt(intervals, t0 + 9 * MIN)).toBe(s3);
	});

	it('leaves the current interval open while the run is in progress, a pause in progress counted to now', () => {
		const { events } = drive(show, [
			[t0, { type: 'start', mode: 'live' }],
			[t0 + 3 * MIN, { type: 'next' }],
			[t0 + 4 * MIN, { type: 'pause' }]
		]);
		const now = t0 + 6 * MIN;
		const intervals = onAirIntervals(events, now);
		expect(intervals[1]).toMatchObject({ segmentId: s2, from: t0 + 3 * MIN, to: null, pausedMs: 2 * MIN, paused: [{ from: t0 + 4 * MIN, to: null }] });
		expect(segmentAt(intervals, now)).toBe(s2);
		expect(segmentAt(intervals, now + 60 * MIN)).toBe(s2);
	});

	it('has no intervals for a run that never started, and none after a rehearsal reset', () => {
		expect(onAirIntervals([], START)).toEqual([]);
		expect(segmentAt([], START)).toBeNull();
		const { events } = drive(show, [
			[t0, { type: 'start', mode: 'rehearsal' }],
			[t0 + 2 * MIN, { type: 'reset' }]
		]);
		const intervals = onAirIntervals(events, t0 + 5 * MIN);
		expect(intervals.map((i) => [i.segmentId, i.from, i.to])).toEqual([[s1, t0, t0 + 2 * MIN]]);
		expect(segmentAt(intervals, t0 + 3 * MIN)).toBeNull();
	});
});
