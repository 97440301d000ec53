/**
 * The monitoring wall's socket (namespace /wall): scoped by unit, one list then each tile's
 * changes (commands, presence, alerts), shows entering and leaving the list, no link tokens in
 * anything it receives, and refused handshakes.
 */
import type { FastifyInstance } from 'fastify';
import { io as rawConnect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { WallClientEvents, WallServerEvents, WallTile } from '../../src/lib/contract/wall';
import { applyWallChange, readWallList } from '../../src/lib/contract/wall';
import { WALL_LEAD_MS } from '../../server/wall/wall.service';
import { anotherShow, closeScreens, command, demoShow, screen, type ShowHandle } from './live-support';
import { accountOf } from './planning-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from './support';

type WallSocket = Socket<WallServerEvents, WallClientEvents>;

let app: FastifyInstance;
let base: string;
let clock: TestClock;
let demo: ShowHandle;
const sockets: WallSocket[] = [];

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	base = await listen(app);
	demo = demoShow(app);
});
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	closeScreens();
	await app.close();
});

/** A wall as the page keeps it: every raw payload recorded, tiles applied with the contract's readers. */
interface Wall {
	socket: WallSocket;
	tiles: Map<number, WallTile>;
	received: unknown[];
	/** Resolves once `check` holds for the tiles (tested after every event). */
	until(check: (tiles: Map<number, WallTile>) => boolean): Promise<void>;
}

function openWall(auth: Record<string, unknown>, headers: Record<string, string> = {}): WallSocket {
	const socket: WallSocket = rawConnect(`${base}/wall`, { transports: ['websocket'], auth, extraHeaders: headers, reconnection: false, forceNew: true });
	sockets.push(socket);
	return socket;
}

async function wall(cookie: string): Promise<Wall> {
	const socket = openWall({}, { cookie });
	const tiles = new Map<number, WallTile>();
	const received: unknown[] = [];
	const waiters = new Set<() => void>();
	const changed = () => waiters.forEach((w) => w());
	socket.on('tile', (raw) => {
		received.push(raw);
		const tile = applyWallChange(tiles.get(raw.showId), raw);
		expect(tile, JSON.stringify(raw)).not.toBeNull();
		tiles.set(tile!.showId, tile!);
		changed();
	});
	socket.on('untile', (raw) => {
		received.push(raw);
		tiles.delete(raw.showId);
		changed();
	});
	await new Promise<void>((resolve, reject) => {
		socket.once('wall', (raw) => {
			received.push(raw);
			const list = readWallList(raw);
			expect(list?.dropped).toBe(0);
			for (const t of list!.tiles) tiles.set(t.showId, t);
			resolve();
		});
		socket.once('connect_error', reject);
	});
	const until = (check: (t: Map<number, WallTile>) => boolean) =>
		new Promise<void>((resolve) => {
			const test = () => {
				if (!check(tiles)) return;
				waiters.delete(test);
				resolve();
			};
			waiters.add(test);
			test();
		});
	return { socket, tiles, received, until };
}

function refusal(socket: WallSocket) {
	return new Promise<string | undefined>((resolve) => socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code)));
}

const startsSoon = () => clock() + 30 * 60_000;

