import { describe, expect, it } from 'vitest';
import {
	applyCommand,
	applyLivePatch,
	canonicalJson,
	diffLive,
	fnv1a32,
	initialLiveState,
	liveCanonical,
	liveChecksum,
	liveFieldHashes,
	combineFieldHashes,
	liveSnapshot,
	LIVE_PATCH_FIELDS,
	type LiveCanonical,
	type LiveCommand,
	type LiveState
} from '../../../src/lib/core/live';
import type { z } from 'zod';
import { livePatchSchema, liveSnapshotSchema, readLivePatch } from '../../../src/lib/contract/live';
import { drive, expectPatchRoundTrip, makeSheet, MIN, SEC, STARTS_AT, WARMUP_AT } from './factories';
import { rng as random } from '../../reliability/support/rng';

const sheet = makeSheet();
const SHOW = { showId: 12, sheetVersion: 4 };
const withShow = (state: LiveState): LiveCanonical => ({ ...SHOW, ...state });

/** The checksum as docs/realtime.md defines it: FNV-1a over the bytes of each field's hash of its canonical JSON, the fields by name. */
const referenceChecksum = (of: LiveCanonical) =>
	Object.keys(liveCanonical(of))
		.sort()
		.flatMap((key) => {
			const field = fnv1a32(canonicalJson(of[key as keyof LiveCanonical]));
			return [0, 8, 16, 24].map((shift) => (field >>> shift) & 0xff);
		})
		.reduce((hash, byte) => Math.imul(hash ^ byte, 0x01000193), 0x811c9dc5) >>> 0;

describe('the checksum', () => {
	it('is FNV-1a 32 (the reference vectors)', () => {
		expect(fnv1a32('')).toBe(0x811c9dc5);
		expect(fnv1a32('a')).toBe(0xe40c292c);
		expect(fnv1a32('foobar')).toBe(0xbf9cf968);
	});

	it('reads the canonical fields only, whatever the key order', () => {
		const state = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));
		const reordered = Object.fromEntries(Object.entries(state).reverse()) as LiveCanonical;
		expect(liveChecksum(reordered)).toBe(liveChecksum(state));
		for (const variant of [state, { ...state, adjustMs: -30_000, pausedMs: 0.5 }, { ...state, adjustMs: -0, version: Number.MAX_SAFE_INTEGER, mode: null }])
			expect(liveChecksum(variant)).toBe(referenceChecksum(variant));
		expect(canonicalJson({ b: 1, a: [{ d: 2, c: null }] })).toBe('{"a":[{"c":null,"d":2}],"b":1}');
		// The derived fields of a snapshot (timing, serverNow…) do not count.
		const snapshot = liveSnapshot(SHOW, state, sheet, WARMUP_AT + MIN);
		expect(liveChecksum(snapshot)).toBe(liveChecksum(state));
		// Every canonical field does.
		expect(liveChecksum({ ...state, sheetVersion: 5 })).not.toBe(liveChecksum(state));
		expect(liveChecksum({ ...state, stock: { '101': 1 } })).not.toBe(liveChecksum(state));
	});

	it('hashes every whole number as its decimal text (either side of 10^8, negatives, the largest safe ones)', () => {
		const state = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));
		const rand = random(7);
		const numbers = [0, -0, 1, -1, 9, 10, 99_999_999, 100_000_000, 100_000_001, 1_000_000_007, STARTS_AT, -STARTS_AT, Number.MAX_SAFE_INTEGER, Number.MIN_SAFE_INTEGER];
		for (let i = 0; i < 500; i++) numbers.push(Math.floor((rand() - 0.5) * 2 * 10 ** Math.floor(rand() * 16)));
		for (const n of numbers) expect(liveChecksum({ ...state, adjustMs: n, updatedAt: n }), String(n)).toBe(referenceChecksum({ ...state, adjustMs: n, updatedAt: n }));
	});

	it('hashes any JSON value as fnv1a32 of its canonical JSON (random nested values, strings that need escaping)', () => {
		const state = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));
		const rand = random(21);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
		const strings = ['', 'tea', '提醒 "主播" 喝水', 'a\\b', 'line\nbreak', '\u0001', '\u{1F375}', '\ud800', 'x\udc00y', '__proto__', '7', '-1'];
		const value = (depth: number): unknown => {
			const kind = pick(depth > 2 ? ['number', 'string', 'null', 'bool'] : ['number', 'string', 'null', 'bool', 'array', 'object', 'object']);
			if (kind === 'number') return pick([0, -0, 7, -30_000, 0.5, -1e-7, 1e21, STARTS_AT, Number.MAX_SAFE_INTEGER, 2 ** 60, NaN, Infinity]);
			if (kind === 'string') return pick(strings);
			if (kind === 'null') return null;
			if (kind === 'bool') return rand() < 0.5;
			if (kind === 'array') return Array.from({ length: Math.floor(rand() * 4) }, () => value(depth + 1));
			const record: Record<string, unknown> = {};
			for (let i = Math.floor(rand() * 5); i > 0; i--) record[pick(strings)] = rand() < 0.1 ? undefined : value(depth + 1);
			return record;
		};
		for (let i = 0; i < 2000; i++) {
			const variant = { ...state, messages: value(0), stock: value(1), segmentId: pick(strings) } as unknown as LiveCanonical;
			expect(liveChecksum(variant), JSON.stringify(variant.messages)).toBe(referenceChecksum(variant));
		}
	});

	it('is the same for a state whose objects were written out before (kept by identity) as for a fresh copy of it', () => {
		let state = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));
		const commands: LiveCommand[] = [{ type: 'next' }, { type: 'message', text: '注意节奏' }, { type: 'add-time', deltaMs: 30 * SEC }, { type: 'next' }, { type: 'pause' }];
		commands.forEach((command, i) => {
			const next = withShow(drive(sheet, [[command, WARMUP_AT + (i + 2) * MIN]], state));
			const applied = applyLivePatch(state, diffLive(state, next));
			if (!applied.ok) throw new Error(`${command.type}: ${applied.reason}`);
			// The applied state shares the unchanged objects with the one before; a copy shares nothing.
			expect(liveChecksum(applied.state)).toBe(liveChecksum(structuredClone(next)));
			expect(canonicalJson(applied.state)).toBe(canonicalJson(structuredClone(applied.state)));
			state = applied.state;
		});
	});
});

