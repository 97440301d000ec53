import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialLiveState } from '../../src/lib/core/live';
import type { Segment } from '../../src/lib/core/model';
import type { ShowResponse } from '../../src/lib/contract/shows';
import { accountOf, call, DAY, showBody } from './planning-support';
import { logLiveState, makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let admin: string;
let changed: number[];

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	admin = await signIn(app);
	changed = [];
	app.deps.bus.on('showChanged', (id) => changed.push(id));
});
afterEach(() => app.close());

const productIds = () => app.deps.repos.products.list().map((p) => p.id);
const hostIds = () => app.deps.repos.people.list().slice(0, 2).map((p) => p.id);

async function createShow(overrides: Parameters<typeof showBody>[0] = {}): Promise<ShowResponse> {
	const res = await call(app, admin, 'POST', '/api/shows', showBody({ productIds: productIds().slice(0, 5), hostIds: hostIds().slice(0, 1), ...overrides }, clock()));
	expect(res.status).toBe(201);
	return res.body as ShowResponse;
}

describe('POST /api/shows', () => {
	it('creates a draft with the standard run-sheet built from its products, in order', async () => {
		const ids = productIds().slice(0, 5).reverse();
		const show = await createShow({ productIds: ids });
		expect(show).toMatchObject({ status: 'draft', version: 1, unitCode: 'hubei', productIds: ids });
		expect(show.segments[0]).toMatchObject({ kind: 'warmup', durationSec: 900 });
		expect(show.segments[1]).toMatchObject({ kind: 'opening', durationSec: 300 });
		expect(show.segments.filter((s) => s.kind === 'product').map((s) => s.productId)).toEqual(ids);
		expect(show.segments.at(-1)?.kind).toBe('closing');
		// The host speaks throughout.
		const host = app.deps.repos.people.get(hostIds()[0])!.name;
		expect(show.segments.every((s) => s.speakers.includes(host))).toBe(true);
		expect(show).not.toHaveProperty('producerToken');
		expect(changed).toEqual([show.id]);
		// It is in the list, and the stored copy is the answered one.
		const got = await call(app, admin, 'GET', `/api/shows/${show.id}`);
		expect(got.body).toEqual(show);
	});

	it.each([
		['a duration of 0', { plannedDurationMin: 0 }, 'plannedDurationMin', 'too_small'],
		['an unknown unit', { unitCode: 'atlantis' }, 'unitCode', 'invalid_value'],
		['a malformed live-room URL', { platforms: [{ platform: 'douyin', roomUrl: 'live.douyin.com/1', accountName: 'x', followers: 1 }] }, 'platforms.0.roomUrl', 'invalid_format'],
		['a javascript: live-room URL', { platforms: [{ platform: 'douyin', roomUrl: 'javascript:alert(1)', accountName: 'x', followers: 1 }] }, 'platforms.0.roomUrl', 'invalid_format'],
		['an unknown platform', { platforms: [{ platform: 'myspace', roomUrl: 'https://x.example', accountName: 'x', followers: 1 }] }, 'platforms.0.platform', 'invalid_value'],
		['no platform', { platforms: [] }, 'platforms', 'too_small'],
		['an empty title', { title: '  ' }, 'title', 'too_small']
	] as const)('refuses %s with a field issue and saves nothing', async (_name, overrides, path, code) => {
		const before = app.deps.repos.shows.list().length;
		const res = await call(app, admin, 'POST', '/api/shows', { ...showBody({}, clock()), ...overrides });
		expect(res.status).toBe(400);
		expect(res.body.error.code).toBe('VALIDATION');
		expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path, code }));
		expect(app.deps.repos.shows.list()).toHaveLength(before);
		expect(changed).toEqual([]);
	});

	it('refuses a show that starts in the past (by the server clock), and unknown products and people', async () => {
		const before = app.deps.repos.shows.list().length;
		const past = await call(app, admin, 'POST', '/api/shows', showBody({ startsAt: clock() - 60_000 }, clock()));
		expect(past.status).toBe(400);
		expect(past.body.error.fields).toEqual([expect.objectContaining({ path: 'startsAt', code: 'start_in_past' })]);
		const unknown = await call(app, admin, 'POST', '/api/shows', showBody({ productIds: [9999], hostIds: [8888] }, clock()));
		expect(unknown.status).toBe(400);
		expect(unknown.body.error.fields.map((f: { path: string; code: string }) => `${f.path}:${f.code}`)).toEqual(['hostIds.0:unknown_person', 'productIds.0:unknown_product']);
		expect(app.deps.repos.shows.list()).toHaveLength(before);
	});

	it('lets a city show use only its own unit’s products and people', async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const enshiProduct = app.deps.repos.products.list({ unitCode: 'enshi' })[0].id;
		const res = await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: [enshiProduct] }, clock()));
		expect(res.status).toBe(400);
		// To a city account another unit's product answers like a missing one (ids reveal nothing)…
		expect(res.body.error.fields).toEqual([expect.objectContaining({ path: 'productIds.0', code: 'unknown_product' })]);
		// …while the province, which sees every unit, is told why.
		const byProvince = await call(app, admin, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: [enshiProduct] }, clock()));
		expect(byProvince.body.error.fields).toEqual([expect.objectContaining({ path: 'productIds.0', code: 'product_other_unit' })]);
		const other = await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'enshi', kind: 'city' }, clock()));
		expect(other.status).toBe(403);
		const own = await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: app.deps.repos.products.list({ unitCode: 'wuhan' }).map((p) => p.id) }, clock()));
		expect(own.status).toBe(201);
	});
});

