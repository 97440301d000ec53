/**
 * The live engine over real sockets: handshake by show token or coordinator session, roles,
 * races, one version sequence across HTTP and socket, rotation, bad events, presence and
 * run-sheet edits mid-show.
 */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segments, shows } from '../../server/db/schema';
import { HOST_OFFLINE_GRACE_MS } from '../../server/live/live.runtime';
import { LIVE_COMMAND_TYPES, liveSnapshot, type LiveCommandInput } from '../../src/lib/core/live';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { accountOf } from './planning-support';
import { anotherShow, closeScreens, demoShow, next, rawSocket, refusedScreen, screen, welcomed, type ShowHandle } from './live-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let base: string;
let clock: TestClock;
let show: ShowHandle;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	base = await listen(app);
	show = demoShow(app);
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

const post = (token: string, command: string, payload?: object) =>
	app.inject({ method: 'POST', url: `/api/live/${command}`, headers: { authorization: `Bearer ${token}` }, ...(payload ? { payload } : {}) });

describe('handshake', () => {
	it('welcomes a producer with the full run-sheet, the snapshot and the presence list', async () => {
		const producer = await screen(base, { token: show.producerToken, deviceId: 'laptop-1', deviceName: '场控笔记本' });
		expect(producer.role).toBe('producer');
		expect(producer.readOnly).toBe(false);
		expect(producer.snapshot).toMatchObject({ showId: show.showId, version: 0, status: 'ready', serverNow: clock() });
		expect(producer.sheet?.segments.some((s) => s.notes !== '')).toBe(true);
		expect(producer.presence).toEqual([{ id: producer.screenId, role: 'producer', deviceName: '场控笔记本', connectedAt: clock() }]);
	});

	it('welcomes a host without producer notes, producer-only cues or presence', async () => {
		const host = await screen(base, { token: show.hostToken, deviceName: '主播平板' });
		expect(host.role).toBe('host');
		expect(host.presence).toBeNull();
		expect(host.sheet?.segments.every((s) => s.notes === '' && s.cues.every((c) => c.forHost))).toBe(true);
		expect(host.sheet?.segments.flatMap((s) => s.cues).length).toBeGreaterThan(0);
	});

	it('refuses an unknown token, a missing one, and a malformed handshake, with codes', async () => {
		expect(await refusedScreen(base, { token: 'x'.repeat(32) })).toBe('INVALID_TOKEN');
		expect(await refusedScreen(base, { showId: show.showId })).toBe('UNAUTHENTICATED');
		const raw = rawSocket(base, { token: 42 });
		const error = await new Promise<Error & { data?: { code: string } }>((resolve) => raw.on('connect_error', resolve));
		expect(error.data?.code).toBe('VALIDATION');
	});

	it('lets a coordinator of the show watch read-only, and hides another unit’s show', async () => {
		const cookie = await signIn(app);
		const watcher = await screen(base, { showId: show.showId, socket: { extraHeaders: { cookie } } });
		expect(watcher.role).toBe('coordinator');
		expect(watcher.readOnly).toBe(true);
		expect(await watcher.send({ type: 'start', mode: 'live' })).toMatchObject({ ok: false, code: 'READ_ONLY' });
		const raw = rawSocket(base, { showId: show.showId }, { cookie });
		await welcomed(raw);
		expect(await raw.emitWithAck('command', { type: 'start', mode: 'live' })).toMatchObject({ ok: false, code: 'FORBIDDEN' });

		// A city coordinator sees the province's show as missing.
		const cityCookie = await accountOf(app, 'wuhan', 'wuhan');
		expect(await refusedScreen(base, { showId: show.showId, socket: { extraHeaders: { cookie: cityCookie } } })).toBe('NOT_FOUND');
		expect(app.deps.services.live.snapshot(show.showId)?.version).toBe(0);
	});
});