describe('a patch', () => {
	const started = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));

	it('carries only what changed, and applies to the version it was made against', () => {
		const next = withShow(drive(sheet, [[{ type: 'add-time', deltaMs: 30 * SEC }, WARMUP_AT + MIN]], started));
		const patch = diffLive(started, next);
		// adjustMs (index 8) and updatedAt (17); the push's clock is the command's instant, so it is left out.
		expect(patch).toEqual({ v: started.version + 1, base: started.version, changes: [8, 30_000, 17, WARMUP_AT + MIN], sum: liveChecksum(next) });
		expect(applyLivePatch(started, patch)).toEqual({ ok: true, state: next, serverNow: WARMUP_AT + MIN, hashes: liveFieldHashes(next) });
		expect(diffLive(started, next, WARMUP_AT + 2 * MIN).serverNow).toBe(WARMUP_AT + 2 * MIN);
	});

	it('carries a change to any one field, each field on its own (applyLivePatch lists them by hand)', () => {
		for (const field of LIVE_PATCH_FIELDS) {
			const next = { ...started, version: started.version + 1, [field]: { probe: field } } as LiveCanonical;
			const outcome = applyLivePatch(started, diffLive(started, next));
			expect(outcome.ok, field).toBe(true);
			if (outcome.ok) expect(outcome.state, field).toStrictEqual(next);
		}
	});

	it('merges into an object with a new key, and replaces it when a key went', () => {
		const moved = withShow(drive(sheet, [[{ type: 'next' }, WARMUP_AT + MIN]], started));
		const patch = diffLive(started, moved);
		expect(patch.changes).toContainEqual({ opening: WARMUP_AT + MIN });
		expect(patch.changes[patch.changes.indexOf(-12) + 1]).toEqual({ opening: WARMUP_AT + MIN });
		const back = diffLive(moved, started);
		expect(back.changes[back.changes.indexOf(12) + 1]).toEqual(started.actualStarts);
		expect(applyLivePatch(moved, back)).toMatchObject({ ok: true, state: started });
	});

	it('is refused against another version (a gap) and when the result is not the server’s (a mismatch)', () => {
		const moved = withShow(drive(sheet, [[{ type: 'next' }, WARMUP_AT + MIN]], started));
		const patch = diffLive(started, moved);
		expect(applyLivePatch(moved, patch)).toEqual({ ok: false, reason: 'gap' });
		expect(applyLivePatch({ ...started, stock: { '101': 3 } }, patch)).toEqual({ ok: false, reason: 'mismatch' });
		expect(applyLivePatch(started, { ...patch, sum: patch.sum ^ 1 })).toEqual({ ok: false, reason: 'mismatch' });
		expect(applyLivePatch(started, { ...patch, changes: [99, 1] })).toEqual({ ok: false, reason: 'mismatch' });
		expect(applyLivePatch(started, { ...patch, changes: [-3, { a: 1 }] })).toEqual({ ok: false, reason: 'mismatch' });
		expect(applyLivePatch(started, { ...patch, changes: [8] })).toEqual({ ok: false, reason: 'mismatch' });
	});

	it('is at most a quarter of the snapshot for next, previous, pause and add-time', () => {
		const onTea = withShow(drive(sheet, [[{ type: 'goto', segmentId: 'tea' }, STARTS_AT + 5 * MIN]], started));
		const steps: [LiveCommand, number][] = [
			[{ type: 'add-time', deltaMs: 30 * SEC }, STARTS_AT + 6 * MIN],
			[{ type: 'pause' }, STARTS_AT + 7 * MIN],
			[{ type: 'next' }, STARTS_AT + 8 * MIN],
			[{ type: 'previous' }, STARTS_AT + 9 * MIN]
		];
		let state: LiveCanonical = onTea;
		for (const [command, now] of steps) {
			const after = withShow(drive(sheet, [[command, now]], state));
			const snapshotBytes = JSON.stringify(liveSnapshot(after, after, sheet, now)).length;
			const patchBytes = JSON.stringify(diffLive(state, after)).length;
			expect(patchBytes, command.type).toBeLessThanOrEqual(snapshotBytes / 4);
			state = after;
		}
	});
});

