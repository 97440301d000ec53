/**
 * Every answer's headers, over real HTTP: the security headers (helmet's set, built once), the API's
 * `cache-control: no-store`, the content type — for a live command's answer, each of its refusals
 * (401, 403, 404, 400, 422), the cross-site refusal, a session route and its refusal, an unknown API
 * path and the health check. Pinned whole (less the per-answer date, length and connection headers), so
 * a change to how the hooks add them cannot drop or alter one unseen.
 */
import type { FastifyInstance } from 'fastify';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoShow, type ShowHandle } from './live-support';
import { makeApp, makeClock, signIn } from './support';

let app: FastifyInstance;
let show: ShowHandle;
let base: string;
let cookie: string;

beforeAll(async () => {
	app = await makeApp({ clock: makeClock() });
	show = demoShow(app);
	cookie = await signIn(app);
	await app.listen({ port: 0, host: '127.0.0.1' });
	base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await app.close();
});

/** Per answer, not per route: left out of the comparison. */
const VARYING = new Set(['date', 'content-length', 'connection', 'keep-alive', 'transfer-encoding']);

async function headersOf(method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) {
	const response = await fetch(`${base}${path}`, { method, headers: init.headers, body: init.body });
	await response.arrayBuffer();
	const headers: Record<string, string> = {};
	response.headers.forEach((value, name) => {
		if (!VARYING.has(name)) headers[name] = value;
	});
	return { status: response.status, headers };
}

const SECURITY = {
	'content-security-policy':
		"default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'",
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'origin-agent-cluster': '?1',
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	'x-dns-prefetch-control': 'off',
	'x-download-options': 'noopen',
	'x-frame-options': 'SAMEORIGIN',
	'x-permitted-cross-domain-policies': 'none',
	'x-xss-protection': '0'
};
const JSON_TYPE = 'application/json; charset=utf-8';
const API = { ...SECURITY, 'cache-control': 'no-store', 'content-type': JSON_TYPE };

describe('answer headers', () => {
	it('are the same on a live command, its refusals and the session routes', async () => {
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		const json = (token: string) => ({ ...bearer(token), 'content-type': 'application/json' });
		const cases: [string, Awaited<ReturnType<typeof headersOf>>, number, Record<string, string>][] = [
			['start', await headersOf('POST', '/api/live/start', { headers: bearer(show.producerToken) }), 200, API],
			['add-time', await headersOf('POST', '/api/live/add-time', { headers: json(show.producerToken), body: '{"deltaMs":30000}' }), 200, API],
			['empty JSON body', await headersOf('POST', '/api/live/next', { headers: json(show.producerToken), body: '' }), 200, API],
			['no token', await headersOf('POST', '/api/live/add-time', { headers: { 'content-type': 'application/json' }, body: '{"deltaMs":1000}' }), 401, API],
			['unknown token', await headersOf('POST', '/api/live/next', { headers: bearer('not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaa') }), 401, API],
			['not the role', await headersOf('POST', '/api/live/next', { headers: bearer(show.recorderToken) }), 403, API],
			['unknown command', await headersOf('POST', '/api/live/nope', { headers: bearer(show.producerToken) }), 404, API],
			['invalid body', await headersOf('POST', '/api/live/add-time', { headers: json(show.producerToken), body: '{"deltaMs":"x"}' }), 400, API],
			['invalid JSON', await headersOf('POST', '/api/live/add-time', { headers: json(show.producerToken), body: '{' }), 400, API],
			['not allowed now', await headersOf('POST', '/api/live/start', { headers: bearer(show.producerToken) }), 422, API],
			['cross-site', await headersOf('POST', '/api/live/next', { headers: { ...bearer(show.producerToken), origin: 'http://evil.example' } }), 403, API],
			['snapshot', await headersOf('GET', '/api/live', { headers: bearer(show.producerToken) }), 200, API],
			['session route', await headersOf('GET', '/api/session', { headers: { cookie } }), 200, API],
			['session route, signed out', await headersOf('GET', '/api/shows'), 401, API],
			['unknown API path', await headersOf('GET', '/api/nope', { headers: { cookie } }), 404, API],
			['health check', await headersOf('GET', '/healthz'), 200, API]
		];
		for (const [name, got, status, headers] of cases) expect({ name, ...got }).toEqual({ name, status, headers });
	});

	it('sets the session cookie and the rate limit headers on sign-in beside the same headers', async () => {
		const got = await headersOf('POST', '/api/session', { headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: 'test-admin-password' }) });
		expect(got.status).toBe(200);
		const { 'set-cookie': setCookie, ...rest } = got.headers;
		// The second sign-in of the suite (beforeAll's was the first): the limit applies to the route.
		expect(rest).toEqual({ ...API, 'x-ratelimit-limit': '10', 'x-ratelimit-remaining': '8', 'x-ratelimit-reset': '60' });
		expect(setCookie).toMatch(/^showcall_session=[^;]+; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);
	});
});
