/**
 * Changing a reviewed show's content sends it back for approval (core/amendment decides which
 * fields count): an approved show becomes reported again, the change is recorded on the show (its
 * status trail) and in the province's list, and approving again clears it.
 */
import type { FastifyInstance } from 'fastify';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { initialLiveState } from '../../src/lib/core/live';
import { shows } from '../../server/db/schema';
import type { ShowResponse, ShowSummary } from '../../src/lib/contract/shows';
import { accountOf, call, showBody } from './planning-support';
import { logLiveState, makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let clock: TestClock;
let admin: string;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	admin = await signIn(app);
});
afterEach(() => app.close());

/** A province show, reported (and approved unless said otherwise). */
async function reviewedShow(status: 'reported' | 'approved' = 'approved'): Promise<ShowResponse> {
	const productIds = app.deps.repos.products.list().map((p) => p.id).slice(0, 5);
	const hostIds = app.deps.repos.people.list().slice(0, 1).map((p) => p.id);
	const created = await call(app, admin, 'POST', '/api/shows', showBody({ productIds, hostIds }, clock()));
	expect(created.status).toBe(201);
	let show = (await call(app, admin, 'POST', `/api/shows/${created.body.id}/report`, {})).body as ShowResponse;
	if (status === 'approved') show = (await call(app, admin, 'POST', `/api/shows/${show.id}/approve`, {})).body as ShowResponse;
	expect(show.status).toBe(status);
	return show;
}

const patch = (cookie: string, show: ShowResponse, body: Record<string, unknown>) => call(app, cookie, 'PATCH', `/api/shows/${show.id}`, { expectedVersion: show.version, ...body });

describe('a content change to a reviewed show', () => {
	it("sends a city's approved show back to reported, recorded on the show and in the province's list; approving again clears it", async () => {
		const wuhan = await accountOf(app, 'wuhan', 'wuhan');
		const person = (await call(app, admin, 'POST', '/api/people', { unitCode: 'wuhan', name: '武汉主播' })).body;
		const ids: number[] = [];
		for (const [i, category] of (['tea', 'snacks', 'dried_goods', 'seasoning', 'tonic'] as const).entries()) {
			const p = await call(app, wuhan, 'POST', '/api/products', {
				unitCode: 'wuhan', shopName: `店${i}`, name: `武汉产品${i}`, dailyPriceFen: 1000, livePriceFen: 900, category, productUrl: 'https://shop.example.com/1', qualityCert: 'SC1'
			});
			ids.push(p.body.id);
		}
		const created = await call(app, wuhan, 'POST', '/api/shows', showBody({ unitCode: 'wuhan', kind: 'city', productIds: ids, hostIds: [person.id] }, clock()));
		await call(app, wuhan, 'POST', `/api/shows/${created.body.id}/report`, {});
		const approved = (await call(app, admin, 'POST', `/api/shows/${created.body.id}/approve`, {})).body as ShowResponse;
		expect(approved).toMatchObject({ status: 'approved', approvedBy: '团省委宣传部', amendment: null });
		const changed: number[] = [];
		app.deps.bus.on('showChanged', (id) => changed.push(id));

		clock.advance(60_000);
		const segments = approved.segments.map((s) => (s.productId === ids[0] ? { ...s, livePriceFen: 850 } : s));
		const edited = await patch(wuhan, approved, { title: '武汉专场（改）', segments });
		expect(edited.status).toBe(200);
		expect(edited.body).toMatchObject({
			status: 'reported',
			version: approved.version + 1,
			reportedBy: 'wuhan 团委',
			approvedAt: null,
			approvedBy: null,
			amendment: { at: clock(), by: 'wuhan 团委', parts: ['title', 'products'], from: 'approved' }
		});
		expect(changed).toEqual([approved.id]);

		const list = (await call(app, admin, 'GET', '/api/shows?status=reported')).body.shows as ShowSummary[];
		expect(list.find((s) => s.id === approved.id)?.amendment).toMatchObject({ parts: ['title', 'products'], from: 'approved' });
		expect((await call(app, admin, 'GET', `/api/shows/${approved.id}`)).body.amendment).toMatchObject({ by: 'wuhan 团委' });

		const again = await call(app, admin, 'POST', `/api/shows/${approved.id}/approve`, {});
		expect(again.body).toMatchObject({ status: 'approved', approvedAt: clock(), amendment: null });
	});

	it('keeps the first status and merges what changed over several saves, until approved or withdrawn', async () => {
		const reported = await reviewedShow('reported');
		const first = await patch(admin, reported, { startsAt: reported.startsAt + 3_600_000 });
		expect(first.body).toMatchObject({ status: 'reported', amendment: { parts: ['startsAt'], from: 'reported', by: '团省委宣传部' } });
		clock.advance(1000);
		const moved = [first.body.segments[1], first.body.segments[0], ...first.body.segments.slice(2)];
		const second = await patch(admin, first.body, { hostIds: [], guestIds: first.body.hostIds, segments: moved.map((s) => ({ ...s, speakers: [] })) });
		expect(second.status).toBe(200);
		expect(second.body.amendment).toEqual({ at: clock(), by: '团省委宣传部', parts: ['startsAt', 'hostIds', 'guestIds', 'runSheet', 'script'], from: 'reported' });
		const withdrawn = await call(app, admin, 'POST', `/api/shows/${reported.id}/withdraw`, {});
		expect(withdrawn.body).toMatchObject({ status: 'draft', amendment: null });
	});

	it('counts every show field and the run-sheet’s products, script and order', async () => {
		const cases: [string, (s: ShowResponse) => Record<string, unknown>][] = [
			['location', () => ({ location: '新地点' })],
			['plannedDurationMin', (s) => ({ plannedDurationMin: s.plannedDurationMin + 10 })],
			['platforms', (s) => ({ platforms: [{ ...s.platforms[0], followers: s.platforms[0].followers + 1 }] })],
			['salesChannel', () => ({ salesChannel: '快手小店' })],
			['commission', () => ({ commission: { charged: false, listingFee: false, note: '无' } })],
			['products', (s) => ({ segments: s.segments.map((g) => (g.productId ? { ...g, stock: 5 } : g)) })],
			['script', (s) => ({ segments: s.segments.map((g, i) => (i === 1 ? { ...g, script: '新的话术' } : g)) })],
			['runSheet', (s) => ({ segments: [s.segments[1], s.segments[0], ...s.segments.slice(2)] })]
		];
		for (const [part, change] of cases) {
			const show = await reviewedShow();
			const res = await patch(admin, show, change(show));
			expect(res.status, part).toBe(200);
			expect(res.body.status, part).toBe('reported');
			expect(res.body.amendment.parts, part).toEqual([part]);
		}
	});
});