describe('diff then apply, on random runs', () => {
	const TEXTS = ['3号链接已上', 'ok', '提醒 "主播" 喝水\n\u{1F375}', 'x'.repeat(500)];
	const CUES = sheet.segments.flatMap((s) => s.cues.map((c) => c.id));
	it.each([1, 2, 3, 4, 5, 6, 7, 8])('gives the state after every accepted command (seed %i)', (seed) => {
		const rand = random(seed);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
		const make = (state: LiveState): LiveCommand => {
			const type = pick(['start', 'pause', 'resume', 'next', 'next', 'previous', 'goto', 'add-time', 'add-time', 'flash-sale-start', 'flash-sale-stop', 'set-stock', 'cue-done', 'message', 'message-ack', 'end', 'reset'] as const);
			switch (type) {
				case 'start':
					return { type, mode: 'rehearsal' }; // a live run that ends cannot be reset
				case 'goto':
					return { type, segmentId: pick(sheet.segments).id };
				case 'add-time':
					return { type, deltaMs: pick([-1, 1]) * Math.ceil(rand() * 10) * 30 * SEC };
				case 'set-stock':
					return { type, productId: pick([101, 102, 103, 104, 105]), stock: Math.floor(rand() * 500) };
				case 'cue-done':
					return { type, cueId: pick(CUES), done: rand() < 0.7 };
				case 'message':
					return { type, text: pick(TEXTS) };
				case 'message-ack':
					return { type, messageId: state.messages.length ? pick(state.messages).id : 'm1' };
				default:
					return { type };
			}
		};
		let state = initialLiveState();
		let now = WARMUP_AT - 5 * MIN;
		let accepted = 0;
		for (let step = 0; step < 400; step++) {
			now += Math.floor(rand() * 3 * MIN);
			const result = applyCommand(state, make(state), sheet, now);
			if (!result.ok) continue;
			accepted++;
			expectPatchRoundTrip(state, result.state, { showId: seed, sheetVersion: 1 + Math.floor(step / 50) });
			state = result.state;
		}
		expect(accepted).toBeGreaterThan(100);
	});
});

