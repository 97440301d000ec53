/**
 * The monitoring wall's socket (namespace /wall): scoped by unit, one list then each tile's
 * changes (commands, presence, alerts), shows entering and leaving the list, no link tokens in
 * anything it receives, and refused handshakes.
 */
import type { FastifyInstance } from 'fastify';
import { io as rawConnect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WallShowInput } from '../../src/lib/core/wall';
import { WALL_UPCOMING_MS } from '../../src/lib/core/wall';
import type { WallClientEvents, WallServerEvents } from '../../src/lib/contract/wall-socket';
import { WallConnection } from '../../src/lib/realtime/wall-connection';
import { anotherShow, closeScreens, command, demoShow, screen, type ShowHandle } from './live-support';
import { accountOf } from './planning-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from './support';

type WallSocket = Socket<WallServerEvents, WallClientEvents>;

let app: FastifyInstance;
let base: string;
let clock: TestClock;
let demo: ShowHandle;
const opened: { close(): void }[] = [];

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	base = await listen(app);
	demo = demoShow(app);
});
afterEach(async () => {
	for (const s of opened.splice(0)) s.close();
	closeScreens();
	await app.close();
});

/** A wall on the client library, every event it received recorded raw. */
interface Wall {
	conn: WallConnection;
	received: { event: string; payload: unknown }[];
	tile(showId: number): WallShowInput | undefined;
	/** Resolves once `check` holds for the wall's shows at the test clock (tested after every change). */
	until(check: (tile: (showId: number) => WallShowInput | undefined) => boolean): Promise<void>;
}

function openWall(auth: Record<string, unknown>, headers: Record<string, string> = {}): WallSocket {
	const socket: WallSocket = rawConnect(`${base}/wall`, { transports: ['websocket'], auth, extraHeaders: headers, reconnection: false, forceNew: true });
	opened.push(socket);
	return socket;
}

async function wall(cookie: string): Promise<Wall> {
	const conn = new WallConnection({ url: base, now: clock, clockIntervalMs: 3_600_000, socket: { reconnection: false, forceNew: true, extraHeaders: { cookie } } }).connect();
	opened.push(conn);
	const received: Wall['received'] = [];
	conn.socket!.onAny((event: string, payload: unknown) => received.push({ event, payload }));
	const tile = (showId: number) => conn.shows(clock()).find((s) => s.showId === showId);
	const until = (check: (t: typeof tile) => boolean) =>
		new Promise<void>((resolve) => {
			const test = () => {
				if (!check(tile)) return;
				off();
				resolve();
			};
			const off = conn.onChange(test);
			test();
		});
	await until(() => conn.status === 'online');
	expect(conn.dropped).toBe(0);
	return { conn, received, tile, until };
}

function refusal(socket: WallSocket) {
	return new Promise<string | undefined>((resolve) => socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code)));
}

const startsSoon = () => clock() + 30 * 60_000;
const ids = (w: Wall) => w.conn.shows().map((s) => s.showId).sort();

