import { describe, expect, it } from 'vitest';
import { alertHolds, alertsBetween, plannedSaleStage, saleSettledCueIds, type LiveState } from '../../../src/lib/core/live';
import { hostCueRows } from '../../../src/lib/core/screens';
import { drive, makeSegment, makeSheet, MIN, runAt, SEC, STARTS_AT, WARMUP_AT } from './factories';

// The tea slot with a host cue at the sale's planned start (5 min in), as the demo has "秒杀开始".
const base = makeSheet();
const sheet = {
	...base,
	segments: base.segments.map((s) =>
		s.id === 'tea' ? makeSegment({ ...s, cues: [...s.cues, { id: 'tea-sale', offsetSec: 5 * 60, text: '秒杀开始', forHost: true }] }) : s
	)
};
const tea = sheet.segments.find((s) => s.id === 'tea')!;
const rice = sheet.segments.find((s) => s.id === 'rice')!;
const TEA_AT = STARTS_AT + 5 * MIN;
const SALE_AT = TEA_AT + 30 * SEC; // started early, 30 s into the slot
const WINDOW = 2 * MIN;

const onTea = () => runAt(sheet, 'tea', TEA_AT);
const saleRunning = () => drive(sheet, [[{ type: 'flash-sale-start' }, SALE_AT]], onTea());
const saleStopped = () => drive(sheet, [[{ type: 'flash-sale-stop' }, SALE_AT + 20 * SEC]], saleRunning());

/** The lead-in the server fired as the slot opened (planned start 5 min in, minus 60 s). */
function leadIn(state: LiveState) {
	const fired = alertsBetween(state, sheet, TEA_AT - 1, TEA_AT + 4 * MIN + 50 * SEC).filter((a) => a.kind.startsWith('flash_sale_soon'));
	return fired[0] ?? { kind: 'flash_sale_soon_60s' as const, segmentId: 'tea' };
}
/** What the host's cue list says at `now`, settled by the sale's stage. */
function hostCues(state: LiveState, now: number) {
	const stage = plannedSaleStage(state, tea, now);
	const elapsed = now - state.segmentStartedAt! - state.pausedMs;
	return hostCueRows(tea.cues, [...state.cuesDone, ...saleSettledCueIds(tea, stage)], elapsed).map((r) => [r.cue.text, r.status]);
}

