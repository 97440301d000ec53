import { describe, expect, it } from 'vitest';
import {
	authorizeCommand,
	initialLiveState,
	isLiveMoveCommand,
	LIVE_COMMAND_TYPES,
	LIVE_ERROR_CODES,
	liveCommand,
	liveSnapshot,
	type LiveState
} from '../../../src/lib/core/live';
import { drive, makeSheet, MIN, PLANNED_END, runAt, STARTS_AT, WARMUP_AT } from './factories';
import { readCommandAck, readLivePatch, readPatchAlerts } from '../../../src/lib/contract/live';

const sheet = makeSheet();

describe('liveCommand schema', () => {
	it('has one strict option per command type', () => {
		expect(liveCommand.options.map((o) => o.shape.type.value)).toEqual([...LIVE_COMMAND_TYPES]);
	});

	it('parses commands from clients, trimming message text', () => {
		expect(liveCommand.parse({ type: 'message', text: '  3号链接  ', expectedVersion: 4 })).toEqual({
			type: 'message',
			text: '3号链接',
			expectedVersion: 4
		});
		expect(liveCommand.parse({ type: 'flash-sale-start' })).toEqual({ type: 'flash-sale-start' });
	});

	it.each([
		{ type: 'next', by: 'producer' },
		{ type: 'goto' },
		{ type: 'goto', segmentId: '第二段' },
		{ type: 'add-time', deltaMs: '60000' },
		{ type: 'cue-done', cueId: 'tea-link' },
		{ type: 'set-stock', productId: '101', stock: 1 },
		{ type: 'message-ack', messageId: '' },
		{ type: 'shutdown' }
	])('rejects %j', (input) => {
		expect(liveCommand.safeParse(input).success).toBe(false);
	});
});

describe('move commands', () => {
	it('are the commands that change where the show is; values (stock, cues, messages) are not', () => {
		expect(LIVE_COMMAND_TYPES.filter(isLiveMoveCommand)).toEqual(['start', 'pause', 'resume', 'next', 'previous', 'goto', 'add-time', 'flash-sale-start', 'flash-sale-stop', 'end', 'reset']);
	});
});

describe('authorizeCommand', () => {
	it.each(LIVE_COMMAND_TYPES)('lets a producer send %s', (type) => {
		expect(authorizeCommand('producer', type)).toBeNull();
	});

	it.each(LIVE_COMMAND_TYPES.filter((t) => t !== 'message-ack'))('forbids a host to send %s', (type) => {
		expect(authorizeCommand('host', type)).toMatchObject({ ok: false, code: 'FORBIDDEN' });
	});

	it('lets a host acknowledge messages', () => {
		expect(authorizeCommand('host', 'message-ack')).toBeNull();
		expect(LIVE_ERROR_CODES).toContain('FORBIDDEN');
	});
});

describe('liveSnapshot', () => {
	const ids = { showId: 7, sheetVersion: 3 };
	it('puts the state on the wire with its show, the segment index, its title, the server clock and timing at that clock', () => {
		const state = runAt(sheet, 'tea', STARTS_AT + 5 * MIN);
		expect(liveSnapshot(ids, state, sheet, STARTS_AT + 6 * MIN)).toEqual({
			...ids,
			...state,
			segmentIndex: 2,
			segmentTitle: '恩施玉露',
			serverNow: STARTS_AT + 6 * MIN,
			// The tea slot (12 min) started on plan 1 min ago: 11 min left, on schedule.
			timing: { remainingMs: 11 * MIN, phase: 'normal', segmentEndsAt: STARTS_AT + 17 * MIN, projectedEndAt: PLANNED_END, driftMs: 0 }
		});
		const ready = liveSnapshot(ids, initialLiveState(), sheet, 0);
		expect(ready).toMatchObject({ segmentIndex: -1, segmentTitle: null, timing: { remainingMs: 0, segmentEndsAt: null } });
	});

	it('shows overtime in the timing of a segment run past its end', () => {
		const state = runAt(sheet, 'tea', STARTS_AT + 5 * MIN);
		const late = liveSnapshot(ids, state, sheet, STARTS_AT + 18 * MIN);
		expect(late.timing).toMatchObject({ remainingMs: -MIN, phase: 'overtime', driftMs: MIN });
	});

	it('is the same, field for field and in the same order, whether the show comes apart (the server) or with the state (a screen), and carries nothing else', () => {
		const tea = runAt(sheet, 'tea', STARTS_AT + 5 * MIN);
		const states: [LiveState, number][] = [
			[initialLiveState(), 0],
			[tea, STARTS_AT + 18 * MIN],
			[drive(sheet, [[{ type: 'flash-sale-start' }, STARTS_AT + 10 * MIN], [{ type: 'pause' }, STARTS_AT + 11 * MIN]], tea), STARTS_AT + 12 * MIN],
			[drive(sheet, [[{ type: 'end' }, STARTS_AT + 20 * MIN]], tea), STARTS_AT + 30 * MIN],
			// The current segment removed from the run-sheet since.
			[tea, STARTS_AT + 6 * MIN]
		];
		states.forEach(([state, now], i) => {
			const sheetNow = i === states.length - 1 ? makeSheet({ segments: sheet.segments.filter((s) => s.id !== 'tea') }) : sheet;
			const server = liveSnapshot(ids, state, sheetNow, now);
			const canonical = { ...ids, ...state };
			expect(JSON.stringify(liveSnapshot(canonical, canonical, sheetNow, now))).toBe(JSON.stringify(server));
			// The wire's order: the show, then the state's fields, then the derived ones.
			expect(Object.keys(server)).toEqual(['showId', 'sheetVersion', ...Object.keys(initialLiveState()), 'segmentIndex', 'segmentTitle', 'serverNow', 'timing']);
		});
		// Only the live state's fields: nothing else a caller's object carries.
		expect(liveSnapshot({ ...ids, extra: 2 } as typeof ids, { ...tea, extra: 1 } as LiveState, sheet, STARTS_AT)).not.toHaveProperty('extra');
	});

	it('survives a JSON round trip (the state is stored as JSON)', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'flash-sale-start' }, STARTS_AT + 10 * MIN],
				[{ type: 'set-stock', productId: 101, stock: 12 }, STARTS_AT + 11 * MIN],
				[{ type: 'message', text: '仅剩 12 件' }, STARTS_AT + 11 * MIN],
				[{ type: 'pause' }, STARTS_AT + 12 * MIN]
			],
			runAt(sheet, 'tea', STARTS_AT + 5 * MIN)
		);
		expect(JSON.parse(JSON.stringify(state))).toEqual(state);
		expect(state.startedAt).toBe(WARMUP_AT);
	});
});

