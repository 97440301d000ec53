/**
 * socket.io on the same HTTP server: the handshake, the show rooms and the events, turned into
 * calls on the live runtime. The gateway implements the runtime's `LivePublisher`; the runtime
 * never sees a socket.
 *
 * Handshake (`auth` of the client's `io()` options), checked once per connection:
 *   - `{ token }`: a show link's token → the show's room with the link's role (producer or host);
 *   - a coordinator's session cookie with `{ showId }` → the show's room, read-only;
 *   - a session cookie alone → connected to no show.
 * Refusals carry `err.data = { code, message }`. Rooms: `show:<id>` (every screen of the show),
 * `show:<id>:<role>`, `show:<id>:full` (screens that did not ask for patches: they get the full
 * snapshot after a command, the others a `patch`), and `show:<id>:apart` (screens that did not ask
 * for `inlineAlerts`, the full ones among them: a command's alerts reach them as `alert` events after
 * its push, the others' in its patch).
 */
import { randomBytes } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import type { FastifyInstance } from 'fastify';
import { Server, type Socket } from 'socket.io';
import {
	commandOutcomeQuery,
	liveHandshake,
	MAX_DEVICE_NAME,
	MAX_OUTCOME_IDS,
	type HandshakeErrorCode,
	type LiveAlertEvent,
	type LiveClientEvents,
	type LivePatchEvent,
	type LiveRefusalAck,
	type LiveServerEvents,
	type ScreenRole
} from '../../src/lib/contract/live';
import type { SessionAccount } from '../../src/lib/contract/session';
import { alertForHosts } from '../../src/lib/core/screens/alerts';
import { isCrossSite } from '../http/guard';
import type { LinksService } from '../planning/links.service';
import type { ShowService } from '../planning/show.service';
import { SESSION_COOKIE, sessionId, type AuthService } from '../accounts/auth.service';
import { forwardedOrigin, handshakeAddress } from '../http/forwarded';
import type { AuthFailures } from '../accounts/auth-failures';
import type { Bus } from '../domain/bus';
import type { FiguresPublisher, FiguresService } from './figures.service';
import type { LivePublisher, LiveRuntime } from './live.runtime';
import { PING_INTERVAL_MS, PING_TIMEOUT_MS } from './heartbeat';

/** What the handshake established about a connection. */
export interface SocketData {
	account?: SessionAccount;
	/** The session the account came with (its id in the database), to close the socket when it ends. */
	sessionId?: string;
	live?: {
		showId: number;
		role: ScreenRole;
		/** The link token it came with (null for coordinators), re-checked on connection. */
		token: string | null;
		/** Asked for patches after commands (else it gets full snapshots). */
		patches: boolean;
		/** With `patches`: the ack of its own command carries the patch (no separate push to it). */
		ackPatch: boolean;
		/** With `patches`: a command's alerts come in its patch (no separate `alert` events for them). */
		inlineAlerts: boolean;
		deviceId: string | null;
		deviceName: string;
		screenId: string;
	};
}

export type LiveIo = Server<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;
type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;

/** Events a socket may send: a burst of RATE_BURST, then RATE_PER_SEC a second. */
const RATE_BURST = 40;
const RATE_PER_SEC = 10;

/**
 * A screen with more than this many bytes queued for it and not yet taken by the network is
 * dropped (it resynchronises from a welcome when it reconnects): a tablet that stops reading must
 * not make the server keep every snapshot for it until the heartbeat gives up on it, nor forever if
 * something answers its pings without reading.
 */
export const MAX_UNSENT_BYTES = 1024 * 1024;
const SLOW_CONSUMER_SWEEP_MS = 1_000;
/** How often coordinators' sockets are checked against their sessions (for sessions ended elsewhere), ms. */
export const SESSION_SWEEP_MS = 5_000;

export const showRoom = (showId: number, role?: ScreenRole) => (role ? `show:${showId}:${role}` : `show:${showId}`);
/** The show's screens that did not ask for patches: they get the full snapshot after every command. */
const fullRoom = (showId: number) => `show:${showId}:full`;
/** The show's screens that did not ask for `inlineAlerts` (the full room's too): a command's alerts reach them as `alert` events. */
const apartRoom = (showId: number) => `show:${showId}:apart`;

