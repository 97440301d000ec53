/**
 * The client library (src/lib/realtime, src/lib/state) in node against the real server: clock
 * offset from a skewed client clock, periodic sync, versioned commands, refusals and the runes
 * state's derived timing.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { CommandAck, LivePatch } from '../../src/lib/contract/live';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { LiveShowState } from '../../src/lib/state/live-show.svelte';
import { closeScreens, demoShow, dropNextAck, next, screen, type ShowHandle } from './live-support';
import { listen, makeApp } from './support';

let app: FastifyInstance;
let base: string;
let show: ShowHandle;

beforeEach(async () => {
	// The server on the real clock: the client's clock is the one that is off.
	app = await makeApp();
	base = await listen(app);
	show = demoShow(app);
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

describe('clock sync', () => {
	it('finds the offset of a client clock 5 s behind, from the sample with the shortest round trip', async () => {
		const conn = await screen(base, { token: show.hostToken, now: () => Date.now() - 5_000 });
		const clock = conn.clock ?? (await next(conn, 'clock'));
		expect(clock.samples).toBe(6);
		expect(clock.rttMs).toBeGreaterThanOrEqual(0);
		// The estimate is off by at most half the round trip (plus a millisecond of rounding).
		expect(Math.abs(clock.offsetMs - 5_000)).toBeLessThanOrEqual(clock.rttMs / 2 + 2);
		expect(Math.abs(conn.serverNow() - Date.now())).toBeLessThanOrEqual(clock.rttMs / 2 + 2);
	});

	it('counts on the server’s clock from the welcome on, before the first sync is back', async () => {
		// A tablet whose clock is two minutes behind; the first sync's six samples are not back yet.
		const conn = new LiveConnection({ url: base, token: show.hostToken, now: () => Date.now() - 120_000, clockIntervalMs: 3_600_000, socket: { forceNew: true, reconnection: false } });
		const atWelcome = new Promise<{ off: number; synced: boolean }>((resolve) =>
			conn.on('welcome', () => resolve({ off: conn.serverNow() - Date.now(), synced: conn.clock !== null }))
		);
		conn.connect();
		try {
			const { off, synced } = await atWelcome;
			expect(synced).toBe(false);
			// Off by the welcome's transit at most, not by two minutes.
			expect(Math.abs(off)).toBeLessThan(1_000);
			expect(Math.abs(conn.offsetMs - 120_000)).toBeLessThan(1_000);
		} finally {
			conn.close();
		}
	});

	it('syncs again periodically while online', async () => {
		const conn = await screen(base, { token: show.hostToken, clockIntervalMs: 20, clockSamples: 2 });
		const first = conn.clock ?? (await next(conn, 'clock'));
		const later = await next(conn, 'clock', (c) => c.syncedAt > first.syncedAt);
		expect(later.samples).toBe(2);
	});
});

describe('commands', () => {
	it('adds the version it saw to commands that move the show, and none to those that set values', async () => {
		const execute = vi.spyOn(app.deps.services.live, 'execute');
		const producer = await screen(base, { token: show.producerToken });
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toEqual({ ok: true, version: 1 });
		// Resolved once this screen holds the new state, so the next command carries it.
		expect(producer.snapshot?.version).toBe(1);
		expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: 2 });
		expect(await producer.send({ type: 'message', text: '彩排开始' })).toEqual({ ok: true, version: 3 });
		expect(await producer.send({ type: 'next' }, { expectedVersion: 1 })).toMatchObject({ ok: false, code: 'STALE_VERSION' });
		// Each stamped with when it was issued, on the server's clock (the test's clock stands still).
		// And each with an id of its own, for asking about it if its ack is lost.
		const issued = expect.any(Number);
		const id = expect.stringMatching(/^[0-9a-f]{24}$/);
		expect(execute.mock.calls.map((call) => call[3])).toEqual([
			{ type: 'start', mode: 'rehearsal', expectedVersion: 0, issuedAt: issued, commandId: id },
			{ type: 'next', expectedVersion: 1, issuedAt: issued, commandId: id },
			{ type: 'message', text: '彩排开始', issuedAt: issued, commandId: id },
			{ type: 'next', expectedVersion: 1, issuedAt: issued, commandId: id }
		]);
		expect(new Set(execute.mock.calls.map((call) => (call[3] as { commandId: string }).commandId)).size).toBe(4);
		for (const call of execute.mock.calls) expect(Math.abs((call[3] as { issuedAt: number }).issuedAt - Date.now())).toBeLessThan(1_000);
	});

	it('stamps commands on the server\'s clock, so a screen whose clock is an hour off is not refused as late', async () => {
		const execute = vi.spyOn(app.deps.services.live, 'execute');
		const producer = await screen(base, { token: show.producerToken, now: () => Date.now() - 3_600_000 });
		expect(await producer.send({ type: 'message', text: '时钟不准' })).toEqual({ ok: true, version: 1 });
		const issuedAt = (execute.mock.calls[0][3] as { issuedAt: number }).issuedAt;
		expect(Math.abs(issuedAt - Date.now())).toBeLessThan(1_000);
	});

	it('notices when nothing comes back although the server pings (stalled), asks once, and is back when it hears again', async () => {
		// A server that pings every 100 ms, so a stall can be declared after 400 ms.
		const fast = await makeApp({ heartbeat: { intervalMs: 100, timeoutMs: 5_000 } });
		try {
			const fastShow = demoShow(fast);
			const conn = await screen(await listen(fast), { token: fastShow.hostToken, stallAfterMs: 400 });
			const changes: boolean[] = [];
			conn.on('stalled', (stalled) => changes.push(stalled));
			const sent: string[] = [];
			conn.socket!.onAnyOutgoing((event: string) => sent.push(event));
			// The pings keep a quiet connection heard from.
			const heardBefore = conn.lastHeardAt!;
			await next(conn, 'heard', (at) => at > heardBefore);
			expect(conn.stalled).toBe(false);
			// This side stops reading its socket: as if the server froze.
			const tcp = (conn.socket!.io.engine as unknown as { transport: { ws: { _socket: { pause(): void; resume(): void } } } }).transport.ws._socket;
			tcp.pause();
			await next(conn, 'stalled', (stalled) => stalled);
			expect(conn.status).toBe('online');
			// The one question the stall asks.
			expect(sent.filter((event) => event === 'beat')).toEqual(['beat']);
			tcp.resume();
			await next(conn, 'stalled', (stalled) => !stalled);
			expect(changes).toEqual([true, false]);
		} finally {
			closeScreens();
			await fast.close();
		}
	});

	it('sends nothing of its own for liveness: a quiet screen hears the server\'s pings and is never stalled', async () => {
		const fast = await makeApp({ heartbeat: { intervalMs: 100, timeoutMs: 5_000 } });
		try {
			const fastShow = demoShow(fast);
			const host = await screen(await listen(fast), { token: fastShow.hostToken, stallAfterMs: 400 });
			await (host.clock ?? next(host, 'clock'));
			const sent: string[] = [];
			host.socket!.onAnyOutgoing((event: string) => sent.push(event));
			let pings = 0;
			host.socket!.io.on('ping', () => pings++);
			const changes: boolean[] = [];
			host.on('stalled', (stalled) => changes.push(stalled));
			// Ten stall windows of silence from the screen's side.
			await expect.poll(() => pings, { timeout: 10_000 }).toBeGreaterThanOrEqual(40);
			expect(sent).toEqual([]);
			expect(changes).toEqual([]);
			expect(host.stalled).toBe(false);
		} finally {
			closeScreens();
			await fast.close();
		}
	});

	it('answers OFFLINE without sending when not connected', async () => {
		const conn = new LiveConnection({ url: base, token: show.producerToken });
		expect(await conn.send({ type: 'next' })).toMatchObject({ ok: false, code: 'OFFLINE' });
	});

	it('reports a refused link as refused, with the code', async () => {
		const conn = new LiveConnection({ url: base, token: 'z'.repeat(32), socket: { forceNew: true } });
		const statuses: string[] = [];
		conn.on('status', (s) => statuses.push(s));
		conn.connect();
		await expect.poll(() => conn.status).toBe('refused');
		expect(conn.error?.code).toBe('INVALID_TOKEN');
		expect(statuses).toEqual(['refused']);
		conn.close();
	});
});

describe('a move right after another command of the same screen', () => {
	it('waits for it to land and carries the version it made, instead of being refused STALE_VERSION', async () => {
		const producer = await screen(base, { token: show.producerToken });
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toMatchObject({ ok: true, version: 1 });
		// A message (or a cue ticked) and, before its answer, the next segment.
		const message = producer.send({ type: 'message', text: '准备下一个产品' });
		const move = producer.send({ type: 'next' });
		expect(await message).toEqual({ ok: true, version: 2 });
		expect(await move).toEqual({ ok: true, version: 3 });
		expect(app.deps.services.live.snapshot(show.showId)).toMatchObject({ segmentIndex: 1, version: 3 });
	});
});

describe('a command’s own patch in its ack (ackPatch)', () => {
	/** The server's acks to screens carry `edit(patch)` instead of the command's patch. */
	function tamperAckPatch(edit: (patch: LivePatch, version: number) => unknown) {
		const live = app.deps.services.live;
		const execute = live.execute.bind(live);
		vi.spyOn(live, 'execute').mockImplementation((showId, role, actor, input, options = {}) => {
			const ack = options.ack;
			return execute(showId, role, actor, input, { ...options, ack: ack && ((r) => ack(r.ok && r.patch ? ({ ...r, patch: edit(r.patch, r.version) } as CommandAck) : r)) });
		});
	}
	/** The screen holds the server's state (what does not depend on the instant). */
	const inStep = (conn: LiveConnection) => {
		const { serverNow: _a, timing: _b, ...truth } = app.deps.services.live.snapshot(show.showId)!;
		const { serverNow: _c, timing: _d, ...held } = conn.snapshot!;
		expect(held).toEqual(truth);
	};

	it('asks for it in the handshake, applies it and holds the new state when send resolves, with no push of its own', async () => {
		const producer = await screen(base, { token: show.producerToken });
		expect(app.io.of('/').sockets.get(producer.socket!.id!)?.data.live).toMatchObject({ patches: true, ackPatch: true });
		const pushes: unknown[] = [];
		producer.socket!.on('patch', (p: unknown) => void pushes.push(p));
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toEqual({ ok: true, version: 1 });
		for (const command of [{ type: 'next' }, { type: 'add-time', deltaMs: 30_000 }, { type: 'pause' }, { type: 'message', text: '上链接' }] as const) {
			const ack = await producer.send(command);
			expect(ack).toMatchObject({ ok: true });
			expect(producer.snapshot?.version).toBe(app.deps.services.live.snapshot(show.showId)!.version);
			inStep(producer);
		}
		await producer.socket!.timeout(5_000).emitWithAck('clock');
		expect(pushes).toEqual([]);
		expect(producer.resyncs).toBe(0);
	});

	it('without patches asks for none, and follows its own command by the full snapshot', async () => {
		const producer = await screen(base, { token: show.producerToken, patches: false });
		expect(app.io.of('/').sockets.get(producer.socket!.id!)?.data.live).toMatchObject({ patches: false, ackPatch: false });
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toEqual({ ok: true, version: 1 });
		expect(producer.snapshot?.version).toBe(1);
		inStep(producer);
	});

	for (const [what, edit] of [
		['does not read', () => ({ v: 'x', base: 0, changes: [], sum: 0 })],
		['is for another version', (patch: LivePatch) => ({ ...patch, v: patch.v + 1, base: patch.base + 1 })],
		['is against a version the screen does not hold (a gap)', (patch: LivePatch, version: number) => ({ ...patch, base: version - 3 })],
		['ends on another checksum', (patch: LivePatch) => ({ ...patch, sum: (patch.sum + 1) >>> 0 })]
	] as const) {
		it(`fetches the full state when the ack's patch ${what}, and still answers the command as done`, async () => {
			const producer = await screen(base, { token: show.producerToken });
			expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toEqual({ ok: true, version: 1 });
			tamperAckPatch(edit);
			expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: 2 });
			// Resolved once the full state is here.
			expect(producer.resyncs).toBe(1);
			expect(producer.snapshot?.version).toBe(2);
			inStep(producer);
			await expect.poll(() => producer.missing).toEqual([]);
			expect(await producer.send({ type: 'add-time', deltaMs: 30_000 })).toEqual({ ok: true, version: 3 });
			expect(producer.resyncs).toBe(2);
			inStep(producer);
		});
	}
});

