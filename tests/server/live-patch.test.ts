/**
 * The smaller wire: after a command, screens that ask for patches receive what changed, prove they
 * hold the server's state by its checksum, and fetch the full state again on a gap or a mismatch;
 * the others (and HTTP) keep receiving the full snapshot.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { showRoom } from '../../server/live/gateway';
import { readCommandAck, type LivePatch, type LiveWireSnapshot } from '../../src/lib/contract/live';
import { applyLivePatch, diffLive, liveChecksum, liveSnapshot, type LiveCanonical, type LiveCommandInput } from '../../src/lib/core/live';
import type { LiveConnection } from '../../src/lib/realtime/live-connection';
import { closeScreens, command, demoShow, next, rawSocket, screen, welcomed, type RawSocket } from './live-support';
import { listen, makeApp } from './support';

const apps: FastifyInstance[] = [];
afterEach(async () => {
	closeScreens();
	for (const app of apps.splice(0)) await app.close();
});

async function setup() {
	const app = await makeApp();
	apps.push(app);
	const base = await listen(app);
	return { app, base, show: demoShow(app) };
}

/** Everything of one kind a raw socket receives, in order. */
function collect<T>(socket: RawSocket, event: 'patch' | 'snapshot'): T[] {
	const seen: T[] = [];
	socket.on(event, (payload: unknown) => void seen.push(payload as T));
	return seen;
}

/** The snapshot without what depends on the instant it was taken. */
const settled = ({ serverNow: _now, timing: _timing, ...rest }: LiveWireSnapshot) => rest;

const bytes = (value: unknown) => Buffer.byteLength(JSON.stringify(value));

describe('a command’s push', () => {
	it('is a patch for screens that ask for one, the full snapshot for the others; the patch rebuilds the same snapshot, a quarter of the bytes or less', async () => {
		const { app, base, show } = await setup();
		const conn = await screen(base, { token: show.hostToken });
		const patchSocket = rawSocket(base, { token: show.hostToken, patches: true });
		const fullSocket = rawSocket(base, { token: show.hostToken });
		await Promise.all([welcomed(patchSocket), welcomed(fullSocket)]);
		const patches = collect<LivePatch>(patchSocket, 'patch');
		const fullOnPatchSocket = collect<LiveWireSnapshot>(patchSocket, 'snapshot');
		const snapshots = collect<LiveWireSnapshot>(fullSocket, 'snapshot');
		const patchesOnFullSocket = collect<LivePatch>(fullSocket, 'patch');

		const { sheet } = app.deps.services.live.welcome(show.showId, 'producer', 'x')!;
		const sale = sheet.segments.find((s) => s.flashSale)!;
		const steps: [string, object?][] = [
			['start', { mode: 'live' }],
			['next'],
			['add-time', { deltaMs: 30_000 }],
			['pause'],
			['resume'],
			['next'],
			['previous'],
			['set-stock', { productId: sheet.products[0].id, stock: 42 }],
			['message', { text: '3号链接已上' }],
			['goto', { segmentId: sale.id }],
			['flash-sale-start'],
			['flash-sale-stop'],
			['end']
		];
		const figures: string[] = [];
		for (const [name, body] of steps) {
			const before = conn.snapshot!.version;
			const reached = next(conn, 'snapshot', (s) => s.version === before + 1);
			const result = await command(app, show.producerToken, name, body);
			// The screen rebuilt exactly what HTTP answered, timing included.
			expect(await reached).toEqual(result);
			await expect.poll(() => patches.length === snapshots.length && snapshots.at(-1)?.version === result.version).toBe(true);
			expect(snapshots.at(-1)).toEqual(result);
			const patch = patches.at(-1)!;
			expect(patch).toMatchObject({ v: result.version, base: before, sum: liveChecksum(result) });
			if (['next', 'previous', 'pause', 'add-time'].includes(name)) {
				figures.push(`${name}: snapshot ${bytes(result)} B → patch ${bytes(patch)} B`);
				expect(bytes(patch), name).toBeLessThanOrEqual(bytes(result) / 4);
			}
		}
		console.info(`live wire, bytes per command (JSON payload): ${figures.join('; ')}`);
		expect(conn.resyncs).toBe(0);
		expect(fullOnPatchSocket).toEqual([]);
		expect(patchesOnFullSocket).toEqual([]);
		expect(app.deps.services.live.snapshot(show.showId)?.version).toBe(steps.length);
	});

	it('is the full snapshot for everyone after a run-sheet edit', async () => {
		const { app, base, show } = await setup();
		const patchSocket = rawSocket(base, { token: show.producerToken, patches: true });
		await welcomed(patchSocket);
		const snapshots = collect<LiveWireSnapshot>(patchSocket, 'snapshot');
		const planned = app.deps.repos.shows.get(show.showId)!;
		app.deps.bus.emit('showChanged', show.showId);
		await expect.poll(() => snapshots.length).toBeGreaterThan(0);
		expect(snapshots[0]).toMatchObject({ showId: show.showId, sheetVersion: planned.version });
	});
});

