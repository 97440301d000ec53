import { describe, expect, it } from 'vitest';
import {
	applyCommand as reduce,
	initialLiveState,
	MAX_MESSAGES,
	type LiveCommand,
	type LiveState
} from '../../../src/lib/core/live';
import { accepted, deepFreeze, drive, expectPatchRoundTrip, makeSheet, MIN, runAt, SEC, STARTS_AT, WARMUP_AT } from './factories';

/** The reducer, and every command it accepts here also crosses the wire: its patch applied to the state before gives the state after. */
const applyCommand: typeof reduce = (state, command, sheetOf, now) => {
	const result = reduce(state, command, sheetOf, now);
	if (result.ok) expectPatchRoundTrip(state, result.state);
	return result;
};

const sheet = makeSheet();
/** The tea slot's planned start. */
const TEA_AT = STARTS_AT + 5 * MIN;
const NOW = TEA_AT + 3 * MIN;

// One state per status, each with a message sent while ready (id m1) and the run on the tea slot.
const ready = drive(sheet, [[{ type: 'message', text: '各位准备' }, WARMUP_AT - 10 * MIN]]);
const onTea = (mode: 'live' | 'rehearsal') =>
	drive(
		sheet,
		[
			[{ type: 'start', mode }, WARMUP_AT],
			[{ type: 'goto', segmentId: 'tea' }, TEA_AT]
		],
		ready
	);
const STATES: Record<string, LiveState> = {
	ready,
	live: onTea('live'),
	paused: drive(sheet, [[{ type: 'pause' }, TEA_AT + MIN]], onTea('live')),
	ended: drive(sheet, [[{ type: 'end' }, TEA_AT + MIN]], onTea('live')),
	'live rehearsal': onTea('rehearsal'),
	'paused rehearsal': drive(sheet, [[{ type: 'pause' }, TEA_AT + MIN]], onTea('rehearsal')),
	'ended rehearsal': drive(sheet, [[{ type: 'end' }, TEA_AT + MIN]], onTea('rehearsal'))
};

// Expected outcome per status, in the order of STATES: a status word when accepted, a code when refused.
const running = (ok: string) => ['NOT_RUNNING', ok, ok, 'NOT_RUNNING', ok, ok, 'NOT_RUNNING'];
const notEnded = ['ready', 'live', 'paused', 'SHOW_ENDED', 'live', 'paused', 'SHOW_ENDED'];
const MATRIX: [LiveCommand, string[]][] = [
	[{ type: 'start', mode: 'live' }, ['live', 'ALREADY_STARTED', 'ALREADY_STARTED', 'SHOW_ENDED', 'ALREADY_STARTED', 'ALREADY_STARTED', 'ALREADY_STARTED']],
	[{ type: 'pause' }, ['NOT_LIVE', 'paused', 'NOT_LIVE', 'NOT_LIVE', 'paused', 'NOT_LIVE', 'NOT_LIVE']],
	[{ type: 'resume' }, ['NOT_PAUSED', 'NOT_PAUSED', 'live', 'NOT_PAUSED', 'NOT_PAUSED', 'live', 'NOT_PAUSED']],
	[{ type: 'next' }, running('live')],
	[{ type: 'previous' }, running('live')],
	[{ type: 'goto', segmentId: 'closing' }, running('live')],
	[{ type: 'add-time', deltaMs: MIN }, ['NOT_RUNNING', 'live', 'paused', 'NOT_RUNNING', 'live', 'paused', 'NOT_RUNNING']],
	[{ type: 'flash-sale-start' }, ['NOT_RUNNING', 'live', 'paused', 'NOT_RUNNING', 'live', 'paused', 'NOT_RUNNING']],
	[{ type: 'flash-sale-stop' }, running('FLASH_SALE_NOT_RUNNING')],
	[{ type: 'set-stock', productId: 101, stock: 50 }, notEnded],
	[{ type: 'cue-done', cueId: 'tea-link', done: true }, notEnded],
	[{ type: 'message', text: '3号链接已上' }, notEnded],
	[{ type: 'message-ack', messageId: 'm1' }, ['ready', 'live', 'paused', 'ended', 'live', 'paused', 'ended']],
	[{ type: 'end' }, running('ended')],
	[{ type: 'reset' }, ['NOT_REHEARSAL', 'NOT_REHEARSAL', 'NOT_REHEARSAL', 'NOT_REHEARSAL', 'ready', 'ready', 'ready']]
];
const CASES = MATRIX.flatMap(([command, outcomes]) =>
	Object.keys(STATES).map((status, i) => ({ command, status, expected: outcomes[i] }))
);

