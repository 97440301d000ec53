/**
 * Access, walked over the server's own route table (`app.routeTable`, filled by Fastify's onRoute
 * hook), so a new route is covered the day it is added — and a route of a kind the rules below do
 * not know fails the test until someone says what it is.
 *
 * Per route kind (docs/reliability.md, "Access"):
 *   - public (health, sign-in/out, the public show page, the LAN CA certificate, the UI's files): open;
 *   - token (`/api/live…`): 401 without a bearer token or with a session cookie instead; a host
 *     token may not control (403); a rotated token is 401 at once;
 *   - session (everything else under /api): 401 without a session, with a forged one or a signed-out
 *     one; and for a city account:
 *       · another unit's record (show, product, person, import, training session) → 404, exactly like
 *         a missing one (unit scoping by design: ids reveal nothing);
 *       · creating a record in another unit → 403;
 *       · `?unit=` of another unit on the paperwork routes → 404;
 *       · a province-only action on its own records (approve, award) → 403;
 *       · account management (admins only) → 403, for a province coordinator too.
 *   - every state-changing route refuses a cross-site request (Origin of another site, or
 *     Sec-Fetch-Site: cross-site) with 403 CROSS_SITE_REQUEST, whatever its kind.
 * No refusal changes anything. The socket's handshake and commands follow the same rules.
 *
 * The monitoring wall's socket (namespace `/wall`, a coordinator's session only): anonymous, forged,
 * signed-out and cross-site handshakes and any auth but `{ deviceId }` are refused with their codes;
 * a link token of any role, wherever it is put, opens no wall; a city account's wall never receives
 * another unit's show, push by push.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { io as ioClient, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import type { RouteEntry } from '../../server/deps';
import { endpointList } from '../../src/lib/contract/endpoints';
import { LIVE_COMMAND_TYPES } from '../../src/lib/core/live';
import type { WallClientEvents, WallServerEvents } from '../../src/lib/contract/wall-socket';
import type { WallShowInput } from '../../src/lib/core/wall';
import { anotherShow, closeScreens, command, demoShow, rawSocket, refusedScreen, screen, type ShowHandle } from '../server/live-support';
import { multipart } from '../server/paperwork-support';
import { accountOf, call, personBody, productBody, showBody } from '../server/planning-support';
import { listen, makeApp, makeClock, signIn, type TestClock } from '../server/support';
import { recordFigures } from './support/figures';

type RecordKind = 'show' | 'product' | 'person' | 'import' | 'training';
type Access =
	| { kind: 'public' }
	| { kind: 'token' }
	| { kind: 'session'; record?: RecordKind; adminOnly?: boolean; provinceOnly?: boolean; createsIn?: boolean; unitQuery?: boolean; list?: boolean };

/** What each route is, by method and path; the first rule that matches decides. */
const RULES: [RegExp, Access][] = [
	[/^(GET|HEAD) \/healthz$/, { kind: 'public' }],
	[/^(POST|DELETE) \/api\/session$/, { kind: 'public' }],
	[/^PUT \/api\/session\/password$/, { kind: 'session' }],
	[/^(GET|HEAD) \/api\/public\//, { kind: 'public' }],
	// The LAN CA certificate for tablets to install (a certificate, never a key; 404 without one).
	[/^(GET|HEAD) \/api\/tls\/ca\.crt$/, { kind: 'public' }],
	// The API's own OpenAPI document (generated from the endpoint table).
	[/^(GET|HEAD) \/api\/openapi\.json$/, { kind: 'public' }],
	[/^(GET|HEAD) \/(\*|_app\/.*)?$/, { kind: 'public' }],
	[/^\w+ \/api\/live(\/|$)/, { kind: 'token' }],
	[/^\w+ \/api\/accounts(\/|$)/, { kind: 'session', adminOnly: true }],
	[/^POST \/api\/shows\/:id\/approve$/, { kind: 'session', record: 'show', provinceOnly: true }],
	[/^POST \/api\/people\/:id\/award$/, { kind: 'session', record: 'person', provinceOnly: true }],
	[/^\w+ \/api\/shows\/:id([/.].*)?$/, { kind: 'session', record: 'show' }],
	[/^\w+ \/api\/products\/:id(\/.*)?$/, { kind: 'session', record: 'product' }],
	[/^\w+ \/api\/people\/:id(\/.*)?$/, { kind: 'session', record: 'person' }],
	[/^\w+ \/api\/imports\/:id(\/.*)?$/, { kind: 'session', record: 'import' }],
	[/^\w+ \/api\/training-sessions\/:id$/, { kind: 'session', record: 'training' }],
	[/^POST \/api\/(shows|products|people|training-sessions)$/, { kind: 'session', createsIn: true }],
	[/^(GET|HEAD) \/api\/(forms|progress)(\/[\w.-]+)?$/, { kind: 'session', unitQuery: true }],
	[/^POST \/api\/imports\/products$/, { kind: 'session', unitQuery: true }],
	// Lists and the session itself: a city account gets its own unit's part.
	[/^(GET|HEAD) \/api\/[\w-]+(\/[\w-]+)?$/, { kind: 'session', list: true }]
];

function accessOf(route: RouteEntry): Access | null {
	const key = `${route.method} ${route.url}`;
	const rule = RULES.find(([pattern]) => pattern.test(key));
	return rule ? rule[1] : null;
}

let app: FastifyInstance;
let base: string;
let admin: string;
let wuhan: string;
let provinceCoordinator: string;
let show: ShowHandle;
/** Another unit's (Yichang's) records, and Wuhan's own. */
const yichang = {} as Record<RecordKind, number | string>;
const own = {} as { show: number; person: number };

const XLSX = fileURLToPath(new URL('../fixtures/附件3-宜昌市-通知原版表头.xlsx', import.meta.url));

beforeAll(async () => {
	const clock = makeClock(Date.UTC(2026, 10, 1, 2, 0));
	app = await makeApp({ clock });
	base = await listen(app);
	admin = await signIn(app);
	wuhan = await accountOf(app, 'wuhan', 'wuhan');
	provinceCoordinator = await accountOf(app, 'hubei-staff', 'hubei');
	show = demoShow(app);

	const product = (await call(app, admin, 'POST', '/api/products', productBody({ unitCode: 'yichang', name: '宜昌蜜桔' }))).body;
	const created = (await call(app, admin, 'POST', '/api/shows', showBody({ unitCode: 'yichang', kind: 'city', productIds: [product.id] }, clock()))).body;
	const person = (await call(app, admin, 'POST', '/api/people', personBody({ unitCode: 'yichang', name: '宜昌主播' }))).body;
	const training = (await call(app, admin, 'POST', '/api/training-sessions', { unitCode: 'yichang', title: '宜昌训练营', startsAt: clock() + 86_400_000, place: '宜昌', trainer: '讲师', attendees: 20, notes: '' })).body;
	const upload = multipart('附件3.xlsx', readFileSync(XLSX));
	const preview = await app.inject({ method: 'POST', url: '/api/imports/products?unit=yichang', headers: { cookie: admin, ...upload.headers }, payload: upload.payload });
	expect(preview.statusCode, preview.body).toBe(200);
	Object.assign(yichang, { show: created.id, product: product.id, person: person.id, training: training.id, import: preview.json().id });

	const ownProduct = (await call(app, wuhan, 'POST', '/api/products', productBody())).body;
	own.show = (await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: [ownProduct.id] }, clock()))).body.id;
	own.person = (await call(app, wuhan, 'POST', '/api/people', personBody({ unitCode: 'wuhan', name: '武汉主播' }))).body.id;
	await call(app, wuhan, 'POST', `/api/people/${own.person}/nominate`, {});
});
afterAll(async () => {
	closeScreens();
	await app?.close();
});

