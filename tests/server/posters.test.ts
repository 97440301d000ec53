import type { FastifyInstance } from 'fastify';
import { hostname } from 'node:os';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isLocalOrigin } from '../../server/posters/poster.service';
import type { Show } from '../../src/lib/core/model';
import { accountOf } from './planning-support';
import { copyShow, makeApp, makeClock, signIn, type TestClock } from './support';

/** A Host header that names this machine (links take their origin only from such a one). */
const OWN_HOST = `${hostname().toLowerCase()}:3000`;

const DAY = 24 * 3600_000;
let app: FastifyInstance;
let clock: TestClock;
let cookie: string;
let demo: Show;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	cookie = await signIn(app);
	demo = app.deps.repos.shows.list()[0];
});
afterEach(() => app.close());

/** A draft show of `unitCode` with the demo's platforms, people and run-sheet. */
const draftShow = (overrides: { title?: string; unitCode?: Show['unitCode'] } = {}): Show => copyShow(app, overrides);

const get = (url: string, headers: Record<string, string> = {}) => app.inject({ url, headers: { cookie, ...headers } });

describe('GET /api/shows/:id/poster.svg', () => {
	it('draws the saved design with one labelled QR code per live room, and no secrets', async () => {
		const res = await get(`/api/shows/${demo.id}/poster.svg`);
		expect(res.statusCode).toBe(200);
		expect(res.headers['content-type']).toBe('image/svg+xml; charset=utf-8');
		expect(res.headers['content-disposition']).toBeUndefined();
		const svg = res.body;
		expect(svg).toMatch(/^<svg xmlns="http:\/\/www.w3.org\/2000\/svg"[^>]* width="210mm" height="297mm"[^>]* data-design="festive" data-format="a4"/);
		expect([...svg.matchAll(/data-qr="([^"]+)"/g)].map((m) => m[1])).toEqual(demo.platforms.map((p) => p.roomUrl));
		for (const text of ['青春为家乡代言', '荆楚好味道', '抖音直播间', '快手直播间', '#青春为家乡代言#', '扶贫大使', '向春燕', '¥89.00', '共青团湖北省委']) expect(svg).toContain(text);
		const tokens = app.deps.repos.shows.tokensOf(demo.id)!;
		expect(svg).not.toContain(tokens.producerToken);
		expect(svg).not.toContain(tokens.hostToken);
		expect(svg).not.toContain('13800000003');
	});

	it('draws the other design, the phone size, and the public-page QR code on request, as a download when asked', async () => {
		const res = await get(`/api/shows/${demo.id}/poster.svg?design=fresh&format=phone&qr=public&download=1`, { host: OWN_HOST });
		expect(res.statusCode).toBe(200);
		expect(res.body).toMatch(/width="1080" height="1920"[^>]* data-design="fresh" data-format="phone"/);
		expect([...res.body.matchAll(/data-qr="([^"]+)"/g)].map((m) => m[1])).toEqual([`http://${OWN_HOST}/s/${demo.slug}`]);
		expect(res.headers['content-disposition']).toBe(
			`attachment; filename="poster-${demo.slug}-fresh-phone.svg"; filename*=UTF-8''${encodeURIComponent(`海报-${demo.title}-fresh-phone.svg`)}`
		);
	});

	it('escapes the title', async () => {
		const show = draftShow({ title: '<script>alert(1)</script> & 「专场」' });
		const res = await get(`/api/shows/${show.id}/poster.svg`);
		expect(res.statusCode).toBe(200);
		expect(res.body).not.toContain('<script>');
		expect(res.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt; &amp; 「专场」');
	});

	it('refuses a bad design, format, QR target, unknown parameter or id with a clear error', async () => {
		for (const [query, path] of [
			['design=gold', 'design'],
			['format=a3', 'format'],
			['qr=shop', 'qr'],
			['size=big', '']
		]) {
			const res = await get(`/api/shows/${demo.id}/poster.svg?${query}`);
			expect(res.statusCode, query).toBe(400);
			expect(res.json().error.code).toBe('VALIDATION');
			if (path) expect(res.json().error.fields[0].path).toBe(path);
		}
		const bad = await get('/api/shows/abc/poster.svg');
		expect(bad.statusCode).toBe(400);
		expect(bad.json().error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'id' }] });
		const missing = await get('/api/shows/9999/poster.svg');
		expect(missing.statusCode).toBe(404);
		expect(missing.json().error.code).toBe('NOT_FOUND');
		// No server-side PNG: the phone image is made in the browser (see README).
		expect((await get(`/api/shows/${demo.id}/poster.png`)).json().error.code).toBe('NOT_FOUND');
	});

	it("needs a session, and hides another unit's show like a missing one", async () => {
		expect((await app.inject({ url: `/api/shows/${demo.id}/poster.svg` })).statusCode).toBe(401);
		const city = await accountOf(app, 'wuhan', 'wuhan');
		for (const url of [`/api/shows/${demo.id}/poster.svg`, `/api/shows/${demo.id}/poster`]) {
			const res = await app.inject({ url, headers: { cookie: city } });
			expect(res.statusCode).toBe(404);
		}
		const own = draftShow({ unitCode: 'wuhan' });
		const res = await app.inject({ url: `/api/shows/${own.id}/poster.svg`, headers: { cookie: city } });
		expect(res.statusCode).toBe(200);
		expect(res.body).toContain('共青团武汉市委');
	});
});

