/**
 * The benchmark harness (`npm run bench`): the order in which it measures Showcall and its floors
 * side by side, the commands it sends a show and the floors' payload for each, and the socket.io
 * floor's heartbeat, which must be Showcall's.
 */
import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { bytesByKind, floorPayloadBytes, groupByKind, mixAt, SHOW_MIX, turnsToCycleEnd, wholeCycles, type MixKind } from '../../scripts/bench/mix';
import { prepareDatabase } from '../../scripts/bench/prepare';
import { startProcess, stop } from '../../scripts/bench/process';
import { blockSchedule } from '../../scripts/bench/schedule';
import { openDatabase } from '../../server/db/client';
import { createDeps } from '../../server/deps';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../server/live/heartbeat';
import { applyCommand, currentSegmentIndex, initialLiveState, type LiveSheet, type LiveState } from '../../src/lib/core/live';

const TARGETS = ['showcall', 'floor', 'ws-floor'] as const;

describe('the block schedule', () => {
	it('gives every target exactly the commands asked, in blocks of the size asked (the last one shorter)', () => {
		for (const [commands, blockSize] of [[200, 10], [60, 10], [25, 10], [7, 10], [1, 1], [13, 4]]) {
			const blocks = blockSchedule(TARGETS, commands, blockSize);
			for (const target of TARGETS) {
				const own = blocks.filter((b) => b.target === target).map((b) => b.commands);
				expect(own.reduce((a, b) => a + b, 0)).toBe(commands);
				expect(own.slice(0, -1).every((n) => n === blockSize)).toBe(true);
				expect(own.at(-1)).toBe(commands - blockSize * (own.length - 1));
			}
		}
	});

	it('measures a round of each target at a time, the first in the given order (Showcall first, whose push sets the floors\' payload)', () => {
		const rounds = chunk(blockSchedule(TARGETS, 200, 10).map((b) => b.target), TARGETS.length);
		expect(rounds).toHaveLength(20);
		for (const round of rounds) expect([...round].sort()).toEqual([...TARGETS].sort());
		expect(rounds[0]).toEqual(TARGETS);
	});

	it('changes the order every round: each target first as often as the others, and none always just after the same one', () => {
		const order = blockSchedule(TARGETS, 60, 10).map((b) => b.target);
		const rounds = chunk(order, TARGETS.length);
		for (let r = 1; r < rounds.length; r++) expect(rounds[r]).not.toEqual(rounds[r - 1]);
		for (const target of TARGETS) expect(rounds.filter((round) => round[0] === target)).toHaveLength(2);
		for (const target of TARGETS) {
			const before = new Set(order.flatMap((t, i) => (i > 0 && t === target && order[i - 1] !== target ? [order[i - 1]] : [])));
			expect(before.size).toBe(TARGETS.length - 1);
		}
	});

	it('refuses a schedule that would not end', () => {
		expect(() => blockSchedule(TARGETS, 0, 10)).toThrow();
		expect(() => blockSchedule(TARGETS, 10, 0)).toThrow();
		expect(() => blockSchedule(TARGETS, 10, 2.5)).toThrow();
	});
});

