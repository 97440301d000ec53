/**
 * Fuzzing: seeded, reproducible hostile input against every socket event and every route.
 *   - socket: malformed events at the wire (wrong types, missing and unknown fields, huge strings,
 *     deep nesting, binary frames and attachments, unknown and reserved events, broken packets,
 *     hostile handshakes), sent by a bare websocket client;
 *   - the wall's socket (namespace /wall): anything a wall emits — its own `clock` with wrong
 *     arguments, the server's events, unknown ones, broken and binary packets, other namespaces,
 *     hostile handshakes — is ignored or refused: the only acks are clock answers;
 *   - HTTP: requests to every route of the server's own route table with bad path parameters,
 *     queries, bodies, content types and headers, and junk at the socket.io endpoint.
 * For each: no crash, no 5xx (no INTERNAL ack, nothing logged as an error), an error in the API's
 * shape, and no state change from a refused input (the live version and SQLite's change counter
 * stay put). Memory is flat afterwards: the heap, after a full GC, grows by less than 8 MB between
 * the end of a warm-up and the end of the run.
 * RELIABILITY_SEED replays a run; the failing case's number and kind are in the message.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import v8 from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from '../../server/deps';
import { hashPassword } from '../../server/accounts/password';
import { LIVE_COMMAND_TYPES } from '../../src/lib/core/live';
import { endpointList } from '../../src/lib/contract/endpoints';
import type { LiveSheetPayload } from '../../src/lib/contract/live';
import { anotherShow, demoShow, type ShowHandle } from '../server/live-support';
import { ADMIN_PASSWORD, listen, makeApp, makeClock } from '../server/support';
import { recordFigures } from './support/figures';
import { FIGURE_ACK_ERROR_CODES } from '../../src/lib/contract/figures-live';
import { deepJson, fuzzString, fuzzValue, NASTY_STRINGS, socketCase, wallCase } from './support/fuzz';
import { profile, SEED, timeout } from './support/profile';
import { rng, round, type Rng } from './support/rng';
import { WireClient } from './support/wire';
import { accountOf } from '../server/planning-support';

v8.setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;
const MEMORY_GROWTH_LIMIT_MB = 8;

let app: FastifyInstance;
let base: string;
let show: ShowHandle;
let other: ShowHandle;
let sheet: LiveSheetPayload;
let uiDir: string;
const errorLogs: string[] = [];

/** Log lines at error level or worse (a 5xx, an INTERNAL ack, a failed socket event). */
const logStream = new Writable({
	write(chunk, _encoding, done) {
		for (const line of String(chunk).split('\n').filter(Boolean)) {
			if ((JSON.parse(line) as { level: number }).level >= 50) errorLogs.push(line.slice(0, 2_000));
		}
		done();
	}
});