describe('PATCH /api/shows/:id', () => {
	it('saves fields and the whole run-sheet, raising the version; a stale save is refused and changes nothing', async () => {
		const show = await createShow();
		const reordered = [show.segments[0], show.segments[1], show.segments[3], show.segments[2], ...show.segments.slice(4)];
		const first = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, title: '改过的标题', segments: reordered });
		expect(first.status).toBe(200);
		expect(first.body).toMatchObject({ version: 2, title: '改过的标题' });
		expect(first.body.segments.map((s: Segment) => s.id)).toEqual(reordered.map((s) => s.id));

		// A second editor still at version 1.
		const stale = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, title: '覆盖', segments: show.segments.slice(0, 3) });
		expect(stale.status).toBe(409);
		expect(stale.body.error.code).toBe('STALE_VERSION');
		const after = app.deps.repos.shows.get(show.id)!;
		expect(after).toMatchObject({ version: 2, title: '改过的标题' });
		expect(after.segments.map((s) => s.id)).toEqual(reordered.map((s) => s.id));
		expect(changed).toEqual([show.id, show.id]);
	});

	it('needs expectedVersion and leaves out productIds (derived from the segments)', async () => {
		const show = await createShow();
		expect((await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { title: 'x' })).body.error.fields).toContainEqual(expect.objectContaining({ path: 'expectedVersion' }));
		const res = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, productIds: [1] });
		expect(res.status).toBe(400);
		expect(res.body.error.fields[0].code).toBe('unrecognized_keys');
		// Dropping a product's segments drops it from the show.
		const segments = show.segments.filter((s) => s.productId !== show.productIds[0]);
		const saved = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, segments });
		expect(saved.body.productIds).toEqual(show.productIds.slice(1));
	});

	it('refuses invalid segments with field paths: zero duration, negative price, duplicate ids, unknown product', async () => {
		const show = await createShow();
		const seg = show.segments;
		const cases: [Segment[], string, string][] = [
			[[{ ...seg[0], durationSec: 0 }, ...seg.slice(1)], 'segments.0.durationSec', 'too_small'],
			[[seg[0], seg[1], { ...seg[2], livePriceFen: -100 }, ...seg.slice(3)], 'segments.2.livePriceFen', 'too_small'],
			[[seg[0], { ...seg[1], id: seg[0].id }, ...seg.slice(2)], 'segments.1.id', 'custom'],
			[[seg[0], seg[1], { ...seg[2], productId: 424242 }, ...seg.slice(3)], 'segments.2.productId', 'unknown_product']
		];
		for (const [segments, path, code] of cases) {
			const res = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, segments });
			expect(res.status, path).toBe(400);
			expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path, code }));
		}
		expect(app.deps.repos.shows.get(show.id)).toMatchObject({ version: 1 });
		expect(app.deps.repos.shows.get(show.id)!.segments).toEqual(seg);
	});

	it("refuses another show's segment ids, and moving the start into the past, but keeps a past start that is not changed", async () => {
		const a = await createShow({ startsAt: clock() + 3_600_000 });
		const b = await createShow();
		const stolen = await call(app, admin, 'PATCH', `/api/shows/${b.id}`, { expectedVersion: 1, segments: [a.segments[0], ...b.segments.slice(1)] });
		expect(stolen.status).toBe(400);
		expect(stolen.body.error.fields).toEqual([expect.objectContaining({ path: 'segments.0.id', code: 'duplicate_id' })]);

		const past = await call(app, admin, 'PATCH', `/api/shows/${a.id}`, { expectedVersion: 1, startsAt: clock() - DAY });
		expect(past.status).toBe(400);
		expect(past.body.error.fields).toEqual([expect.objectContaining({ path: 'startsAt', code: 'start_in_past' })]);
		// Once the show has begun, its run-sheet can still be edited.
		clock.set(a.startsAt + 60_000);
		expect((await call(app, admin, 'PATCH', `/api/shows/${a.id}`, { expectedVersion: 1, startsAt: a.startsAt - 60_000 })).status).toBe(400);
		const during = await call(app, admin, 'PATCH', `/api/shows/${a.id}`, { expectedVersion: 1, startsAt: a.startsAt, title: '直播中修改' });
		expect(during.status).toBe(200);
	});

	it('keeps the segment on air while the show runs (CURRENT_SEGMENT), and allows every other edit', async () => {
		const show = await createShow();
		const onAir = show.segments[2];
		logLiveState(app, show.id, { ...initialLiveState(), status: 'live', segmentId: onAir.id });
		const without = show.segments.filter((s) => s.id !== onAir.id);
		const refused = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, segments: without });
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('CURRENT_SEGMENT');
		const retimed = show.segments.map((s) => (s.id === onAir.id ? { ...s, durationSec: s.durationSec + 120 } : s));
		expect((await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, segments: retimed.slice(0, -1) })).status).toBe(200);
		// Paused counts as running, and so does a rehearsal; ended does not.
		for (const state of [
			{ ...initialLiveState(), status: 'paused' as const, segmentId: onAir.id },
			{ ...initialLiveState(), status: 'live' as const, mode: 'rehearsal' as const, segmentId: onAir.id }
		]) {
			logLiveState(app, show.id, state);
			const res = await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 2, segments: without });
			expect(res.status, state.status).toBe(409);
			expect(res.body.error.code).toBe('CURRENT_SEGMENT');
		}
		logLiveState(app, show.id, { ...initialLiveState(), status: 'ended', segmentId: onAir.id });
		expect((await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 2, segments: without })).status).toBe(200);
	});
});