describe('poster settings and the published mark', () => {
	it('answers the deadline (start − 3 days), the saved choice and the public page', async () => {
		const res = await get(`/api/shows/${demo.id}/poster`, { host: OWN_HOST });
		expect(res.statusCode).toBe(200);
		expect(res.json()).toEqual({
			showId: demo.id,
			title: demo.title,
			status: 'reported',
			startsAt: demo.startsAt,
			design: 'festive',
			qrTarget: 'rooms',
			designs: ['festive', 'fresh'],
			deadline: { dueAt: demo.startsAt - 3 * DAY, state: 'open', msLeft: demo.startsAt - 3 * DAY - clock() },
			publishedAt: null,
			publicUrl: `http://${OWN_HOST}/s/${demo.slug}`,
			publicPageOpen: true,
			publicUrlIsLocal: false,
			serverNow: clock()
		});
	});

	it('saves the design and QR target, which the SVG then uses; refuses bad bodies and changes nothing', async () => {
		const put = (payload: unknown) => app.inject({ method: 'PUT', url: `/api/shows/${demo.id}/poster`, headers: { cookie }, payload: payload as object });
		const ok = await put({ design: 'fresh', qrTarget: 'public' });
		expect(ok.statusCode).toBe(200);
		expect(ok.json()).toMatchObject({ design: 'fresh', qrTarget: 'public' });
		const svg = (await get(`/api/shows/${demo.id}/poster.svg`)).body;
		expect(svg).toContain('data-design="fresh"');
		expect(svg.match(/data-qr="/g)).toHaveLength(1);
		for (const body of [{ design: 'gold', qrTarget: 'rooms' }, { design: 'festive' }, { design: 'festive', qrTarget: 'rooms', extra: 1 }]) {
			const res = await put(body);
			expect(res.statusCode).toBe(400);
			expect(res.json().error.code).toBe('VALIDATION');
		}
		expect(app.deps.repos.posters.settings(demo.id)).toEqual({ design: 'fresh', qrTarget: 'public' });
	});

	it('marks the poster published now or at a given time, refuses a future date, and clears the mark', async () => {
		const url = `/api/shows/${demo.id}/poster/published`;
		const version = app.deps.repos.shows.get(demo.id)!.version;
		const now = await app.inject({ method: 'PUT', url, headers: { cookie }, payload: {} });
		expect(now.statusCode).toBe(200);
		expect(now.json()).toMatchObject({ publishedAt: clock(), deadline: { state: 'published' } });
		expect(app.deps.repos.shows.get(demo.id)!.posterPublishedAt).toBe(clock());
		// The mark is not an edit of the plan: an open editor's version stays valid.
		expect(app.deps.repos.shows.get(demo.id)!.version).toBe(version);

		const future = await app.inject({ method: 'PUT', url, headers: { cookie }, payload: { publishedAt: clock() + DAY } });
		expect(future.statusCode).toBe(400);
		expect(future.json().error).toMatchObject({ code: 'VALIDATION', fields: [{ path: 'publishedAt', code: 'too_big' }] });
		expect(app.deps.repos.shows.get(demo.id)!.posterPublishedAt).toBe(clock());

		const late = await app.inject({ method: 'PUT', url, headers: { cookie }, payload: { publishedAt: demo.startsAt - DAY } });
		expect(late.statusCode).toBe(400);
		clock.set(demo.startsAt - DAY);
		cookie = await signIn(app);
		const lateOk = await app.inject({ method: 'PUT', url, headers: { cookie }, payload: { publishedAt: demo.startsAt - 2 * DAY } });
		expect(lateOk.json().deadline.state).toBe('published_late');

		const cleared = await app.inject({ method: 'DELETE', url, headers: { cookie } });
		expect(cleared.statusCode).toBe(200);
		expect(cleared.json()).toMatchObject({ publishedAt: null, deadline: { state: 'overdue' } });
		expect((await app.inject({ method: 'PUT', url, headers: { cookie }, payload: { publishedAt: 'yesterday' } })).statusCode).toBe(400);
		expect((await app.inject({ method: 'DELETE', url })).statusCode).toBe(401);
	});
});

describe('GET /api/public/shows/:slug', () => {
	it('shows a reported show to anyone, with only the public fields', async () => {
		const res = await app.inject({ url: `/api/public/shows/${demo.slug}` });
		expect(res.statusCode).toBe(200);
		const body = res.json();
		expect(Object.keys(body).sort()).toEqual(['endsAt', 'people', 'platforms', 'products', 'serverNow', 'slug', 'startsAt', 'status', 'title', 'topic', 'unit', 'warmupMs']);
		expect(body).toMatchObject({
			slug: demo.slug,
			title: demo.title,
			status: 'reported',
			startsAt: demo.startsAt,
			endsAt: demo.startsAt + demo.plannedDurationMin * 60_000,
			warmupMs: 15 * 60_000,
			unit: { code: 'hubei', nameZh: '共青团湖北省委' },
			serverNow: clock()
		});
		expect(body.platforms).toEqual(demo.platforms.map((p) => ({ platform: p.platform, accountName: p.accountName, roomUrl: p.roomUrl })));
		expect(body.people).toContainEqual({ name: '向春燕', role: 'guest', ambassador: true });
		expect(Object.keys(body.products[0]).sort()).toEqual(['dailyPriceFen', 'flashPriceFen', 'livePriceFen', 'name', 'origin', 'spec']);
		expect(body.products.find((p: { name: string }) => p.name === '蔡林记热干面')).toMatchObject({ livePriceFen: 2990, flashPriceFen: 1990 });

		// Nothing private: tokens, scripts, producer notes, contact phones, shop contacts.
		const tokens = app.deps.repos.shows.tokensOf(demo.id)!;
		const secrets = [tokens.producerToken, tokens.hostToken, ...demo.segments.flatMap((s) => [s.script, s.notes]).filter((t) => t.length > 0)];
		for (const secret of secrets) expect(res.body).not.toContain(secret);
		for (const word of ['script', 'notes', 'Token', 'contact', '0718-8221234', '13800000003', '向明']) expect(res.body).not.toContain(word);
	});

	it('answers 404 for a draft, an unknown slug and the show id', async () => {
		const draft = draftShow();
		for (const slug of [draft.slug, 'nosuchslug', String(demo.id), encodeURIComponent('../shows/1'), 'x'.repeat(100)]) {
			const res = await app.inject({ url: `/api/public/shows/${slug}` });
			expect(res.statusCode, slug).toBe(404);
			expect(res.json().error.code).toBe('NOT_FOUND');
		}
	});
});

describe('isLocalOrigin', () => {
	it('flags loopback, private and link-local addresses, and .local names', () => {
		for (const origin of ['http://localhost:3000', 'http://127.0.0.1:3000', 'http://192.168.1.20:3000', 'http://10.0.0.5', 'http://172.20.1.1', 'http://[::1]:3000', 'http://studio.local'])
			expect(isLocalOrigin(origin), origin).toBe(true);
		for (const origin of ['https://showcall.example', 'http://8.8.8.8', 'http://172.32.0.1']) expect(isLocalOrigin(origin), origin).toBe(false);
	});
});