describe('the planned flash sale, from the live state only', () => {
	it('before the sale: upcoming, its lead-in holds, its cue counts down', () => {
		const state = onTea();
		const now = TEA_AT + 4 * MIN + 4 * SEC;
		expect(plannedSaleStage(state, tea, now)).toBe('upcoming');
		expect(leadIn(state)).toMatchObject({ kind: 'flash_sale_soon_60s', segmentId: 'tea' });
		expect(alertHolds(leadIn(state), state, tea, now)).toBe(true);
		expect(saleSettledCueIds(tea, 'upcoming')).toEqual([]);
		expect(hostCues(state, now)).toEqual([
			['上链接 #3', 'due'],
			['秒杀开始', 'upcoming']
		]);
	});

	it('while the sale runs (started early): running, never "about to start"', () => {
		const state = saleRunning();
		const now = SALE_AT + 4 * SEC;
		expect(plannedSaleStage(state, tea, now)).toBe('running');
		expect(alertHolds({ kind: 'flash_sale_soon_60s', segmentId: 'tea' }, state, tea, now)).toBe(false);
		expect(alertHolds({ kind: 'flash_sale_soon_10s', segmentId: 'tea' }, state, tea, now)).toBe(false);
		expect(saleSettledCueIds(tea, 'running')).toEqual(['tea-sale']);
		expect(hostCues(state, now)).toEqual([
			['上链接 #3', 'upcoming'],
			['秒杀开始', 'done']
		]);
		// The server no longer plans its lead-ins either.
		expect(alertsBetween(state, sheet, SALE_AT, SALE_AT + 10 * MIN).filter((a) => a.kind.startsWith('flash_sale_soon'))).toEqual([]);
	});

	it('after the sale was stopped early: ended, the lead-in and the cue stay settled, even when its planned time comes', () => {
		const state = saleStopped();
		for (const now of [SALE_AT + 30 * SEC, TEA_AT + 5 * MIN, TEA_AT + 6 * MIN]) {
			expect(plannedSaleStage(state, tea, now)).toBe('ended');
			expect(alertHolds({ kind: 'flash_sale_soon_60s', segmentId: 'tea' }, state, tea, now)).toBe(false);
			expect(hostCues(state, now).find(([text]) => text === '秒杀开始')).toEqual(['秒杀开始', 'done']);
		}
		expect(alertHolds({ kind: 'flash_sale_ended', segmentId: 'tea' }, state, tea, SALE_AT + 30 * SEC)).toBe(true);
	});

	it('after the sale ended by its time: ended', () => {
		const state = saleRunning();
		const now = SALE_AT + WINDOW + 1;
		expect(plannedSaleStage(state, tea, SALE_AT + WINDOW - 1)).toBe('running');
		expect(plannedSaleStage(state, tea, now)).toBe('ended');
		expect(alertHolds({ kind: 'flash_sale_soon_10s', segmentId: 'tea' }, state, tea, now)).toBe(false);
		expect(hostCues(state, now).find(([text]) => text === '秒杀开始')).toEqual(['秒杀开始', 'done']);
	});

	it('the slot put on air again plans its sale afresh; other segments have none; nothing off air', () => {
		const again = drive(sheet, [[{ type: 'goto', segmentId: 'rice' }, SALE_AT + 30 * SEC], [{ type: 'goto', segmentId: 'tea' }, SALE_AT + 5 * MIN]], saleStopped());
		expect(plannedSaleStage(again, tea, SALE_AT + 5 * MIN + SEC)).toBe('upcoming');
		const onRice = drive(sheet, [[{ type: 'goto', segmentId: 'rice' }, SALE_AT + 30 * SEC]], saleStopped());
		expect(plannedSaleStage(onRice, rice, SALE_AT + MIN)).toBe('none');
		expect(plannedSaleStage(onRice, tea, SALE_AT + MIN)).toBe('none');
		const ended = drive(sheet, [[{ type: 'end' }, TEA_AT + MIN]], onTea());
		expect(plannedSaleStage(ended, tea, TEA_AT + 2 * MIN)).toBe('none');
	});

	it('alerts on a segment’s own clock hold only while that segment is on air', () => {
		const state = onTea();
		expect(alertHolds({ kind: 'segment_ending_30s', segmentId: 'tea' }, state, tea, TEA_AT)).toBe(true);
		expect(alertHolds({ kind: 'segment_ending_30s', segmentId: 'opening' }, state, tea, TEA_AT)).toBe(false);
		expect(alertHolds({ kind: 'flash_sale_soon_60s', segmentId: 'opening' }, state, tea, TEA_AT)).toBe(false);
		expect(alertHolds({ kind: 'announced_start' }, state, tea, TEA_AT)).toBe(true);
	});

	it('a sale’s end holds while its segment is on air, not over the next one', () => {
		const stopped = saleStopped();
		expect(alertHolds({ kind: 'flash_sale_ended', segmentId: 'tea' }, stopped, tea, SALE_AT + 30 * SEC)).toBe(true);
		const onRice = drive(sheet, [[{ type: 'goto', segmentId: 'rice' }, SALE_AT + MIN]], stopped);
		expect(alertHolds({ kind: 'flash_sale_ended', segmentId: 'tea' }, onRice, rice, SALE_AT + MIN)).toBe(false);
	});

	it('预热开始 holds only on the segment the run opened with', () => {
		const first = sheet.segments[0];
		const opened = runAt(sheet, first.id, STARTS_AT);
		expect(opened.segmentId).toBe(first.id);
		expect(alertHolds({ kind: 'warmup_opened' }, opened, first, WARMUP_AT + MIN)).toBe(true);
		const paused = drive(sheet, [[{ type: 'pause' }, WARMUP_AT + MIN], [{ type: 'resume' }, WARMUP_AT + 2 * MIN]], opened);
		expect(alertHolds({ kind: 'warmup_opened' }, paused, first, WARMUP_AT + 2 * MIN)).toBe(true);
		const moved = drive(sheet, [[{ type: 'next' }, STARTS_AT + 2 * MIN]], opened);
		expect(alertHolds({ kind: 'warmup_opened' }, moved, sheet.segments[1], STARTS_AT + 2 * MIN)).toBe(false);
		// Back on the first segment later: its clock restarted, the warm-up's opening is past.
		const back = drive(sheet, [[{ type: 'previous' }, STARTS_AT + 3 * MIN]], moved);
		expect(back.segmentId).toBe(first.id);
		expect(alertHolds({ kind: 'warmup_opened' }, back, first, STARTS_AT + 3 * MIN)).toBe(false);
		expect(alertHolds({ kind: 'warmup_opened' }, onTea(), tea, TEA_AT)).toBe(false);
	});

	it('nothing holds once the run is over: no 距直播结束还有 10 分钟 under 本场已结束', () => {
		const state = onTea();
		const ended = drive(sheet, [[{ type: 'end' }, TEA_AT + MIN]], state);
		for (const alert of [
			{ kind: 'show_end_10m' as const },
			{ kind: 'behind_schedule' as const, segmentId: 'tea' },
			{ kind: 'announced_start' as const },
			{ kind: 'warmup_opened' as const },
			{ kind: 'host_offline' as const },
			{ kind: 'segment_overtime' as const, segmentId: 'tea' },
			{ kind: 'flash_sale_ended' as const, segmentId: 'tea' }
		]) {
			expect(alertHolds(alert, ended, null, TEA_AT + 2 * MIN), alert.kind).toBe(false);
			expect(alertHolds(alert, state, tea, TEA_AT + 30 * SEC), alert.kind).toBe(alert.kind !== 'warmup_opened');
		}
	});
});
