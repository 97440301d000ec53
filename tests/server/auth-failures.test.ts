/**
 * Guessing link tokens is limited per address, over HTTP and the socket together, and a refused
 * socket's connection is closed by the server (it holds no file descriptor).
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { AUTH_FAILURES_PER_MINUTE } from '../../server/accounts/auth-failures';
import { closeScreens, demoShow, rawSocket, welcomed, type ShowHandle } from './live-support';
import { listen, makeApp, makeClock, type TestClock } from './support';

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

const bearer = (token: string, remoteAddress = '203.0.113.7') => app.inject({ url: '/api/live', headers: { authorization: `Bearer ${token}` }, remoteAddress });

/** Resolves with the handshake's refusal code. */
function refusal(auth: Record<string, unknown>) {
	return new Promise<string>((resolve) => rawSocket(base, auth).once('connect_error', (err) => resolve((err as Error & { data?: { code: string } }).data?.code ?? err.message)));
}

describe('wrong tokens per address', () => {
	it(`HTTP: ${AUTH_FAILURES_PER_MINUTE} wrong tokens a minute, then 429 RATE_LIMITED without a look-up, even for a good token; other addresses untouched`, async () => {
		for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) expect((await bearer(`guess-${i}-abcdefghijklmnopqrstuvwxyz`)).statusCode).toBe(401);
		const limited = await bearer(show.hostToken);
		expect(limited.statusCode).toBe(429);
		expect(limited.json().error.code).toBe('RATE_LIMITED');
		expect((await bearer(show.hostToken, '203.0.113.8')).statusCode).toBe(200);
		clock.advance(60_000);
		expect((await bearer(show.hostToken)).statusCode).toBe(200);
	});

	it('the socket counts with HTTP: once the address is out of tries, a handshake with a good token is refused RATE_LIMITED', async () => {
		// The test's sockets come from 127.0.0.1; its HTTP guesses are made from there too.
		for (let i = 0; i < AUTH_FAILURES_PER_MINUTE - 1; i++) await bearer(`guess-${i}-abcdefghijklmnopqrstuvwxyz`, '127.0.0.1');
		expect(await refusal({ token: 'one-more-guess-abcdefghijklmnopqrstuvwxyz' })).toBe('INVALID_TOKEN');
		expect(await refusal({ token: show.hostToken })).toBe('RATE_LIMITED');
		clock.advance(60_000);
		await welcomed(rawSocket(base, { token: show.hostToken }));
	});
});

describe('a screen of an address out of tries', () => {
	it('is not told its link is dead: it keeps connecting, to try again after the minute', async () => {
		for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) await bearer(`guess-${i}-abcdefghijklmnopqrstuvwxyz`, '127.0.0.1');
		const conn = new LiveConnection({ url: base, token: show.hostToken, socket: { reconnection: false, forceNew: true } });
		const statuses: string[] = [];
		const settled = new Promise<{ code: string } | null>((resolve) =>
			conn.on('status', (status, error) => {
				statuses.push(status);
				if (error) resolve(error);
			})
		);
		conn.connect();
		expect(await settled).toMatchObject({ code: 'NETWORK' });
		expect(statuses).not.toContain('refused');
		expect(conn.status).toBe('connecting');
		conn.close();
	});
});

describe('a refused socket', () => {
	it('has its connection closed by the server right after the refusal', async () => {
		const ws = new WebSocket(`${base.replace('http', 'ws')}/socket.io/?EIO=4&transport=websocket`);
		const frames: string[] = [];
		const closed = new Promise<number>((resolve) => ws.on('close', (code) => resolve(code)));
		ws.on('message', (data) => {
			const frame = String(data);
			frames.push(frame);
			// Answer the heartbeat, so only the server's decision can close the connection.
			if (frame === '2') ws.send('3');
			// engine.io open → socket.io CONNECT with a wrong token.
			if (frame.startsWith('0{')) ws.send(`40${JSON.stringify({ token: 'wrong-token-abcdefghijklmnopqrstuvwxyz' })}`);
		});
		await closed;
		expect(frames.some((f) => f.startsWith('44') && f.includes('INVALID_TOKEN'))).toBe(true);
		expect(ws.readyState).toBe(WebSocket.CLOSED);
	});
});