describe('every command from every status', () => {
	it.each(CASES)('$command.type while $status → $expected', ({ command, status, expected }) => {
		const before = deepFreeze(structuredClone(STATES[status]));
		const copy = structuredClone(before);
		const result = applyCommand(before, command, sheet, NOW);
		if (expected === expected.toUpperCase()) {
			expect(result).toEqual({ ok: false, code: expected, message: expect.any(String) });
		} else {
			const state = accepted(result);
			expect(state.status).toBe(expected);
			expect(state.version).toBe(before.version + 1);
			expect(state.updatedAt).toBe(NOW);
		}
		// Frozen input: a mutation would have thrown; and it is still what it was.
		expect(before).toEqual(copy);
	});
});

describe('start', () => {
	it('opens the first segment (the warm-up) at now, with the announced start as plan', () => {
		const state = accepted(applyCommand(initialLiveState(), { type: 'start', mode: 'live' }, sheet, WARMUP_AT + 2 * MIN));
		expect(state).toMatchObject({
			version: 1,
			status: 'live',
			mode: 'live',
			segmentId: 'warmup',
			segmentStartedAt: WARMUP_AT + 2 * MIN,
			startedAt: WARMUP_AT + 2 * MIN,
			plannedStartAt: STARTS_AT,
			actualStarts: { warmup: WARMUP_AT + 2 * MIN },
			pausedMs: 0,
			adjustMs: 0
		});
	});

	it('plans a rehearsal from the moment it starts: the announced start follows the warm-up', () => {
		const at = STARTS_AT - 3 * 24 * 60 * MIN;
		const state = accepted(applyCommand(initialLiveState(), { type: 'start', mode: 'rehearsal' }, sheet, at));
		expect(state.mode).toBe('rehearsal');
		expect(state.plannedStartAt).toBe(at + 15 * MIN);
	});

	it('refuses an empty run-sheet', () => {
		const result = applyCommand(initialLiveState(), { type: 'start', mode: 'live' }, makeSheet({ segments: [] }), WARMUP_AT);
		expect(result).toMatchObject({ ok: false, code: 'EMPTY_RUNSHEET' });
	});
});

describe('pause and resume', () => {
	it('accumulates every pause of the segment in pausedMs', () => {
		const state = drive(sheet, [
			[{ type: 'start', mode: 'live' }, WARMUP_AT],
			[{ type: 'pause' }, WARMUP_AT + 60 * SEC],
			[{ type: 'resume' }, WARMUP_AT + 90 * SEC]
		]);
		expect(state).toMatchObject({ status: 'live', pausedAt: null, pausedMs: 30 * SEC });
		const paused = drive(sheet, [[{ type: 'pause' }, WARMUP_AT + 120 * SEC]], state);
		expect(paused).toMatchObject({ status: 'paused', pausedAt: WARMUP_AT + 120 * SEC, pausedMs: 30 * SEC });
		const resumed = drive(sheet, [[{ type: 'resume' }, WARMUP_AT + 200 * SEC]], paused);
		expect(resumed).toMatchObject({ pausedAt: null, pausedMs: 110 * SEC });
	});
});

describe('add-time', () => {
	const warmup = () => runAt(sheet, 'warmup', WARMUP_AT);

	it('adds and takes time in the current segment', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'add-time', deltaMs: 2 * MIN }, WARMUP_AT + MIN],
				[{ type: 'add-time', deltaMs: -30 * SEC }, WARMUP_AT + 2 * MIN]
			],
			warmup()
		);
		expect(state.adjustMs).toBe(90 * SEC);
	});

	it('may take the segment down to zero, not below', () => {
		const zero = drive(sheet, [[{ type: 'add-time', deltaMs: -15 * MIN }, WARMUP_AT + MIN]], warmup());
		expect(zero.adjustMs).toBe(-15 * MIN);
		expect(applyCommand(zero, { type: 'add-time', deltaMs: -1 }, sheet, WARMUP_AT + MIN)).toMatchObject({
			ok: false,
			code: 'DURATION_BELOW_ZERO'
		});
		expect(applyCommand(warmup(), { type: 'add-time', deltaMs: -15 * MIN - 1 }, sheet, WARMUP_AT)).toMatchObject({
			code: 'DURATION_BELOW_ZERO'
		});
	});

	it('starts over at zero in the next segment', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'add-time', deltaMs: 2 * MIN }, WARMUP_AT + MIN],
				[{ type: 'next' }, STARTS_AT]
			],
			warmup()
		);
		expect(state).toMatchObject({ segmentId: 'opening', adjustMs: 0 });
	});
});