describe('the field hashes a screen keeps from patch to patch', () => {
	it.each([11, 12, 13, 14])('are those of the state each patch makes, and check it as the full checksum does (seed %i)', (seed) => {
		const rand = random(seed);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
		const commands: LiveCommand[] = [
			{ type: 'next' },
			{ type: 'previous' },
			{ type: 'pause' },
			{ type: 'resume' },
			{ type: 'add-time', deltaMs: 30 * SEC },
			{ type: 'add-time', deltaMs: -30 * SEC },
			{ type: 'flash-sale-start' },
			{ type: 'flash-sale-stop' },
			{ type: 'set-stock', productId: 101, stock: 7 },
			{ type: 'message', text: '提醒 "主播" 喝水' },
			{ type: 'goto', segmentId: 'tea' }
		];
		let server = withShow(drive(sheet, [[{ type: 'start', mode: 'rehearsal' }, WARMUP_AT]]));
		// The screen's copy, rebuilt from the wire (JSON) every time, and the hashes it carries on.
		let screen: LiveCanonical = JSON.parse(JSON.stringify(server));
		let hashes = liveFieldHashes(screen);
		let now = WARMUP_AT;
		let applied = 0;
		for (let step = 0; step < 300; step++) {
			now += Math.floor(rand() * MIN);
			const result = applyCommand(server, pick(commands), sheet, now);
			if (!result.ok) continue;
			const next = withShow(result.state);
			const patch = JSON.parse(JSON.stringify(diffLive(server, next)));
			// Hashes that are not the screen's state's are caught by the checksum, like a corrupted state
			// (those of the fields the patch changes are made again: all are wrong here).
			const wrong = hashes.map((hash) => (hash ^ 1) >>> 0);
			expect(applyLivePatch(screen, patch, wrong)).toEqual({ ok: false, reason: 'mismatch' });
			const outcome = applyLivePatch(screen, patch, hashes);
			if (!outcome.ok) throw new Error(`patch ${JSON.stringify(patch)} refused: ${outcome.reason}`);
			expect(outcome.state).toEqual(liveCanonical(next));
			expect(outcome.hashes).toEqual(liveFieldHashes(next));
			expect(combineFieldHashes(outcome.hashes)).toBe(liveChecksum(next));
			// Every field of the rebuilt state, in LIVE_PATCH_FIELDS' order, is the server's.
			expect(Object.keys(outcome.state).sort()).toEqual(Object.keys(liveCanonical(next)).sort());
			screen = outcome.state;
			hashes = outcome.hashes;
			server = next;
			applied++;
		}
		expect(applied).toBeGreaterThan(100);
	});
});

