/**
 * The wall's socket: the namespace `/wall` on the live socket's server. A signed-in coordinator's
 * session (the cookie) opens it; the handshake's `auth` may carry a `deviceId` and nothing else.
 * Each wall joins the room of what it may see — `wall:all` (province) or `wall:<unit>` (a city) —
 * gets the list (`wall`) and then each show that changed (`shows`, `untile`) as the wall service
 * announces it, one serialisation per change for every wall. Ends with its session, like the
 * watch page's socket.
 */
import type { FastifyInstance } from 'fastify';
import type { Namespace, Socket } from 'socket.io';
import type { HandshakeErrorCode } from '../../src/lib/contract/live';
import type { SessionAccount } from '../../src/lib/contract/session';
import { wallHandshake, type WallClientEvents, type WallServerEvents } from '../../src/lib/contract/wall-socket';
import { SESSION_COOKIE, sessionId, type AuthService } from '../accounts/auth.service';
import type { AuthFailures } from '../accounts/auth-failures';
import type { Bus } from '../domain/bus';
import { forwardedOrigin, handshakeAddress } from '../http/forwarded';
import { isCrossSite } from '../http/guard';
import { closeEndedSessions, MAX_UNSENT_BYTES, unsentBytes, type LiveIo } from '../live/gateway';
import type { WallService } from './wall.service';

interface WallSocketData {
	account: SessionAccount;
	sessionId: string;
}
type WallSocket = Socket<WallClientEvents, WallServerEvents, Record<string, never>, WallSocketData>;

/** Clock pings a wall may send: a burst, then a few a second (it syncs six in a row every 5 minutes). */
const CLOCK_BURST = 20;
const CLOCK_PER_SEC = 2;

export const wallRoom = (unitCode: string | null) => (unitCode === null ? 'wall:all' : `wall:${unitCode}`);

export interface WallGatewayDeps {
	auth: AuthService;
	authFailures: AuthFailures;
	trustProxy?: boolean;
	bus: Bus;
	wall: WallService;
	clock: () => number;
}

export function createWallGateway(app: FastifyInstance, io: LiveIo, deps: WallGatewayDeps) {
	const { auth, authFailures, wall, clock } = deps;
	// The live socket's server, typed with the wall's events.
	const nsp = io.of('/wall') as unknown as Namespace<WallClientEvents, WallServerEvents, Record<string, never>, WallSocketData>;

	nsp.use((socket, next) => {
		const address = handshakeAddress(socket.handshake, deps.trustProxy ?? false);
		const refused = (code: HandshakeErrorCode, message: string, guess = false) => {
			if (guess) authFailures.failed(address, clock());
			next(Object.assign(new Error(code), { data: { code, message } }));
			setImmediate(() => socket.conn.close());
		};
		if (authFailures.blocked(address, clock())) return refused('RATE_LIMITED', 'Too many wrong links or sessions from this address; wait a minute');
		const headers = socket.handshake.headers;
		if (isCrossSite(headers, forwardedOrigin(headers, deps.trustProxy ?? false))) return refused('CROSS_SITE_REQUEST', 'Connections from other sites are refused');
		const parsed = wallHandshake.safeParse(socket.handshake.auth ?? {});
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return refused('VALIDATION', `Invalid handshake: ${issue ? `${issue.path.join('.') || 'auth'}: ${issue.message}` : 'auth'}`);
		}
		const sessionToken = app.parseCookie(headers.cookie ?? '')[SESSION_COOKIE];
		const account = auth.accountFor(sessionToken);
		if (!account || !sessionToken) return refused('UNAUTHENTICATED', 'Sign in first', sessionToken !== undefined);
		socket.data.account = account;
		socket.data.sessionId = sessionId(sessionToken);
		next();
	});

	nsp.on('connection', (socket: WallSocket) => {
		const { account } = socket.data;
		wall.attach();
		socket.on('disconnect', () => wall.detach());
		void socket.join(wallRoom(account.scope === 'province' ? null : account.unitCode));
		socket.emit('wall', wall.list(account));
		let tokens = CLOCK_BURST;
		let refilledAt = clock();
		socket.on('clock', (ack) => {
			if (typeof ack !== 'function') return;
			const now = clock();
			tokens = Math.min(CLOCK_BURST, tokens + ((now - refilledAt) / 1000) * CLOCK_PER_SEC);
			refilledAt = now;
			if (tokens < 1) return;
			tokens -= 1;
			ack(now);
		});
	});

	const stopChanges = wall.onChange((change) => {
		const rooms = [wallRoom(null), wallRoom(change.unitCode)];
		if (change.type === 'shows') nsp.to(rooms).emit('shows', change.update);
		else nsp.to(rooms).emit('untile', { showId: change.showId });
	});

	// A session that ends closes its walls, at once or within SESSION_SWEEP_MS (as the live socket's).
	const stopSessionWatch = closeEndedSessions(() => nsp.sockets.values(), { bus: deps.bus, auth });
	// A wall that stops reading (a frozen tab) is dropped; it resynchronises from the list when it returns.
	const slowSweep = setInterval(() => {
		for (const socket of nsp.sockets.values()) if (unsentBytes(socket) > MAX_UNSENT_BYTES) socket.disconnect(true);
	}, 1_000);
	slowSweep.unref();

	app.addHook('preClose', async () => {
		clearInterval(slowSweep);
		stopSessionWatch();
		stopChanges();
		nsp.disconnectSockets(true);
	});
}
