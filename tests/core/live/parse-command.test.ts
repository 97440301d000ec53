/**
 * parseLiveCommand: the hand-checked fast path answers exactly what `liveCommand.safeParse` answers
 * — the same data, its fields in the same order, and zod's own refusal for anything it would refuse.
 */
import { describe, expect, it } from 'vitest';
import { LIVE_COMMAND_TYPES, liveCommand, MAX_ADD_TIME_MS, parseLiveCommand } from '../../../src/lib/core/live';
import { MAX_STOCK } from '../../../src/lib/core/model';
import { rng } from '../../reliability/support/rng';

const ints = (min: number, max: number) => [min, max, min - 1, max + 1, 0, -0, 1, -1, 0.5, NaN, Infinity, -Infinity, Number.MAX_SAFE_INTEGER + 1];
/** Values to try for each field: valid ones, edges, and wrong types. */
const VALUES: Record<string, unknown[]> = {
	expectedVersion: ints(0, Number.MAX_SAFE_INTEGER),
	issuedAt: ints(0, 8.64e15),
	commandId: ['a1b2c3d4e5f6a7b8', 'x'.repeat(64), 'x'.repeat(65), 'x'.repeat(8), 'x'.repeat(7), '', 'a b c d e f', 'é'.repeat(10), 5, null],
	mode: ['live', 'rehearsal', 'LIVE', '', 1],
	segmentId: ['seg-1', 'a_B-9', 'x'.repeat(40), 'x'.repeat(41), '', 'a b', 'é', 3, null],
	deltaMs: [30_000, -30_000, ...ints(-MAX_ADD_TIME_MS, MAX_ADD_TIME_MS), '30000'],
	productId: [1, 42, ...ints(1, Number.MAX_SAFE_INTEGER), '1'],
	stock: [42, ...ints(0, MAX_STOCK), '42'],
	cueId: ['c1', 'x'.repeat(40), 'x'.repeat(41), '', 7],
	done: [true, false, 0, 'true', null],
	messageId: ['m1', 'x'.repeat(40), 'x'.repeat(41), '', {}],
	text: ['  3号链接已上  ', 'x', '   ', '', 'x'.repeat(501), 5],
	extra: ['x', 1, undefined]
};
const FIELDS = Object.keys(VALUES);
const same = (input: unknown) => {
	const fast = parseLiveCommand(input);
	const zod = liveCommand.safeParse(input);
	expect(fast.success, JSON.stringify(input)).toBe(zod.success);
	if (fast.success && zod.success) {
		expect(fast.data).toStrictEqual(zod.data);
		expect(Object.keys(fast.data)).toEqual(Object.keys(zod.data));
		expect(fast.data).not.toBe(input);
	} else expect(fast.error?.issues).toEqual(zod.error?.issues);
	return fast.success;
};

describe('parseLiveCommand', () => {
	it('answers what liveCommand.safeParse answers, for every command with valid, edge and wrong fields', () => {
		const random = rng(17);
		const pick = <T>(list: readonly T[]) => list[Math.floor(random() * list.length)];
		let accepted = 0;
		for (let i = 0; i < 20_000; i++) {
			const type = pick([...LIVE_COMMAND_TYPES, 'nope', 7]);
			// Its own fields mostly (a valid value half the time), others now and then.
			const own = new Set(Object.keys(liveCommand.options.find((o) => o.shape.type.value === type)?.shape ?? {}));
			const input: Record<string, unknown> = { type };
			for (const field of FIELDS) {
				if (random() >= (own.has(field) ? 0.8 : 0.03)) continue;
				input[field] = random() < 0.5 ? VALUES[field][0] : pick(VALUES[field]);
			}
			if (same(input)) accepted++;
		}
		// Enough of them valid for the fast path to have been taken often.
		expect(accepted).toBeGreaterThan(1_000);
	});

	it('answers the common commands as zod does, and refuses what is not a plain command object as zod does', () => {
		for (const input of [
			{ type: 'next', expectedVersion: 3, issuedAt: 1_760_000_000_000 },
			{ issuedAt: 5, type: 'add-time', deltaMs: -30_000, expectedVersion: 2 },
			{ commandId: 'a1b2c3d4e5f6a7b8', type: 'pause', issuedAt: 5, expectedVersion: 4 },
			{ type: 'next', commandId: undefined },
			{ type: 'start', mode: 'rehearsal' },
			{ type: 'set-stock', stock: 0, productId: 9 },
			{ type: 'flash-sale-start' },
			{ type: 'flash-sale-start', segmentId: undefined },
			{ type: 'next', expectedVersion: undefined },
			{ type: 'message', text: '  hi  ' },
			Object.assign(Object.create({ type: 'next' }), {}),
			Object.assign(Object.create(null), { type: 'next' }),
			{ type: 'next', constructor: 1 },
			['next'],
			null,
			'next',
			undefined
		])
			same(input);
	});
});
