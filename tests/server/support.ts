/**
 * Test support for the server: a fresh in-memory database migrated from drizzle/ per app, the
 * demo seeded, and helpers to sign in and to listen on a real port.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { buildApp, type AppOptions } from '../../server/app';
import { openDatabase } from '../../server/db/client';
import type { NewShow } from '../../server/planning/show.repository';
import { newSegmentId, newSlug } from '../../server/domain/ids';
import { newToken } from '../../server/planning/links.service';
import type { Timers } from '../../server/live/live.runtime';
import { manualClock, type ManualClock } from '../../server/live/manual-clock';
import { seed } from '../../server/seed/seed.service';
import { duplicateShow } from '../../src/lib/core/duplicate';
import type { LiveState } from '../../src/lib/core/live';
import type { Segment, Show } from '../../src/lib/core/model';

export const ADMIN_PASSWORD = 'test-admin-password';
const NO_UI = new URL('./no-ui/', import.meta.url).pathname;

export type TestClock = ManualClock;

/** A clock that only moves when told to, with timers that fire only as it moves. */
export function makeClock(start = Date.UTC(2026, 11, 1, 2, 0)): TestClock {
	return manualClock(start);
}

/**
 * `campaign`: also seed the campaign demo (past shows, nominations, training); off by default.
 * `databasePath`: a database file instead of a fresh in-memory one (seeded on first use, as at
 * start-up), for tests that restart the app on the same data.
 */
export async function makeApp(
	options: { clock?: (() => number) | TestClock; uiDir?: string; timers?: Timers; campaign?: boolean; databasePath?: string } & Pick<AppOptions, 'heartbeat' | 'logger' | 'https' | 'trustProxy' | 'lanCaPath' | 'authFailuresPerMinute'> = {}
): Promise<FastifyInstance> {
	const timers = options.timers ?? (options.clock && 'timers' in options.clock ? options.clock.timers : undefined);
	// API only unless a UI folder is given, so server tests do not depend on whether build/ exists.
	const app = await buildApp({
		db: openDatabase(options.databasePath ?? ':memory:'),
		clock: options.clock,
		uiDir: options.uiDir ?? NO_UI,
		timers,
		heartbeat: options.heartbeat,
		logger: options.logger,
		https: options.https,
		trustProxy: options.trustProxy,
		lanCaPath: options.lanCaPath,
		authFailuresPerMinute: options.authFailuresPerMinute
	});
	await seed(app.deps, ADMIN_PASSWORD, { campaign: options.campaign ?? false });
	app.addHook('onClose', async () => app.deps.db.$client.close());
	return app;
}

/** Signs in and answers the Cookie header value for the session. */
export async function signIn(app: FastifyInstance, username = 'admin', password = ADMIN_PASSWORD): Promise<string> {
	const response = await app.inject({ method: 'POST', url: '/api/session', payload: { username, password } });
	if (response.statusCode !== 200) throw new Error(`sign-in failed: ${response.statusCode} ${response.body}`);
	const cookie = response.cookies.find((c) => c.name === 'showcall_session');
	if (!cookie) throw new Error('no session cookie');
	return `${cookie.name}=${cookie.value}`;
}

/** Listens on 127.0.0.1 with a free port and answers the base URL. */
export async function listen(app: FastifyInstance): Promise<string> {
	await app.listen({ port: 0, host: '127.0.0.1' });
	const { port } = app.server.address() as AddressInfo;
	return `http://127.0.0.1:${port}`;
}

/**
 * A copy of the demo show stored as it is: its plan and run-sheet under new ids (the core's
 * duplicateShow), a new slug and tokens, a draft unless `fields` says otherwise; `segments`
 * reshapes the copy's run-sheet.
 */
export function copyShow(app: FastifyInstance, fields: Partial<NewShow> = {}, segments?: (sheet: Segment[]) => Segment[]): Show {
	const demo = app.deps.repos.shows.list()[0];
	const { plan, segments: sheet } = duplicateShow(demo, { startsAt: demo.startsAt, title: demo.title }, newSegmentId);
	return app.deps.repos.shows.create(
		{ ...plan, productIds: [], slug: newSlug(), producerToken: newToken(), hostToken: newToken(), recorderToken: newToken(), ...fields },
		segments ? segments(sheet) : sheet,
		app.deps.clock()
	);
}

/**
 * Leaves a show in `state` as a command would, without the runtime: a command event at the show's
 * next version carrying it (a show's live state is its newest command's).
 */
export function logLiveState(app: FastifyInstance, showId: number, state: LiveState, type = 'goto') {
	const sqlite = app.deps.db.$client;
	const version = sqlite.prepare('SELECT coalesce(max(version), 0) + 1 FROM live_events WHERE show_id = ?').pluck().get(showId) as number;
	sqlite
		.prepare("INSERT INTO live_events (show_id, run_id, kind, type, version, payload, state, actor, at) VALUES (?, NULL, 'command', ?, ?, ?, ?, 'test', 0)")
		.run(showId, type, version, JSON.stringify({ type }), JSON.stringify({ ...state, version }));
}