describe('a command sent over the socket', () => {
	/** What the server writes to each connected screen, in the order it writes it: [socket id, packet]. */
	function writes(app: FastifyInstance) {
		const log: [string, string][] = [];
		for (const socket of app.io.of('/').sockets.values()) {
			socket.conn.on('packetCreate', (packet: { type: string; data?: unknown }) => {
				if (packet.type === 'message' && typeof packet.data === 'string') log.push([socket.id, packet.data]);
			});
		}
		return log;
	}
	const serverIdOf = async (app: FastifyInstance, socket: RawSocket) => {
		await expect.poll(() => app.io.of('/').sockets.has(socket.id!)).toBe(true);
		return socket.id!;
	};

	it('reaches the other screens first, then the sender its ack and then its own copy (a patch or the full snapshot, as it asked)', async () => {
		const { app, base, show } = await setup();
		await command(app, show.producerToken, 'start', { mode: 'live' });
		// Screens of before `ackPatch` (a page cached before the upgrade), with patches or without.
		const patchSender = rawSocket(base, { token: show.producerToken, patches: true });
		const fullSender = rawSocket(base, { token: show.producerToken });
		// `ackPatch` without `patches` changes nothing: it takes the full snapshot like fullSender.
		const fullAckSender = rawSocket(base, { token: show.producerToken, ackPatch: true });
		const patchScreen = rawSocket(base, { token: show.hostToken, patches: true });
		const fullScreen = rawSocket(base, { token: show.hostToken });
		const ackScreen = rawSocket(base, { token: show.hostToken, patches: true, ackPatch: true });
		const sockets = { patchSender, fullSender, fullAckSender, patchScreen, fullScreen, ackScreen };
		await Promise.all(Object.values(sockets).map(welcomed));
		const ids: Record<string, string> = {};
		for (const [name, socket] of Object.entries(sockets)) ids[name] = await serverIdOf(app, socket);
		const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
		const pushOf = (name: string) => (name.startsWith('full') ? 'snapshot' : 'patch');
		const kind = (packet: string) => (packet.startsWith('3') ? 'ack' : packet.startsWith('2["patch"') ? 'patch' : packet.startsWith('2["snapshot"') ? 'snapshot' : packet);
		for (const name of ['patchSender', 'fullSender', 'fullAckSender'] as const) {
			const sender = sockets[name];
			const log = writes(app);
			// What the sender receives after its ack: its own copy, in order.
			const received: string[] = [];
			const onPatch = () => received.push('patch');
			const onSnapshot = () => received.push('snapshot');
			sender.on('patch', onPatch);
			sender.on('snapshot', onSnapshot);
			// The ack's callback runs as its packet is read (an awaited promise would resume later).
			const acks: unknown[] = [];
			sender.timeout(5_000).emit('command', { type: 'add-time', deltaMs: 30_000 }, (err: Error | null, ack: unknown) => {
				received.push('ack');
				acks.push(err ?? ack);
			});
			await expect.poll(() => received.length).toBe(2);
			// A plain ack: no patch in it.
			expect(acks).toEqual([{ ok: true, version: expect.any(Number) }]);
			sender.off('patch', onPatch);
			sender.off('snapshot', onSnapshot);
			const own = pushOf(name);
			expect(received).toEqual(['ack', own]);
			// On the server: every other screen's push was written before the sender's ack.
			const order = log.map(([id, packet]) => [id === ids[name] ? 'sender' : nameOf(id), kind(packet)].join(' '));
			expect(order.slice(-2)).toEqual(['sender ack', `sender ${own}`]);
			const others = Object.keys(sockets).filter((other) => other !== name);
			expect(order.slice(0, -2).sort()).toEqual(others.map((other) => `${other} ${pushOf(other)}`).sort());
		}
	});

	it('answers a screen that said ackPatch with its patch in the ack and no push of its own, after the other screens’ push', async () => {
		const { app, base, show } = await setup();
		await command(app, show.producerToken, 'start', { mode: 'live' });
		const sender = rawSocket(base, { token: show.producerToken, patches: true, ackPatch: true });
		const patchScreen = rawSocket(base, { token: show.hostToken, patches: true });
		const fullScreen = rawSocket(base, { token: show.hostToken });
		const oldSender = rawSocket(base, { token: show.producerToken, patches: true });
		const sockets = { sender, patchScreen, fullScreen, oldSender };
		const [welcome] = await Promise.all(Object.values(sockets).map(welcomed));
		const ids: Record<string, string> = {};
		for (const [name, socket] of Object.entries(sockets)) ids[name] = await serverIdOf(app, socket);
		const nameOf = (id: string) => Object.entries(ids).find(([, v]) => v === id)![0];
		const kind = (packet: string) => (packet.startsWith('3') ? 'ack' : packet.startsWith('2["patch"') ? 'patch' : packet.startsWith('2["snapshot"') ? 'snapshot' : packet);

		let held: LiveWireSnapshot = welcome.snapshot;
		const pushed: string[] = [];
		sender.on('patch', () => pushed.push('patch'));
		sender.on('snapshot', () => pushed.push('snapshot'));
		const others = { patch: collect<LivePatch>(patchScreen, 'patch'), full: collect<LiveWireSnapshot>(fullScreen, 'snapshot'), old: collect<LivePatch>(oldSender, 'patch') };
		const { sheet } = app.deps.services.live.welcome(show.showId, 'producer', 'x')!;
		for (const [name, body] of [['add-time', { deltaMs: 30_000 }], ['next'], ['pause'], ['set-stock', { productId: sheet.products[0].id, stock: 5 }], ['message', { text: '上链接' }]] as const) {
			const log = writes(app);
			const ack = (await sender.timeout(5_000).emitWithAck('command', { type: name, ...body } as LiveCommandInput)) as unknown;
			const read = readCommandAck(ack);
			const truth = app.deps.services.live.snapshot(show.showId)!;
			expect(read, name).toEqual({ ok: true, version: truth.version, patch: expect.objectContaining({ v: truth.version, base: held.version }) });
			if (!read.ok || !read.patch) throw new Error('no patch');
			// The ack's patch brings the sender's state to the new version, checksum and all.
			const applied = applyLivePatch(held, read.patch);
			if (!applied.ok) throw new Error(`${name}: the ack's patch does not apply`);
			held = liveSnapshot(applied.state, applied.state, sheet, applied.serverNow ?? truth.serverNow);
			expect(settled(held), name).toEqual(settled(truth));
			// The other screens' push is the same patch, written before the ack; the ack is the last
			// thing written to the sender.
			await expect.poll(() => others.patch.at(-1)?.v === truth.version && others.old.at(-1)?.v === truth.version && others.full.at(-1)?.version === truth.version).toBe(true);
			expect(others.patch.at(-1)).toEqual(read.patch);
			const order = log.map(([id, packet]) => `${nameOf(id)} ${kind(packet)}`);
			expect(order.at(-1)).toBe('sender ack');
			expect(order.slice(0, -1).sort()).toEqual(['fullScreen snapshot', 'oldSender patch', 'patchScreen patch']);
		}
		// Nothing pushed to the sender after its acks: a round trip after the last one finds none.
		await sender.timeout(5_000).emitWithAck('clock');
		expect(pushed).toEqual([]);
	});

	it('brings the client library’s own screen to its command’s version with the ack alone, and a screen of before ackPatch with its push', async () => {
		const { app, base, show } = await setup();
		await command(app, show.producerToken, 'start', { mode: 'live' });
		const conn = await screen(base, { token: show.producerToken });
		const host = await screen(base, { token: show.hostToken });
		const pushes: unknown[] = [];
		conn.socket!.on('patch', (p: unknown) => void pushes.push(p));
		conn.socket!.on('snapshot', (p: unknown) => void pushes.push(p));
		for (const [name, body] of [['add-time', { deltaMs: 30_000 }], ['next'], ['pause'], ['resume']] as const) {
			const hostReached = next(host, 'snapshot');
			const ack = await conn.send({ type: name, ...body } as LiveCommandInput);
			const truth = app.deps.services.live.snapshot(show.showId)!;
			// The result is the plain ack; the screen already holds the state it made.
			expect(ack).toEqual({ ok: true, version: truth.version });
			expect(conn.snapshot?.version).toBe(truth.version);
			expect(settled(conn.snapshot!)).toEqual(settled(truth));
			expect(settled(await hostReached)).toEqual(settled(truth));
		}
		await conn.socket!.timeout(5_000).emitWithAck('clock');
		expect(pushes).toEqual([]);
		expect(conn.resyncs).toBe(0);

		// A page cached before the upgrade: no ackPatch in its handshake, its own push after the ack.
		const old = rawSocket(base, { token: show.producerToken, patches: true });
		await welcomed(old);
		const before = conn.snapshot!.version;
		const own = new Promise<LivePatch>((resolve) => old.once('patch', resolve));
		const ack = await old.timeout(5_000).emitWithAck('command', { type: 'add-time', deltaMs: 30_000 });
		expect(ack).toEqual({ ok: true, version: before + 1 });
		expect(await own).toMatchObject({ v: before + 1, base: before });
		// The library's screen, another screen now, follows it by its push.
		await expect.poll(() => conn.snapshot?.version).toBe(before + 1);
	});
});