describe('the wall socket', () => {
	it('lists a city account its own unit’s shows and the province all of them, and never a token', async () => {
		const wuhan = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const yichang = anotherShow(app, { unitCode: 'yichang', startsAt: startsSoon() });
		const cityWall = await wall(await accountOf(app, 'wuhan-c', 'wuhan'));
		const provinceWall = await wall(await signIn(app));
		expect([...cityWall.tiles.keys()]).toEqual([wuhan.showId]);
		expect([...provinceWall.tiles.keys()].sort()).toEqual([wuhan.showId, yichang.showId].sort());

		// A command on each show: the city's wall hears its own only.
		await command(app, yichang.producerToken, 'start', { mode: 'live' });
		await command(app, wuhan.producerToken, 'start', { mode: 'live' });
		await provinceWall.until((t) => t.get(wuhan.showId)?.status === 'live' && t.get(yichang.showId)?.status === 'live');
		await cityWall.until((t) => t.get(wuhan.showId)?.status === 'live');
		expect([...cityWall.tiles.keys()]).toEqual([wuhan.showId]);
		expect(cityWall.received.some((r) => JSON.stringify(r).includes(`"showId":${yichang.showId}`))).toBe(false);

		const everything = JSON.stringify([...cityWall.received, ...provinceWall.received]);
		for (const show of [demo, wuhan, yichang]) {
			expect(everything).not.toContain(show.producerToken);
			expect(everything).not.toContain(show.hostToken);
		}
	});

	it('follows a show’s commands with its segment clock, and only what changed', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		const started = await command(app, show.producerToken, 'start', { mode: 'live' });
		await w.until((t) => t.get(show.showId)?.segment?.index === 0);
		const tile = w.tiles.get(show.showId)!;
		expect(tile).toMatchObject({ status: 'live', mode: 'live', startedAt: started.startedAt, segment: { zeroAt: started.segmentStartedAt, frozenAt: null } });
		// The warm-up's alert fires with the start.
		expect(tile.alert?.kind).toBe('warmup_opened');

		w.received.length = 0;
		clock.advance(5_000);
		await command(app, show.producerToken, 'next');
		await w.until((t) => t.get(show.showId)?.segment?.index === 1);
		const change = w.received.find((r) => (r as Partial<WallTile>).segment !== undefined) as Partial<WallTile>;
		// A compact change: the segment (and nothing that stayed the same, like the title).
		expect(Object.keys(change).sort()).toEqual(['segment', 'showId']);

		await command(app, show.producerToken, 'pause');
		await w.until((t) => t.get(show.showId)?.status === 'paused' && t.get(show.showId)?.segment?.frozenAt === clock());
	});

	it('shows host screens coming and going', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		expect(w.tiles.get(show.showId)).toMatchObject({ hostsOnline: 0, hostsAwaySince: clock() });
		await command(app, show.producerToken, 'start', { mode: 'live' });
		const host = await screen(base, { token: show.hostToken, deviceId: 'host-a' });
		await w.until((t) => t.get(show.showId)?.hostsOnline === 1);
		expect(w.tiles.get(show.showId)!.hostsAwaySince).toBeNull();
		clock.advance(1_000);
		host.close();
		await w.until((t) => t.get(show.showId)?.hostsOnline === 0);
		expect(w.tiles.get(show.showId)!.hostsAwaySince).toBe(clock());
	});

	it('counts hosts of a show that has not started again on its re-evaluation', async () => {
		const show = anotherShow(app, { unitCode: 'wuhan', startsAt: startsSoon() });
		const w = await wall(await signIn(app));
		const host = await screen(base, { token: show.hostToken, deviceId: 'host-a' });
		await w.until((t) => t.get(show.showId)?.hostsOnline === 1);
		// The runtime lets go of a show nobody watches before its start, without a last presence push.
		const serverSide = [...app.io.of('/').sockets.values()].find((s) => s.data.live?.showId === show.showId)!;
		const left = new Promise((resolve) => serverSide.once('disconnect', resolve));
		host.close();
		await left;
		app.deps.services.wall.refresh();
		await w.until((t) => t.get(show.showId)?.hostsOnline === 0);
	});

	it('adds a show as it enters the two hours before its start, and drops it when it ends', async () => {
		const later = anotherShow(app, { unitCode: 'wuhan', startsAt: clock() + WALL_LEAD_MS + 10 * 60_000 });
		const w = await wall(await signIn(app));
		expect(w.tiles.has(later.showId)).toBe(false);
		// The periodic re-evaluation, as its timer runs it.
		clock.advance(11 * 60_000);
		app.deps.services.wall.refresh();
		await w.until((t) => t.has(later.showId));

		await command(app, later.producerToken, 'start', { mode: 'live' });
		await w.until((t) => t.get(later.showId)?.status === 'live');
		await command(app, later.producerToken, 'end');
		await w.until((t) => !t.has(later.showId));

		// A rehearsal of a show next week is on the wall while it runs.
		const nextWeek = anotherShow(app, { unitCode: 'wuhan', startsAt: clock() + 7 * 24 * 3600_000 });
		await command(app, nextWeek.producerToken, 'start', { mode: 'rehearsal' });
		await w.until((t) => t.get(nextWeek.showId)?.mode === 'rehearsal');
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
		expect(await w.socket.emitWithAck('clock')).toBe(clock());
		const revoked = new Promise<string>((resolve) => w.socket.once('revoked', (r) => resolve(r.code)));
		await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
		expect(await revoked).toBe('SIGNED_OUT');
	});
});
