import type { FastifyInstance } from 'fastify';
import { io as connect, type Socket } from 'socket.io-client';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { listen, makeApp, signIn } from './support';

let app: FastifyInstance;
let base: string;
const sockets: Socket[] = [];

beforeEach(async () => {
	app = await makeApp();
	base = await listen(app);
});
afterEach(async () => {
	for (const s of sockets.splice(0)) s.close();
	await app.close();
});

function open(headers: Record<string, string> = {}) {
	const socket = connect(base, { transports: ['websocket'], extraHeaders: headers, reconnection: false, forceNew: true });
	sockets.push(socket);
	return socket;
}

describe('socket handshake', () => {
	it('accepts a signed-in coordinator on the same port as HTTP', async () => {
		const socket = open({ cookie: await signIn(app) });
		await new Promise<void>((resolve, reject) => {
			socket.on('connect', resolve);
			socket.on('connect_error', reject);
		});
		expect(socket.connected).toBe(true);
	});

	it('refuses a socket without a session, with a code', async () => {
		const socket = open({ cookie: 'showcall_session=forged' });
		const error = await new Promise<Error & { data?: { code: string } }>((resolve) => socket.on('connect_error', resolve));
		expect(error.data?.code).toBe('UNAUTHENTICATED');
	});

	it('closes promptly with sockets connected', async () => {
		const socket = open({ cookie: await signIn(app) });
		await new Promise<void>((resolve) => socket.on('connect', resolve));
		const disconnected = new Promise<string>((resolve) => socket.on('disconnect', resolve));
		await app.close();
		expect(await disconnected).toBeTruthy();
	});
});