beforeAll(async () => {
	// A small UI folder, so static files and the SPA fallback are fuzzed too.
	uiDir = mkdtempSync(join(tmpdir(), 'showcall-fuzz-ui-'));
	mkdirSync(join(uiDir, '_app', 'immutable'), { recursive: true });
	writeFileSync(join(uiDir, '200.html'), '<!doctype html><title>Showcall</title>');
	writeFileSync(join(uiDir, '_app', 'immutable', 'start.js'), 'export {};');
	// The fuzz sends thousands of wrong tokens from one address on a clock that does not move: the
	// per-address limit on them (30 a minute, tests/server/auth-failures.test.ts) is raised so that
	// later cases with right tokens are not refused by how many wrong ones happened to come first.
	app = await makeApp({ clock: makeClock(), uiDir, logger: { level: 'warn', stream: logStream }, authFailuresPerMinute: 1_000_000 });
	base = await listen(app);
	show = demoShow(app);
	other = anotherShow(app, { unitCode: 'yichang' });
	const started = await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${show.producerToken}` } });
	expect(started.statusCode).toBe(200);
	sheet = app.deps.services.live.sheet(show.showId, 'producer')!;
});
afterAll(async () => {
	await app?.close();
	rmSync(uiDir, { recursive: true, force: true });
});

/** What a refused input must leave alone: the live state and every table. */
function fingerprint() {
	const changes = (app.deps.db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n;
	const version = (id: number) => app.deps.services.live.snapshot(id)?.version ?? 'deleted';
	return `${changes}/${version(show.showId)}/${version(other.showId)}`;
}

function heapMb(): number {
	gc();
	gc();
	return process.memoryUsage().heapUsed / 1024 / 1024;
}

const LIVE_CODES = new Set(['INVALID_COMMAND', 'STALE_VERSION', 'FORBIDDEN', 'NOT_FOUND', 'INVALID_EVENT', 'UNKNOWN_EVENT', 'RATE_LIMITED', 'NOT_LIVE', 'NOT_PAUSED', 'NOT_RUNNING', 'ALREADY_STARTED', 'SHOW_ENDED', 'AT_LAST_SEGMENT', 'AT_FIRST_SEGMENT', 'UNKNOWN_SEGMENT', 'SAME_SEGMENT', 'DURATION_BELOW_ZERO', 'NO_FLASH_SALE', 'FLASH_SALE_RUNNING', 'FLASH_SALE_NOT_RUNNING', 'UNKNOWN_PRODUCT', 'UNKNOWN_CUE', 'UNKNOWN_MESSAGE', 'ALREADY_ACKED', 'NOT_REHEARSAL', 'EMPTY_RUNSHEET', 'COMMAND_EXPIRED', 'COMMAND_FROM_FUTURE', ...FIGURE_ACK_ERROR_CODES]);

describe('fuzzing', () => {
	it(`${profile.fuzz.socketEvents.toLocaleString('en')} malformed socket events: no crash, no INTERNAL, no change from a refusal, memory flat`, async () => {
		const r = rng(SEED).fork('socket-fuzz');
		const cookie = `showcall_session=${await sessionOf('admin', ADMIN_PASSWORD)}`;
		const outcomes = new Map<string, number>();
		const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
		let accepted = 0;
		let connections = 0;
		let client: WireClient | null = null;
		let used = 0;
		let heapAfterWarmup = 0;
		const warmup = Math.floor(profile.fuzz.socketEvents / 5);
		let last = 'nothing';

		/** A connection as a producer (mostly), a recorder, a host, or a coordinator watching. */
		async function connection(): Promise<WireClient> {
			const who = r();
			const headers: Record<string, string> = who > 0.9 ? { cookie } : {};
			const wire = await WireClient.open(base, headers);
			connections++;
			const auth = who < 0.7 ? { token: show.producerToken, deviceId: `fuzz-${connections}` } : who < 0.8 ? { token: show.recorderToken } : who < 0.9 ? { token: show.hostToken } : { showId: show.showId };
			const hello = await wire.connect(auth);
			expect(hello.ok, JSON.stringify(hello)).toBe(true);
			await wire.next((f) => typeof f === 'string' && f.startsWith('42["welcome"'), 5_000);
			return wire;
		}

		for (let n = 0; n < profile.fuzz.socketEvents; n++) {
			if (n === warmup) heapAfterWarmup = heapMb();
			if (!client || client.closed || used >= 30) {
				client?.close();
				client = await connection().catch((err: Error) => {
					throw new Error(`case ${n}: a new connection failed after ${last}: ${err.message}`);
				});
				used = 0;
			}
			const wire: WireClient = client;
			const c = socketCase(r, sheet, () => wire.ackId());
			const label = `case ${n} (${c.kind})`;
			last = `${label}: ${c.handshake ?? c.frames.map((f) => (typeof f === 'string' ? f : `<${f.length} bytes>`)).join(' + ').slice(0, 300)}`;
			const before = fingerprint();
			let acceptedNow = false;

			if (c.handshake !== undefined) {
				const fresh = await WireClient.open(base);
				const hello = await fresh.connect(c.handshake).catch((err: Error) => ({ ok: false as const, error: err.message }));
				count(`handshake ${hello.ok ? 'accepted' : 'refused'}`);
				if (!hello.ok && typeof hello.error === 'object' && hello.error !== null) {
					const data = (hello.error as { data?: { code?: string } }).data;
					if (data) expect(['VALIDATION', 'INVALID_TOKEN', 'UNAUTHENTICATED', 'NOT_FOUND'], label).toContain(data.code);
				}
				fresh.close();
			} else {
				used++;
				for (const frame of c.frames) wire.send(frame);
				let answer: unknown[] | null = null;
				if (c.leaves) {
					// The server lets the screen go; this connection is done with.
					await expect.poll(() => app.deps.services.live.presence(show.showId).length, { timeout: 5_000 }).toBe(0);
					wire.close();
					count('left the namespace');
				} else if (c.ackId !== undefined) answer = await labelled(last, wire.ack(c.ackId));
				if (c.leaves) {
					// counted above
				} else if (answer === null && !wire.closed) {
					// No ack asked for (or none can come): a clock ping tells the event was dealt with.
					const probe = wire.ackId();
					wire.send(`42${probe}["clock"]`);
					const pong = await labelled(last, wire.ack(probe));
					count(pong === null ? 'connection closed by the server' : 'ignored');
				} else if (answer === null) count('connection closed by the server');
				else {
					const ack = answer[0] as { ok?: boolean; code?: string } | number;
					if (typeof ack === 'number') count('answered (clock)');
					else if (answer.length === 0) count('answered (beat)');
					else if (ack?.ok === true) {
						acceptedNow = true;
						accepted++;
						count('accepted');
					} else {
						expect(ack?.ok, `${label}: ${JSON.stringify(answer).slice(0, 300)}`).toBe(false);
						expect(LIVE_CODES, `${label}: code ${ack.code}`).toContain(ack.code);
						count(`refused ${ack.code}`);
						if (ack.code === 'RATE_LIMITED') used = Infinity;
					}
				}
			}
			if (!acceptedNow) expect(fingerprint(), `${label}: a refused input changed the state`).toBe(before);
			expect(errorLogs, label).toEqual([]);
		}
		client?.close();
		const heapAtEnd = heapMb();
		// Still serving: a normal screen connects and a normal command is accepted.
		const check = await WireClient.open(base);
		expect((await check.connect({ token: show.producerToken })).ok).toBe(true);
		const id = check.ackId();
		check.send(`42${id}["command",{"type":"message","text":"still here"}]`);
		expect((await check.ack(id))?.[0]).toMatchObject({ ok: true });
		check.close();

		recordFigures('fuzz-socket', {
			events: profile.fuzz.socketEvents,
			connections,
			acceptedByChance: accepted,
			failures: 0,
			outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
			heapAfterWarmupMb: round(heapAfterWarmup),
			heapAtEndMb: round(heapAtEnd)
		});
		expect(heapAtEnd - heapAfterWarmup).toBeLessThan(MEMORY_GROWTH_LIMIT_MB);
	}, timeout(120_000, 900_000));

	it(`${profile.fuzz.wallEvents.toLocaleString('en')} malformed inputs on the wall's socket: ignored or refused, no crash, no error, no change, memory flat`, async () => {
		const r = rng(SEED).fork('wall-fuzz');
		const cookies = [`showcall_session=${await sessionOf('admin', ADMIN_PASSWORD)}`, await accountOf(app, 'fuzz-wall-wuhan', 'wuhan')];
		const outcomes = new Map<string, number>();
		const count = (key: string) => outcomes.set(key, (outcomes.get(key) ?? 0) + 1);
		let client: WireClient | null = null;
		let used = 0;
		let connections = 0;
		let heapAfterWarmup = 0;
		const warmup = Math.floor(profile.fuzz.wallEvents / 5);
		let last = 'nothing';

		/** A wall of the province or of a city, its list received. */
		async function wallConnection(): Promise<WireClient> {
			const wire = await WireClient.open(base, { cookie: r.pick(cookies) });
			connections++;
			const hello = await wire.connect(r.chance(0.5) ? {} : { deviceId: `wall-${connections}` }, '/wall');
			expect(hello.ok, JSON.stringify(hello)).toBe(true);
			expect(await wire.next((f) => typeof f === 'string' && f.startsWith('42/wall,["wall"'), 5_000)).not.toBeNull();
			return wire;
		}

		for (let n = 0; n < profile.fuzz.wallEvents; n++) {
			if (n === warmup) heapAfterWarmup = heapMb();
			// A wall gets 20 clock answers in a burst on a clock that does not move; a case takes two at most.
			if (!client || client.closed || used >= 8) {
				client?.close();
				client = await labelled(`a new wall after ${last}`, wallConnection());
				used = 0;
			}
			const wire: WireClient = client;
			const c = wallCase(r, () => wire.ackId());
			const label = `case ${n} (${c.kind})`;
			last = `${label}: ${c.handshake?.slice(0, 300) ?? c.frames.map((f) => (typeof f === 'string' ? f : `<${f.length} bytes>`)).join(' + ').slice(0, 300)}`;
			const before = fingerprint();

			if (c.handshake !== undefined) {
				const fresh = await WireClient.open(base, r.chance(0.8) ? { cookie: r.pick(cookies) } : {});
				const hello = await fresh.connect(c.handshake, '/wall').catch((err: Error) => ({ ok: false as const, error: err.message }));
				const code = !hello.ok && typeof hello.error === 'object' && hello.error !== null ? (hello.error as { data?: { code?: string } }).data?.code : undefined;
				if (code !== undefined) expect(['VALIDATION', 'UNAUTHENTICATED'], label).toContain(code);
				count(hello.ok ? 'handshake accepted' : `handshake refused ${code ?? '(connection closed)'}`);
				fresh.close();
			} else if (c.leaves) {
				used++;
				for (const frame of c.frames) wire.send(frame);
				wire.close();
				count('left the namespace');
			} else {
				used++;
				for (const frame of c.frames) wire.send(frame);
				const probe = wire.ackId();
				wire.send(`42/wall,${probe}["clock"]`);
				// Every ack until the probe's is a clock answer (a number): nothing else a wall sends is answered.
				for (;;) {
					const frame = await labelled(last, wire.next((f) => typeof f === 'string' && f.startsWith('43/wall,'), 5_000));
					if (frame === null) {
						count('connection closed by the server');
						break;
					}
					const [, id, args] = /^43\/wall,([^[]*)(\[.*)$/s.exec(frame as string) ?? [];
					const answer = JSON.parse(args) as unknown[];
					expect(answer.length === 1 && typeof answer[0] === 'number', `${label}: answered ${String(frame).slice(0, 200)}`).toBe(true);
					if (id === String(probe)) {
						count('ignored or answered');
						break;
					}
					count('clock answered');
				}
			}
			expect(fingerprint(), `${label}: a wall's input changed the state`).toBe(before);
			expect(errorLogs, label).toEqual([]);
		}
		client?.close();
		await expect.poll(() => app.io.of('/wall').sockets.size, { timeout: 5_000 }).toBe(0);
		const heapAtEnd = heapMb();
		// Still serving: a wall connects and gets its list, and hears a command.
		const check = await wallConnection();
		const fresh = anotherShow(app, { unitCode: 'wuhan', startsAt: Date.now() });
		check.send(`42/wall,${check.ackId()}["clock"]`);
		expect((await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${fresh.producerToken}` }, payload: { mode: 'rehearsal' } })).statusCode).toBe(200);
		expect(await check.next((f) => typeof f === 'string' && f.startsWith('42/wall,["shows"') && f.includes(`"showId":${fresh.showId}`), 5_000)).not.toBeNull();
		check.close();

		recordFigures('fuzz-wall', {
			inputs: profile.fuzz.wallEvents,
			connections,
			failures: 0,
			outcomes: Object.fromEntries([...outcomes].sort((a, b) => b[1] - a[1])),
			heapAfterWarmupMb: round(heapAfterWarmup),
			heapAtEndMb: round(heapAtEnd)
		});
		expect(heapAtEnd - heapAfterWarmup).toBeLessThan(MEMORY_GROWTH_LIMIT_MB);
	}, timeout(60_000, 600_000));

	it(`${profile.fuzz.httpRequests.toLocaleString('en')} malformed HTTP requests against every route: no 5xx, errors in the API's shape, no change from a refusal, memory flat`, async () => {
		const r = rng(SEED).fork('http-fuzz');
		const routes = app.routeTable;
		const wuhan = await app.inject({ method: 'POST', url: '/api/accounts', headers: { cookie: await adminCookie() }, payload: { username: 'fuzz-wuhan', displayName: '武汉', unitCode: 'wuhan', password: 'fuzz-wuhan-password' } });
		expect(wuhan.statusCode).toBe(201);
		const statuses = new Map<number, number>();
		const perRoute = new Map<string, number>();
		let heapAfterWarmup = 0;
		const warmup = Math.floor(profile.fuzz.httpRequests / 5);

		for (let n = 0; n < profile.fuzz.httpRequests; n++) {
			if (n === warmup) heapAfterWarmup = heapMb();
			const engine = r.chance(0.03);
			const request = engine ? engineRequest(r) : await httpRequest(r, r.pick(routes));
			const label = `case ${n} (${request.method} ${request.url.slice(0, 120)}, ${request.note})`;
			const before = fingerprint();
			let status: number;
			let body: string;
			if (engine) {
				const response = await fetch(`${base}${request.url}`, { method: request.method, headers: request.headers, body: ['GET', 'HEAD'].includes(request.method) ? undefined : (request.payload as string | undefined) });
				status = response.status;
				body = await response.text();
			} else {
				const response = await app.inject({ method: request.method as 'GET', url: request.url, headers: request.headers, payload: request.payload });
				status = response.statusCode;
				body = response.body;
			}
			statuses.set(status, (statuses.get(status) ?? 0) + 1);
			perRoute.set(request.route, (perRoute.get(request.route) ?? 0) + 1);
			expect(status, `${label}: ${body.slice(0, 300)} ${JSON.stringify(request.headers)} ${errorLogs.join('\n').slice(0, 1_500)}`).toBeLessThan(500);
			if (status >= 400 && request.url.startsWith('/api/') && request.method !== 'HEAD') {
				const error = (JSON.parse(body) as { error?: { code?: unknown; message?: unknown } }).error;
				expect(typeof error?.code === 'string' && typeof error.message === 'string', `${label}: ${body.slice(0, 300)}`).toBe(true);
			}
			if (status >= 400) expect(fingerprint(), `${label}: a refused request changed the state`).toBe(before);
			expect(errorLogs, label).toEqual([]);
		}
		const heapAtEnd = heapMb();
		recordFigures('fuzz-http', {
			requests: profile.fuzz.httpRequests,
			routes: new Set(routes.map((route) => `${route.method} ${route.url}`)).size,
			failures: 0,
			statuses: Object.fromEntries([...statuses].sort((a, b) => a[0] - b[0])),
			heapAfterWarmupMb: round(heapAfterWarmup),
			heapAtEndMb: round(heapAtEnd)
		});
		// Every route was reached.
		for (const route of routes) expect(perRoute.get(`${route.method} ${route.url}`) ?? 0, `${route.method} ${route.url}`).toBeGreaterThan(0);
		// …and every endpoint of the endpoint table is among them, with the auth kind it is registered with.
		for (const endpoint of endpointList.filter((e) => !e.ui)) {
			const route = routes.find((r) => r.method === endpoint.method && r.url === endpoint.path);
			expect(route?.auth, `${endpoint.name} (${endpoint.method} ${endpoint.path})`).toBe(endpoint.auth);
		}
		expect(heapAtEnd - heapAfterWarmup).toBeLessThan(MEMORY_GROWTH_LIMIT_MB);
	}, timeout(120_000, 900_000));
});

describe('payload size limits', () => {
	it('HTTP: 1 MB JSON bodies, 5 MB uploads, 16 KB of headers, 200-character path parameters; socket: 64 KB messages, 200-character tokens', async () => {
		const cookie = await adminCookie();
		// A show of its own: by chance, the fuzz may have rotated the demo's links, ended it, deleted it.
		const fresh = anotherShow(app);
		expect((await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${fresh.producerToken}` } })).statusCode).toBe(200);
		Object.assign(show, fresh);
		const before = fingerprint();
		const json = (bytes: number) => `{"text":"${'x'.repeat(bytes - 11)}"}`;
		const post = (payload: string | Buffer, type = 'application/json') =>
			app.inject({ method: 'POST', url: '/api/live/message', headers: { authorization: `Bearer ${show.producerToken}`, 'content-type': type }, payload });
		// At the limit the body is read (and refused for what it says); one byte over, 413.
		expect((await post(json(1024 * 1024))).json().error.code).toBe('VALIDATION');
		const over = await post(json(1024 * 1024 + 1));
		expect(over.statusCode).toBe(413);
		expect(over.json().error.code).toBe('BODY_TOO_LARGE');
		const upload = Buffer.concat([Buffer.from('--b\r\nContent-Disposition: form-data; name="file"; filename="a.xlsx"\r\n\r\n'), Buffer.alloc(5 * 1024 * 1024 + 10, 1), Buffer.from('\r\n--b--\r\n')]);
		const big = await app.inject({ method: 'POST', url: '/api/imports/products', headers: { cookie, 'content-type': 'multipart/form-data; boundary=b' }, payload: upload });
		expect(big.statusCode).toBe(413);
		expect(big.json().error.code).toBe('FILE_TOO_LARGE');
		const headers = await fetch(`${base}/api/shows`, { headers: { cookie, 'x-padding': 'x'.repeat(17 * 1024) } });
		expect(headers.status).toBe(431);
		expect(((await headers.json()) as { error: { code: string } }).error.code).toBe('HEADERS_TOO_LARGE');
		// A path parameter over 200 characters never reaches its route: 414, or 404 when the UI's
		// catch-all route is there to fall back on (as here and in production).
		const param = await app.inject({ method: 'GET', url: `/api/shows/${'1'.repeat(201)}`, headers: { cookie } });
		expect(param.statusCode).toBe(404);
		expect(param.json().error.code).toBe('NOT_FOUND');

		// The socket: a message over 64 KB closes the connection; one under it is read and answered.
		const wire = await WireClient.open(base);
		expect((await wire.connect({ token: show.producerToken })).ok).toBe(true);
		const under = wire.ackId();
		wire.send(`42${under}["command",{"type":"message","text":"${'x'.repeat(60_000)}"}]`);
		expect((await wire.ack(under))?.[0]).toMatchObject({ ok: false, code: 'INVALID_COMMAND' });
		const beyond = wire.ackId();
		wire.send(`42${beyond}["command",{"type":"message","text":"${'x'.repeat(64 * 1024)}"}]`);
		expect(await wire.ack(beyond)).toBeNull();
		expect(wire.closed).toBe(true);
		const longToken = await WireClient.open(base);
		expect(await longToken.connect({ token: 'x'.repeat(201) })).toMatchObject({ ok: false, error: { data: { code: 'VALIDATION' } } });
		longToken.close();
		expect(fingerprint()).toBe(before);
		expect(errorLogs).toEqual([]);
	});
});

// ---------------------------------------------------------------------------------------------
// HTTP cases

interface FuzzRequest {
	route: string;
	method: string;
	url: string;
	headers: Record<string, string>;
	payload?: string | Buffer;
	note: string;
}

/**
 * A live session of an account, signed in through the service (the fuzz may sign the cookie out,
 * and by chance send a valid password reset or disable the account: both are put back).
 */
async function sessionOf(username: string, password: string): Promise<string> {
	let result = await app.deps.services.auth.signIn(username, password);
	if (!result.ok) {
		const account = app.deps.repos.accounts.findByUsername(username)!;
		app.deps.repos.accounts.update(account.id, { passwordHash: await hashPassword(password), disabledAt: null });
		result = await app.deps.services.auth.signIn(username, password);
	}
	if (!result.ok) throw new Error(`cannot sign ${username} in: ${result.code}`);
	return result.token;
}
let adminToken: string | null = null;
async function adminCookie(): Promise<string> {
	if (!adminToken || !app.deps.services.auth.accountFor(adminToken)) adminToken = await sessionOf('admin', ADMIN_PASSWORD);
	return `showcall_session=${adminToken}`;
}
let cityToken: string | null = null;
async function cityCookie(): Promise<string> {
	if (!cityToken || !app.deps.services.auth.accountFor(cityToken)) cityToken = await sessionOf('fuzz-wuhan', 'fuzz-wuhan-password');
	return `showcall_session=${cityToken}`;
}

const METHODS = ['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'];
const CONTENT_TYPES = [
	'application/json',
	'application/json; charset=utf-8',
	'application/json; charset=latin1',
	'text/plain',
	'application/x-www-form-urlencoded',
	'multipart/form-data; boundary=fuzz',
	'multipart/form-data',
	'application/octet-stream',
	'application/xml',
	'text/html',
	'*/*',
	'application/json, text/plain',
	'garbage',
	'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'
];

function paramValue(r: Rng, route: string, name: string): string {
	if (r.chance(0.45)) {
		const id = (ids: number[]) => String(r.pick(ids));
		if (name === 'role') return r.pick(['producer', 'host', 'recorder']);
		if (name === 'command') return r.pick(LIVE_COMMAND_TYPES);
		if (name === 'slug') return r.pick(app.deps.repos.shows.list().map((s) => s.slug));
		if (route.startsWith('/api/shows/')) return id([show.showId, other.showId]);
		if (route.startsWith('/api/products/')) return id(app.deps.repos.products.list({}).map((p) => p.id).slice(0, 5));
		if (route.startsWith('/api/people/')) return id(app.deps.repos.people.list({}).map((p) => p.id).slice(0, 5));
		if (route.startsWith('/api/accounts/')) return id([1, 2, 3]);
		if (name === '*') return r.pick(['200.html', '_app/immutable/start.js', 'favicon.svg', 'shows/1', 'producer/abc']);
	}
	if (name === '*') return r.pick(['../../package.json', '..%2f..%2fpackage.json', '%2e%2e/%2e%2e/server/index.ts', '_app/../../../etc/passwd', '.env', '%00', '\\..\\..\\windows', 'a'.repeat(r.int(100, 3_000))]);
	const raw = r.chance(0.2) ? r.pick(['%ZZ', '%', '%00', '%E4%B8', '..', '.']) : safeEncode(fuzzString(r));
	return raw === '' ? r.pick(['0', '%20']) : raw;
}

/** Keys of a zod object schema (through optional/nullable wrappers), for bodies and queries shaped like the real ones. */
function schemaKeys(schema: unknown): string[] {
	let s = schema as { shape?: Record<string, unknown>; unwrap?: () => unknown } | undefined;
	for (let i = 0; i < 3 && s && !s.shape && typeof s.unwrap === 'function'; i++) s = s.unwrap() as typeof s;
	return s?.shape ? Object.keys(s.shape) : [];
}

/** One of the values a query key's enum allows (through optional/default wrappers), or null when it is no enum. */
function enumValue(r: Rng, schema: unknown, key: string): string | null {
	let s = (schema as { shape?: Record<string, unknown> } | undefined)?.shape?.[key] as { options?: unknown[]; unwrap?: () => unknown; def?: { innerType?: unknown } } | undefined;
	for (let i = 0; i < 3 && s && !Array.isArray(s.options); i++) s = (typeof s.unwrap === 'function' ? s.unwrap() : s.def?.innerType) as typeof s;
	return s && Array.isArray(s.options) ? String(r.pick(s.options)) : null;
}

function bodyFor(r: Rng, entry: RouteEntry): { payload?: string | Buffer; type?: string; note: string } {
	const roll = r();
	const keys = schemaKeys(entry.schema.body as z.ZodType | undefined);
	if (roll < 0.35) {
		const object: Record<string, unknown> = {};
		for (const key of keys) if (r.chance(0.6)) object[key] = fuzzValue(r);
		if (r.chance(0.2)) object[fuzzString(r).slice(0, 20) || 'extra'] = fuzzValue(r);
		return { payload: JSON.stringify(object), type: 'application/json', note: 'shaped body' };
	}
	if (roll < 0.5) return { payload: JSON.stringify(fuzzValue(r)) ?? 'null', type: 'application/json', note: 'any JSON' };
	if (roll < 0.58) return { payload: r.pick(['{', '{"a":}', "{'a':1}", 'nul', '\u0000', '[1,]', '{"__proto__":{"x":1}}', '{"constructor":{"prototype":{"x":1}}}', '"\\ud800"', fuzzString(r)]), type: 'application/json', note: 'broken JSON' };
	if (roll < 0.64) return { payload: deepJson(r.int(1_000, 300_000), r.chance(0.3)), type: 'application/json', note: 'deep nesting' };
	if (roll < 0.67) return { payload: `{"x":"${'x'.repeat(r.int(1_050_000, 1_300_000))}"}`, type: 'application/json', note: 'over the body limit' };
	if (roll < 0.72) return { payload: '', type: r.chance(0.5) ? 'application/json' : undefined, note: 'empty body' };
	if (roll < 0.84) {
		const file = Buffer.from(Array.from({ length: r.int(0, 4_000) }, () => r.int(0, 255)));
		const zip = r.chance(0.3) ? Buffer.concat([Buffer.from('PK\u0003\u0004'), file]) : file;
		const field = r.chance(0.8) ? 'file' : fuzzString(r).slice(0, 20);
		const parts = [
			Buffer.from(`--fuzz\r\nContent-Disposition: form-data; name="${field}"; filename="${r.pick(['a.xlsx', 'a.csv', '../../x.xlsx', '附件3.xlsx', ''])}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
			zip,
			Buffer.from(r.chance(0.8) ? '\r\n--fuzz--\r\n' : '\r\n--fu')
		];
		return { payload: Buffer.concat(parts), type: 'multipart/form-data; boundary=fuzz', note: 'multipart' };
	}
	if (roll < 0.9) return { payload: `a=1&${safeEncode(fuzzString(r))}=${safeEncode(fuzzString(r))}`, type: 'application/x-www-form-urlencoded', note: 'form' };
	return { payload: Buffer.from(Array.from({ length: r.int(0, 2_000) }, () => r.int(0, 255))), type: r.pick(CONTENT_TYPES), note: 'random bytes' };
}

async function httpRequest(r: Rng, entry: RouteEntry): Promise<FuzzRequest> {
	const method = r.chance(0.9) ? entry.method : r.pick(METHODS);
	let url = entry.url.replace(/:(\w+)|\*/g, (match, name: string | undefined) => paramValue(r, entry.url, name ?? '*'));
	const queryKeys = schemaKeys(entry.schema.querystring as z.ZodType | undefined);
	if (r.chance(0.5)) {
		const pairs: string[] = [];
		// An enum's own values now and then (a platform, a mode), so routes that need one get past validation.
		for (const key of queryKeys) if (r.chance(0.5)) pairs.push(`${key}=${safeEncode(r.chance(0.5) ? (enumValue(r, entry.schema.querystring, key) ?? fuzzString(r)) : fuzzString(r))}`);
		if (r.chance(0.3)) pairs.push(`${safeEncode(fuzzString(r).slice(0, 30))}=${safeEncode(fuzzString(r))}`);
		if (r.chance(0.1) && queryKeys.length) pairs.push(`${queryKeys[0]}=1`, `${queryKeys[0]}=2`);
		if (r.chance(0.05)) pairs.push(r.pick(['%ZZ', 'a=%', '&&&', '=', 'a[b]=1', 'a[__proto__][x]=1']));
		if (pairs.length) url += `?${pairs.join('&')}`;
	}
	const headers: Record<string, string> = {};
	const who = r();
	// A valid rotation by chance replaces the tokens: follow it, as a coordinator would.
	Object.assign(show, app.deps.repos.shows.tokensOf(show.showId));
	if (app.deps.repos.shows.get(other.showId)) Object.assign(other, app.deps.repos.shows.tokensOf(other.showId));
	if (entry.auth === 'token') {
		if (who < 0.6) headers.authorization = `Bearer ${r.chance(0.8) ? show.producerToken : other.producerToken}`;
		else if (who < 0.8) headers.authorization = `Bearer ${show.hostToken}`;
		else if (who < 0.95) headers.authorization = r.pick(['Bearer', 'Bearer ', 'Basic YWRtaW46YWRtaW4=', `Bearer ${fuzzString(r).replace(/[^\x21-\x7e]/g, 'x')}`, `bearer  ${show.producerToken}  `, 'Bearer a b']);
	} else if (who < 0.7) headers.cookie = await adminCookie();
	else if (who < 0.85) headers.cookie = await cityCookie();
	else if (who < 0.95) headers.cookie = r.pick(['showcall_session=', 'showcall_session=forged', `showcall_session=${'x'.repeat(200)}`, 'a=b; showcall_session', '=;=;', fuzzString(r).replace(/[^\x21-\x7e]/g, 'x')]);
	if (r.chance(0.05)) headers.origin = r.pick(['https://evil.example', 'null', 'http://localhost:80', '::::']);
	if (r.chance(0.05)) headers['sec-fetch-site'] = r.pick(['cross-site', 'same-site', 'none', 'garbage']);
	if (r.chance(0.1)) headers['accept-language'] = fuzzString(r).replace(/[^\x20-\x7e]/g, 'x').slice(0, 200);
	if (r.chance(0.05)) headers['content-encoding'] = r.pick(['gzip', 'br', 'x-fuzz']);
	if (r.chance(0.05)) headers.range = r.pick(['bytes=0-1', 'bytes=999999-', 'bytes=-', 'garbage']);
	if (r.chance(0.05)) headers.accept = r.pick(['application/xml', '*/*', 'text/csv', '']);
	let note = 'no body';
	let payload: string | Buffer | undefined;
	if (!['GET', 'HEAD'].includes(method) && r.chance(0.9)) {
		const body = bodyFor(r, entry);
		payload = body.payload;
		note = body.note;
		if (body.type) headers['content-type'] = r.chance(0.9) ? body.type : r.pick(CONTENT_TYPES);
	}
	return { route: `${entry.method} ${entry.url}`, method, url, headers, payload, note };
}

/** Junk at the socket.io endpoint (Engine.IO's HTTP side: handshakes, polling, upgrades). */
function engineRequest(r: Rng): FuzzRequest {
	const query = [
		`EIO=${r.pick(['4', '3', '5', '', 'x', '4.0'])}`,
		`transport=${r.pick(['polling', 'websocket', 'webtransport', '', 'x'])}`,
		...(r.chance(0.5) ? [`sid=${safeEncode(r.pick(NASTY_STRINGS))}`] : []),
		...(r.chance(0.3) ? [`t=${safeEncode(fuzzString(r).slice(0, 50))}`] : []),
		...(r.chance(0.2) ? [`j=${r.int(0, 9)}`] : [])
	].join('&');
	const method = r.pick(['GET', 'POST', 'OPTIONS', 'PUT']);
	const headers: Record<string, string> = {};
	if (r.chance(0.3)) headers.origin = r.pick(['https://evil.example', 'null']);
	const payload = method === 'POST' ? r.pick(['40', '4', '1:0', `${'x'.repeat(r.int(1, 200_000))}`, '42["command",{}]', '']) : undefined;
	if (payload !== undefined) headers['content-type'] = r.pick(['text/plain;charset=UTF-8', 'application/octet-stream', 'application/json']);
	return { route: 'socket.io endpoint', method, url: `/socket.io/?${query}`, headers, payload, note: 'engine.io' };
}

/** encodeURIComponent for any string (lone surrogates made well-formed first). */
function safeEncode(text: string): string {
	return encodeURIComponent(text.toWellFormed());
}

/** Adds the case to a failure's message. */
function labelled<T>(label: string, promise: Promise<T>): Promise<T> {
	return promise.catch((err: Error) => {
		throw new Error(`${label}: ${err.message}`);
	});
}