describe('the wall socket', () => {
	it('lists a city account its own unit’s shows and the province all of them, and never a token', async () => {
		const wuhan = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const yichang = anotherShow(app, { unitCode: 'yichang', startsAt: startsSoon() });
		const cityWall = await wall(await accountOf(app, 'wuhan-c', 'wuhan'));
		const provinceWall = await wall(await signIn(app));
		expect(ids(cityWall)).toEqual([wuhan.showId]);
		expect(ids(provinceWall)).toEqual([wuhan.showId, yichang.showId].sort());

		// A command on each show: the city's wall hears its own only.
		await command(app, yichang.producerToken, 'start', { mode: 'live' });
		await command(app, wuhan.producerToken, 'start', { mode: 'live' });
		await provinceWall.until((t) => t(wuhan.showId)?.status === 'live' && t(yichang.showId)?.status === 'live');
		await cityWall.until((t) => t(wuhan.showId)?.status === 'live');
		expect(ids(cityWall)).toEqual([wuhan.showId]);
		expect(cityWall.received.some((r) => JSON.stringify(r.payload).includes(`"showId":${yichang.showId}`))).toBe(false);

		const everything = JSON.stringify([...cityWall.received, ...provinceWall.received]);
		for (const show of [demo, wuhan, yichang]) {
			expect(everything).not.toContain(show.producerToken);
			expect(everything).not.toContain(show.hostToken);
			expect(everything).not.toContain(show.recorderToken);
		}
	});

	it('follows a show’s commands, pushing only what changes what a wall shows', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		const started = await command(app, show.producerToken, 'start', { mode: 'live' });
		await w.until((t) => t(show.showId)?.segment?.id === started.segmentId);
		const tile = w.tile(show.showId)!;
		expect(tile).toMatchObject({ status: 'live', mode: 'live', startedAt: started.startedAt, segment: { startedAt: started.segmentStartedAt, remainingMs: started.timing.remainingMs } });
		// The warm-up's alert fires with the start.
		expect(tile.latestAlert?.kind).toBe('warmup_opened');
		// The countdown runs on the wall's clock, without a push.
		clock.advance(5_000);
		expect(w.tile(show.showId)!.segment!.remainingMs).toBe(started.timing.remainingMs - 5_000);

		w.received.length = 0;
		// A message to the hosts changes nothing the wall shows: no push.
		await command(app, show.producerToken, 'message', { text: '注意时间' });
		const moved = await command(app, show.producerToken, 'next');
		await w.until((t) => t(show.showId)?.segment?.id === moved.segmentId);
		expect(w.received.map((r) => r.event)).toEqual(['shows']);
		expect(JSON.stringify(w.received[0].payload).length).toBeLessThan(600);

		const paused = await command(app, show.producerToken, 'pause');
		await w.until((t) => t(show.showId)?.status === 'paused');
		clock.advance(3_000);
		expect(w.tile(show.showId)!.segment!.remainingMs).toBe(paused.timing.remainingMs);
	});

	it('shows host screens coming and going', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		expect(w.tile(show.showId)).toMatchObject({ hostScreens: 0, hostLeftAt: null });
		await command(app, show.producerToken, 'start', { mode: 'live' });
		const host = await screen(base, { token: show.hostToken, deviceId: 'host-a' });
		await w.until((t) => t(show.showId)?.hostScreens === 1);
		clock.advance(1_000);
		host.close();
		await w.until((t) => t(show.showId)?.hostScreens === 0);
		expect(w.tile(show.showId)!.hostLeftAt).toBe(clock());
	});

	it('counts hosts of a show that has not started again on its re-evaluation', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		const host = await screen(base, { token: show.hostToken, deviceId: 'host-a' });
		await w.until((t) => t(show.showId)?.hostScreens === 1);
		// The runtime lets go of a show nobody watches before its start, without a last presence push.
		const serverSide = [...app.io.of('/').sockets.values()].find((s) => s.data.live?.showId === show.showId)!;
		const left = new Promise((resolve) => serverSide.once('disconnect', resolve));
		host.close();
		await left;
		app.deps.services.wall.refresh();
		await w.until((t) => t(show.showId)?.hostScreens === 0);
	});

	it('adds a show as it enters the two hours before its start, and drops it when it ends', async () => {
		const later = anotherShow(app, { unitCode: 'wuhan', startsAt: clock() + WALL_UPCOMING_MS + 10 * 60_000 });
		const w = await wall(await signIn(app));
		expect(w.tile(later.showId)).toBeUndefined();
		// The periodic re-evaluation, as its timer runs it.
		clock.advance(11 * 60_000);
		app.deps.services.wall.refresh();
		await w.until((t) => t(later.showId) !== undefined);

		await command(app, later.producerToken, 'start', { mode: 'live' });
		await w.until((t) => t(later.showId)?.status === 'live');
		await command(app, later.producerToken, 'end');
		await w.until((t) => t(later.showId) === undefined);

		// A rehearsal of a show next week is on the wall while it runs.
		const nextWeek = anotherShow(app, { unitCode: 'wuhan', startsAt: clock() + 7 * 24 * 3600_000 });
		await command(app, nextWeek.producerToken, 'start', { mode: 'rehearsal' });
		await w.until((t) => t(nextWeek.showId)?.mode === 'rehearsal');
	});

	it('follows planning edits: a show created to start soon appears, a deleted one goes', async () => {
		const cookie = await signIn(app);
		const w = await wall(cookie);
		const demoShowRow = app.deps.repos.shows.get(demo.showId)!;
		const moved = await app.inject({ method: 'PATCH', url: `/api/shows/${demo.showId}`, headers: { cookie }, payload: { expectedVersion: demoShowRow.version, startsAt: startsSoon() } });
		expect(moved.statusCode, moved.body).toBe(200);
		await w.until((t) => t(demo.showId) !== undefined);
		expect((await app.inject({ method: 'DELETE', url: `/api/shows/${demo.showId}`, headers: { cookie } })).statusCode).toBeLessThan(300);
		await w.until((t) => t(demo.showId) === undefined);
	});

	it('shows a show’s newest figures as soon as they are entered', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		expect(w.tile(show.showId)!.latestFigures).toBeNull();
		await command(app, show.producerToken, 'start', { mode: 'live' });
		clock.advance(60_000);
		const added = await app.inject({ method: 'POST', url: '/api/live/figures', headers: { authorization: `Bearer ${show.recorderToken}` }, payload: { platform: 'douyin', line: '在线 1.2万 成交 3456.5' } });
		expect(added.statusCode, added.body).toBe(201);
		await w.until((t) => t(show.showId)?.latestFigures !== null);
		expect(w.tile(show.showId)!.latestFigures).toEqual({ platform: 'douyin', at: clock(), figures: { viewers: 12_000, gmvFen: 345_650 } });
		// Entered by the recorder: its token is not on the wall either.
		expect(JSON.stringify(w.received)).not.toContain(show.recorderToken);
	});

	it('refuses anonymous sockets and malformed handshakes', async () => {
		expect(await refusal(openWall({}))).toBe('UNAUTHENTICATED');
		const cookie = await signIn(app);
		expect(await refusal(openWall({ showId: 'x' }, { cookie }))).toBe('VALIDATION');
		expect(await refusal(openWall({ token: demo.producerToken }, { cookie }))).toBe('VALIDATION');
		expect(await refusal(openWall({ deviceId: '../..' }, { cookie }))).toBe('VALIDATION');
		expect(await refusal(openWall({}, { cookie: 'showcall_session=nope' }))).toBe('UNAUTHENTICATED');
		expect(await refusal(openWall({}, { cookie, origin: 'https://evil.example' }))).toBe('CROSS_SITE_REQUEST');
	});

	it('answers clock pings and closes with the session', async () => {
		const cookie = await signIn(app);
		const w = await wall(cookie);
		expect(await w.conn.socket!.emitWithAck('clock')).toBe(clock());
		await w.until(() => true);
		await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
		await w.until(() => w.conn.status === 'revoked');
		expect(w.conn.error?.code).toBe('SIGNED_OUT');
	});
});