describe('commands', () => {
	it('refuses a host every command but acknowledging a message, and broadcasts nothing', async () => {
		const host = await screen(base, { token: show.hostToken });
		const producer = await screen(base, { token: show.producerToken });
		const pushes: LiveWireSnapshot[] = [];
		host.on('snapshot', (s) => pushes.push(s));
		const segmentId = producer.sheet!.segments[2].id;
		const bodies: Record<string, Partial<LiveCommandInput>> = {
			start: { mode: 'live' },
			goto: { segmentId },
			'add-time': { deltaMs: 30_000 },
			'set-stock': { productId: producer.sheet!.products[0].id, stock: 3 },
			'cue-done': { cueId: producer.sheet!.segments[0].cues[0].id, done: true },
			message: { text: 'hi' }
		};
		for (const type of LIVE_COMMAND_TYPES.filter((t) => t !== 'message-ack')) {
			const ack = await host.send({ type, ...bodies[type] } as LiveCommandInput);
			expect(ack, type).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		}
		expect(await producer.send({ type: 'message', text: '准备' })).toEqual({ ok: true, version: 1 });
		await expect.poll(() => host.snapshot?.version).toBe(1);
		expect(await host.send({ type: 'message-ack', messageId: 'm1' })).toEqual({ ok: true, version: 2 });
		await expect.poll(() => pushes.map((p) => p.version)).toEqual([1, 2]);
	});

	it('advances one segment when two producers race "next" on the same version', async () => {
		await post(show.producerToken, 'start');
		const a = await screen(base, { token: show.producerToken, deviceName: 'A' });
		const b = await screen(base, { token: show.producerToken, deviceName: 'B' });
		expect(a.snapshot?.version).toBe(1);
		expect(b.snapshot?.version).toBe(1);
		const acks = await Promise.all([a.send({ type: 'next' }), b.send({ type: 'next' })]);
		expect(acks.filter((x) => x.ok)).toEqual([{ ok: true, version: 2 }]);
		expect(acks.filter((x) => !x.ok)).toMatchObject([{ ok: false, code: 'STALE_VERSION' }]);
		await expect.poll(() => [a.snapshot?.segmentIndex, b.snapshot?.segmentIndex]).toEqual([1, 1]);
		expect(app.deps.services.live.snapshot(show.showId)).toMatchObject({ version: 2, segmentIndex: 1 });
	});

	it('refuses COMMAND_EXPIRED in the ack a command that arrives more than 3 s after it was issued, and changes nothing', async () => {
		await post(show.producerToken, 'start');
		const host = await screen(base, { token: show.hostToken });
		const pushes: number[] = [];
		host.on('snapshot', (s) => pushes.push(s.version));
		const raw = rawSocket(base, { token: show.producerToken });
		await welcomed(raw);
		const before = app.deps.services.live.snapshot(show.showId);
		const logged = () => app.deps.db.$client.prepare('SELECT COUNT(*) AS n FROM live_events WHERE show_id = ?').get(show.showId);
		const eventsBefore = logged();
		expect(await raw.emitWithAck('command', { type: 'next', issuedAt: clock() - 17_000 })).toEqual({ ok: false, code: 'COMMAND_EXPIRED', message: expect.any(String) });
		expect(await raw.emitWithAck('command', { type: 'next', issuedAt: clock() + 60_000 })).toMatchObject({ ok: false, code: 'COMMAND_FROM_FUTURE' });
		expect(app.deps.services.live.snapshot(show.showId)).toEqual(before);
		expect(logged()).toEqual(eventsBefore);
		// The same command in time runs: the only push the host saw.
		expect(await raw.emitWithAck('command', { type: 'next', issuedAt: clock() })).toEqual({ ok: true, version: 2 });
		await expect.poll(() => pushes).toEqual([2]);
	});

	it('keeps one version sequence across HTTP and socket commands, pushed in order to every screen', async () => {
		const producer = await screen(base, { token: show.producerToken });
		const host = await screen(base, { token: show.hostToken });
		const seen: number[] = [];
		host.on('snapshot', (s) => seen.push(s.version));
		expect(await producer.send({ type: 'start', mode: 'live' })).toEqual({ ok: true, version: 1 });
		expect((await post(show.producerToken, 'next')).json().version).toBe(2);
		await expect.poll(() => producer.snapshot?.version).toBe(2);
		expect(await producer.send({ type: 'add-time', deltaMs: 60_000 })).toEqual({ ok: true, version: 3 });
		expect((await post(show.producerToken, 'message', { text: '加油' })).json().version).toBe(4);
		await expect.poll(() => producer.snapshot?.version).toBe(4);
		expect(await producer.send({ type: 'pause' })).toEqual({ ok: true, version: 5 });
		await expect.poll(() => seen).toEqual([1, 2, 3, 4, 5]);
		const versions = app.deps.db.$client.prepare("SELECT version, actor FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id").all(show.showId);
		expect(versions).toEqual([
			{ version: 1, actor: expect.stringMatching(/^producer:/) },
			{ version: 2, actor: 'http' },
			{ version: 3, actor: expect.stringMatching(/^producer:/) },
			{ version: 4, actor: 'http' },
			{ version: 5, actor: expect.stringMatching(/^producer:/) }
		]);
		// The push carries the same fields as GET /api/live.
		const got = (await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${show.hostToken}` } })).json();
		expect(Object.keys(host.snapshot!).sort()).toEqual(Object.keys(got).sort());
	});

	it('answers bad events with a code and changes nothing', async () => {
		const raw = rawSocket(base, { token: show.producerToken });
		await welcomed(raw);
		expect(await raw.emitWithAck('command', { type: 'add-time', deltaMs: 'lots' } as never)).toMatchObject({
			ok: false,
			code: 'INVALID_COMMAND',
			fields: [{ path: 'deltaMs' }]
		});
		expect(await raw.emitWithAck('command', 'next' as never)).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });
		expect(await (raw.emitWithAck as (...a: unknown[]) => Promise<unknown>)('command', { type: 'next' }, 'extra')).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
		expect(await (raw.emitWithAck as (...a: unknown[]) => Promise<unknown>)('shutdown', {})).toMatchObject({ ok: false, code: 'UNKNOWN_EVENT' });
		// Without an ack there is nobody to answer: ignored.
		(raw.emit as (...a: unknown[]) => void)('command', { type: 'start', mode: 'live' });
		expect(await raw.emitWithAck('clock')).toBe(clock());
		expect(app.deps.services.live.snapshot(show.showId)?.version).toBe(0);
	});

	it('answers commands:outcome with the ids its show logged and their versions, and nothing of another show', async () => {
		const producer = rawSocket(base, { token: show.producerToken });
		await welcomed(producer);
		const other = anotherShow(app);
		const otherProducer = rawSocket(base, { token: other.producerToken });
		await welcomed(otherProducer);
		expect(await producer.emitWithAck('command', { type: 'start', mode: 'rehearsal', commandId: 'first-0001' })).toEqual({ ok: true, version: 1 });
		expect(await producer.emitWithAck('command', { type: 'next', commandId: 'refused-01', expectedVersion: 0 })).toMatchObject({ ok: false, code: 'STALE_VERSION' });
		expect(await producer.emitWithAck('command', { type: 'message', text: '到了', commandId: 'second-002' })).toEqual({ ok: true, version: 2 });
		expect(await otherProducer.emitWithAck('command', { type: 'start', mode: 'rehearsal', commandId: 'elsewhere' })).toEqual({ ok: true, version: 1 });
		const ask = (socket: typeof producer, ids: unknown) => (socket.emitWithAck as (...a: unknown[]) => Promise<unknown>)('commands:outcome', ids);
		// A refused command and an unknown id are not in the log; another show's command is not this show's.
		expect(await ask(producer, ['first-0001', 'refused-01', 'second-002', 'never-sent', 'elsewhere'])).toEqual({ ok: true, applied: { 'first-0001': 1, 'second-002': 2 } });
		// Any screen of the show may ask (it learns a version, nothing else).
		const host = rawSocket(base, { token: show.hostToken });
		await welcomed(host);
		expect(await ask(host, ['second-002'])).toEqual({ ok: true, applied: { 'second-002': 2 } });
		// Bad questions: a code, and nothing changes.
		for (const bad of [[], ['short'], ['x'.repeat(65)], [42], 'first-0001', null, Array.from({ length: 33 }, (_, i) => `command-${i}`)]) {
			expect(await ask(producer, bad)).toMatchObject({ ok: false, code: 'INVALID_EVENT' });
		}
		expect(app.deps.services.live.snapshot(show.showId)?.version).toBe(2);
	});

	it('drops a socket that sends more than 64 KB and stays up for the others', async () => {
		const producer = await screen(base, { token: show.producerToken });
		const raw = rawSocket(base, { token: show.producerToken });
		await welcomed(raw);
		const dropped = new Promise<string>((resolve) => raw.on('disconnect', resolve));
		raw.emit('command', { type: 'message', text: 'x'.repeat(70_000) }, () => {});
		expect(await dropped).toBe('transport close');
		expect(await producer.send({ type: 'message', text: 'still here' })).toEqual({ ok: true, version: 1 });
	});

	it('limits the rate of events per socket', async () => {
		const raw = rawSocket(base, { token: show.hostToken });
		await welcomed(raw);
		const answers = await Promise.all(Array.from({ length: 60 }, () => raw.emitWithAck('clock')));
		expect(answers.filter((a) => typeof a === 'object')).toContainEqual(expect.objectContaining({ code: 'RATE_LIMITED' }));
	});

	it("opens only the token's own show", async () => {
		const other = anotherShow(app);
		const otherProducer = await screen(base, { token: other.producerToken });
		const host = await screen(base, { token: show.hostToken });
		expect(await otherProducer.send({ type: 'start', mode: 'live' })).toEqual({ ok: true, version: 1 });
		// Another show's segment is unknown here, and the demo's screens hear nothing.
		expect(await otherProducer.send({ type: 'goto', segmentId: host.sheet!.segments[3].id })).toMatchObject({ ok: false, code: 'UNKNOWN_SEGMENT' });
		expect(host.snapshot?.version).toBe(0);
		expect(app.deps.services.live.snapshot(show.showId)?.status).toBe('ready');
	});
});

describe('link rotation', () => {
	it('drops the sockets of a rotated token at once and refuses it from then on; the other role stays', async () => {
		const cookie = await signIn(app);
		const host = await screen(base, { token: show.hostToken });
		const producer = await screen(base, { token: show.producerToken });
		const revoked = next(host, 'status', (status) => status === 'revoked');
		const response = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/host/rotate`, headers: { cookie } });
		expect(response.statusCode).toBe(200);
		expect(await revoked).toBe('revoked');
		expect(host.error?.code).toBe('TOKEN_ROTATED');
		expect(await refusedScreen(base, { token: show.hostToken })).toBe('INVALID_TOKEN');
		expect(producer.status).toBe('online');
		expect(await producer.send({ type: 'message', text: '新链接已发' })).toEqual({ ok: true, version: 1 });
		const fresh = await screen(base, { token: response.json().host.token });
		expect(fresh.snapshot?.version).toBe(1);
	});
});