describe('an answer later than the local 未生效', () => {
	it('is told as a late ack when the command did take effect', async () => {
		// The server (in this process) takes 20 ms over the command, the screen's own limit is 5 ms:
		// its verdict comes first, yet the server, reached well within its 3 s, applies the command.
		const producer = await screen(base, { token: show.producerToken, commandTimeoutMs: 5 });
		const execute = app.deps.services.live.execute.bind(app.deps.services.live);
		vi.spyOn(app.deps.services.live, 'execute').mockImplementation((...args) => {
			const until = performance.now() + 20;
			while (performance.now() < until);
			return execute(...args);
		});
		const late = next(producer, 'lateAck');
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
		expect(await late).toEqual({ type: 'start', version: 1 });
		expect(app.deps.services.live.snapshot(show.showId)).toMatchObject({ status: 'live', version: 1 });
	});
});

describe('LiveShowState', () => {
	it('derives timing locally from the snapshot, the sheet and the synchronised clock', async () => {
		const producer = await screen(base, { token: show.producerToken });
		await producer.send({ type: 'start', mode: 'live' });
		const alerts: string[] = [];
		const live = new LiveShowState({ url: base, token: show.hostToken, deviceName: '平板', tickMs: 50, onAlert: (a) => alerts.push(a.kind), socket: { forceNew: true } });
		const stop = live.start();
		try {
			await expect.poll(() => live.status).toBe('online');
			await expect.poll(() => live.clock).not.toBeNull();
			expect(live.role).toBe('host');
			expect(live.segment?.kind).toBe('warmup');
			expect(live.nextSegment?.kind).toBe('opening');
			expect(live.alerts.map((a) => a.kind)).toContain('warmup_opened');
			const first = live.timing!.remainingMs;
			expect(first).toBeLessThanOrEqual(15 * 60_000);
			expect(first).toBeGreaterThan(15 * 60_000 - 5_000);
			// The clock ticks locally: the countdown moves with no message from the server.
			await expect.poll(() => live.timing!.remainingMs).toBeLessThan(first);
			expect(live.now).toBeGreaterThan(0);

			await producer.send({ type: 'goto', segmentId: producer.sheet!.segments.find((s) => s.productId)!.id });
			await expect.poll(() => live.product?.name).toBeTruthy();
			const productId = live.product!.id;
			await producer.send({ type: 'set-stock', productId, stock: 7 });
			await expect.poll(() => live.product?.slotStock.live).toBe(7);
			expect(live.silentMs).toBeLessThan(5_000);
		} finally {
			stop();
		}
		expect(live.status).toBe('closed');
	});
});