const KNOWN_EVENTS = new Set(['command', 'commands:outcome', 'clock', 'beat', 'sync', 'figures:list', 'figures:add', 'figures:correct', 'figures:delete', 'figures:settings']);
/** The rooms that see a show's figures: everyone but hosts (who get only the figure chosen for them). */
const figureRooms = (showId: number) => [showRoom(showId, 'producer'), showRoom(showId, 'recorder'), showRoom(showId, 'coordinator')];
/** Disconnects that are nobody's fault and say nothing about the screen's health. */
const EXPECTED_DISCONNECTS = new Set(['server namespace disconnect', 'server shutting down', 'client namespace disconnect']);

function refuse(code: HandshakeErrorCode, message: string) {
	return Object.assign(new Error(code), { data: { code, message } });
}

/** A device name for logs and the presence list: one line, printable, at most MAX_DEVICE_NAME characters. */
export function cleanDeviceName(name: string | undefined): string {
	if (!name) return '';
	return [...name.replace(/[\p{C}]+/gu, ' ').replace(/\s+/g, ' ').trim()].slice(0, MAX_DEVICE_NAME).join('');
}

export interface Heartbeat {
	/** ms between the server's pings. */
	intervalMs: number;
	/** ms the server waits for the pong (and the client, beyond the interval, for the next ping). */
	timeoutMs: number;
}

/**
 * The websocket under a socket.io connection, as engine.io 6 keeps it (not part of its typed API;
 * the network test drops a stalled screen through it, so a change shows there).
 */
interface EngineInternals {
	writeBuffer?: { data?: unknown }[];
	transport?: { socket?: { bufferedAmount?: number; terminate?: () => void } };
}

/** Bytes written to a connection that the network has not taken yet (engine.io's queue and the websocket's). */
export function unsentBytes(socket: Socket): number {
	const conn = socket.conn as unknown as EngineInternals;
	let bytes = conn.transport?.socket?.bufferedAmount ?? 0;
	for (const packet of conn.writeBuffer ?? []) {
		const data = packet.data;
		bytes += typeof data === 'string' ? data.length : data instanceof Uint8Array ? data.byteLength : 0;
	}
	return bytes;
}

/** Closes the connection at once, without the websocket's closing handshake (which a stalled peer never answers). */
function dropConnection(socket: Socket) {
	const ws = (socket.conn as unknown as EngineInternals).transport?.socket;
	if (typeof ws?.terminate === 'function') ws.terminate();
	else socket.disconnect(true);
}

export interface GatewayDeps {
	auth: AuthService;
	/** Wrong tokens and sessions per address, shared with the HTTP control API. */
	authFailures: AuthFailures;
	/** TRUST_PROXY is set: the client's address is the forwarded one. */
	trustProxy?: boolean;
	bus: Bus;
	/** Resolves a show link's token to its show and role. */
	links: LinksService;
	shows: ShowService;
	live: LiveRuntime;
	figures: FiguresService;
	clock: () => number;
	heartbeat?: Heartbeat;
}

