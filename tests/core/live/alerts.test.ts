import { describe, expect, it } from 'vitest';
import {
	alertsBetween,
	BEHIND_SCHEDULE_MS,
	initialLiveState,
	liveAlerts,
	nextAlertAt,
	SHOW_END_WARNING_MS,
	type Alert,
	type LiveState
} from '../../../src/lib/core/live';
import { drive, makeSheet, MIN, runAt, SEC, STARTS_AT, WARMUP_AT } from './factories';

const sheet = makeSheet();
const TEA_AT = STARTS_AT + 5 * MIN;
const W = WARMUP_AT;
const S = STARTS_AT;

const when = (alerts: Alert[]) => alerts.map((a) => [a.kind, a.at]);
const byKind = (state: LiveState, kind: Alert['kind']) => liveAlerts(state, sheet).filter((a) => a.kind === kind);
const one = (state: LiveState, kind: Alert['kind']) => {
	const found = byKind(state, kind);
	expect(found).toHaveLength(1);
	return found[0];
};

describe('liveAlerts', () => {
	const onTime = () => runAt(sheet, 'warmup', W);

	it('lists every alert of a run started on time, at the right instants', () => {
		expect(when(liveAlerts(onTime(), sheet))).toEqual([
			['warmup_opened', W],
			['cue_due', W + 5 * MIN],
			['segment_ending_2m', S - 2 * MIN],
			['segment_ending_30s', S - 30 * SEC],
			['announced_start', S],
			['segment_overtime', S],
			// On plan, only overtime can put the run behind: 5 min after the warm-up should have ended.
			['behind_schedule', S + BEHIND_SCHEDULE_MS]
		]);
		expect(one(onTime(), 'cue_due')).toMatchObject({ segmentId: 'warmup', cueId: 'warmup-coupon', data: { text: '发预热券' } });
		expect(one(onTime(), 'behind_schedule').data).toEqual({ driftMs: BEHIND_SCHEDULE_MS });
	});

	it('has distinct keys', () => {
		for (const state of [onTime(), runAt(sheet, 'tea', TEA_AT), drive(sheet, [[{ type: 'pause' }, W + MIN]], onTime())]) {
			const keys = liveAlerts(state, sheet).map((a) => a.key);
			expect(new Set(keys).size).toBe(keys.length);
		}
	});

	it('raises nothing before the run or after it', () => {
		expect(liveAlerts(initialLiveState(), sheet)).toEqual([]);
		expect(liveAlerts(drive(sheet, [[{ type: 'end' }, W + MIN]], onTime()), sheet)).toEqual([]);
		expect(nextAlertAt(initialLiveState(), sheet, 0)).toBeNull();
	});

	it('re-arms the segment-end alerts under new keys after time is added; cues stay put', () => {
		const before = onTime();
		const after = drive(sheet, [[{ type: 'add-time', deltaMs: MIN }, W + MIN]], before);
		const [was, now] = [one(before, 'segment_ending_2m'), one(after, 'segment_ending_2m')];
		expect(now.at).toBe(S - MIN);
		expect(now.key).not.toBe(was.key);
		expect(one(after, 'segment_ending_30s').at).toBe(S + 30 * SEC);
		expect(one(after, 'segment_overtime').at).toBe(S + MIN);
		expect(one(after, 'cue_due')).toEqual(one(before, 'cue_due'));
	});

	it('holds the segment’s alerts during a pause and postpones them by it, under the same keys', () => {
		const before = onTime();
		const paused = drive(sheet, [[{ type: 'pause' }, W + 2 * MIN]], before);
		expect(liveAlerts(paused, sheet).map((a) => a.kind)).toEqual(['warmup_opened', 'behind_schedule', 'announced_start']);
		// Paused with 13 min left and 86 min after: 5 min behind once paused 5 min.
		expect(one(paused, 'behind_schedule').at).toBe(W + 7 * MIN);
		const resumed = drive(sheet, [[{ type: 'resume' }, W + 5 * MIN]], paused);
		const [was, now] = [one(before, 'segment_ending_2m'), one(resumed, 'segment_ending_2m')];
		expect(now).toEqual({ ...was, at: was.at + 3 * MIN });
		expect(one(resumed, 'cue_due')).toEqual({ ...one(before, 'cue_due'), at: W + 8 * MIN });
		// Announced start is wall-clock: a pause does not move it.
		expect(one(resumed, 'announced_start')).toEqual(one(before, 'announced_start'));
	});

	it('warns before the planned flash sale until it starts, then announces its end', () => {
		const tea = runAt(sheet, 'tea', TEA_AT);
		expect(when([...byKind(tea, 'flash_sale_soon_60s'), ...byKind(tea, 'flash_sale_soon_10s')])).toEqual([
			['flash_sale_soon_60s', TEA_AT + 4 * MIN],
			['flash_sale_soon_10s', TEA_AT + 4 * MIN + 50 * SEC]
		]);
		expect(one(tea, 'flash_sale_soon_60s').data).toEqual({ priceFen: 990, quantity: 200 });
		const sale = drive(sheet, [[{ type: 'flash-sale-start' }, TEA_AT + 3 * MIN]], tea);
		expect(byKind(sale, 'flash_sale_soon_60s')).toEqual([]);
		expect(one(sale, 'flash_sale_ended')).toMatchObject({ at: TEA_AT + 5 * MIN, segmentId: 'tea' });
		const stopped = drive(sheet, [[{ type: 'flash-sale-stop' }, TEA_AT + 4 * MIN]], sale);
		expect(one(stopped, 'flash_sale_ended').at).toBe(TEA_AT + 4 * MIN);
		expect(one(stopped, 'flash_sale_ended').key).not.toBe(one(sale, 'flash_sale_ended').key);
	});

	it('lists the cues of the current segment that are not ticked off', () => {
		const tea = drive(sheet, [[{ type: 'cue-done', cueId: 'tea-link', done: true }, TEA_AT]], runAt(sheet, 'tea', TEA_AT));
		expect(byKind(tea, 'cue_due').map((a) => [a.cueId, a.at])).toEqual([
			['tea-explain', TEA_AT],
			['tea-stock', TEA_AT + 4 * MIN]
		]);
	});

	it('warns 10 min before the projected end, once per run', () => {
		const qaAt = S + 66 * MIN;
		const qa = runAt(sheet, 'qa', qaAt);
		// Q&A (10 min) then closing (10 min): 10 min left when Q&A ends.
		const warning = one(qa, 'show_end_10m');
		expect(warning).toMatchObject({ at: qaAt + 10 * MIN, data: { projectedEndAt: qaAt + 20 * MIN } });
		const closing = drive(sheet, [[{ type: 'next' }, qaAt + 10 * MIN]], qa);
		expect(one(closing, 'show_end_10m')).toMatchObject({ key: warning.key, at: warning.at });
		expect(SHOW_END_WARNING_MS).toBe(10 * MIN);
		expect(byKind(runAt(sheet, 'tea', TEA_AT), 'show_end_10m')).toEqual([]);
	});

	it('warns at once when a jump makes the end less than 10 min away', () => {
		const jump = drive(sheet, [[{ type: 'goto', segmentId: 'closing' }, TEA_AT + MIN]], runAt(sheet, 'tea', TEA_AT));
		expect(alertsBetween(jump, sheet, TEA_AT + MIN - 1, TEA_AT + MIN).map((a) => a.kind)).toContain('show_end_10m');
	});

	it('reports falling behind at the moment drift reaches 5 min, or at once if it already has', () => {
		const tea = runAt(sheet, 'tea', TEA_AT);
		expect(one(tea, 'behind_schedule').at).toBe(TEA_AT + 17 * MIN);
		const fourMore = drive(sheet, [[{ type: 'add-time', deltaMs: 4 * MIN }, TEA_AT + MIN]], tea);
		expect(one(fourMore, 'behind_schedule')).toMatchObject({ at: TEA_AT + 17 * MIN, data: { driftMs: 5 * MIN } });
		const sixMore = drive(sheet, [[{ type: 'add-time', deltaMs: 6 * MIN }, TEA_AT + MIN]], tea);
		expect(one(sixMore, 'behind_schedule')).toMatchObject({ at: TEA_AT + MIN, data: { driftMs: 6 * MIN } });
		// A warm-up 6 min over: the opening starts already behind, and says so when it opens.
		const late = drive(sheet, [[{ type: 'next' }, S + 6 * MIN]], runAt(sheet, 'warmup', W));
		expect(alertsBetween(late, sheet, S + 6 * MIN - 1, S + 6 * MIN)).toEqual([
			expect.objectContaining({ kind: 'behind_schedule', segmentId: 'opening', data: { driftMs: 6 * MIN } })
		]);
	});

	it('keeps an alert made due by a command under the same key through later commands', () => {
		const sixMore = drive(sheet, [[{ type: 'add-time', deltaMs: 6 * MIN }, TEA_AT + MIN]], runAt(sheet, 'tea', TEA_AT));
		const later = drive(sheet, [[{ type: 'message', text: '稍后加快' }, TEA_AT + 2 * MIN]], sixMore);
		expect(one(later, 'behind_schedule').key).toBe(one(sixMore, 'behind_schedule').key);
	});
});