describe('moving between segments', () => {
	it('refuses next at the last segment and previous at the first', () => {
		const closing = runAt(sheet, 'closing', STARTS_AT);
		expect(applyCommand(closing, { type: 'next' }, sheet, STARTS_AT + MIN)).toMatchObject({ code: 'AT_LAST_SEGMENT' });
		expect(applyCommand(runAt(sheet, 'warmup', WARMUP_AT), { type: 'previous' }, sheet, WARMUP_AT + MIN)).toMatchObject({
			code: 'AT_FIRST_SEGMENT'
		});
	});

	it('refuses going to an unknown segment or to the one on air', () => {
		const tea = runAt(sheet, 'tea', TEA_AT);
		expect(applyCommand(tea, { type: 'goto', segmentId: 'nope' }, sheet, NOW)).toMatchObject({ code: 'UNKNOWN_SEGMENT' });
		expect(applyCommand(tea, { type: 'goto', segmentId: 'tea' }, sheet, NOW)).toMatchObject({ code: 'SAME_SEGMENT' });
	});

	it('starts the new segment at now, running, with a clean clock, and records its actual start', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'add-time', deltaMs: MIN }, TEA_AT + MIN],
				[{ type: 'pause' }, TEA_AT + 2 * MIN],
				[{ type: 'next' }, TEA_AT + 5 * MIN]
			],
			runAt(sheet, 'tea', TEA_AT)
		);
		expect(state).toMatchObject({
			status: 'live',
			segmentId: 'rice',
			segmentStartedAt: TEA_AT + 5 * MIN,
			pausedAt: null,
			pausedMs: 0,
			adjustMs: 0
		});
		expect(state.actualStarts).toEqual({ warmup: WARMUP_AT, tea: TEA_AT, rice: TEA_AT + 5 * MIN });
		const back = drive(sheet, [[{ type: 'previous' }, TEA_AT + 6 * MIN]], state);
		expect(back.actualStarts.tea).toBe(TEA_AT + 6 * MIN);
	});

	it('refuses next when the current segment was removed from the run-sheet, but allows goto', () => {
		const tea = runAt(sheet, 'tea', TEA_AT);
		const edited = makeSheet({ segments: sheet.segments.filter((s) => s.id !== 'tea') });
		expect(applyCommand(tea, { type: 'next' }, edited, NOW)).toMatchObject({ code: 'UNKNOWN_SEGMENT' });
		expect(accepted(applyCommand(tea, { type: 'goto', segmentId: 'rice' }, edited, NOW)).segmentId).toBe('rice');
	});

	it('follows the run-sheet as edited: next goes to what now follows the current segment', () => {
		const tea = runAt(sheet, 'tea', TEA_AT);
		const edited = makeSheet({ segments: sheet.segments.filter((s) => s.id !== 'rice') });
		expect(accepted(applyCommand(tea, { type: 'next' }, edited, NOW)).segmentId).toBe('honey');
	});
});

describe('versions', () => {
	it('refuses a stale version before anything else, accepts the current one', () => {
		const state = runAt(sheet, 'tea', TEA_AT);
		expect(state.version).toBe(2);
		expect(applyCommand(state, { type: 'next', expectedVersion: 1 }, sheet, NOW)).toMatchObject({ code: 'STALE_VERSION' });
		expect(applyCommand(state, { type: 'resume', expectedVersion: 3 }, sheet, NOW)).toMatchObject({ code: 'STALE_VERSION' });
		expect(accepted(applyCommand(state, { type: 'next', expectedVersion: 2 }, sheet, NOW)).segmentId).toBe('rice');
	});

	it('advances one segment when two producers press next on the same version', () => {
		const seen = runAt(sheet, 'tea', TEA_AT);
		const first = accepted(applyCommand(seen, { type: 'next', expectedVersion: seen.version }, sheet, NOW));
		const second = applyCommand(first, { type: 'next', expectedVersion: seen.version }, sheet, NOW + 5);
		expect(second).toMatchObject({ ok: false, code: 'STALE_VERSION' });
		expect(first.segmentId).toBe('rice');
	});

	it('counts +1 per accepted command and nothing for a refusal', () => {
		let state = initialLiveState();
		const commands: LiveCommand[] = [
			{ type: 'start', mode: 'live' },
			{ type: 'pause' },
			{ type: 'pause' },
			{ type: 'resume' },
			{ type: 'previous' },
			{ type: 'next' }
		];
		const versions = commands.map((command, i) => {
			const result = applyCommand(state, command, sheet, WARMUP_AT + i * SEC);
			if (result.ok) state = result.state;
			return state.version;
		});
		expect(versions).toEqual([1, 2, 2, 3, 3, 4]);
	});
});