describe("a command's answer, as a screen reads it", () => {
	it('passes an ack and a refusal with its field issues, and turns anything else into an INTERNAL refusal', () => {
		expect(readCommandAck({ ok: true, version: 7 })).toEqual({ ok: true, version: 7 });
		const refusal = { ok: false, code: 'INVALID_COMMAND', message: 'deltaMs: Must not be zero', fields: [{ path: 'deltaMs', code: 'custom', message: 'Must not be zero' }] };
		expect(readCommandAck(refusal)).toEqual(refusal);
		expect(readCommandAck({ ok: false, code: 'STALE_VERSION', message: 'changed' })).toEqual({ ok: false, code: 'STALE_VERSION', message: 'changed' });
		for (const garbage of [null, 'ok', { ok: true }, { ok: true, version: 0 }, { ok: true, version: '3' }, { ok: false, code: 'NOPE', message: 'x' }, { ok: false, code: 'INTERNAL' }]) {
			expect(readCommandAck(garbage)).toMatchObject({ ok: false, code: 'INTERNAL' });
		}
	});

	it('reads the patch an ack carries with readLivePatch, and marks one that does not read, or is for another version, null', () => {
		const patch = { v: 8, base: 7, changes: [8, 30_000, 17, 1_765_536_060_000], sum: 2_364_150_207 };
		expect(readCommandAck({ ok: true, version: 8, patch })).toEqual({ ok: true, version: 8, patch });
		// Read as readLivePatch reads it: a merged record is a copy, what the schemas check is checked.
		const merge = { v: 8, base: 7, changes: [-12, { s2: 1_765_536_000_000 }, 4, 's2'], sum: 1 };
		expect(readCommandAck({ ok: true, version: 8, patch: merge })).toEqual({ ok: true, version: 8, patch: readLivePatch(merge) });
		const message = { v: 8, base: 7, changes: [16, [{ id: 'm1', text: '上链接', sentAt: 1, ackedAt: null }]], sum: 1 };
		expect(readCommandAck({ ok: true, version: 8, patch: message })).toEqual({ ok: true, version: 8, patch: message });
		for (const bad of [
			null,
			'patch',
			{ v: 'x', base: 0, changes: [], sum: 0 },
			{ v: 8, base: 7, changes: [2, 'flying'], sum: 0 },
			{ v: 8, base: 7, changes: [99, 1], sum: 0 },
			{ v: 8, base: 7, changes: [8], sum: 0 },
			{ v: 8, base: 7, changes: [], sum: -1 },
			{ v: 8, base: 7, changes: [16, [{ id: 'm1' }]], sum: 0 },
			{ ...patch, v: 9, base: 8 }
		]) {
			expect(readCommandAck({ ok: true, version: 8, patch: bad }), JSON.stringify(bad)).toEqual({ ok: true, version: 8, patch: null });
		}
		// A refusal carries no patch; one that does is still the refusal.
		expect(readCommandAck({ ok: false, code: 'STALE_VERSION', message: 'changed', patch })).toEqual({ ok: false, code: 'STALE_VERSION', message: 'changed' });
	});

	it('reads the alerts its patch carries like alert events: one that does not read is left out and said, the patch read all the same', () => {
		const patch = { v: 8, base: 7, changes: [8, 30_000, 17, 1_765_536_060_000], sum: 2_364_150_207 };
		const cue = { key: 'cue_due:p1:1:c0:0', kind: 'cue_due', at: 1_765_536_060_000, firedAt: 1_765_536_060_000, segmentId: 'p1', cueId: 'c0', data: { text: '上链接' } };
		expect(readCommandAck({ ok: true, version: 8, patch: { ...patch, alerts: [cue] } })).toEqual({ ok: true, version: 8, patch, alerts: { alerts: [cue], unread: false } });
		expect(readPatchAlerts(patch)).toBeNull();
		expect(readPatchAlerts({ ...patch, alerts: [] })).toEqual({ alerts: [], unread: false });
		const { kind: _kind, ...kindless } = cue;
		for (const [alerts, kept] of [
			[[kindless, cue], [cue]],
			[[{ ...cue, kind: 'fireworks' }], []],
			[[{ ...cue, at: 'soon' }], []],
			['cue_due', []],
			[null, []],
			[Array.from({ length: 33 }, (_, i) => ({ ...cue, key: `k${i}` })), []]
		] as const) {
			expect(readPatchAlerts({ ...patch, alerts }), JSON.stringify(alerts).slice(0, 80)).toEqual({ alerts: kept, unread: true });
			expect(readCommandAck({ ok: true, version: 8, patch: { ...patch, alerts } })).toMatchObject({ ok: true, patch });
		}
	});
});