describe('the mix of commands a show gets', () => {
	/** The benchmark's show (scripts/bench/prepare.ts), started and moved to its opening as run.ts does. */
	async function benchShow(): Promise<{ sheet: LiveSheet; state: LiveState }> {
		const dir = mkdtempSync(join(tmpdir(), 'showcall-bench-test-'));
		try {
			const [{ showId }] = await prepareDatabase(join(dir, 'bench.db'), 1);
			const db = openDatabase(join(dir, 'bench.db'));
			const show = createDeps(db, Date.now, null).repos.shows.get(showId)!;
			db.$client.close();
			const sheet = { startsAt: show.startsAt, segments: show.segments };
			let state = initialLiveState();
			for (const command of [{ type: 'start', mode: 'live' }, { type: 'next' }] as const) {
				const result = applyCommand(state, command, sheet, show.startsAt);
				if (!result.ok) throw new Error(result.code);
				state = result.state;
			}
			return { sheet, state };
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
	}

	it('is accepted command after command on the benchmark\'s show, never at its last segment, and every cycle ends on the opening, live, with no time added', async () => {
		const { sheet, state: opening } = await benchShow();
		expect(sheet.segments[currentSegmentIndex(opening, sheet)].kind).toBe('opening');
		let state = opening;
		const kinds = new Set<string>();
		for (let turn = 0; turn < 3 * SHOW_MIX.length; turn++) {
			const { kind, command } = mixAt(turn);
			kinds.add(command.type);
			const result = applyCommand(state, command, sheet, sheet.startsAt + (turn + 1) * 100);
			expect(result.ok ? 'ok' : `${kind}: ${result.code}`).toBe('ok');
			if (!result.ok) return;
			state = result.state;
			expect(currentSegmentIndex(state, sheet)).toBeLessThan(sheet.segments.length - 1);
			if (turnsToCycleEnd(turn + 1) === 0) expect({ segmentId: state.segmentId, status: state.status, adjustMs: state.adjustMs }).toEqual({ segmentId: opening.segmentId, status: 'live', adjustMs: 0 });
		}
		// The commands issue 17 asks about: the segment changing both ways, pausing, resuming, time.
		expect([...kinds].sort()).toEqual(['add-time', 'next', 'pause', 'previous', 'resume']);
	});

	it('measures whole cycles on every show: each kind as often as the others, on every show of a scenario', () => {
		expect(wholeCycles(200, 1)).toBe(204);
		expect(wholeCycles(200, 50)).toBe(300);
		expect(wholeCycles(300, 50)).toBe(300);
		expect(wholeCycles(1, 1)).toBe(SHOW_MIX.length);
		// Round robin over the shows, each its own turns: every show ends where it began.
		for (const [asked, shows] of [[200, 1], [200, 50], [7, 3]]) {
			const n = wholeCycles(asked, shows);
			expect(n).toBeGreaterThanOrEqual(asked);
			for (let show = 0; show < shows; show++) expect(turnsToCycleEnd(Math.floor(n / shows))).toBe(0);
			expect(n % shows).toBe(0);
		}
		for (const [asked, shows] of [[0, 1], [200, 0], [200, 1.5], [Number.NaN, 1]]) expect(() => wholeCycles(asked, shows)).toThrow();
	});

	it('counts what a show still needs to end its cycle', () => {
		expect([0, 1, 5, 6, 7, 300, 302].map(turnsToCycleEnd)).toEqual([0, 5, 1, 0, 5, 0, 4]);
		for (let turn = 0; turn < 20; turn++) expect((turn + turnsToCycleEnd(turn)) % SHOW_MIX.length).toBe(0);
		expect(() => mixAt(-1)).toThrow();
		expect(mixAt(SHOW_MIX.length + 1)).toBe(mixAt(1));
	});

	it('sizes a floor\'s payload like Showcall\'s push of the same kind; before one, like its latest push', () => {
		const pushes = new Map<MixKind, number>([
			['next', 126],
			['add-time +30 s', 72],
			['pause', 90]
		]);
		expect(floorPayloadBytes(pushes, 'next', 90)).toBe(126);
		expect(floorPayloadBytes(pushes, 'add-time +30 s', 90)).toBe(72);
		expect(floorPayloadBytes(pushes, 'previous', 90)).toBe(90);
		expect(floorPayloadBytes(new Map(), 'previous', 0)).toBe(0);
	});

	it('groups each command\'s figures by its kind, in the mix\'s order', () => {
		expect(groupByKind(['previous', 'next', 'pause', 'next'], [[6], [1], [3], [7]])).toEqual([
			['next', [[1], [7]]],
			['pause', [[3]]],
			['previous', [[6]]]
		]);
		expect(() => groupByKind(['next'], [])).toThrow();
	});

	it('reports each kind\'s mean payload in the mix\'s order, and the mean of those means (each kind once)', () => {
		const { byKind, mean } = bytesByKind([
			{ kind: 'previous', bytes: 130 },
			{ kind: 'next', bytes: 125 },
			{ kind: 'next', bytes: 127 },
			{ kind: 'next', bytes: 126 },
			{ kind: 'pause', bytes: 90 }
		]);
		expect(Object.entries(byKind)).toEqual([
			['next', 126],
			['pause', 90],
			['previous', 130]
		]);
		expect(mean).toBe(Math.round((126 + 90 + 130) / 3));
		expect(bytesByKind([]).mean).toBeNaN();
	});
});

describe('the socket.io floor', () => {
	let child: ChildProcess | null = null;
	afterEach(async () => {
		if (child) await stop(child);
		child = null;
	});

	it('pings as Showcall does (its Engine.IO handshake names Showcall\'s interval and timeout)', async () => {
		const floor = startProcess(['scripts/bench/floor-server.ts'], {}, /listening (\d+)/, true);
		child = floor.child;
		const response = await fetch(`${await floor.url}/socket.io/?EIO=4&transport=polling`);
		const open = await response.text();
		// An Engine.IO open packet: `0` then the handshake's JSON.
		expect(open[0]).toBe('0');
		expect(JSON.parse(open.slice(1))).toMatchObject({ pingInterval: PING_INTERVAL_MS, pingTimeout: PING_TIMEOUT_MS });
	});
});

function chunk<T>(items: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}