describe('flash sales', () => {
	const tea = () => runAt(sheet, 'tea', TEA_AT);

	it('opens the current segment’s planned sale for its window, once at a time', () => {
		const state = drive(sheet, [[{ type: 'flash-sale-start' }, TEA_AT + 5 * MIN]], tea());
		expect(state.flashSale).toEqual({
			segmentId: 'tea',
			startedAt: TEA_AT + 5 * MIN,
			endsAt: TEA_AT + 7 * MIN,
			priceFen: 990,
			quantity: 200
		});
		expect(applyCommand(state, { type: 'flash-sale-start' }, sheet, TEA_AT + 7 * MIN - 1)).toMatchObject({ code: 'FLASH_SALE_RUNNING' });
		// A sale whose end has come counts as finished.
		expect(accepted(applyCommand(state, { type: 'flash-sale-start' }, sheet, TEA_AT + 7 * MIN)).flashSale?.startedAt).toBe(TEA_AT + 7 * MIN);
		expect(applyCommand(state, { type: 'flash-sale-stop' }, sheet, TEA_AT + 7 * MIN)).toMatchObject({ code: 'FLASH_SALE_NOT_RUNNING' });
	});

	it('stops a sale early by moving its end to now', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'flash-sale-start' }, TEA_AT + 5 * MIN],
				[{ type: 'flash-sale-stop' }, TEA_AT + 6 * MIN]
			],
			tea()
		);
		expect(state.flashSale).toMatchObject({ startedAt: TEA_AT + 5 * MIN, endsAt: TEA_AT + 6 * MIN });
	});

	it('needs a planned sale, and may open another segment’s sale by id', () => {
		const rice = runAt(sheet, 'rice', TEA_AT);
		expect(applyCommand(rice, { type: 'flash-sale-start' }, sheet, NOW)).toMatchObject({ code: 'NO_FLASH_SALE' });
		expect(applyCommand(rice, { type: 'flash-sale-start', segmentId: 'honey' }, sheet, NOW)).toMatchObject({ code: 'NO_FLASH_SALE' });
		expect(applyCommand(rice, { type: 'flash-sale-start', segmentId: 'nope' }, sheet, NOW)).toMatchObject({ code: 'UNKNOWN_SEGMENT' });
		expect(accepted(applyCommand(rice, { type: 'flash-sale-start', segmentId: 'tea' }, sheet, NOW)).flashSale?.segmentId).toBe('tea');
	});

	it('keeps running across a segment change, and ends with the show', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'flash-sale-start' }, TEA_AT + 11 * MIN],
				[{ type: 'next' }, TEA_AT + 12 * MIN]
			],
			tea()
		);
		expect(state.flashSale).toMatchObject({ segmentId: 'tea', endsAt: TEA_AT + 13 * MIN });
		expect(drive(sheet, [[{ type: 'end' }, TEA_AT + 12 * MIN + 5 * SEC]], state).flashSale?.endsAt).toBe(TEA_AT + 12 * MIN + 5 * SEC);
	});
});

describe('stock, cues and messages', () => {
	const tea = () => runAt(sheet, 'tea', TEA_AT);

	it('sets live stock by product id, only for products on the run-sheet', () => {
		const state = drive(sheet, [[{ type: 'set-stock', productId: 101, stock: 0 }, NOW]], tea());
		expect(state.stock).toEqual({ '101': 0 });
		expect(applyCommand(state, { type: 'set-stock', productId: 999, stock: 5 }, sheet, NOW)).toMatchObject({ code: 'UNKNOWN_PRODUCT' });
	});

	it('ticks cues off and back on, idempotently, only cues on the run-sheet', () => {
		const done = drive(
			sheet,
			[
				[{ type: 'cue-done', cueId: 'tea-link', done: true }, NOW],
				[{ type: 'cue-done', cueId: 'tea-link', done: true }, NOW],
				[{ type: 'cue-done', cueId: 'tea-stock', done: true }, NOW]
			],
			tea()
		);
		expect(done.cuesDone).toEqual(['tea-link', 'tea-stock']);
		expect(drive(sheet, [[{ type: 'cue-done', cueId: 'tea-link', done: false }, NOW]], done).cuesDone).toEqual(['tea-stock']);
		expect(applyCommand(done, { type: 'cue-done', cueId: 'nope', done: true }, sheet, NOW)).toMatchObject({ code: 'UNKNOWN_CUE' });
	});

	it('trims messages, names them by version and keeps the last 20', () => {
		let state = tea();
		for (let i = 0; i < 25; i++) state = drive(sheet, [[{ type: 'message', text: `  消息 ${i}  ` }, NOW + i]], state);
		expect(state.messages).toHaveLength(MAX_MESSAGES);
		expect(state.messages[0]).toEqual({ id: 'm8', text: '消息 5', sentAt: NOW + 5, ackedAt: null });
		expect(state.messages.at(-1)?.id).toBe('m27');
	});

	it('acknowledges a message once', () => {
		const sent = drive(sheet, [[{ type: 'message', text: '加快节奏' }, NOW]], tea());
		const acked = drive(sheet, [[{ type: 'message-ack', messageId: 'm3' }, NOW + 2 * SEC]], sent);
		expect(acked.messages).toEqual([{ id: 'm3', text: '加快节奏', sentAt: NOW, ackedAt: NOW + 2 * SEC }]);
		expect(applyCommand(acked, { type: 'message-ack', messageId: 'm3' }, sheet, NOW)).toMatchObject({ code: 'ALREADY_ACKED' });
		expect(applyCommand(acked, { type: 'message-ack', messageId: 'm2' }, sheet, NOW)).toMatchObject({ code: 'UNKNOWN_MESSAGE' });
	});
});