describe('reading a patch off the wire', () => {
	const started = withShow(drive(sheet, [[{ type: 'start', mode: 'live' }, WARMUP_AT]]));
	const sale = withShow(drive(sheet, [[{ type: 'goto', segmentId: 'tea' }, STARTS_AT + 5 * MIN], [{ type: 'flash-sale-start' }, STARTS_AT + 6 * MIN]], started));
	const stopped = withShow(drive(sheet, [[{ type: 'flash-sale-stop' }, STARTS_AT + 7 * MIN]], sale));

	it('reads what diffLive makes, merges included', () => {
		const patch = diffLive(sale, stopped);
		expect(patch.changes).toContain(-13);
		expect(readLivePatch(JSON.parse(JSON.stringify(patch)))).toEqual(patch);
	});

	it('refuses a value its field does not take, a merge into a field that is no object, an unknown field, an odd list', () => {
		const patch = { v: 2, base: 1, sum: 5 };
		expect(readLivePatch({ ...patch, changes: [2, 'flying'] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [-8, { a: 1 }] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [-13, { priceFen: 'free' }] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [-13, { extra: 1 }] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [18, 1] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [8] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [5, 1.5] })).toBeNull();
		expect(readLivePatch({ ...patch, sum: -1, changes: [] })).toBeNull();
		expect(readLivePatch({ ...patch, changes: [-14, { '101': 3 }, 8, 60_000] })).toEqual({ ...patch, changes: [-14, { '101': 3 }, 8, 60_000] });
	});

	it('reads the usual patches (numbers, instants, a status) as given, and refuses what the schemas refuse', () => {
		const patch = { v: 2, base: 1, sum: 5 };
		// Accepted: each as given (a length may be fractional; instants are whole ms).
		for (const changes of [[8, 30_000, 17, STARTS_AT], [8, -0.5], [2, 'paused', 6, STARTS_AT, 17, null], [3, null, 4, null, 4, 'tea'], []])
			expect(readLivePatch({ ...patch, changes, serverNow: STARTS_AT, extra: 'dropped' })).toEqual({ ...patch, changes, serverNow: STARTS_AT });
		expect(readLivePatch({ ...patch, changes: [7, 1] })).not.toHaveProperty('serverNow');
		// A merged record is read as a copy; what came off the wire is left as it was.
		const starts = { tea: STARTS_AT };
		const raw = { ...patch, changes: [8, 30_000, -12, starts] };
		const read = readLivePatch(raw)!;
		expect(read.changes).toEqual([8, 30_000, -12, { tea: STARTS_AT }]);
		expect(read.changes[3]).not.toBe(starts);
		expect(raw.changes[3]).toBe(starts);
		// Refused.
		const refused: unknown[] = [
			null,
			[2, 1, [], 5],
			{ ...patch, changes: [17, 1.5] },
			{ ...patch, changes: [6, 2 ** 60] },
			{ ...patch, changes: [8, Infinity] },
			{ ...patch, changes: [8, '30000'] },
			{ ...patch, changes: [2, 'flying'] },
			{ ...patch, changes: [3, 'show'] },
			{ ...patch, changes: [4, 7] },
			{ ...patch, changes: [1.5, 1] },
			{ ...patch, changes: [-8, 1] },
			{ ...patch, changes: [8, 1, 17] },
			{ ...patch, changes: Array.from({ length: 38 }, (_, i) => (i % 2 ? 1 : 8)) },
			{ ...patch, changes: '8,1' },
			{ ...patch, serverNow: 1.5, changes: [] },
			{ ...patch, serverNow: null, changes: [] },
			{ ...patch, v: '2', changes: [] },
			{ ...patch, base: undefined, changes: [] },
			{ ...patch, sum: 2 ** 53, changes: [] }
		];
		for (const raw of refused) expect(readLivePatch(raw), JSON.stringify(raw)).toBeNull();
	});

	it('reads every patch as the schemas alone read it (random envelopes and changes, odd values included)', () => {
		// The reference: the envelope's schema, then each change against its field's schema.
		const shape = liveSnapshotSchema.shape;
		const merges: Record<number, z.ZodType> = { 12: shape.actualStarts, 13: shape.flashSale.unwrap().partial().strict(), 14: shape.stock };
		const bySchemas = (raw: unknown) => {
			const parsed = livePatchSchema.safeParse(raw);
			if (!parsed.success || parsed.data.changes.length % 2 !== 0) return null;
			const read: unknown[] = [];
			for (let k = 0; k < parsed.data.changes.length; k += 2) {
				const op = parsed.data.changes[k];
				if (typeof op !== 'number' || !Number.isInteger(op)) return null;
				const field = LIVE_PATCH_FIELDS[Math.abs(op)];
				const schema = field === undefined ? undefined : op < 0 ? merges[Math.abs(op)] : shape[field];
				const value = schema?.safeParse(parsed.data.changes[k + 1]);
				if (!value?.success) return null;
				read.push(op, value.data);
			}
			return { ...parsed.data, changes: read };
		};
		const rand = random(99);
		const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)];
		const odd = [0, -0, 1, -1, 0.5, -30_000, STARTS_AT, 2 ** 53, -(2 ** 53), 2 ** 60, Infinity, NaN, null, undefined, '', '1', 'tea', 'live', 'paused', 'ended', 'rehearsal', 'show', true, [], ['a'], {}, { '101': 3 }, { priceFen: 1 }, { tea: STARTS_AT, '7': -2 }, { a: 1.5 }, { a: null }, { a: '1' }, { a: {} }, JSON.parse('{"__proto__":1,"a":2}'), Object.assign(Object.create(null), { a: 1 }), new Date(0), [1, 2]];
		const ops = [...LIVE_PATCH_FIELDS.keys(), 18, -8, -12, -12, -13, -14, -14, 1.5, '8', -0];
		// Every change alone, of every field, with every value (an exhaustive pass), then random mixes.
		for (const op of ops)
			for (const value of odd) {
				const raw = { v: 2, base: 1, changes: [op, value], sum: 5 };
				expect(readLivePatch(raw), `${String(op)} ${JSON.stringify(value)}`).toEqual(bySchemas(raw));
			}
		let accepted = 0;
		for (let n = 0; n < 5000; n++) {
			const changes = Array.from({ length: 2 * Math.floor(rand() * 4) + (rand() < 0.05 ? 1 : 0) }, (_, i) => (i % 2 ? pick(odd) : pick(ops)));
			const raw: Record<string, unknown> = { v: pick([2, 2, 2, -1, 1.5, '2']), base: pick([1, 1, 1, 2 ** 60]), changes, sum: pick([5, 5, 5, 0, -0, -1, 2 ** 53]) };
			if (rand() < 0.5) raw.serverNow = pick([STARTS_AT, STARTS_AT, 1.5, null, undefined, -5]);
			if (rand() < 0.1) raw.extra = 'dropped';
			const expected = bySchemas(raw);
			expect(readLivePatch(raw), JSON.stringify(raw)).toEqual(expected);
			if (expected) accepted++;
		}
		expect(accepted).toBeGreaterThan(300);
	});
});
