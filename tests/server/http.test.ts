import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ADMIN_PASSWORD, makeApp, signIn } from './support';

let app: FastifyInstance;
beforeEach(async () => {
	app = await makeApp();
});
afterEach(() => app.close());

describe('health and routing', () => {
	it('answers /healthz with ok once the database is migrated', async () => {
		const res = await app.inject('/healthz');
		expect(res.statusCode).toBe(200);
		expect(res.json()).toEqual({ ok: true });
	});

	it('answers unknown /api paths with the JSON 404, never the page', async () => {
		for (const url of ['/api/nope', '/api/shows/1/nope', '/api']) {
			const res = await app.inject(url);
			expect(res.statusCode).toBe(404);
			expect(res.headers['content-type']).toContain('application/json');
			expect(res.json().error.code).toBe('NOT_FOUND');
		}
		const post = await app.inject({ method: 'POST', url: '/some/page' });
		expect(post.statusCode).toBe(404);
		expect(post.json().error.code).toBe('NOT_FOUND');
	});

	it('answers client routes with the SPA page and sends security headers everywhere', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));
		writeFileSync(join(dir, '200.html'), '<!doctype html><html><body><script>boot()</script></body></html>');
		const withUi = await makeApp({ uiDir: dir });
		try {
			const res = await withUi.inject('/shows/12');
			expect(res.statusCode).toBe(200);
			expect(res.headers['content-type']).toContain('text/html');
			expect(res.body).toContain('boot()');
			// The inline bootstrap script is allowed by its hash, nothing else inline.
			expect(res.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-[A-Za-z0-9+/=]+'/);
			expect(res.headers['x-content-type-options']).toBe('nosniff');
			expect(res.headers['x-frame-options']).toBe('SAMEORIGIN');
			// The root, the address the server prints on start, is a client route too.
			for (const root of ['/', '/?from=qr']) {
				const page = await withUi.inject(root);
				expect(page.statusCode, root).toBe(200);
				expect(page.body).toContain('boot()');
			}
			const api = await withUi.inject('/api/nope');
			expect(api.headers['x-content-type-options']).toBe('nosniff');
			expect(api.json().error.code).toBe('NOT_FOUND');
		} finally {
			await withUi.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});

describe('sign-in', () => {
	it('sets an HttpOnly SameSite=Strict cookie and tells who is signed in', async () => {
		const res = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: ADMIN_PASSWORD } });
		expect(res.statusCode).toBe(200);
		expect(res.json().account).toMatchObject({ username: 'admin', role: 'admin', unitCode: 'hubei', scope: 'province' });
		const setCookie = String(res.headers['set-cookie']);
		expect(setCookie).toMatch(/HttpOnly/);
		expect(setCookie).toMatch(/SameSite=Strict/);
		expect(res.body).not.toContain('passwordHash');

		const cookie = await signIn(app);
		const me = await app.inject({ url: '/api/session', headers: { cookie } });
		expect(me.json().account.username).toBe('admin');

		const out = await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie } });
		expect(out.statusCode).toBe(200);
		const after = await app.inject({ url: '/api/session', headers: { cookie } });
		expect(after.statusCode).toBe(401);
		expect(after.json().error.code).toBe('UNAUTHENTICATED');
	});

	it('answers 401 alike for a wrong password and an unknown user', async () => {
		const wrongPassword = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: 'nope-nope' } });
		const unknownUser = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'nobody', password: 'nope-nope' } });
		expect(wrongPassword.statusCode).toBe(401);
		expect(unknownUser.statusCode).toBe(401);
		expect(wrongPassword.json()).toEqual(unknownUser.json());
		expect(wrongPassword.headers['set-cookie']).toBeUndefined();
	});

	it('limits sign-in requests per address (wrong passwords are throttled sooner: sign-in.test.ts)', async () => {
		const attempt = () => app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin' } });
		for (let i = 0; i < 10; i++) expect((await attempt()).statusCode).toBe(400);
		const limited = await attempt();
		expect(limited.statusCode).toBe(429);
		expect(limited.json().error.code).toBe('RATE_LIMITED');
		// Another address is not affected.
		const other = await app.inject({ method: 'POST', url: '/api/session', remoteAddress: '10.0.0.9', payload: { username: 'admin', password: ADMIN_PASSWORD } });
		expect(other.statusCode).toBe(200);
	});

	it('guards every session route, and refuses a forged or expired cookie', async () => {
		for (const url of ['/api/session', '/api/shows', '/api/units', '/api/shows/1']) {
			const res = await app.inject({ url, headers: { cookie: 'showcall_session=forged' } });
			expect(res.statusCode, url).toBe(401);
			expect(res.json().error.code).toBe('UNAUTHENTICATED');
		}
	});
});