/** Everything a refusal must leave alone: every table (SQLite's change counter) and the live state. */
const fingerprint = () => `${(app.deps.db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n}/${app.deps.services.live.snapshot(show.showId)?.version}`;

/** A body that passes validation, for routes whose unit check comes after it. */
function validBody(route: RouteEntry, unitCode = 'yichang'): { payload?: unknown; headers?: Record<string, string> } {
	const key = `${route.method} ${route.url}`;
	if (route.method === 'GET' || route.method === 'HEAD' || route.method === 'DELETE') return {};
	const bodies: Record<string, unknown> = {
		'PATCH /api/shows/:id': { expectedVersion: 1, title: '改' },
		'POST /api/shows/:id/duplicate': { startsAt: Date.UTC(2026, 11, 1) },
		'PATCH /api/products/:id': { name: '改' },
		'PATCH /api/people/:id': { name: '改' },
		'PUT /api/shows/:id/poster': { design: 'festive', qrTarget: 'rooms' },
		'PUT /api/shows/:id/sales': { rows: [] },
		'POST /api/imports/:id/confirm': { rows: [] },
		'PATCH /api/training-sessions/:id': { unitCode, title: '改', startsAt: Date.UTC(2026, 11, 1), place: '宜昌', trainer: '讲师', attendees: 1, notes: '', version: 1 },
		'POST /api/shows': showBody({ unitCode, kind: 'city' }, Date.UTC(2026, 10, 1, 2, 0)),
		'POST /api/products': productBody({ unitCode }),
		'POST /api/people': personBody({ unitCode }),
		'POST /api/training-sessions': { unitCode, title: '训练营', startsAt: Date.UTC(2026, 11, 1), place: '宜昌', trainer: '讲师', attendees: 1, notes: '' }
	};
	// A platform's minute-data export for the report's figure import (preview and confirm).
	if (key.startsWith('POST /api/shows/:id/figures/import')) {
		const upload = multipart('抖音.csv', Buffer.from('时间,实时在线人数\n2026-11-01 19:30,120\n'), 'file', 'text/csv');
		return { payload: upload.payload, headers: upload.headers };
	}
	if (key === 'POST /api/shows/:id/sales/import' || key === 'POST /api/imports/products') {
		const upload = key.endsWith('sales/import') ? multipart('orders.csv', Buffer.from('商品,订单数\n宜昌蜜桔,1\n'), 'file', 'text/csv') : multipart('附件3.xlsx', readFileSync(XLSX));
		return { payload: upload.payload, headers: upload.headers };
	}
	return { payload: key in bodies ? bodies[key] : {} };
}