describe('presence', () => {
	it('tells producers which screens are connected, and raises host_offline when a host tablet does not come back', async () => {
		const producer = await screen(base, { token: show.producerToken, deviceName: '场控' });
		await producer.send({ type: 'start', mode: 'live' });
		const tablet = { token: show.hostToken, deviceId: 'tablet-a', deviceName: '主播平板 A' };
		const host = rawSocket(base, tablet);
		await welcomed(host);
		await expect.poll(() => producer.presence?.map((s) => [s.role, s.deviceName])).toEqual([
			['producer', '场控'],
			['host', '主播平板 A']
		]);

		// The network drops and the tablet comes back within the grace period: no alert.
		host.io.engine.close();
		await expect.poll(() => producer.presence?.length).toBe(1);
		await expect.poll(() => clock.timers.pending()).toBe(2); // the show's alert timer and the grace
		clock.advance(HOST_OFFLINE_GRACE_MS - 1_000);
		const back = rawSocket(base, tablet);
		await welcomed(back);
		await expect.poll(() => clock.timers.pending()).toBe(1);
		clock.advance(5_000);

		// A tablet that leaves on purpose (the screen closes its connection) raises nothing either.
		back.close();
		await expect.poll(() => producer.presence?.length).toBe(1);
		expect(clock.timers.pending()).toBe(1);

		const again = rawSocket(base, tablet);
		await welcomed(again);
		const alert = next(producer, 'alert', (a) => a.kind === 'host_offline');
		const leftAt = clock();
		again.io.engine.close();
		await expect.poll(() => clock.timers.pending()).toBe(2);
		clock.advance(HOST_OFFLINE_GRACE_MS);
		expect(await alert).toMatchObject({ kind: 'host_offline', at: leftAt + HOST_OFFLINE_GRACE_MS, data: { deviceName: '主播平板 A', offlineSince: leftAt } });
		const logged = app.deps.db.$client.prepare("SELECT type FROM live_events WHERE show_id = ? AND type = 'host_offline'").all(show.showId);
		expect(logged).toHaveLength(1);
	});
});

