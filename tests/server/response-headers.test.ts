/**
 * Every answer's headers, over real HTTP: the security headers (server/http/security-headers.ts: the
 * API's short set under /api, helmet's for everything else), the API's `cache-control: no-store`, the
 * content type — for a live command's answer, each of its refusals (401, 403, 404, 400, 422), the
 * cross-site refusal, a session route and its refusal, an unknown API path, the API's downloads, the
 * health check, a page and a file of the build. Pinned whole (less the per-answer date, length and
 * connection headers), so a change to how the hooks add them cannot drop or alter one unseen.
 */
import type { FastifyInstance } from 'fastify';
import { createHash } from 'node:crypto';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isApiUrl } from '../../server/http/route';
import { demoShow, type ShowHandle } from './live-support';
import { makeApp, makeClock, signIn } from './support';

let app: FastifyInstance;
let show: ShowHandle;
let base: string;
let cookie: string;
// A stand-in for the UI's build: its page (with an inline script, allowed by hash) and one file.
const uiDir = mkdtempSync(join(tmpdir(), 'showcall-headers-ui-'));

beforeAll(async () => {
	writeFileSync(join(uiDir, '200.html'), '<!doctype html><html><body><script>boot()</script></body></html>');
	writeFileSync(join(uiDir, 'robots.txt'), 'User-agent: *\n');
	app = await makeApp({ clock: makeClock(), uiDir });
	show = demoShow(app);
	cookie = await signIn(app);
	await app.listen({ port: 0, host: '127.0.0.1' });
	base = `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;
});
afterAll(async () => {
	await app.close();
	rmSync(uiDir, { recursive: true, force: true });
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

/** Under /api: OWASP's REST set (security-headers.ts says why each, and why no other). */
const API_SECURITY = {
	'cache-control': 'no-store',
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
	'cross-origin-resource-policy': 'same-origin',
	'x-content-type-options': 'nosniff'
};
/** Everywhere else: helmet's, less X-XSS-Protection and X-Download-Options. */
const PAGE_SECURITY = {
	'content-security-policy':
		`default-src 'self';base-uri 'self';font-src 'self' https: data:;form-action 'self';frame-ancestors 'self';img-src 'self' data: blob:;object-src 'none';script-src 'self' 'sha256-${createHash('sha256').update('boot()').digest('base64')}';script-src-attr 'none';style-src 'self' 'unsafe-inline';connect-src 'self'`,
	'cross-origin-opener-policy': 'same-origin',
	'cross-origin-resource-policy': 'same-origin',
	'origin-agent-cluster': '?1',
	'referrer-policy': 'no-referrer',
	'x-content-type-options': 'nosniff',
	'x-dns-prefetch-control': 'off',
	'x-frame-options': 'SAMEORIGIN',
	'x-permitted-cross-domain-policies': 'none'
};
const JSON_TYPE = 'application/json; charset=utf-8';
const API = { ...API_SECURITY, 'content-type': JSON_TYPE };

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
			['unknown API path with a query', await headersOf('GET', '/api/nope?x=1', { headers: { cookie } }), 404, API],
			['the API path itself', await headersOf('GET', '/api'), 404, API]
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

	it('are the API set on its downloads, beside a safe Content-Disposition, and the page set elsewhere', async () => {
		const xlsx = await headersOf('GET', `/api/shows/${show.showId}/report.xlsx`, { headers: { cookie } });
		expect(xlsx.status).toBe(200);
		expect(xlsx.headers).toEqual({
			...API_SECURITY,
			'content-type': 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
			'content-disposition': expect.stringMatching(/^attachment; filename="report-show-\d+\.xlsx"; filename\*=UTF-8''%E7%9B%B4%E6%92%AD%E5%A4%8D%E7%9B%98-[^"\s;]+\.xlsx$/)
		});
		const svg = await headersOf('GET', `/api/shows/${show.showId}/poster.svg?format=a4&download=1`, { headers: { cookie } });
		expect(svg.status).toBe(200);
		expect(svg.headers).toEqual({
			...API_SECURITY,
			'content-type': 'image/svg+xml; charset=utf-8',
			'content-disposition': expect.stringMatching(/^attachment; filename="poster-[a-z0-9-]+-[a-z]+-a4\.svg"; filename\*=UTF-8''[^"\s;]+\.svg$/)
		});
		const page = await headersOf('GET', '/shows/12');
		expect(page).toEqual({ status: 200, headers: { ...PAGE_SECURITY, 'cache-control': 'no-cache', 'content-type': 'text/html; charset=utf-8', 'accept-ranges': 'bytes', 'last-modified': expect.any(String), etag: expect.any(String), vary: 'accept-encoding' } });
		const file = await headersOf('GET', '/robots.txt');
		expect(file.status).toBe(200);
		expect(file.headers).toMatchObject({ ...PAGE_SECURITY, 'cache-control': 'no-cache' });
		const health = await headersOf('GET', '/healthz');
		expect(health).toEqual({ status: 200, headers: { ...PAGE_SECURITY, 'cache-control': 'no-store', 'content-type': JSON_TYPE } });
	});
});

/** The floor under every answer, whatever else changes: what each kind of answer must never lose. */
describe('the headers an answer must keep', () => {
	it('nosniff and frame-ancestors on every API answer, a script-limiting CSP and nosniff on every page', async () => {
		const apiAnswers = [
			await headersOf('POST', '/api/live/next', { headers: { authorization: `Bearer ${show.producerToken}` } }),
			await headersOf('GET', '/api/shows', { headers: { cookie } }),
			await headersOf('GET', '/api/nope'),
			await headersOf('GET', `/api/shows/${show.showId}/report.xlsx`, { headers: { cookie } }),
			await headersOf('GET', `/api/shows/${show.showId}/poster.svg?format=a4&download=1`, { headers: { cookie } })
		];
		for (const { headers } of apiAnswers) {
			expect(headers['x-content-type-options']).toBe('nosniff');
			expect(headers['content-security-policy']).toMatch(/(^|;)\s*frame-ancestors 'none'/);
			expect(headers['content-security-policy']).toMatch(/(^|;)\s*default-src 'none'/);
		}
		for (const path of ['/', '/shows/12', '/producer/some-token', '/robots.txt']) {
			const { status, headers } = await headersOf('GET', path);
			expect(status, path).toBe(200);
			expect(headers['x-content-type-options'], path).toBe('nosniff');
			expect(headers['content-security-policy'], path).toMatch(/(^|;)script-src 'self'( 'sha256-[A-Za-z0-9+/=]+')*(;|$)/);
			expect(headers['content-security-policy'], path).toMatch(/(^|;)object-src 'none'(;|$)/);
			expect(headers['content-security-policy'], path).toMatch(/(^|;)frame-ancestors 'self'(;|$)/);
		}
	});

	it('are chosen by one rule: the path /api, below it, or with a query — not a path that only begins with the letters', async () => {
		for (const url of ['/api', '/api/', '/api/live/next', '/api?x=1']) expect(isApiUrl(url), url).toBe(true);
		for (const url of ['/', '/apiary', '/ap', '/shows/api', '/healthz']) expect(isApiUrl(url), url).toBe(false);
		// A page path that begins with the letters is the app's page, with the page's CSP.
		const { status, headers } = await headersOf('GET', '/apiary');
		expect(status).toBe(200);
		expect(headers['content-type']).toMatch(/^text\/html/);
		expect(headers['content-security-policy']).toMatch(/(^|;)script-src 'self'/);
	});
});
