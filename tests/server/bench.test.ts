/**
 * The benchmark harness (`npm run bench`): the order in which it measures Showcall and its floors
 * side by side, and the socket.io floor's heartbeat, which must be Showcall's.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { afterEach, describe, expect, it } from 'vitest';
import { blockSchedule } from '../../scripts/bench/schedule';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from '../../server/live/heartbeat';

const ROOT = new URL('../..', import.meta.url).pathname;
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

describe('the socket.io floor', () => {
	let child: ChildProcess | null = null;
	afterEach(() => {
		child?.kill('SIGKILL');
		child = null;
	});

	it('pings as Showcall does (its Engine.IO handshake names Showcall\'s interval and timeout)', async () => {
		const floor = spawn(process.execPath, ['--import', 'tsx', 'scripts/bench/floor-server.ts'], { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit', 'ipc'] });
		child = floor;
		const port = await new Promise<string>((resolve, reject) => {
			let out = '';
			floor.stdout!.on('data', (d) => {
				out += d;
				const match = /listening (\d+)/.exec(out);
				if (match) resolve(match[1]);
			});
			floor.once('exit', (code) => reject(new Error(`the floor exited (${code})`)));
		});
		const response = await fetch(`http://127.0.0.1:${port}/socket.io/?EIO=4&transport=polling`);
		const open = await response.text();
		// An Engine.IO open packet: `0` then the handshake's JSON.
		expect(open[0]).toBe('0');
		expect(JSON.parse(open.slice(1))).toMatchObject({ pingInterval: PING_INTERVAL_MS, pingTimeout: PING_TIMEOUT_MS });
	});
});

function chunk<T>(items: T[], size: number): T[][] {
	return Array.from({ length: Math.ceil(items.length / size) }, (_, i) => items.slice(i * size, i * size + size));
}
