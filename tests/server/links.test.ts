import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../server/app';
import { hashPassword } from '../../server/services/password';
import { lanAddress, linkOrigin } from '../../server/services/links.service';
import { makeApp, signIn } from './support';

let app: AppInstance;
let cookie: string;
let showId: number;

beforeEach(async () => {
	app = await makeApp();
	cookie = await signIn(app);
	showId = app.deps.shows.list()[0].id;
});
afterEach(() => app.close());

describe('show links', () => {
	it('gives the coordinator a producer and a host link, each with its own long secret', async () => {
		const res = await app.inject({ url: `/api/shows/${showId}/links`, headers: { cookie, host: 'showcall.example:3000' } });
		expect(res.statusCode).toBe(200);
		const links = res.json();
		expect(links.producer.token).not.toBe(links.host.token);
		for (const role of ['producer', 'host'] as const) {
			// ≥ 128 bits of base64url.
			expect(links[role].token).toMatch(/^[A-Za-z0-9_-]{22,}$/);
			expect(links[role].url).toBe(`http://showcall.example:3000/${role}/${links[role].token}`);
			expect(app.deps.shows.findByToken(links[role].token)).toEqual({ showId, role });
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
		expect(app.deps.shows.findByToken(before.host.token)).toBeUndefined();
		expect(rotated).toEqual([[showId, 'host']]);
	});

	it("hides another unit's show links from a city account, and refuses bad roles", async () => {
		app.deps.accounts.create({ username: 'wuhan', passwordHash: await hashPassword('wuhan-password'), unitCode: 'wuhan', role: 'coordinator', displayName: '武汉团市委' });
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
	it('prefers PUBLIC_URL, keeps a LAN host, and never hands a tablet localhost', () => {
		expect(linkOrigin('https://show.example', 'http', 'localhost:3000')).toBe('https://show.example');
		expect(linkOrigin(null, 'http', '192.168.1.20:3000')).toBe('http://192.168.1.20:3000');
		const lan = lanAddress();
		expect(linkOrigin(null, 'http', 'localhost:3000')).toBe(lan ? `http://${lan}:3000` : 'http://localhost:3000');
		expect(linkOrigin(null, 'http', '127.0.0.1:8080')).toBe(lan ? `http://${lan}:8080` : 'http://127.0.0.1:8080');
	});
});