export function createGateway(app: FastifyInstance, deps: GatewayDeps): LiveIo {
	const { auth, authFailures, links, shows, live, figures, clock } = deps;
	const io: LiveIo = new Server(app.server, {
		serveClient: false,
		// Commands and snapshots are small; anything bigger is hostile.
		maxHttpBufferSize: 64 * 1024,
		pingInterval: deps.heartbeat?.intervalMs ?? PING_INTERVAL_MS,
		pingTimeout: deps.heartbeat?.timeoutMs ?? PING_TIMEOUT_MS,
		perMessageDeflate: false
	});

	io.use((socket, next) => {
		const address = handshakeAddress(socket.handshake, deps.trustProxy ?? false);
		/**
		 * Refuses the handshake, and closes the connection under it once the refusal is written (the
		 * refusal goes out on the next tick): a refused socket gets no second try on it, and holds no
		 * file descriptor. `guess`: a wrong token or session, counted against the address.
		 */
		const refused = (code: HandshakeErrorCode, message: string, guess = false) => {
			if (guess) authFailures.failed(address, clock());
			next(refuse(code, message));
			setImmediate(() => socket.conn.close());
		};
		if (authFailures.blocked(address, clock())) return refused('RATE_LIMITED', 'Too many wrong links or sessions from this address; wait a minute');
		const headers = socket.handshake.headers;
		if (isCrossSite(headers, forwardedOrigin(headers, deps.trustProxy ?? false))) return refused('CROSS_SITE_REQUEST', 'Connections from other sites are refused');
		const parsed = liveHandshake.safeParse(socket.handshake.auth ?? {});
		if (!parsed.success) {
			const issue = parsed.error.issues[0];
			return refused('VALIDATION', `Invalid handshake: ${issue ? `${issue.path.join('.')}: ${issue.message}` : 'auth'}`);
		}
		const hello = parsed.data;
		const device = {
			deviceId: hello.deviceId ?? null,
			deviceName: cleanDeviceName(hello.deviceName),
			screenId: randomBytes(6).toString('base64url'),
			patches: hello.patches === true,
			ackPatch: hello.patches === true && hello.ackPatch === true,
			inlineAlerts: hello.patches === true && hello.inlineAlerts === true
		};

		if (hello.token !== undefined) {
			const link = links.resolve(hello.token);
			if (!link) return refused('INVALID_TOKEN', 'This link is not valid; it may have been replaced by a new one', true);
			socket.data.live = { showId: link.showId, role: link.role, token: hello.token, ...device };
			return next();
		}

		const sessionToken = app.parseCookie(headers.cookie ?? '')[SESSION_COOKIE];
		const account = auth.accountFor(sessionToken);
		if (!account || !sessionToken) return refused('UNAUTHENTICATED', 'Sign in first, or open a show link', sessionToken !== undefined);
		socket.data.account = account;
		socket.data.sessionId = sessionId(sessionToken);
		if (hello.showId !== undefined) {
			// Another unit's show answers exactly like a missing one.
			const show = shows.find(account, hello.showId);
			if (!show) return refused('NOT_FOUND', 'Show not found');
			socket.data.live = { showId: show.id, role: 'coordinator', token: null, ...device, deviceName: device.deviceName || account.displayName };
		}
		next();
	});

	io.on('connection', (socket) => {
		const screen = socket.data.live;
		if (!screen) return;
		// A rotation between the handshake and now must not let the old token in.
		if (screen.token !== null) {
			const link = links.resolve(screen.token);
			if (!link || link.showId !== screen.showId || link.role !== screen.role) {
				socket.emit('revoked', { code: 'TOKEN_ROTATED', message: 'This link was replaced; ask the coordinator for the new one.' });
				socket.disconnect();
				return;
			}
		}
		const rooms = [showRoom(screen.showId), showRoom(screen.showId, screen.role)];
		if (!screen.patches) rooms.push(fullRoom(screen.showId));
		if (!screen.inlineAlerts) rooms.push(apartRoom(screen.showId));
		void socket.join(rooms);
		const welcome = live.join(screen.showId, { id: screen.screenId, role: screen.role, deviceId: screen.deviceId, deviceName: screen.deviceName });
		if (!welcome) {
			socket.emit('revoked', { code: 'SHOW_DELETED', message: 'This show was deleted.' });
			socket.disconnect();
			return;
		}
		socket.emit('welcome', welcome);
		handleEvents(socket, screen);
		socket.on('disconnect', (reason) => live.leave(screen.showId, screen.screenId, !EXPECTED_DISCONNECTS.has(reason)));
	});

	function handleEvents(socket: LiveSocket, screen: NonNullable<SocketData['live']>) {
		const actor = `${screen.role}:${screen.deviceName || screen.deviceId || screen.screenId}`;
		let tokens = RATE_BURST;
		let refilledAt = performance.now();
		const allowed = () => {
			const t = performance.now();
			tokens = Math.min(RATE_BURST, tokens + ((t - refilledAt) / 1000) * RATE_PER_SEC);
			refilledAt = t;
			if (tokens < 1) return false;
			tokens -= 1;
			return true;
		};
		const refusal = (code: LiveRefusalAck['code'], message: string): LiveRefusalAck => ({ ok: false, code, message });

		// Every event: known name, the ack last, the right number of arguments, within the rate.
		socket.onAny((event: string, ...args: unknown[]) => {
			const ack = args[args.length - 1];
			if (typeof ack !== 'function') return;
			if (!KNOWN_EVENTS.has(event)) ack(refusal('UNKNOWN_EVENT', `Unknown event "${String(event).slice(0, 40)}"`));
		});

		const guard = <A extends unknown[]>(event: string, payloadArgs: number, run: (ack: (r: unknown) => void, ...payload: unknown[]) => void) =>
			(...args: A) => {
				const ack = args[args.length - 1];
				if (typeof ack !== 'function') return; // nobody to answer: ignore
				if (args.length !== payloadArgs + 1) return ack(refusal('INVALID_EVENT', `"${event}" takes ${payloadArgs} argument(s) and an ack`));
				if (!allowed()) return ack(refusal('RATE_LIMITED', 'Too many events; slow down'));
				try {
					run(ack as (r: unknown) => void, ...args.slice(0, -1));
				} catch (err) {
					app.log.error({ err, event, showId: screen.showId }, 'socket event failed');
					ack(refusal('INTERNAL', 'Something went wrong on the server; nothing changed'));
				}
			};

		socket.on(
			'command',
			guard('command', 1, (ack, payload) => {
				const receivedAt = performance.now();
				live.execute(screen.showId, screen.role, actor, payload, { ack, origin: socket.id, receivedAt });
			}) as unknown as LiveClientEvents['command']
		);
		socket.on(
			'commands:outcome',
			guard('commands:outcome', 1, (ack, payload) => {
				const query = commandOutcomeQuery.safeParse(payload);
				if (!query.success) return ack(refusal('INVALID_EVENT', `"commands:outcome" takes a list of 1–${MAX_OUTCOME_IDS} command ids`));
				const applied = live.commandOutcomes(screen.showId, query.data);
				ack(applied ? { ok: true, applied } : refusal('NOT_FOUND', 'The show no longer exists'));
			}) as unknown as LiveClientEvents['commands:outcome']
		);
		socket.on('clock', guard('clock', 0, (ack) => ack(clock())) as unknown as LiveClientEvents['clock']);
		// Answered at once: a screen asks once as it declares a stall (its liveness is the Engine.IO
		// ping); pages of before asked every quiet second, and cached ones may still during an upgrade.
		socket.on('beat', guard('beat', 0, (ack) => (ack as () => void)()) as unknown as LiveClientEvents['beat']);
		socket.on(
			'sync',
			guard('sync', 0, (ack) => {
				const welcome = live.welcome(screen.showId, screen.role, screen.screenId);
				ack(welcome ? { ok: true, welcome } : refusal('NOT_FOUND', 'The show no longer exists'));
			}) as unknown as LiveClientEvents['sync']
		);

		// Figures: one path with the HTTP API (FiguresService); the ack comes after the commit.
		socket.on('figures:list', guard('figures:list', 0, (ack) => {
			const view = figures.view(screen.showId, screen.role);
			ack(view ? { ok: true, view } : refusal('NOT_FOUND', 'The show no longer exists'));
		}) as unknown as LiveClientEvents['figures:list']);
		socket.on('figures:add', guard('figures:add', 1, (ack, payload) => void figures.add(screen.showId, screen.role, actor, payload, ack)) as unknown as LiveClientEvents['figures:add']);
		socket.on('figures:correct', guard('figures:correct', 1, (ack, payload) => void figures.correct(screen.showId, screen.role, actor, payload, ack)) as unknown as LiveClientEvents['figures:correct']);
		socket.on('figures:delete', guard('figures:delete', 1, (ack, payload) => void figures.delete(screen.showId, screen.role, actor, payload, ack)) as unknown as LiveClientEvents['figures:delete']);
		socket.on('figures:settings', guard('figures:settings', 1, (ack, payload) => void figures.saveSettings(screen.showId, screen.role, actor, payload, ack)) as unknown as LiveClientEvents['figures:settings']);
	}

	const figuresPublisher: FiguresPublisher = {
		checkpoint: (showId, checkpoint) => io.to(figureRooms(showId)).emit('figure', checkpoint),
		settings: (showId, settings) => io.to(figureRooms(showId)).emit('figureSettings', settings),
		hostFigure: (showId, figure) => io.to(showRoom(showId, 'host')).emit('hostFigure', figure)
	};
	figures.setPublisher(figuresPublisher);

	/** An alert to `room` (the show's, or its apart room): a host hears only what a host acts on — producer cues (their text included), presence and the schedule are the producer's. */
	const emitAlert = (showId: number, alert: LiveAlertEvent, room: string) =>
		(alertForHosts(alert.kind) ? io.to(room) : io.to(room).except(showRoom(showId, 'host'))).emit('alert', alert);

	const publisher: LivePublisher = {
		snapshot: (showId, { snapshot, patch, alerts, origin }) => {
			const show = showRoom(showId);
			if (!patch) return void io.to(show).emit('snapshot', snapshot());
			const full = fullRoom(showId);
			const apart = apartRoom(showId);
			const hosts = showRoom(showId, 'host');
			const rooms = io.sockets.adapter.rooms;
			const members = rooms.get(show);
			// The sender's copy goes last, in or after its ack: the other screens' push is written first.
			const socket = origin && io.sockets.sockets.get(origin.screen);
			const sender = socket && members?.has(socket.id) ? socket : undefined;
			const fullMembers = rooms.get(full);
			const fullCount = fullMembers?.size ?? 0;
			const senderFull = sender !== undefined && fullMembers !== undefined && fullMembers.has(sender.id);
			const apartCount = rooms.get(apart)?.size ?? 0;
			// The command's alerts in its patch (`inlineAlerts`): a host's copy carries only those a host acts on.
			const forHosts = alerts.length ? alerts.filter((a) => alertForHosts(a.kind)) : alerts;
			const withAlerts: LivePatchEvent = alerts.length ? { ...patch, alerts } : patch;
			const hostsPatch: LivePatchEvent = forHosts.length === alerts.length ? withAlerts : forHosts.length ? { ...patch, alerts: forHosts } : patch;
			if (!alerts.length) {
				// socket.io encodes a broadcast before it looks for its sockets: not when nobody else takes
				// it (the full room is part of the show's), and the full snapshot is built only when a screen does.
				const patchCount = (members?.size ?? 0) - fullCount - (sender && !senderFull ? 1 : 0);
				if (patchCount > 0) io.to(show).except(sender ? [full, sender.id] : full).emit('patch', patch);
			} else {
				const others = sender ? [sender.id] : [];
				// Screens with `inlineAlerts` (outside the apart room, which holds the full one): one frame each.
				if (hostsPatch === withAlerts) io.to(show).except([apart, ...others]).emit('patch', withAlerts);
				else {
					io.to(show).except([apart, hosts, ...others]).emit('patch', withAlerts);
					io.to(hosts).except([apart, ...others]).emit('patch', hostsPatch);
				}
				if (apartCount > fullCount) io.to(apart).except([full, ...others]).emit('patch', patch);
			}
			if (fullCount > (senderFull ? 1 : 0)) io.to(full).except(sender ? sender.id : []).emit('snapshot', snapshot());
			// A screen that said `ackPatch` gets its patch in the ack: one frame, no push of its own. (A
			// push of its own after the ack was not written here anyway: engine.io holds a socket's packets
			// while the websocket write before them is unfinished — until its callback, the next tick — and
			// writes them then, one more frame and write syscall.)
			const senderScreen = sender?.data.live;
			const senderPatch = !senderScreen?.inlineAlerts ? patch : senderScreen.role === 'host' ? hostsPatch : withAlerts;
			if (senderScreen?.ackPatch) origin?.ack(senderPatch);
			else {
				origin?.ack();
				if (sender) {
					if (senderScreen?.patches) sender.emit('patch', senderPatch);
					else sender.emit('snapshot', snapshot());
				}
			}
			// The others hear the command's alerts after its push (the sender after its ack), as alerts.
			if (apartCount > 0) for (const a of alerts) emitAlert(showId, a, apart);
		},
		sheet: (showId, sheets) => {
			io.to([showRoom(showId, 'producer'), showRoom(showId, 'coordinator')]).emit('sheet', sheets.producer);
			io.to(showRoom(showId, 'host')).emit('sheet', sheets.host);
		},
		alert: (showId, alert) => emitAlert(showId, alert, showRoom(showId)),
		presence: (showId, screens) => io.to([showRoom(showId, 'producer'), showRoom(showId, 'coordinator')]).emit('presence', screens),
		revoke: (showId, role, code, message) => {
			const room = role ? showRoom(showId, role) : showRoom(showId);
			io.to(room).emit('revoked', { code, message });
			// Without closing the connection: the client sees "io server disconnect" and does not retry.
			io.in(room).disconnectSockets();
		}
	};
	live.setPublisher(publisher);

	// A session that ends closes its sockets (the watch page's; link screens have no session).
	const stopSessionWatch = closeEndedSessions(() => io.of('/').sockets.values(), { bus: deps.bus, auth });

	// Slow consumers: a screen that has not taken MAX_UNSENT_BYTES from the network is dropped.
	const sweep = setInterval(() => {
		for (const socket of io.of('/').sockets.values()) {
			const unsent = unsentBytes(socket);
			if (unsent <= MAX_UNSENT_BYTES) continue;
			const screen = socket.data.live;
			app.log.warn({ showId: screen?.showId, role: screen?.role, device: screen?.deviceName, unsentBytes: unsent }, 'slow screen dropped: it stopped reading');
			dropConnection(socket);
		}
	}, SLOW_CONSUMER_SWEEP_MS);
	sweep.unref();

	// Close sockets before HTTP, or Fastify's close waits for them.
	app.addHook('preClose', async () => {
		clearInterval(sweep);
		stopSessionWatch();
		live.setPublisher(null);
		figures.setPublisher(null);
		live.stop();
		io.local.disconnectSockets(true);
		io.engine.close();
	});

	return io;
}