function urlOf(route: RouteEntry, ids: { id?: number | string } = {}): string {
	return route.url
		.replace(':id', String(ids.id ?? 987654))
		.replace(':role', 'producer')
		.replace(':slug', 'no-such-slug')
		.replace(':command', 'next')
		.replace('*', 'index.html')
		// The figure import's query names the platform (validated before the show is looked up).
		.concat(route.url.includes('/figures/import') ? '?platform=douyin' : '');
}

async function request(route: RouteEntry, url: string, headers: Record<string, string>, body: { payload?: unknown; headers?: Record<string, string> } = {}) {
	const response = await app.inject({
		method: route.method as 'GET',
		url,
		headers: { ...headers, ...body.headers },
		...(body.payload !== undefined ? { payload: body.payload as string } : {})
	});
	return { status: response.statusCode, code: route.method === 'HEAD' ? null : (response.json() as { error?: { code: string } }).error?.code, body: response.body };
}

describe('access over every route of the route table', () => {
	it('knows every route: each is public, token or session, and a session route of a kind it can test', () => {
		const unknown = app.routeTable.filter((r) => accessOf(r) === null).map((r) => `${r.method} ${r.url}`);
		expect(unknown, 'routes no rule classifies: add them to RULES in tests/reliability/access.test.ts').toEqual([]);
		// A rule says public exactly when the route is (auth: 'public'); token routes likewise.
		for (const route of app.routeTable) {
			const access = accessOf(route)!;
			if (route.url.startsWith('/api/') || route.url === '/healthz') expect(route.auth, `${route.method} ${route.url}`).toBe(access.kind);
		}
		// The endpoint table (src/lib/contract/endpoints.ts) says the same of every route (a HEAD is its GET's).
		for (const route of app.routeTable) {
			const method = route.method === 'HEAD' ? 'GET' : route.method;
			const endpoint = endpointList.find((e) => e.method === method && e.path === route.url);
			expect(endpoint, `${route.method} ${route.url} is not in the endpoint table`).toBeDefined();
			expect(endpoint!.auth, `${route.method} ${route.url}`).toBe(accessOf(route)!.kind);
		}
	});

	it('every session route answers 401 without a session, with a forged one and with a signed-out one; nothing changes', async () => {
		const signedOut = await signIn(app);
		await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: signedOut } });
		const before = fingerprint();
		const routes = app.routeTable.filter((r) => accessOf(r)?.kind === 'session');
		for (const route of routes) {
			for (const cookie of [undefined, 'showcall_session=forged-session-token', signedOut, `showcall_session=${show.producerToken}`]) {
				const res = await request(route, urlOf(route, { id: 1 }), cookie ? { cookie } : {}, validBody(route));
				expect(res.status, `${route.method} ${route.url} with ${cookie ?? 'no cookie'}`).toBe(401);
				if (res.code !== null) expect(res.code).toBe('UNAUTHENTICATED');
			}
		}
		expect(fingerprint()).toBe(before);
	});

	it('a city account: another unit’s record is 404 like a missing one, creating in another unit and province-only or admin-only actions are 403; nothing changes', async () => {
		const before = fingerprint();
		const checked: string[] = [];
		for (const route of app.routeTable) {
			const access = accessOf(route)!;
			if (access.kind !== 'session') continue;
			const label = `${route.method} ${route.url}`;
			if (access.adminOnly) {
				for (const cookie of [wuhan, provinceCoordinator]) {
					const payload = route.method === 'POST' ? { username: 'x-user', displayName: 'x', unitCode: 'wuhan', password: 'password-123' } : route.method === 'PATCH' ? { disabled: true } : undefined;
					const res = await request(route, urlOf(route, { id: 1 }), { cookie }, { payload });
					expect(res.status, `${label}: not an administrator`).toBe(403);
				}
				checked.push(label);
			}
			if (access.record) {
				const other = await request(route, urlOf(route, { id: yichang[access.record] }), { cookie: wuhan }, validBody(route));
				const missing = await request(route, urlOf(route, { id: access.record === 'import' ? 'f'.repeat(24) : 987654 }), { cookie: wuhan }, validBody(route));
				expect(other.status, `${label}: another unit's ${access.record} (${other.body.slice(0, 200)})`).toBe(404);
				expect(missing.status, `${label}: a missing ${access.record}`).toBe(404);
				if (other.code !== null) expect(other.body).toBe(missing.body);
				checked.push(label);
			}
			if (access.provinceOnly) {
				const id = access.record === 'show' ? own.show : own.person;
				const res = await request(route, urlOf(route, { id }), { cookie: wuhan }, validBody(route));
				expect(res.status, `${label}: a province-only action on its own record (${res.body.slice(0, 200)})`).toBe(403);
			}
			if (access.createsIn) {
				const res = await request(route, urlOf(route), { cookie: wuhan }, validBody(route, 'yichang'));
				expect(res.status, `${label}: creating in another unit (${res.body.slice(0, 200)})`).toBe(403);
				checked.push(label);
			}
			if (access.unitQuery) {
				const sep = route.url.includes('?') ? '&' : '?';
				const res = await request(route, `${urlOf(route)}${sep}unit=yichang`, { cookie: wuhan }, validBody(route));
				expect(res.status, `${label}?unit=yichang (${res.body.slice(0, 200)})`).toBe(404);
				checked.push(label);
			}
			if (access.list) {
				const res = await request(route, urlOf(route), { cookie: wuhan });
				expect(res.status, `${label} for a city account`).toBe(200);
				checked.push(label);
			}
		}
		expect(fingerprint()).toBe(before);
		expect(checked.length).toBeGreaterThan(40);
	});

	it('every state-changing route refuses a cross-site request, whatever its kind', async () => {
		const before = fingerprint();
		const changing = app.routeTable.filter((r) => !['GET', 'HEAD', 'OPTIONS'].includes(r.method) && r.url.startsWith('/api/'));
		for (const route of changing) {
			const auth: Record<string, string> = accessOf(route)!.kind === 'token' ? { authorization: `Bearer ${show.producerToken}` } : { cookie: admin };
			const sites: Record<string, string>[] = [{ origin: 'https://evil.example' }, { 'sec-fetch-site': 'cross-site' }, { origin: 'null' }];
			for (const site of sites) {
				const res = await request(route, urlOf(route, { id: 1 }), { ...auth, ...site }, validBody(route, 'hubei'));
				expect(res.status, `${route.method} ${route.url} ${JSON.stringify(site)}`).toBe(403);
				expect(res.code).toBe('CROSS_SITE_REQUEST');
			}
		}
		expect(fingerprint()).toBe(before);
		// The same request from the app's own origin goes through.
		const same = await app.inject({ method: 'POST', url: '/api/live/message', headers: { authorization: `Bearer ${show.producerToken}`, origin: 'http://localhost:3000', host: 'localhost:3000' }, payload: { text: '同源' } });
		expect(same.statusCode).toBe(200);
		// And a socket from another site is refused at the handshake.
		expect(await refusedScreen(base, { token: show.producerToken, socket: { extraHeaders: { origin: 'https://evil.example' } } })).toBe('CROSS_SITE_REQUEST');
		recordFigures('access-cross-site', { stateChangingRoutes: changing.length });
	});

	it('token routes: 401 without a token or with a session; a host token never controls, over HTTP or the socket; a token opens only its own show', async () => {
		const other = anotherShow(app, { unitCode: 'yichang' });
		await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${other.producerToken}` }, payload: { mode: 'rehearsal' } });
		const before = fingerprint();
		const tokenRoutes = app.routeTable.filter((r) => accessOf(r)?.kind === 'token');
		for (const route of tokenRoutes) {
			const variants: Record<string, string>[] = [{}, { cookie: admin }, { authorization: 'Bearer not-a-token' }, { authorization: `Basic ${show.producerToken}` }];
			for (const headers of variants) {
				const res = await request(route, urlOf(route), headers, { payload: route.method === 'POST' ? {} : undefined });
				expect(res.status, `${route.method} ${route.url} ${JSON.stringify(headers)}`).toBe(401);
			}
		}
		// Hosts: every command but message-ack is 403 over HTTP…
		for (const type of LIVE_COMMAND_TYPES.filter((t) => t !== 'message-ack')) {
			const res = await app.inject({ method: 'POST', url: `/api/live/${type}`, headers: { authorization: `Bearer ${show.hostToken}` }, payload: {} });
			expect(res.statusCode, type).toBe(403);
		}
		// …and FORBIDDEN on the socket.
		const host = await screen(base, { token: show.hostToken });
		for (const type of LIVE_COMMAND_TYPES.filter((t) => t !== 'message-ack')) {
			const ack = await host.send({ type } as never, { expectedVersion: null });
			expect(ack, type).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		}
		// A recorder link (the 场记's figures) controls nothing at all, over HTTP or the socket…
		for (const type of LIVE_COMMAND_TYPES) {
			const res = await app.inject({ method: 'POST', url: `/api/live/${type}`, headers: { authorization: `Bearer ${show.recorderToken}` }, payload: {} });
			expect(res.statusCode, `recorder ${type}`).toBe(403);
		}
		const recorder = await screen(base, { token: show.recorderToken });
		for (const type of LIVE_COMMAND_TYPES) expect(await recorder.send({ type } as never, { expectedVersion: null }), `recorder ${type}`).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		// …and a host link writes no figures (nor settings), whatever it sends.
		for (const [method, url, payload] of [
			['POST', '/api/live/figures', { platform: 'douyin', figures: { viewers: 1 } }],
			['PATCH', '/api/live/figures/1', { figures: { viewers: 1 } }],
			['DELETE', '/api/live/figures/1', undefined],
			['PUT', '/api/live/figures/settings', { reminderMin: 3 }]
		] as const) {
			const res = await app.inject({ method, url, headers: { authorization: `Bearer ${show.hostToken}` }, ...(payload ? { payload } : {}) });
			expect(res.statusCode, `host ${method} ${url}`).toBe(403);
		}
		expect(await host.writeFigures('add', { platform: 'douyin', figures: { viewers: 1 } })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		expect(await recorder.saveFigureSettings({ reminderMin: 3, showToHost: null })).toMatchObject({ ok: false, code: 'FORBIDDEN' });
		expect(fingerprint()).toBe(before);
		// A token opens its own show only, whatever else the request names.
		const raw = rawSocket(base, { token: show.hostToken, showId: other.showId });
		const welcome = await new Promise<{ sheet: { showId: number } }>((resolve) => raw.once('welcome', resolve));
		expect(welcome.sheet.showId).toBe(show.showId);
		const snapshot = await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${other.hostToken}` } });
		expect(snapshot.json().showId).toBe(other.showId);
		// A show token is no session.
		expect((await app.inject({ method: 'GET', url: `/api/shows/${show.showId}`, headers: { authorization: `Bearer ${show.producerToken}` } })).statusCode).toBe(401);
	});

	it('a rotated token is dead at once: HTTP 401, its screens dropped and refused on reconnection; the new one works', async () => {
		const producer = await screen(base, { token: show.producerToken, reconnect: true });
		const old = show.producerToken;
		const revoked = new Promise<string | undefined>((resolve) => producer.on('status', (status, error) => status === 'revoked' && resolve(error?.code)));
		const rotated = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/producer/rotate`, headers: { cookie: admin }, payload: {} });
		expect(rotated.statusCode).toBe(200);
		const fresh = rotated.json().producer.token as string;
		expect(fresh).not.toBe(old);
		expect(await revoked).toBe('TOKEN_ROTATED');
		const http = await app.inject({ method: 'POST', url: '/api/live/message', headers: { authorization: `Bearer ${old}` }, payload: { text: 'x' } });
		expect(http.statusCode).toBe(401);
		expect(http.json().error.code).toBe('INVALID_TOKEN');
		expect(await refusedScreen(base, { token: old })).toBe('INVALID_TOKEN');
		const ok = await app.inject({ method: 'POST', url: '/api/live/message', headers: { authorization: `Bearer ${fresh}` }, payload: { text: '新链接' } });
		expect(ok.statusCode).toBe(200);
		show.producerToken = fresh;
		// Hosts were not touched.
		expect((await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${show.hostToken}` } })).statusCode).toBe(200);
	});

	it('the public page carries no token, producer note or script', async () => {
		const demo = app.deps.repos.shows.get(show.showId)!;
		await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/report`, headers: { cookie: admin }, payload: {} });
		const res = await app.inject({ method: 'GET', url: `/api/public/shows/${demo.slug}` });
		expect(res.statusCode).toBe(200);
		const tokens = app.deps.repos.shows.tokensOf(show.showId)!;
		for (const secret of [tokens.producerToken, tokens.hostToken]) expect(res.body).not.toContain(secret);
		for (const segment of demo.segments) {
			if (segment.notes) expect(res.body).not.toContain(segment.notes);
			if (segment.script) expect(res.body).not.toContain(segment.script);
		}
		recordFigures('access', {
			routes: app.routeTable.length,
			apiRoutes: app.routeTable.filter((r) => r.url.startsWith('/api/')).length,
			byKind: Object.fromEntries(
				['public', 'token', 'session'].map((kind) => [kind, app.routeTable.filter((r) => accessOf(r)?.kind === kind).length])
			)
		});
	});
});

describe('the wall socket (/wall)', () => {
	type WallSocket = Socket<WallServerEvents, WallClientEvents>;
	// An app of its own: the wrong sessions below count towards the address's limit from zero.
	let wallApp: FastifyInstance;
	let wallBase: string;
	let clock: TestClock;
	let adminCookie: string;
	let wuhanCookie: string;
	const sockets: WallSocket[] = [];

	beforeAll(async () => {
		clock = makeClock(Date.UTC(2026, 10, 1, 2, 0));
		wallApp = await makeApp({ clock });
		wallBase = await listen(wallApp);
		adminCookie = await signIn(wallApp);
		wuhanCookie = await accountOf(wallApp, 'wuhan', 'wuhan');
	});
	afterAll(async () => {
		for (const socket of sockets.splice(0)) socket.close();
		closeScreens();
		await wallApp?.close();
	});

	const changes = () => `${(wallApp.deps.db.$client.prepare('SELECT total_changes() AS n').get() as { n: number }).n}`;

	function openWall(options: { auth?: object; headers?: Record<string, string>; query?: Record<string, string> } = {}): WallSocket {
		const socket: WallSocket = ioClient(`${wallBase}/wall`, { transports: ['websocket'], auth: options.auth ?? {}, extraHeaders: options.headers ?? {}, query: options.query, reconnection: false, forceNew: true });
		sockets.push(socket);
		return socket;
	}
	/** The code a handshake is refused with, or 'connected'. */
	function outcome(socket: WallSocket): Promise<string | undefined> {
		return new Promise((resolve) => {
			socket.once('connect', () => resolve('connected'));
			socket.once('connect_error', (err: Error & { data?: { code?: string } }) => resolve(err.data?.code ?? err.message));
		});
	}
	const attempt = async (options: Parameters<typeof openWall>[0]) => {
		const socket = openWall(options);
		const result = await outcome(socket);
		socket.close();
		return result;
	};

	it('refuses anonymous, forged, signed-out, cross-site and malformed handshakes with their codes; nothing changes', async () => {
		const signedOut = await signIn(wallApp);
		await wallApp.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: signedOut } });
		const before = changes();
		expect(await attempt({})).toBe('UNAUTHENTICATED');
		for (const cookie of ['showcall_session=forged-session-token', 'showcall_session=', signedOut, 'other_cookie=1']) expect(await attempt({ headers: { cookie } }), cookie).toBe('UNAUTHENTICATED');
		for (const site of [{ origin: 'https://evil.example' }, { origin: 'null' }, { 'sec-fetch-site': 'cross-site' }] as Record<string, string>[]) {
			expect(await attempt({ headers: { cookie: adminCookie, ...site } }), JSON.stringify(site)).toBe('CROSS_SITE_REQUEST');
		}
		for (const auth of [{ showId: 1 }, { deviceId: '../..' }, { deviceId: 'x'.repeat(65) }, { deviceId: 7 }, { deviceId: 'wall-1', deviceName: '客厅' }, { unit: 'yichang' }, { scope: 'province' }]) {
			expect(await attempt({ auth, headers: { cookie: wuhanCookie } }), JSON.stringify(auth)).toBe('VALIDATION');
		}
		expect(changes()).toBe(before);
		// The same session from the app's own origin opens it, with or without a device id.
		expect(await attempt({ headers: { cookie: adminCookie, origin: wallBase } })).toBe('connected');
		expect(await attempt({ auth: { deviceId: 'wall-tv_1' }, headers: { cookie: wuhanCookie } })).toBe('connected');
	});

	it('a link token of any role opens no wall, wherever it is put', async () => {
		const show = demoShow(wallApp);
		const before = changes();
		for (const [role, token] of [['producer', show.producerToken], ['host', show.hostToken], ['recorder', show.recorderToken]] as const) {
			expect(await attempt({ auth: { token } }), `${role}: auth.token`).toBe('VALIDATION');
			expect(await attempt({ auth: { token }, headers: { cookie: adminCookie } }), `${role}: auth.token beside a session`).toBe('VALIDATION');
			expect(await attempt({ headers: { cookie: `showcall_session=${token}` } }), `${role}: as the session cookie`).toBe('UNAUTHENTICATED');
			expect(await attempt({ headers: { authorization: `Bearer ${token}` } }), `${role}: bearer header`).toBe('UNAUTHENTICATED');
			expect(await attempt({ query: { token } }), `${role}: query`).toBe('UNAUTHENTICATED');
			expect(await attempt({ auth: { deviceId: token.slice(0, 64) } }), `${role}: as the device id`).toBe('UNAUTHENTICATED');
		}
		expect(changes()).toBe(before);
	});

	it('a city account’s wall never receives another unit’s show, over a scripted run of two units’ shows', async () => {
		const soon = clock() + 30 * 60_000;
		const wuhan = anotherShow(wallApp, { unitCode: 'wuhan', startsAt: soon });
		const yichang = anotherShow(wallApp, { unitCode: 'yichang', startsAt: soon });
		const unitOf = new Map([[wuhan.showId, 'wuhan'], [yichang.showId, 'yichang']]);
		const record = (socket: WallSocket) => {
			const received: { event: string; payload: unknown }[] = [];
			socket.onAny((event: string, payload: unknown) => received.push({ event, payload }));
			return received;
		};
		const cityWall = openWall({ headers: { cookie: wuhanCookie } });
		const provinceWall = openWall({ headers: { cookie: adminCookie } });
		const city = record(cityWall);
		const province = record(provinceWall);
		expect(await outcome(cityWall)).toBe('connected');
		expect(await outcome(provinceWall)).toBe('connected');

		// The same steps on both shows, Yichang's first each time, so every push about Yichang
		// reaches a wall before the push about Wuhan that follows it.
		const hosts = new Map<number, Awaited<ReturnType<typeof screen>>>();
		const steps: [string, (s: ShowHandle) => Promise<unknown>][] = [
			['start', (s) => command(wallApp, s.producerToken, 'start', { mode: 'live' })],
			['a host screen', async (s) => hosts.set(s.showId, await screen(wallBase, { token: s.hostToken, deviceId: `host-${s.showId}` }))],
			['next', (s) => command(wallApp, s.producerToken, 'next')],
			['add-time', (s) => command(wallApp, s.producerToken, 'add-time', { deltaMs: 60_000 })],
			['figures', async (s) => expect((await wallApp.inject({ method: 'POST', url: '/api/live/figures', headers: { authorization: `Bearer ${s.recorderToken}` }, payload: { platform: 'douyin', line: '在线 1.2万 成交 88' } })).statusCode).toBe(201)],
			['pause', (s) => command(wallApp, s.producerToken, 'pause')],
			['resume', (s) => command(wallApp, s.producerToken, 'resume')],
			['message', (s) => command(wallApp, s.producerToken, 'message', { text: '注意时间' })],
			['the host screen leaves', async (s) => hosts.get(s.showId)!.close()],
			// A planning change (what an edit of the show or its run-sheet announces): the wall reloads the show.
			['a planning change', async (s) => wallApp.deps.bus.emit('showChanged', s.showId)],
			['end', (s) => command(wallApp, s.producerToken, 'end')]
		];
		for (const [, step] of steps) {
			await step(yichang);
			await step(wuhan);
		}
		const untiled = (received: typeof city, showId: number) => received.some((r) => r.event === 'untile' && (r.payload as { showId: number }).showId === showId);
		await expect.poll(() => untiled(province, yichang.showId) && untiled(province, wuhan.showId), { timeout: 5_000 }).toBe(true);
		await expect.poll(() => untiled(city, wuhan.showId), { timeout: 5_000 }).toBe(true);

		/** Every show a push names. */
		const named = (r: { event: string; payload: unknown }): number[] =>
			r.event === 'untile' ? [(r.payload as { showId: number }).showId] : r.event === 'wall' || r.event === 'shows' ? (r.payload as { shows: WallShowInput[] }).shows.map((s) => s.showId) : [];
		for (const [n, push] of city.entries()) {
			for (const showId of named(push)) expect(unitOf.get(showId) ?? 'another show', `the city wall's push ${n} (${push.event})`).toBe('wuhan');
			if (push.event === 'shows' || push.event === 'wall') for (const tile of (push.payload as { shows: WallShowInput[] }).shows) expect(tile.unitCode).toBe('wuhan');
			expect(JSON.stringify(push.payload), `push ${n}`).not.toMatch(new RegExp(`"showId":${yichang.showId}\\b`));
		}
		// Not vacuous: the city wall heard Wuhan's run, and the province's wall heard Yichang's as often.
		const about = (received: typeof city, showId: number) => received.filter((r) => named(r).includes(showId)).length;
		expect(about(city, wuhan.showId)).toBeGreaterThanOrEqual(8);
		expect(about(province, yichang.showId)).toBe(about(city, wuhan.showId));
		recordFigures('access-wall', { cityPushes: city.length, provincePushes: province.length, steps: steps.length });
	});

	it('wrong sessions count towards the address’s limit: past it, even a good session is RATE_LIMITED until the minute is over', async () => {
		let refusals = 0;
		while ((await attempt({ headers: { cookie: 'showcall_session=guessed' } })) === 'UNAUTHENTICATED') {
			refusals++;
			expect(refusals).toBeLessThanOrEqual(30);
		}
		expect(await attempt({ headers: { cookie: adminCookie } })).toBe('RATE_LIMITED');
		clock.advance(61_000);
		expect(await attempt({ headers: { cookie: adminCookie } })).toBe('connected');
	});
});
