/** Factories for live-engine tests: a realistic run-sheet and a way to drive it with commands. */
import { expect } from 'vitest';
import { segmentInput, type SegmentInput } from '../../../src/lib/core/model';
import {
	applyCommand,
	applyLivePatch,
	diffLive,
	initialLiveState,
	liveCanonical,
	liveChecksum,
	type LiveCommand,
	type LivePatch,
	type LiveResult,
	type LiveSheet,
	type LiveState
} from '../../../src/lib/core/live';

export const SEC = 1000;
export const MIN = 60 * SEC;
/** Announced start: 19:00 Asia/Shanghai. */
export const STARTS_AT = Date.UTC(2026, 11, 12, 11, 0);
/** When the warm-up is planned to open (15 min before the announced start). */
export const WARMUP_AT = STARTS_AT - 15 * MIN;

export const makeSegment = (input: SegmentInput) => segmentInput.parse(input);

/**
 * The notice's standard sheet: warm-up 15 min, opening 5 min, five product slots (the tea slot has
 * cues and a flash sale 5 min in), Q&A 10 min, closing 10 min. 101 min in all, 86 after the start.
 */
export function makeSheet(overrides: Partial<LiveSheet> = {}): LiveSheet {
	return {
		startsAt: STARTS_AT,
		segments: [
			makeSegment({
				id: 'warmup',
				kind: 'warmup',
				title: '预热',
				durationSec: 15 * 60,
				cues: [{ id: 'warmup-coupon', offsetSec: 5 * 60, text: '发预热券' }]
			}),
			makeSegment({ id: 'opening', kind: 'opening', title: '开场', durationSec: 5 * 60 }),
			makeSegment({
				id: 'tea',
				kind: 'product',
				title: '恩施玉露',
				durationSec: 12 * 60,
				productId: 101,
				livePriceFen: 6800,
				linkNumbers: { douyin: 3 },
				cues: [
					{ id: 'tea-explain', offsetSec: 0, text: '讲解 #3' },
					{ id: 'tea-link', offsetSec: 2 * 60, text: '上链接 #3', forHost: true },
					{ id: 'tea-stock', offsetSec: 4 * 60, text: '放库存 200' }
				],
				flashSale: { priceFen: 990, quantity: 200, windowSec: 120, offsetSec: 5 * 60, rules: '限购 1 件' }
			}),
			makeSegment({ id: 'rice', kind: 'product', title: '京山桥米', durationSec: 10 * 60, productId: 102 }),
			makeSegment({ id: 'honey', kind: 'product', title: '神农架蜂蜜', durationSec: 15 * 60, productId: 103 }),
			makeSegment({ id: 'mushroom', kind: 'product', title: '随州香菇', durationSec: 12 * 60, productId: 104 }),
			makeSegment({ id: 'oil', kind: 'product', title: '山茶油', durationSec: 12 * 60, productId: 105 }),
			makeSegment({ id: 'qa', kind: 'interaction', title: '互动抽奖', durationSec: 10 * 60 }),
			makeSegment({ id: 'closing', kind: 'closing', title: '结束', durationSec: 10 * 60 })
		],
		...overrides
	};
}

/** Planned end of `makeSheet()`: 86 min after the announced start. */
export const PLANNED_END = STARTS_AT + 86 * MIN;

/** The accepted state, failing the test with the refusal otherwise. */
export function accepted(result: LiveResult): LiveState {
	if (!result.ok) expect.fail(`refused ${result.code}: ${result.message}`);
	return result.state;
}

/** Applies `[command, now]` steps in order, each of which must be accepted. */
export function drive(sheet: LiveSheet, steps: [LiveCommand, number][], state: LiveState = initialLiveState()): LiveState {
	return steps.reduce((s, [command, now]) => accepted(applyCommand(s, command, sheet, now)), state);
}

/** A live run started on time (warm-up opened at WARMUP_AT) and moved to `segmentId` at `at`. */
export function runAt(sheet: LiveSheet, segmentId: string, at: number, mode: 'live' | 'rehearsal' = 'live'): LiveState {
	const started = drive(sheet, [[{ type: 'start', mode }, WARMUP_AT]]);
	if (segmentId === sheet.segments[0].id) return started;
	return drive(sheet, [[{ type: 'goto', segmentId }, at]], started);
}

/** Freezes a value and everything in it, so a mutation throws. */
export function deepFreeze<T>(value: T): T {
	if (value && typeof value === 'object') {
		for (const inner of Object.values(value)) deepFreeze(inner);
		Object.freeze(value);
	}
	return value;
}

/**
 * The wire's round trip for one accepted command: the patch from `before` to `after`, applied to
 * `before`, gives `after` (with its checksum); the show and run-sheet version ride along.
 */
export function expectPatchRoundTrip(before: LiveState, after: LiveState, show = { showId: 7, sheetVersion: 3 }) {
	const prev = { ...show, ...before };
	const next = { ...show, ...after };
	const patch = JSON.parse(JSON.stringify(diffLive(prev, next))) as LivePatch;
	const applied = applyLivePatch(prev, patch);
	expect(applied.ok, `patch ${JSON.stringify(patch)} did not apply`).toBe(true);
	if (!applied.ok) return;
	expect(applied.state).toEqual(liveCanonical(next));
	expect(applied.serverNow).toBe(after.updatedAt);
	expect(patch.sum).toBe(liveChecksum(next));
}