/** What a socket of either namespace knows of its coordinator (screens opened by a link have neither). */
interface SessionSocket {
	data: { account?: SessionAccount; sessionId?: string };
	emit(event: 'revoked', error: { code: 'SIGNED_OUT'; message: string }): unknown;
	disconnect(): unknown;
}

/**
 * Closes the sockets of sessions that end: at once when this process hears of it (sign-out,
 * account disabled, password reset or changed), and within SESSION_SWEEP_MS when it does not
 * (`npm run admin -- reset-password` from another process, or the session's 12 hours run out).
 * Answers the function that stops watching. The live and the wall namespaces both use it.
 */
export function closeEndedSessions(sockets: () => Iterable<SessionSocket>, deps: { bus: Bus; auth: AuthService }): () => void {
	const signedOut = (socket: SessionSocket) => {
		socket.emit('revoked', { code: 'SIGNED_OUT', message: 'You were signed out; sign in again.' });
		socket.disconnect();
	};
	const stopWatch = deps.bus.on('sessionsEnded', (ended) => {
		for (const socket of sockets()) {
			const { account, sessionId: id } = socket.data;
			if (!account || id === undefined) continue;
			if ('sessionId' in ended ? id === ended.sessionId : account.id === ended.accountId && id !== ended.keepSessionId) signedOut(socket);
		}
	});
	const sweep = setInterval(() => {
		for (const socket of sockets()) {
			const id = socket.data.sessionId;
			if (id !== undefined && !deps.auth.sessionValid(id)) signedOut(socket);
		}
	}, SESSION_SWEEP_MS);
	sweep.unref();
	return () => {
		clearInterval(sweep);
		stopWatch();
	};
}