describe('run-sheet edits mid-show', () => {
	it('pushes the new sheet and a fresh snapshot to the screens', async () => {
		const host = await screen(base, { token: show.hostToken });
		const producer = await screen(base, { token: show.producerToken });
		await producer.send({ type: 'start', mode: 'live' });
		const first = producer.sheet!.segments[0];
		const sheetPush = next(host, 'sheet');
		const snapshotPush = next(host, 'snapshot', (s) => s.segmentTitle === '预热（改）');
		app.deps.db.update(segments).set({ title: '预热（改）', notes: '只给场控看' }).where(eq(segments.id, first.id)).run();
		app.deps.db.update(shows).set({ version: 2 }).where(eq(shows.id, show.showId)).run();
		app.deps.bus.emit('showChanged', show.showId);
		const sheet = await sheetPush;
		expect(sheet).toMatchObject({ sheetVersion: 2 });
		expect(sheet.segments[0]).toMatchObject({ title: '预热（改）', notes: '' });
		expect(await snapshotPush).toMatchObject({ version: 1, sheetVersion: 2 });
		await expect.poll(() => producer.sheet?.segments[0].notes).toBe('只给场控看');
	});

	it('times the snapshots a screen rebuilds from patches by the new run-sheet after an edit', async () => {
		const host = await screen(base, { token: show.hostToken });
		const producer = await screen(base, { token: show.producerToken });
		await producer.send({ type: 'start', mode: 'live' });
		await producer.send({ type: 'add-time', deltaMs: 30_000 });
		await expect.poll(() => host.snapshot?.version).toBe(2);
		// A later segment: what is left of the run, and its planned end, change.
		const last = producer.sheet!.segments.at(-1)!;
		const edited = next(host, 'snapshot', (s) => s.sheetVersion === 2);
		app.deps.db.update(segments).set({ durationSec: last.durationSec + 600 }).where(eq(segments.id, last.id)).run();
		app.deps.db.update(shows).set({ version: 2 }).where(eq(shows.id, show.showId)).run();
		app.deps.bus.emit('showChanged', show.showId);
		await edited;
		await expect.poll(() => host.sheet?.sheetVersion).toBe(2);
		await producer.send({ type: 'add-time', deltaMs: 30_000 });
		await expect.poll(() => host.snapshot?.version).toBe(3);
		const rebuilt = host.snapshot!;
		expect(host.resyncs).toBe(0);
		expect(host.sheet!.segments.at(-1)!.durationSec).toBe(last.durationSec + 600);
		expect(rebuilt).toEqual(liveSnapshot(rebuilt, rebuilt, host.sheet!, rebuilt.serverNow));
	});

	it('disconnects the screens of a deleted show', async () => {
		const host = await screen(base, { token: show.hostToken });
		const revoked = next(host, 'status', (status) => status === 'revoked');
		app.deps.db.delete(shows).where(eq(shows.id, show.showId)).run();
		app.deps.bus.emit('showChanged', show.showId);
		await revoked;
		expect(host.error?.code).toBe('SHOW_DELETED');
	});
});