describe('an ack lost between the commit and the screen (the server restarted, the connection dropped)', () => {
	it('settles a command still waiting as acknowledged, once the next connection learns the log has it', async () => {
		const producer = await screen(base, { token: show.producerToken, reconnect: true });
		const asked = vi.spyOn(app.deps.services.live, 'commandOutcomes');
		dropNextAck(app);
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toEqual({ ok: true, version: 1 });
		expect(asked).toHaveBeenCalledTimes(1);
		expect(asked.mock.results[0].value).toEqual({ [String(asked.mock.calls[0][1][0])]: 1 });
		expect(producer.snapshot?.version).toBe(1);
		// Applied once, and the show goes on from it.
		expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: 2 });
	});

	it('tells a command already answered 未生效 as a late ack when the log has it', async () => {
		const producer = await screen(base, { token: show.producerToken, reconnect: true, commandTimeoutMs: 50 });
		dropNextAck(app);
		const late = next(producer, 'lateAck');
		expect(await producer.send({ type: 'start', mode: 'rehearsal' })).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
		expect(await late).toEqual({ type: 'start', version: 1 });
		expect(app.deps.services.live.snapshot(show.showId)).toMatchObject({ status: 'live', version: 1 });
	});

	it('leaves a command the log does not have 未生效, with no late ack', async () => {
		const producer = await screen(base, { token: show.producerToken, reconnect: true, commandTimeoutMs: 1_500 });
		const asked = vi.spyOn(app.deps.services.live, 'commandOutcomes');
		dropNextAck(app, { commit: false });
		const lateAcks: unknown[] = [];
		producer.on('lateAck', (late) => lateAcks.push(late));
		const sent = producer.send({ type: 'start', mode: 'rehearsal' });
		// Asked after the reconnection, and answered: nothing of it in the log.
		await expect.poll(() => asked.mock.results.length).toBe(1);
		expect(asked.mock.results[0].value).toEqual({});
		expect(await sent).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
		expect(lateAcks).toEqual([]);
		expect(app.deps.services.live.snapshot(show.showId)).toMatchObject({ version: 0 });
	});
});