describe('alertsBetween and nextAlertAt', () => {
	const state = runAt(sheet, 'warmup', W);
	const twoMin = S - 2 * MIN;

	it('takes the half-open interval (from, to]', () => {
		expect(alertsBetween(state, sheet, twoMin - 1, twoMin).map((a) => a.kind)).toEqual(['segment_ending_2m']);
		expect(alertsBetween(state, sheet, twoMin, twoMin + 1)).toEqual([]);
		expect(alertsBetween(state, sheet, W, W)).toEqual([]);
		expect(alertsBetween(state, sheet, W - 1, W).map((a) => a.kind)).toEqual(['warmup_opened']);
		expect(when(alertsBetween(state, sheet, S - 30 * SEC, S))).toEqual([
			['announced_start', S],
			['segment_overtime', S]
		]);
	});

	it('finds the next instant strictly after the one given', () => {
		expect(nextAlertAt(state, sheet, W - 1)).toBe(W);
		expect(nextAlertAt(state, sheet, W)).toBe(W + 5 * MIN);
		expect(nextAlertAt(state, sheet, twoMin - 1)).toBe(twoMin);
		expect(nextAlertAt(state, sheet, twoMin)).toBe(S - 30 * SEC);
		expect(nextAlertAt(state, sheet, S)).toBe(S + 5 * MIN);
		expect(nextAlertAt(state, sheet, S + 5 * MIN)).toBeNull();
	});
});

describe('presence alerts', () => {
	it('are never derived from the state (the runtime raises them from what it sees)', async () => {
		const { PRESENCE_ALERT_KINDS } = await import('../../../src/lib/core/live');
		const state = drive(sheet, [[{ type: 'pause' }, TEA_AT + MIN]], runAt(sheet, 'tea', TEA_AT));
		for (const s of [runAt(sheet, 'tea', TEA_AT), state]) {
			expect(liveAlerts(s, sheet).filter((a) => (PRESENCE_ALERT_KINDS as readonly string[]).includes(a.kind))).toEqual([]);
		}
	});
});
