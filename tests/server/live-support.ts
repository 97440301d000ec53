/**
 * Live-engine test support: the demo show's links, a second show, screens connected with the
 * client library (or raw socket.io) and a way to await what they receive.
 */
import type { FastifyInstance } from 'fastify';
import { io as rawConnect, type Socket } from 'socket.io-client';
import { expect, vi } from 'vitest';
import type { NewShow } from '../../server/planning/show.repository';
import type { Segment } from '../../src/lib/core/model';
import type { LiveClientEvents, LiveServerEvents, LiveWireSnapshot } from '../../src/lib/contract/live';
import { LiveConnection, type LiveConnectionEvents, type LiveConnectionOptions } from '../../src/lib/realtime/live-connection';
import { copyShow } from './support';

export interface ShowHandle {
	showId: number;
	producerToken: string;
	hostToken: string;
	recorderToken: string;
}

/** The seeded demo show and its link tokens. */
export function demoShow(app: FastifyInstance): ShowHandle {
	const show = app.deps.repos.shows.list()[0];
	const tokens = app.deps.repos.shows.tokensOf(show.id)!;
	return { showId: show.id, ...tokens };
}

/** A command over the HTTP control API with `token` (a producer's); expects it accepted and answers the new state. */
export async function command(app: FastifyInstance, token: string, name: string, body?: object): Promise<LiveWireSnapshot> {
	const response = await app.inject({ method: 'POST', url: `/api/live/${name}`, headers: { authorization: `Bearer ${token}` }, ...(body ? { payload: body } : {}) });
	expect(response.statusCode, response.body).toBe(200);
	return response.json();
}

/** Another show like the demo (its own tokens and segment ids), optionally of another unit. */
export function anotherShow(app: FastifyInstance, overrides: { unitCode?: NewShow['unitCode']; startsAt?: number; segments?: (segments: Segment[]) => Segment[] } = {}): ShowHandle {
	const { segments, ...fields } = overrides;
	const created = copyShow(app, { title: `${app.deps.repos.shows.list()[0].title} (2)`, ...fields }, segments);
	return { showId: created.id, ...app.deps.repos.shows.tokensOf(created.id)! };
}

const opened: { close(): void }[] = [];

/** Closes every screen opened since the last call (afterEach). */
export function closeScreens() {
	for (const s of opened.splice(0)) s.close();
}

/** A screen on the client library, connected (resolves after its welcome). */
export async function screen(base: string, options: Omit<LiveConnectionOptions, 'url'> & { reconnect?: boolean }): Promise<LiveConnection> {
	const { reconnect = false, ...rest } = options;
	const conn = new LiveConnection({ url: base, clockIntervalMs: 3_600_000, ...rest, socket: { reconnection: reconnect, forceNew: true, ...rest.socket } });
	opened.push(conn);
	const welcomed = next(conn, 'welcome');
	conn.connect();
	await Promise.race([
		welcomed,
		new Promise((_, reject) =>
			conn.on('status', (status, error) => {
				if (status === 'refused' || status === 'revoked') reject(new Error(`${status}: ${error?.code}`));
			})
		)
	]);
	return conn;
}

/** A screen that is refused: resolves with the refusal's code. */
export function refusedScreen(base: string, options: Omit<LiveConnectionOptions, 'url'>): Promise<string | undefined> {
	const conn = new LiveConnection({ url: base, ...options, socket: { reconnection: false, forceNew: true, ...options.socket } });
	opened.push(conn);
	return new Promise((resolve) => {
		conn.on('status', (status, error) => {
			if (status === 'refused' || status === 'revoked') resolve(error?.code);
		});
		conn.connect();
	});
}

/** The next event of a kind (matching `accept`) a screen receives. */
export function next<K extends keyof LiveConnectionEvents>(
	conn: LiveConnection,
	event: K,
	accept: (...args: Parameters<LiveConnectionEvents[K]>) => boolean = () => true
): Promise<Parameters<LiveConnectionEvents[K]>[0]> {
	return new Promise((resolve) => {
		const off = conn.on(event, ((...args: Parameters<LiveConnectionEvents[K]>) => {
			if (!accept(...args)) return;
			off();
			resolve(args[0]);
		}) as LiveConnectionEvents[K]);
	});
}

export type RawSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** A bare socket.io client, for what the library would never send. */
export function rawSocket(base: string, auth: Record<string, unknown>, headers: Record<string, string> = {}): RawSocket {
	const socket: RawSocket = rawConnect(base, { transports: ['websocket'], auth, extraHeaders: headers, reconnection: false, forceNew: true });
	opened.push(socket);
	return socket;
}

/** Resolves when a raw socket got its welcome. */
export function welcomed(socket: RawSocket) {
	return new Promise<Parameters<LiveServerEvents['welcome']>[0]>((resolve, reject) => {
		socket.once('welcome', resolve);
		socket.once('connect_error', reject);
	});
}

/**
 * The next command a screen sends is committed and then, instead of its ack, the sender's
 * connection is dropped, as a kill between the commit and the ack would; with `commit: false` it
 * is dropped before anything is committed. `dropped()` says whether it has happened.
 */
export function dropNextAck(app: FastifyInstance, { commit = true } = {}): { dropped: () => boolean } {
	const live = app.deps.services.live;
	const execute = live.execute.bind(live);
	let dropped = false;
	vi.spyOn(live, 'execute').mockImplementation((showId, role, actor, input, options = {}) => {
		if (dropped || !options.origin) return execute(showId, role, actor, input, options);
		dropped = true;
		const drop = () => app.io.sockets.sockets.get(options.origin!)?.conn.close();
		if (!commit) {
			drop();
			return { ok: false, code: 'INTERNAL', message: 'dropped' };
		}
		return execute(showId, role, actor, input, { ...options, ack: drop });
	});
	return { dropped: () => dropped };
}
