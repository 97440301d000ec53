/**
 * A screen that receives something it cannot render shows the rest and says what is missing; its
 * status follows the socket, never the rendering. And the 彩排 stripe: 彩排中 while a rehearsal
 * runs, 彩排已结束 after it, nothing after a reset.
 */
import type { FastifyInstance } from 'fastify';
import { createServer, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveWelcome } from '../../src/lib/contract/live';
import { LiveShowState } from '../../src/lib/state/live-show.svelte';
import { demoShow } from './live-support';
import { listen, makeApp } from './support';

const stops: (() => void)[] = [];
const closers: (() => Promise<unknown>)[] = [];
afterEach(async () => {
	for (const stop of stops.splice(0)) stop();
	for (const close of closers.splice(0)) await close();
});

async function realApp() {
	const app: FastifyInstance = await makeApp();
	closers.push(() => app.close());
	return { app, base: await listen(app), show: demoShow(app) };
}

function screen(base: string, token: string) {
	const live = new LiveShowState({ url: base, token, deviceId: `d${stops.length}`, deviceName: 'test', socket: { forceNew: true, reconnection: false } });
	stops.push(live.start());
	return live;
}

/** A socket.io server that welcomes every screen with `welcome` and answers clock pings; answers its URL and the server. */
async function fakeServer(welcome: unknown) {
	const http: HttpServer = createServer();
	const io = new Server(http, { transports: ['websocket'] });
	io.on('connection', (socket) => {
		socket.on('clock', (ack: (now: number) => void) => ack(Date.now()));
		socket.emit('welcome', welcome);
	});
	await new Promise<void>((resolve) => http.listen(0, '127.0.0.1', resolve));
	closers.push(() => new Promise((resolve) => io.close(resolve)));
	return { url: `http://127.0.0.1:${(http.address() as AddressInfo).port}`, io };
}

/** A real welcome of the running demo show with two alerts, as the server sends it. */
async function realWelcome(): Promise<LiveWelcome> {
	const { app, show } = await realApp();
	app.deps.services.live.execute(show.showId, 'producer', 'test', { type: 'start', mode: 'rehearsal' });
	const welcome = app.deps.services.live.welcome(show.showId, 'producer', 'fake')!;
	const at = welcome.snapshot.serverNow;
	return {
		...welcome,
		presence: [{ id: 's1', role: 'producer', deviceName: '场控', connectedAt: at }],
		recentAlerts: [
			{ key: 'a', kind: 'warmup_opened', at, firedAt: at },
			{ key: 'b', kind: 'segment_ending_2m', at, firedAt: at + 1 }
		]
	};
}

describe('a screen given something it cannot read', () => {
	it('drops the alert without a kind and the bad presence list, shows the rest, says what is missing, and is online', async () => {
		const welcome = await realWelcome();
		const { kind: _kind, ...kindless } = welcome.recentAlerts[0];
		const { url, io } = await fakeServer({ ...welcome, recentAlerts: [kindless, welcome.recentAlerts[1]], presence: [{ id: 1 }] });
		const live = screen(url, 'any-token');
		await expect.poll(() => live.status).toBe('online');
		expect(live.snapshot?.version).toBe(welcome.snapshot.version);
		expect(live.sheet?.segments.length).toBe(welcome.sheet.segments.length);
		expect(live.segment?.id).toBe(welcome.snapshot.segmentId);
		expect(live.alerts.map((a) => a.key)).toEqual(['b']);
		expect([...live.missing].sort()).toEqual(['alerts', 'presence']);

		// A snapshot push that does not parse is dropped (the last good one stays) and named; the next good one clears it.
		io.emit('snapshot', { ...welcome.snapshot, version: 'x' });
		await expect.poll(() => live.missing.includes('snapshot')).toBe(true);
		expect(live.snapshot?.version).toBe(welcome.snapshot.version);
		io.emit('snapshot', { ...welcome.snapshot, version: welcome.snapshot.version + 1 });
		await expect.poll(() => live.snapshot?.version).toBe(welcome.snapshot.version + 1);
		expect(live.missing.includes('snapshot')).toBe(false);
		expect(live.status).toBe('online');
	});

	it('is online (not connecting) when even the run-sheet cannot be read, and says so', async () => {
		const welcome = await realWelcome();
		const { url } = await fakeServer({ ...welcome, sheet: { ...welcome.sheet, segments: [{ id: 7 }] } });
		const live = screen(url, 'any-token');
		await expect.poll(() => live.status).toBe('online');
		expect(live.missing).toEqual(['sheet']);
		expect(live.sheet).toBeNull();
		expect(live.snapshot?.version).toBe(welcome.snapshot.version);
	});
});

describe('the rehearsal stripe', () => {
	it('says 彩排中 while the rehearsal runs, 彩排已结束 once it has ended, nothing after a reset or on air', async () => {
		const { app, base, show } = await realApp();
		const live = screen(base, show.producerToken);
		await expect.poll(() => live.status).toBe('online');
		expect(live.rehearsal).toBeNull();
		const run = (command: Parameters<FastifyInstance['deps']['services']['live']['execute']>[3]) =>
			expect(app.deps.services.live.execute(show.showId, 'producer', 'test', command)).toMatchObject({ ok: true });
		run({ type: 'start', mode: 'rehearsal' });
		await expect.poll(() => live.rehearsal).toBe('running');
		run({ type: 'pause' });
		await expect.poll(() => live.snapshot?.status).toBe('paused');
		expect(live.rehearsal).toBe('running');
		run({ type: 'end' });
		await expect.poll(() => live.rehearsal).toBe('ended');
		run({ type: 'reset' });
		await expect.poll(() => live.rehearsal).toBeNull();
		run({ type: 'start', mode: 'live' });
		await expect.poll(() => live.snapshot?.status).toBe('live');
		expect(live.rehearsal).toBeNull();
	});
});
