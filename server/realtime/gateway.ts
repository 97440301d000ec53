/**
 * socket.io on the same HTTP server. The handshake is authenticated once, with the same guard as
 * HTTP: a coordinator's session cookie. (Show links add their own tokens in the live engine.)
 */
import type { FastifyInstance } from 'fastify';
import { Server } from 'socket.io';
import { SESSION_COOKIE, type AuthService } from '../services/auth.service';
import { isCrossSite } from '../http/guard';

export function createGateway(app: FastifyInstance, auth: AuthService): Server {
	const io = new Server(app.server, {
		serveClient: false,
		// Commands and snapshots are small; anything bigger is hostile.
		maxHttpBufferSize: 64 * 1024,
		pingInterval: 25_000,
		pingTimeout: 20_000
	});

	io.use((socket, next) => {
		const headers = socket.handshake.headers;
		if (isCrossSite(headers)) return next(Object.assign(new Error('CROSS_SITE_REQUEST'), { data: { code: 'CROSS_SITE_REQUEST' } }));
		const account = auth.accountFor(app.parseCookie(headers.cookie ?? '')[SESSION_COOKIE]);
		if (!account) return next(Object.assign(new Error('UNAUTHENTICATED'), { data: { code: 'UNAUTHENTICATED', message: 'Sign in first' } }));
		socket.data.account = account;
		next();
	});

	// Close sockets before HTTP, or Fastify's close waits for them.
	app.addHook('preClose', async () => {
		io.local.disconnectSockets(true);
		io.engine.close();
	});

	return io;
}