describe('DELETE /api/shows/:id', () => {
	it('deletes a show with its run-sheet and live history, but not while it is on air', async () => {
		const show = await createShow();
		logLiveState(app, show.id, { ...initialLiveState(), status: 'paused', segmentId: show.segments[0].id });
		const refused = await call(app, admin, 'DELETE', `/api/shows/${show.id}`);
		expect(refused.status).toBe(409);
		expect(refused.body.error.code).toBe('SHOW_LIVE');
		logLiveState(app, show.id, { ...initialLiveState(), status: 'ended', segmentId: null });
		expect((await call(app, admin, 'DELETE', `/api/shows/${show.id}`)).body).toEqual({ ok: true });
		expect((await call(app, admin, 'GET', `/api/shows/${show.id}`)).status).toBe(404);
		expect(app.deps.repos.shows.segmentsOf(show.id)).toEqual([]);
		expect((await call(app, admin, 'DELETE', `/api/shows/${show.id}`)).status).toBe(404);
		expect(changed).toEqual([show.id, show.id]);
	});
});

describe('GET /api/shows/:id/checks', () => {
	it('answers the rule findings in the language asked for, the same as the core function', async () => {
		const show = await createShow({ plannedDurationMin: 89, hostIds: [] });
		const zh = await call(app, admin, 'GET', `/api/shows/${show.id}/checks`);
		expect(zh.status).toBe(200);
		expect(zh.body.canReport).toBe(false);
		const codes = zh.body.findings.map((f: { code: string }) => f.code);
		expect(codes).toContain('DURATION_OUT_OF_RANGE');
		expect(codes).toContain('HOST_COUNT');
		expect(zh.body.findings.find((f: { code: string }) => f.code === 'DURATION_OUT_OF_RANGE').message).toBe('计划时长 89 分钟，应为 90–180 分钟');
		const en = await call(app, admin, 'GET', `/api/shows/${show.id}/checks?lang=en`);
		expect(en.body.findings.find((f: { code: string }) => f.code === 'DURATION_OUT_OF_RANGE').message).toBe('Planned duration is 89 min; it must be 90–180 min');
		const accept = await app.inject({ url: `/api/shows/${show.id}/checks`, headers: { cookie: admin, 'accept-language': 'en-GB,en;q=0.9' } });
		expect(accept.json().findings[0].message).toMatch(/^[A-Z]/);
		expect((await call(app, admin, 'GET', `/api/shows/${show.id}/checks?lang=fr`)).status).toBe(400);
	});

	it('marks an Advertising-Law word with its position in the script', async () => {
		const show = await createShow();
		const segments = show.segments.map((s, i) => (i === 2 ? { ...s, script: '今天的价格全网最低！' } : s));
		await call(app, admin, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: 1, segments });
		const res = await call(app, admin, 'GET', `/api/shows/${show.id}/checks`);
		expect(res.body.findings).toContainEqual(expect.objectContaining({ code: 'AD_LAW_WORD', severity: 'warning', segmentId: show.segments[2].id, field: 'script', word: '全网最低', index: 5, length: 4 }));
	});
});

