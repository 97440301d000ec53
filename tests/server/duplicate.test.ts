/**
 * 复制直播 — `POST /api/shows/:id/duplicate`: a coordinator starts the next show from an existing
 * one. The copy is a new draft with the whole plan and run-sheet (new ids) and none of the
 * original's history; the original is left as it was.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Segment } from '../../src/lib/core/model';
import type { ShowResponse } from '../../src/lib/contract/shows';
import { accountOf, call, DAY } from './planning-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let admin: string;
let changed: number[];
/** The seeded demo show (province, two platforms, hosts and a guest, a flash sale, link numbers). */
let demo: ShowResponse;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	admin = await signIn(app);
	demo = (await call(app, admin, 'GET', `/api/shows/${app.deps.repos.shows.list()[0].id}`)).body;
	changed = [];
	app.deps.bus.on('showChanged', (id) => changed.push(id));
});
afterEach(() => app.close());

const duplicate = (cookie: string, id: number, body: unknown, headers: Record<string, string> = {}) =>
	app.inject({ method: 'POST', url: `/api/shows/${id}/duplicate`, headers: { cookie, ...headers }, payload: body as object });

/** A segment without its own ids, to compare a copy with its original. */
const withoutIds = (s: Segment) => ({ ...s, id: '', cues: s.cues.map((c) => ({ ...c, id: '' })) });

/** Everything the original is and has: fields, run-sheet, links, sales, poster, live history. */
function originalState(id: number) {
	const show = app.deps.repos.shows.get(id)!;
	return JSON.stringify([
		show,
		app.deps.repos.shows.tokensOf(id),
		app.deps.repos.posters.settings(id),
		app.deps.repos.live.load(id),
		app.deps.repos.live.runs(id),
		app.deps.repos.live.events(id).length,
		app.deps.services.sales.list(show)
	]);
}