/** Sends a made-up patch to every screen of the show, as if the server had. */
function inject(app: FastifyInstance, showId: number, patch: unknown) {
	app.io.to(showRoom(showId)).emit('patch', patch as LivePatch);
}

async function started() {
	const ctx = await setup();
	await command(ctx.app, ctx.show.producerToken, 'start', { mode: 'live' });
	const conn = await screen(ctx.base, { token: ctx.show.hostToken });
	return { ...ctx, conn };
}

/** The screen holds exactly the server's state. */
function expectInStep(app: FastifyInstance, showId: number, conn: LiveConnection) {
	const truth = app.deps.services.live.snapshot(showId)!;
	expect(settled(conn.snapshot!)).toEqual(settled(truth));
	expect(liveChecksum(conn.snapshot!)).toBe(liveChecksum(truth));
}

describe('a screen that is not on the server’s state', () => {
	it('fetches the full state on a gap (a patch against a version it does not hold), then follows patches again', async () => {
		const { app, show, conn } = await started();
		const version = conn.snapshot!.version;
		inject(app, show.showId, { v: version + 3, base: version + 2, changes: [8, 60_000], sum: 1 });
		await expect.poll(() => conn.resyncs).toBe(1);
		expectInStep(app, show.showId, conn);
		const result = await command(app, show.producerToken, 'next');
		await expect.poll(() => conn.snapshot?.version).toBe(result.version);
		expect(conn.snapshot).toEqual(result);
		expect(conn.resyncs).toBe(1);
	});

	it('fetches the full state when its checksum after applying differs from the server’s', async () => {
		const { app, show, conn } = await started();
		const current = conn.snapshot!;
		// Against its version, but the state it gives is not the one the sum was taken of.
		inject(app, show.showId, { v: current.version + 1, base: current.version, changes: [], sum: liveChecksum(current) });
		await expect.poll(() => conn.resyncs).toBe(1);
		expectInStep(app, show.showId, conn);
	});

	it('fetches the full state when it holds the version but not the state (its checksum is not the server’s)', async () => {
		const { app, show, conn } = await started();
		const current = conn.snapshot!;
		// A patch that leads it astray at the next version, consistent with itself.
		const astray: LiveCanonical = { ...current, version: current.version + 1, adjustMs: 123_000 };
		inject(app, show.showId, diffLive(current, astray));
		await expect.poll(() => conn.snapshot?.adjustMs).toBe(123_000);
		expect(conn.resyncs).toBe(0);
		// The server's own next version says otherwise.
		const result = await command(app, show.producerToken, 'add-time', { deltaMs: 30_000 });
		await expect.poll(() => conn.resyncs).toBe(1);
		await expect.poll(() => conn.snapshot?.adjustMs).toBe(30_000);
		expect(settled(conn.snapshot!)).toEqual(settled(result));
	});

	it('checks each patch of a run against the field hashes it kept from the one before, and starts them again from a full state', async () => {
		const { app, show, conn } = await started();
		const follow = async (name: string, body?: object) => {
			const result = await command(app, show.producerToken, name, body);
			await expect.poll(() => conn.snapshot?.version).toBe(result.version);
			expectInStep(app, show.showId, conn);
		};
		for (const [name, body] of [['add-time', { deltaMs: 30_000 }], ['next'], ['pause'], ['resume'], ['set-stock', { productId: app.deps.repos.products.list()[0].id, stock: 7 }]] as const) await follow(name, body);
		expect(conn.resyncs).toBe(0);
		// A patch consistent with itself that leads the screen astray (its hashes with it); the
		// server's next version, at the same version number, is caught and fetched in full.
		const current = conn.snapshot!;
		inject(app, show.showId, diffLive(current, { ...current, version: current.version + 1, adjustMs: 123_000 }));
		await expect.poll(() => conn.snapshot?.adjustMs).toBe(123_000);
		await command(app, show.producerToken, 'add-time', { deltaMs: 30_000 });
		await expect.poll(() => conn.resyncs).toBe(1);
		await expect.poll(() => conn.snapshot?.adjustMs).not.toBe(123_000);
		expectInStep(app, show.showId, conn);
		// From the full state fetched again (its hashes made afresh: a pause leaves adjustMs as it is),
		// patches apply without another resync.
		for (const [name, body] of [['pause'], ['resume'], ['next'], ['add-time', { deltaMs: -30_000 }]] as const) await follow(name, body);
		expect(conn.resyncs).toBe(1);
	});

	it('fetches the full state when a patch cannot be read, and says so until then', async () => {
		const { app, show, conn } = await started();
		inject(app, show.showId, { v: 'x', base: 0, changes: [], sum: 0 });
		await expect.poll(() => conn.resyncs).toBe(1);
		await expect.poll(() => conn.missing.length).toBe(0);
		inject(app, show.showId, { v: conn.snapshot!.version + 1, base: conn.snapshot!.version, changes: [2, 'flying'], sum: 0 });
		await expect.poll(() => conn.resyncs).toBe(2);
		expectInStep(app, show.showId, conn);
	});
});