describe('end', () => {
	it('ends the run, counting a pause in progress as paused', () => {
		const state = drive(
			sheet,
			[
				[{ type: 'pause' }, TEA_AT + MIN],
				[{ type: 'end' }, TEA_AT + 3 * MIN]
			],
			runAt(sheet, 'tea', TEA_AT)
		);
		expect(state).toMatchObject({ status: 'ended', endedAt: TEA_AT + 3 * MIN, pausedAt: null, pausedMs: 2 * MIN, segmentId: 'tea' });
	});
});

describe('rehearsal', () => {
	it('runs, resets to the initial state with a growing version, then the show goes live', () => {
		const day = 24 * 60 * MIN;
		const rehearsed = drive(sheet, [
			[{ type: 'start', mode: 'rehearsal' }, STARTS_AT - day],
			[{ type: 'set-stock', productId: 101, stock: 3 }, STARTS_AT - day + MIN],
			[{ type: 'message', text: '彩排' }, STARTS_AT - day + 2 * MIN],
			[{ type: 'end' }, STARTS_AT - day + 3 * MIN]
		]);
		expect(applyCommand(rehearsed, { type: 'start', mode: 'live' }, sheet, WARMUP_AT)).toMatchObject({ code: 'ALREADY_STARTED' });
		const reset = drive(sheet, [[{ type: 'reset' }, STARTS_AT - day + 4 * MIN]], rehearsed);
		expect(reset).toEqual({ ...initialLiveState(), version: 5, updatedAt: STARTS_AT - day + 4 * MIN });
		const live = drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]], reset);
		expect(live).toMatchObject({ version: 6, mode: 'live', plannedStartAt: STARTS_AT, stock: {}, messages: [] });
		expect(applyCommand(live, { type: 'reset' }, sheet, WARMUP_AT + MIN)).toMatchObject({ code: 'NOT_REHEARSAL' });
		const ended = drive(sheet, [[{ type: 'end' }, WARMUP_AT + MIN]], live);
		expect(applyCommand(ended, { type: 'start', mode: 'rehearsal' }, sheet, WARMUP_AT + 2 * MIN)).toMatchObject({ code: 'SHOW_ENDED' });
	});
});

describe('bad payloads', () => {
	const tea = runAt(sheet, 'tea', TEA_AT);
	const bad: unknown[] = [
		{ type: 'explode' },
		{},
		null,
		{ type: 'next', extra: 1 },
		{ type: 'add-time', deltaMs: 0 },
		{ type: 'add-time', deltaMs: 1.5 },
		{ type: 'add-time', deltaMs: 3 * 60 * MIN + 1 },
		{ type: 'message', text: '   ' },
		{ type: 'message', text: 'x'.repeat(501) },
		{ type: 'set-stock', productId: 101, stock: -1 },
		{ type: 'start', mode: 'dress' },
		{ type: 'next', expectedVersion: -1 }
	];
	it.each(bad)('refuses %j as INVALID_COMMAND', (command) => {
		const result = applyCommand(tea, command as LiveCommand, sheet, NOW);
		expect(result).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });
	});

	it('accepts the limits', () => {
		expect(applyCommand(tea, { type: 'add-time', deltaMs: 3 * 60 * MIN }, sheet, NOW).ok).toBe(true);
		expect(applyCommand(tea, { type: 'message', text: 'x'.repeat(500) }, sheet, NOW).ok).toBe(true);
	});
});