/** Gives the demo a history: a flash sale with cues, approval, a published poster, sales, a rehearsal. */
async function withHistory(): Promise<ShowResponse> {
	const segments = demo.segments.map((s, i) =>
		i === 3
			? {
					...s,
					notes: '备货 200 件，讲解时展示茶汤',
					linkNumbers: { douyin: 3, kuaishou: 5 },
					flashSale: { priceFen: 990, quantity: 200, windowSec: 90, offsetSec: 420, rules: '每人限购 1 件' },
					cues: [...s.cues, { id: 'cue-flash', offsetSec: 400, text: '准备秒杀', forHost: true }]
				}
			: s
	);
	const patched = await call(app, admin, 'PATCH', `/api/shows/${demo.id}`, {
		expectedVersion: demo.version,
		location: '湖北广播电视台 一号演播室',
		executingParty: '湖北青年传媒',
		salesChannel: '企业自营店铺',
		commission: { charged: false, listingFee: false, note: '公益专场，不收佣金' },
		segments
	});
	expect(patched.status, JSON.stringify(patched.body)).toBe(200);
	expect((await call(app, admin, 'POST', `/api/shows/${demo.id}/approve`, {})).status).toBe(200);
	expect((await call(app, admin, 'PUT', `/api/shows/${demo.id}/poster`, { design: 'fresh', qrTarget: 'public' })).status).toBe(200);
	expect((await call(app, admin, 'PUT', `/api/shows/${demo.id}/poster/published`, {})).status).toBe(200);
	const productId = demo.productIds[0];
	expect((await call(app, admin, 'PUT', `/api/shows/${demo.id}/sales`, { rows: [{ productId, orders: 12, units: 15, gmvFen: 150_000 }] })).status).toBe(200);
	const { producerToken } = app.deps.repos.shows.tokensOf(demo.id)!;
	const started = await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${producerToken}` }, payload: { mode: 'rehearsal' } });
	expect(started.statusCode, started.body).toBe(200);
	changed = [];
	return (await call(app, admin, 'GET', `/api/shows/${demo.id}`)).body;
}

describe('POST /api/shows/:id/duplicate', () => {
	it('creates a draft in the same unit with every planning field and the whole run-sheet, under new segment and cue ids', async () => {
		const original = await withHistory();
		expect(original.status).toBe('approved');
		const before = originalState(original.id);
		const startsAt = clock() + 30 * DAY;

		const res = await duplicate(admin, original.id, { startsAt });
		expect(res.statusCode, res.body).toBe(201);
		const copy = res.json() as ShowResponse;
		expect(res.headers.location).toBe(`/api/shows/${copy.id}`);
		expect(copy.id).not.toBe(original.id);

		// The plan, as it was, with the new start and the default title (Chinese without Accept-Language).
		expect(copy).toMatchObject({
			unitCode: original.unitCode,
			title: `${original.title}（副本）`,
			kind: original.kind,
			location: '湖北广播电视台 一号演播室',
			startsAt,
			plannedDurationMin: original.plannedDurationMin,
			platforms: original.platforms,
			hostIds: original.hostIds,
			guestIds: original.guestIds,
			executingParty: '湖北青年传媒',
			salesChannel: '企业自营店铺',
			commission: { charged: false, listingFee: false, note: '公益专场，不收佣金' },
			productIds: original.productIds
		});
		expect(original.platforms.length).toBeGreaterThan(1);
		expect(original.guestIds.length).toBeGreaterThan(0);

		// The run-sheet: the same segments in the same order (products, prices, link numbers, flash
		// sale with its offset, scripts, notes, speakers, cues), every segment and cue id new.
		expect(copy.segments.map(withoutIds)).toEqual(original.segments.map(withoutIds));
		expect(copy.segments[3]).toMatchObject({
			notes: '备货 200 件，讲解时展示茶汤',
			linkNumbers: { douyin: 3, kuaishou: 5 },
			flashSale: { priceFen: 990, quantity: 200, windowSec: 90, offsetSec: 420, rules: '每人限购 1 件' }
		});
		expect(copy.segments[3].cues.at(-1)).toMatchObject({ offsetSec: 400, text: '准备秒杀', forHost: true });
		const oldIds = new Set(original.segments.flatMap((s) => [s.id, ...s.cues.map((c) => c.id)]));
		expect(copy.segments.flatMap((s) => [s.id, ...s.cues.map((c) => c.id)]).filter((id) => oldIds.has(id))).toEqual([]);

		// None of the original's history: status trail, poster mark, slug, tokens, live state, sales.
		expect(copy).toMatchObject({ status: 'draft', version: 1, reportedAt: null, reportedBy: null, approvedAt: null, approvedBy: null, posterPublishedAt: null, createdAt: clock(), updatedAt: clock() });
		expect(copy.slug).not.toBe(original.slug);
		expect(copy.slug).toMatch(/^[a-z0-9]+$/);
		const tokens = app.deps.repos.shows.tokensOf(copy.id)!;
		const originalTokens = app.deps.repos.shows.tokensOf(original.id)!;
		expect([tokens.producerToken, tokens.hostToken]).not.toContain(originalTokens.producerToken);
		expect([tokens.producerToken, tokens.hostToken]).not.toContain(originalTokens.hostToken);
		expect(app.deps.repos.live.load(copy.id)).toBeUndefined();
		expect(app.deps.repos.live.runs(copy.id)).toEqual([]);
		expect(app.deps.repos.live.events(copy.id)).toEqual([]);
		expect((await call(app, admin, 'GET', `/api/shows/${copy.id}/sales`)).body.rows).toEqual([]);
		// The poster's choices carry over (the coordinator picked them for this kind of show); its published mark does not.
		expect((await call(app, admin, 'GET', `/api/shows/${copy.id}/poster`)).body).toMatchObject({ publishedAt: null, design: 'fresh', qrTarget: 'public' });
		// A draft has no public page yet.
		expect((await app.inject({ method: 'GET', url: `/api/public/shows/${copy.slug}` })).statusCode).toBe(404);

		// It is stored as answered, announced, and the original is untouched.
		expect((await call(app, admin, 'GET', `/api/shows/${copy.id}`)).body).toEqual(copy);
		expect(changed).toEqual([copy.id]);
		expect(originalState(original.id)).toBe(before);
	});

	it('is a show of its own: editing the copy leaves the original alone, and the copy can be reported', async () => {
		const original = demo;
		const copy = (await duplicate(admin, original.id, { startsAt: clock() + 20 * DAY, title: '  荆楚好味道·第二场 ' })).json() as ShowResponse;
		expect(copy.title).toBe('荆楚好味道·第二场');
		const before = originalState(original.id);
		const segments = copy.segments.map((s, i) => (i === 2 ? { ...s, title: '只改副本', cues: s.cues.slice(1) } : s));
		const edited = await call(app, admin, 'PATCH', `/api/shows/${copy.id}`, { expectedVersion: 1, segments });
		expect(edited.status, JSON.stringify(edited.body)).toBe(200);
		expect(originalState(original.id)).toBe(before);
		const reported = await call(app, admin, 'POST', `/api/shows/${copy.id}/report`, {});
		expect(reported.status, JSON.stringify(reported.body)).toBe(200);
		expect(reported.body.status).toBe('reported');
	});

	it('words the default title’s suffix by Accept-Language and keeps it within the title limit', async () => {
		const english = await duplicate(admin, demo.id, { startsAt: clock() + 20 * DAY }, { 'accept-language': 'en-GB,en;q=0.9' });
		expect(english.json().title).toBe(`${demo.title} (copy)`);
		const long = '青'.repeat(60);
		expect((await call(app, admin, 'PATCH', `/api/shows/${demo.id}`, { expectedVersion: demo.version, title: long })).status).toBe(200);
		const clipped = (await duplicate(admin, demo.id, { startsAt: clock() + 20 * DAY })).json();
		expect(clipped.title).toBe(`${'青'.repeat(56)}（副本）`);
	});

	it('refuses a start in the past the way create does, and saves nothing', async () => {
		const count = app.deps.repos.shows.list().length;
		const before = originalState(demo.id);
		const res = await duplicate(admin, demo.id, { startsAt: clock() - 60_000 });
		expect(res.statusCode).toBe(400);
		expect(res.json().error).toMatchObject({ code: 'VALIDATION', fields: [expect.objectContaining({ path: 'startsAt', code: 'start_in_past' })] });
		expect(app.deps.repos.shows.list()).toHaveLength(count);
		expect(originalState(demo.id)).toBe(before);
		expect(changed).toEqual([]);
	});

	it('refuses a copy whose plan no longer passes the planning rules (a guest since moved to another unit), with the issue', async () => {
		const wuhanShow = app.deps.repos.shows.list().find((s) => s.unitCode === 'wuhan' && s.guestIds.length > 0)!;
		const guest = wuhanShow.guestIds[0];
		expect((await call(app, admin, 'PATCH', `/api/people/${guest}`, { unitCode: 'enshi' })).status).toBe(200);
		changed = [];
		const count = app.deps.repos.shows.list().length;
		const res = await duplicate(admin, wuhanShow.id, { startsAt: clock() + 20 * DAY });
		expect(res.statusCode).toBe(400);
		expect(res.json().error).toMatchObject({ code: 'VALIDATION', fields: [expect.objectContaining({ path: 'guestIds.0', code: 'person_other_unit' })] });
		expect(app.deps.repos.shows.list()).toHaveLength(count);
		expect(changed).toEqual([]);
	});

	it.each([
		['no start', {}, 'startsAt', 'invalid_type'],
		['a start that is not epoch ms', { startsAt: '2026-12-24T19:30:00+08:00' }, 'startsAt', 'invalid_type'],
		['a fractional start', { startsAt: Date.UTC(2026, 11, 24) + 0.5 }, 'startsAt', 'invalid_type'],
		['a negative start', { startsAt: -1 }, 'startsAt', 'too_small'],
		['an empty title', { startsAt: Date.UTC(2026, 11, 24), title: '   ' }, 'title', 'too_small'],
		['a title over 60 characters', { startsAt: Date.UTC(2026, 11, 24), title: '长'.repeat(61) }, 'title', 'too_big'],
		['a field it does not take', { startsAt: Date.UTC(2026, 11, 24), status: 'approved' }, '', 'unrecognized_keys']
	] as const)('refuses %s with a field issue (400 VALIDATION) and saves nothing', async (_name, body, path, code) => {
		const count = app.deps.repos.shows.list().length;
		const res = await duplicate(admin, demo.id, body);
		expect(res.statusCode).toBe(400);
		expect(res.json().error.code).toBe('VALIDATION');
		expect(res.json().error.fields).toContainEqual(expect.objectContaining({ path, code }));
		expect(app.deps.repos.shows.list()).toHaveLength(count);
		expect(changed).toEqual([]);
	});

	it('a city account copies its own unit’s shows only: another unit’s answers 404 like a missing one; the province copies any', async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const shows = app.deps.repos.shows.list();
		const own = shows.find((s) => s.unitCode === 'wuhan')!;
		const other = shows.find((s) => s.unitCode === 'enshi')!;
		const count = shows.length;
		const body = { startsAt: clock() + 20 * DAY };

		const refused = await duplicate(wuhan, other.id, body);
		const missing = await duplicate(wuhan, 987654, body);
		expect(refused.statusCode).toBe(404);
		expect(refused.json().error.code).toBe('NOT_FOUND');
		expect(refused.body).toBe(missing.body);
		expect(app.deps.repos.shows.list()).toHaveLength(count);

		const mine = await duplicate(wuhan, own.id, body);
		expect(mine.statusCode, mine.body).toBe(201);
		expect(mine.json()).toMatchObject({ unitCode: 'wuhan', status: 'draft' });
		const province = await duplicate(admin, other.id, body);
		expect(province.statusCode, province.body).toBe(201);
		expect(province.json()).toMatchObject({ unitCode: 'enshi', status: 'draft' });
	});

	it('needs a session and refuses a cross-site request; nothing is saved', async () => {
		const count = app.deps.repos.shows.list().length;
		const body = { startsAt: clock() + 20 * DAY };
		const anonymous = await app.inject({ method: 'POST', url: `/api/shows/${demo.id}/duplicate`, payload: body });
		expect(anonymous.statusCode).toBe(401);
		expect(anonymous.json().error.code).toBe('UNAUTHENTICATED');
		const sites: Record<string, string>[] = [{ origin: 'https://evil.example', host: 'localhost:3000' }, { 'sec-fetch-site': 'cross-site' }];
		for (const site of sites) {
			const res = await duplicate(admin, demo.id, body, site);
			expect(res.statusCode, JSON.stringify(site)).toBe(403);
			expect(res.json().error.code).toBe('CROSS_SITE_REQUEST');
		}
		expect(app.deps.repos.shows.list()).toHaveLength(count);
		expect(changed).toEqual([]);
		// From the app's own origin it goes through.
		const same = await duplicate(admin, demo.id, body, { origin: 'http://localhost:3000', host: 'localhost:3000', 'sec-fetch-site': 'same-origin' });
		expect(same.statusCode).toBe(201);
	});
});
