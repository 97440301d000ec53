import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { playRun } from '../../server/live/live-script';
import type { ProgressResponse } from '../../src/lib/contract/progress';
import { monthKey, monthOf } from '../../src/lib/core/calendar';
import { cityCookie } from './paperwork-support';
import { makeApp, makeClock, signIn, type TestClock } from './support';

let app: FastifyInstance;
let admin: string;
const NOW = Date.UTC(2026, 11, 1, 2);
let clock: TestClock;

beforeAll(async () => {
	clock = makeClock(NOW);
	app = await makeApp({ clock, campaign: true });
	admin = await signIn(app);
});
afterAll(() => app.close());

const get = (url: string, cookie = admin) => app.inject({ method: 'GET', url, headers: { cookie } });

describe('campaign progress', () => {
	it('measures the demo campaign against the notice\'s targets', async () => {
		const response = await get('/api/progress');
		expect(response.statusCode).toBe(200);
		const p: ProgressResponse = response.json();
		expect(p.targets).toMatchObject({ demoShows: 15, showsPerCity: 2, productsPerCityMin: 5, productsPerCityMax: 8, library: 50, trainingProvince: 1, trainingPerCity: 1 });
		const shows = app.deps.repos.shows.list();
		const demo = shows.filter((s) => s.kind === 'demo');
		expect(p.demo).toEqual({ held: demo.filter((s) => s.status === 'ended').length, upcoming: demo.filter((s) => s.status !== 'ended').length, target: 15 });
		expect(p.demo.held).toBeGreaterThan(0);
		const products = app.deps.repos.products.list().filter((x) => x.status !== 'archived');
		expect(p.library).toEqual({ selected: products.filter((x) => x.status === 'selected').length, nominated: products.length, target: 50 });
		expect(p.units).toHaveLength(18);
		const wuhan = p.units.find((u) => u.unitCode === 'wuhan')!;
		expect(wuhan.shows.held).toBe(shows.filter((s) => s.unitCode === 'wuhan' && s.status === 'ended').length);
		expect(wuhan.products.nominated).toBe(products.filter((x) => x.unitCode === 'wuhan').length);
		expect(p.training.provincial).toBe(1);
		// The demo has a show not reported in time and one whose poster is overdue.
		const codes = p.attention.flatMap((a) => a.issues.map((i) => i.code));
		expect(codes).toContain('REPORT_LATE');
		expect(codes).toContain('POSTER_LATE');
		expect(p.calendar.month).toBe(monthKey(monthOf(NOW)));
		expect(p.calendar.shows.length).toBeGreaterThan(0);
		expect(p.calendar.shows.every((s) => monthKey(monthOf(s.startsAt)) === p.calendar.month)).toBe(true);
	});

	it('counts a show held once its live run has ended', async () => {
		const before: ProgressResponse = (await get('/api/progress')).json();
		const show = app.deps.repos.shows.list().find((s) => s.kind === 'demo' && s.status !== 'ended')!;
		playRun(app.deps.services.live, clock, show.id, [
			{ at: show.startsAt - 15 * 60_000, command: { type: 'start', mode: 'live' } },
			{ at: show.startsAt + 100 * 60_000, command: { type: 'end' } }
		]);
		// The clock moved on with the show: sign in again (sessions last 12 hours).
		admin = await signIn(app);
		const after: ProgressResponse = (await get('/api/progress')).json();
		expect(after.demo.held).toBe(before.demo.held + 1);
		expect(after.demo.upcoming).toBe(before.demo.upcoming - 1);
	});

	it('shows a city its own unit only', async () => {
		const yichang = await cityCookie(app, 'yichang');
		const p: ProgressResponse = (await get('/api/progress?month=2026-12', yichang)).json();
		expect(p.scope).toBe('city');
		expect(p.units.map((u) => u.unitCode)).toEqual(['yichang']);
		expect(p.demo.held).toBe(0);
		expect(p.attention.every((a) => a.unitCode === 'yichang')).toBe(true);
		expect(p.calendar.shows.every((s) => s.unitCode === 'yichang')).toBe(true);
		expect((await get('/api/progress?unit=wuhan', yichang)).statusCode).toBe(404);
		expect((await get('/api/progress?month=2026-13')).statusCode).toBe(400);
	});
});

describe('host-training sessions', () => {
	const session = { unitCode: 'ezhou', title: '鄂州市网络主播训练营', startsAt: NOW - 86_400_000, place: '鄂州市青年之家', trainer: '快手湖北', attendees: 30, notes: '' };

	it('are recorded, edited with their version, counted, and deleted', async () => {
		const created = await app.inject({ method: 'POST', url: '/api/training-sessions', payload: session, headers: { cookie: admin } });
		expect(created.statusCode, created.body).toBe(201);
		const s = created.json();
		expect(s).toMatchObject({ ...session, version: 1 });
		let p: ProgressResponse = (await get('/api/progress')).json();
		expect(p.units.find((u) => u.unitCode === 'ezhou')!.training).toEqual({ held: 1, planned: 0 });

		const edited = await app.inject({ method: 'PATCH', url: `/api/training-sessions/${s.id}`, payload: { ...session, attendees: 45, version: 1 }, headers: { cookie: admin } });
		expect(edited.json()).toMatchObject({ attendees: 45, version: 2 });
		const stale = await app.inject({ method: 'PATCH', url: `/api/training-sessions/${s.id}`, payload: { ...session, attendees: 50, version: 1 }, headers: { cookie: admin } });
		expect(stale.statusCode).toBe(409);
		expect(stale.json().error.code).toBe('STALE_VERSION');

		expect((await app.inject({ method: 'DELETE', url: `/api/training-sessions/${s.id}`, headers: { cookie: admin } })).statusCode).toBe(204);
		p = (await get('/api/progress')).json();
		expect(p.units.find((u) => u.unitCode === 'ezhou')!.training).toEqual({ held: 0, planned: 0 });
	});

	it('refuses an incomplete session with field errors', async () => {
		const response = await app.inject({ method: 'POST', url: '/api/training-sessions', payload: { ...session, place: '', attendees: -1 }, headers: { cookie: admin } });
		expect(response.statusCode).toBe(400);
		expect(response.json().error.fields.map((f: { path: string }) => f.path).sort()).toEqual(['attendees', 'place']);
	});

	it('keep a city to its own sessions', async () => {
		const wuhan = await cityCookie(app, 'wuhan');
		const list = (await get('/api/training-sessions', wuhan)).json().sessions;
		expect(list.length).toBeGreaterThan(0);
		expect(list.every((s: { unitCode: string }) => s.unitCode === 'wuhan')).toBe(true);
		// Writing into another unit is 403, as for shows, products and people.
		const other = await app.inject({ method: 'POST', url: '/api/training-sessions', payload: session, headers: { cookie: wuhan } });
		expect(other.statusCode).toBe(403);
		expect(other.json().error.fields[0].code).toBe('unit_not_yours');
		const provincial = app.deps.repos.training.list({ unitCodes: ['hubei'] })[0];
		expect((await get(`/api/training-sessions/${provincial.id}`, wuhan)).statusCode).toBe(404);
		expect((await app.inject({ method: 'DELETE', url: `/api/training-sessions/${provincial.id}`, headers: { cookie: wuhan } })).statusCode).toBe(404);
	});
});