describe('bad input', () => {
	it('refuses malformed JSON, wrong content types, bad fields and oversize bodies with the error shape', async () => {
		const malformed = await app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'application/json' }, payload: '{"username":' });
		expect(malformed.statusCode).toBe(400);
		expect(malformed.json().error.code).toBe('INVALID_JSON');

		const csv = await app.inject({ method: 'POST', url: '/api/session', headers: { 'content-type': 'text/csv' }, payload: 'a,b' });
		expect(csv.statusCode).toBe(415);
		expect(csv.json().error.code).toBe('UNSUPPORTED_MEDIA_TYPE');

		const fields = await app.inject({ method: 'POST', url: '/api/session', payload: { username: '', password: 5, extra: true } });
		expect(fields.statusCode).toBe(400);
		const body = fields.json();
		expect(body.error.code).toBe('VALIDATION');
		expect(body.error.fields.map((f: { path: string }) => f.path)).toEqual(expect.arrayContaining(['username', 'password']));

		const huge = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'a', password: 'x'.repeat(2 * 1024 * 1024) } });
		expect(huge.statusCode).toBe(413);
		expect(huge.json().error.code).toBe('BODY_TOO_LARGE');

		const long = await app.inject({ url: `/api/shows/${'9'.repeat(300)}` });
		expect(long.statusCode).toBe(414);
		expect(long.json().error.code).toBe('URI_TOO_LONG');
		const badUrl = await app.inject({ url: '/api/shows/%E0%A4%A' });
		expect(badUrl.statusCode).toBe(400);
		expect(badUrl.json().error.code).toBe('BAD_REQUEST');

		const params = await app.inject({ url: '/api/shows/abc', headers: { cookie: await signIn(app) } });
		expect(params.statusCode).toBe(400);
		expect(params.json().error.code).toBe('VALIDATION');

		// The server is still up.
		expect((await app.inject('/healthz')).statusCode).toBe(200);
	});

	it('refuses a cross-site state-changing request', async () => {
		const res = await app.inject({
			method: 'POST',
			url: '/api/session',
			headers: { origin: 'https://evil.example', host: 'localhost:3000' },
			payload: { username: 'admin', password: ADMIN_PASSWORD }
		});
		expect(res.statusCode).toBe(403);
		expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
		const sameSite = await app.inject({
			method: 'POST',
			url: '/api/session',
			headers: { origin: 'http://localhost:3000', host: 'localhost:3000' },
			payload: { username: 'admin', password: ADMIN_PASSWORD }
		});
		expect(sameSite.statusCode).toBe(200);
	});

	it('hides the detail of a 5xx', async () => {
		const fresh = await makeApp();
		fresh.get('/api/test-boom', { config: { auth: 'public' } }, () => {
			throw new Error('secret internals: /etc/passwd');
		});
		const res = await fresh.inject('/api/test-boom');
		expect(res.statusCode).toBe(500);
		expect(res.json()).toEqual({ error: { code: 'INTERNAL', message: 'Internal server error' } });
		await fresh.close();
	});
});

describe('first start', () => {
	it('seeds the units, the admin and a demo show with the standard run-sheet', async () => {
		const cookie = await signIn(app);
		const units = (await app.inject({ url: '/api/units', headers: { cookie } })).json().units;
		expect(units).toHaveLength(18);
		expect(units.filter((u: { kind: string }) => u.kind === 'city')).toHaveLength(17);
		expect(units.map((u: { nameZh: string }) => u.nameZh)).toEqual(expect.arrayContaining(['武汉市', '恩施土家族苗族自治州', '神农架林区']));

		const shows = (await app.inject({ url: '/api/shows', headers: { cookie } })).json().shows;
		// The demo show comes first; the planning demo adds a few later shows for the calendar.
		expect(shows.length).toBeGreaterThanOrEqual(1);
		expect(shows[0].title).toContain('荆楚好味道');
		const show = (await app.inject({ url: `/api/shows/${shows[0].id}`, headers: { cookie } })).json();
		const kinds = show.segments.map((s: { kind: string }) => s.kind);
		expect(kinds[0]).toBe('warmup');
		expect(show.segments[0].durationSec).toBe(15 * 60);
		expect(kinds[1]).toBe('opening');
		expect(kinds.at(-1)).toBe('closing');
		expect(kinds.filter((k: string) => k === 'product').length).toBeGreaterThanOrEqual(5);
		expect(show.segments[0]).toEqual(expect.objectContaining({ id: expect.any(String), title: expect.any(String), durationSec: expect.any(Number) }));
		expect(JSON.stringify(show)).not.toMatch(/producerToken|hostToken/);
		expect(app.deps.repos.products.list().length).toBeGreaterThanOrEqual(6);

		// A second start adds nothing.
		await (await import('../../server/seed/seed.service')).seed(app.deps, null);
		expect((await app.inject({ url: '/api/shows', headers: { cookie } })).json().shows).toHaveLength(shows.length);
	});
});
