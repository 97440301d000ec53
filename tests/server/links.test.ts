import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/accounts/password';
import { lanAddress, linkOrigin, ownHostNames } from '../../server/planning/links.service';
import { makeApp, signIn } from './support';

/** A Host header that names this machine (links take their origin only from such a one). */
const OWN_HOST = `${hostname().toLowerCase()}:3000`;

let app: FastifyInstance;
let cookie: string;
let showId: number;

beforeEach(async () => {
	app = await makeApp();
	cookie = await signIn(app);
	showId = app.deps.repos.shows.list()[0].id;
});
afterEach(() => app.close());

describe('show links', () => {
	it('gives the coordinator a producer, a host and a recorder link, each with its own long secret', async () => {
		const res = await app.inject({ url: `/api/shows/${showId}/links`, headers: { cookie, host: OWN_HOST } });
		expect(res.statusCode).toBe(200);
		const links = res.json();
		expect(new Set([links.producer.token, links.host.token, links.recorder.token]).size).toBe(3);
		for (const role of ['producer', 'host', 'recorder'] as const) {
			// ≥ 128 bits of base64url.
			expect(links[role].token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
			expect(links[role].url).toBe(`http://${OWN_HOST}/${role}/${links[role].token}`);
			expect(app.deps.repos.shows.findByToken(links[role].token)).toEqual({ showId, role });
		}
	});

	it('rotates one link: the old token opens nothing at once, the other is kept', async () => {
		const before = (await app.inject({ url: `/api/shows/${showId}/links`, headers: { cookie } })).json();
		const rotated: unknown[] = [];
		app.deps.bus.on('tokenRotated', (...args) => rotated.push(args));
		const res = await app.inject({ method: 'POST', url: `/api/shows/${showId}/links/host/rotate`, headers: { cookie } });
		expect(res.statusCode).toBe(200);
		const after = res.json();
		expect(after.host.token).not.toBe(before.host.token);
		expect(after.producer.token).toBe(before.producer.token);
		expect(app.deps.repos.shows.findByToken(before.host.token)).toBeUndefined();
		expect(rotated).toEqual([[showId, 'host']]);

		const recorder = (await app.inject({ method: 'POST', url: `/api/shows/${showId}/links/recorder/rotate`, headers: { cookie } })).json();
		expect(recorder.recorder.token).not.toBe(before.recorder.token);
		expect(recorder.producer.token).toBe(before.producer.token);
		expect(app.deps.repos.shows.findByToken(before.recorder.token)).toBeUndefined();
		expect(app.deps.repos.shows.findByToken(recorder.recorder.token)).toEqual({ showId, role: 'recorder' });
	});

	it("hides another unit's show links from a city account, and refuses bad roles", async () => {
		app.deps.repos.accounts.create({ username: 'wuhan', passwordHash: await hashPassword('wuhan-password'), unitCode: 'wuhan', role: 'coordinator', displayName: '武汉团市委' });
		const city = await signIn(app, 'wuhan', 'wuhan-password');
		for (const [method, url] of [
			['GET', `/api/shows/${showId}/links`],
			['POST', `/api/shows/${showId}/links/producer/rotate`]
		] as const) {
			const res = await app.inject({ method, url, headers: { cookie: city } });
			expect(res.statusCode).toBe(404);
		}
		const bad = await app.inject({ method: 'POST', url: `/api/shows/${showId}/links/admin/rotate`, headers: { cookie } });
		expect(bad.statusCode).toBe(400);
		expect((await app.inject({ url: `/api/shows/${showId}/links` })).statusCode).toBe(401);
	});
});

describe('linkOrigin', () => {
	it('prefers PUBLIC_URL, keeps a host that names this machine, and never hands a tablet localhost', () => {
		const lan = lanAddress();
		expect(linkOrigin('https://show.example', 'http', 'localhost:3000', 3000)).toBe('https://show.example');
		expect(linkOrigin(null, 'http', 'localhost:3000', 3000)).toBe(lan ? `http://${lan}:3000` : 'http://localhost:3000');
		expect(linkOrigin(null, 'http', '127.0.0.1:8080', 8080)).toBe(lan ? `http://${lan}:8080` : 'http://127.0.0.1:8080');
		expect(linkOrigin(null, 'http', `${hostname()}:3000`, 3000)).toBe(`http://${hostname().toLowerCase()}:3000`);
		if (lan) expect(linkOrigin(null, 'https', `${lan}:3443`, 3443)).toBe(`https://${lan}:3443`);
		expect(ownHostNames().has(`${hostname().toLowerCase()}.local`)).toBe(true);
	});

	it('never takes its origin from a Host header that names another machine', () => {
		const fallback = `http://${lanAddress() ?? '127.0.0.1'}:3000`;
		for (const host of ['evil.example:8080', 'evil.example', '203.0.113.9:3000', '[2001:db8::1]:3000', 'a b', '', undefined, 'localhost.evil.example', '127.0.0.1.evil.example:3000']) {
			expect(linkOrigin(null, 'http', host, 3000), String(host)).toBe(fallback);
		}
	});

	it('links served over HTTP for a forged Host point at this machine', async () => {
		const app = await makeApp();
		const cookie = await signIn(app);
		const showId = app.deps.repos.shows.list()[0].id;
		const links = await app.inject({ url: `/api/shows/${showId}/links`, headers: { cookie, host: 'evil.example:8080' } });
		expect(links.statusCode).toBe(200);
		expect(links.body).not.toContain('evil.example');
		expect(links.json().host.url).toMatch(new RegExp(`^http://${(lanAddress() ?? '127.0.0.1').replace(/\./g, '\\.')}:\\d+/host/`));
		await app.close();
	});
});