describe('changes that need no new approval', () => {
	it('producer notes, cues, link numbers and segment lengths, or the same content saved again, keep the approval', async () => {
		const show = await reviewedShow();
		const segments = show.segments.map((s, i) =>
			i === 1
				? { ...s, notes: '提前 5 分钟备货', durationSec: s.durationSec + 60, linkNumbers: { douyin: 3 }, cues: [{ id: 'cue-x', offsetSec: 30, text: '上链接', forHost: true }] }
				: s
		);
		const { id: _id, slug: _slug, status: _status, version: _version, reportedAt: _r, reportedBy: _rb, approvedAt: _a, approvedBy: _ab, amendment: _am, posterPublishedAt: _p, createdAt: _c, updatedAt: _u, productIds: _ids, ...fields } = show;
		const res = await patch(admin, show, { ...fields, segments });
		expect(res.status).toBe(200);
		expect(res.body).toMatchObject({ status: 'approved', approvedAt: show.approvedAt, amendment: null, version: show.version + 1 });
		expect(res.body.segments[1].notes).toBe('提前 5 分钟备货');
	});

	it('leaves drafts, live and ended shows, and a show on air in a rehearsal, as they are', async () => {
		const draft = (await call(app, admin, 'POST', '/api/shows', showBody({ productIds: app.deps.repos.products.list().map((p) => p.id).slice(0, 5), hostIds: [app.deps.repos.people.list()[0].id] }, clock())))
			.body as ShowResponse;
		expect((await patch(admin, draft, { title: '草稿改名' })).body).toMatchObject({ status: 'draft', amendment: null });

		for (const status of ['live', 'ended'] as const) {
			const show = await reviewedShow();
			app.deps.db.update(shows).set({ status }).where(eq(shows.id, show.id)).run();
			const res = await patch(admin, show, { title: `${status} 改名` });
			expect(res.body, status).toMatchObject({ status, amendment: null });
		}

		const rehearsing = await reviewedShow();
		logLiveState(app, rehearsing.id, { ...initialLiveState(), status: 'live', mode: 'rehearsal', segmentId: rehearsing.segments[0].id });
		expect((await patch(admin, rehearsing, { title: '彩排中改名' })).body).toMatchObject({ status: 'approved', amendment: null });
	});
});