describe('report (报备), approve, withdraw', () => {
	it('refuses to report with error-level findings, naming them as fields', async () => {
		const show = await createShow({ plannedDurationMin: 89 });
		const res = await call(app, admin, 'POST', `/api/shows/${show.id}/report`, {});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('CHECKS_FAILED');
		expect(res.body.error.fields).toContainEqual(expect.objectContaining({ path: 'plannedDurationMin', code: 'DURATION_OUT_OF_RANGE' }));
		expect(app.deps.repos.shows.get(show.id)?.status).toBe('draft');
	});

	it('refuses to report less than 3 days before the start', async () => {
		const show = await createShow({ startsAt: clock() + 3 * DAY - 60_000 });
		const res = await call(app, admin, 'POST', `/api/shows/${show.id}/report`, {});
		expect(res.status).toBe(422);
		expect(res.body.error.code).toBe('REPORT_TOO_LATE');
	});

	it('reports, approves (province only) and withdraws, recording who and when', async () => {
		const show = await createShow({ startsAt: clock() + 3 * DAY + 60_000 });
		const stale = await call(app, admin, 'POST', `/api/shows/${show.id}/report`, { expectedVersion: 7 });
		expect(stale.status).toBe(409);
		const reported = await call(app, admin, 'POST', `/api/shows/${show.id}/report`, { expectedVersion: 1 });
		expect(reported.status).toBe(200);
		expect(reported.body).toMatchObject({ status: 'reported', reportedAt: clock(), reportedBy: '团省委宣传部', version: 2 });
		expect((await call(app, admin, 'POST', `/api/shows/${show.id}/report`, {})).body.error.code).toBe('INVALID_STATUS');

		clock.advance(3_600_000);
		const approved = await call(app, admin, 'POST', `/api/shows/${show.id}/approve`, {});
		expect(approved.body).toMatchObject({ status: 'approved', approvedAt: clock(), approvedBy: '团省委宣传部' });
		const withdrawn = await call(app, admin, 'POST', `/api/shows/${show.id}/withdraw`, {});
		expect(withdrawn.body).toMatchObject({ status: 'draft', reportedAt: null, approvedAt: null, approvedBy: null });
		expect(changed.filter((id) => id === show.id)).toHaveLength(4);
	});

	it('lets a city report its own show but not approve it', async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const people = (await call(app, admin, 'POST', '/api/people', { unitCode: 'wuhan', name: '武汉主播' })).body;
		const ids: number[] = [];
		for (const [i, category] of (['tea', 'snacks', 'dried_goods', 'seasoning', 'tonic'] as const).entries()) {
			const p = await call(app, wuhan, 'POST', '/api/products', {
				unitCode: 'wuhan', shopName: `店${i}`, name: `武汉产品${i}`, dailyPriceFen: 1000, livePriceFen: 900, category, productUrl: 'https://shop.example.com/1', qualityCert: 'SC1'
			});
			ids.push(p.body.id);
		}
		const created = await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: ids, hostIds: [people.id] }, clock()));
		expect(created.status).toBe(201);
		const reported = await call(app, wuhan, 'POST', `/api/shows/${created.body.id}/report`, {});
		expect(reported.status).toBe(200);
		expect(reported.body.reportedBy).toBe('wuhan 团委');
		const approve = await call(app, wuhan, 'POST', `/api/shows/${created.body.id}/approve`, {});
		expect(approve.status).toBe(403);
		expect((await call(app, admin, 'POST', `/api/shows/${created.body.id}/approve`, {})).status).toBe(200);
	});
});

describe('GET /api/shows', () => {
	it('filters by unit, status, kind, dates and words, and counts each show’s findings', async () => {
		const a = await createShow({ title: '测试恩施专场', plannedDurationMin: 89 });
		await createShow({ title: '测试宜昌专场', kind: 'city', unitCode: 'yichang', productIds: [], hostIds: [] });
		const list = async (query: string) => (await call(app, admin, 'GET', `/api/shows${query}`)).body.shows.map((s: { title: string }) => s.title);
		expect(await list('?q=测试恩施')).toEqual(['测试恩施专场']);
		expect(await list('?unit=yichang')).toEqual(['测试宜昌专场']);
		expect(await list('?kind=city')).toContain('测试宜昌专场');
		expect(await list('?kind=city')).not.toContain('测试恩施专场');
		expect(await list('?status=draft&q=测试')).toEqual(['测试恩施专场', '测试宜昌专场']);
		expect(await list('?status=approved&q=测试')).toEqual([]);
		expect(await list(`?from=${a.startsAt + 1}&q=测试`)).toEqual([]);
		expect(await list('?q=%25')).toEqual([]);
		const one = (await call(app, admin, 'GET', '/api/shows?q=测试恩施')).body.shows[0];
		expect(one.checks.errors).toBeGreaterThan(0);
		expect(one).not.toHaveProperty('segments');
		expect((await call(app, admin, 'GET', '/api/shows?status=bogus')).status).toBe(400);
	});
});
