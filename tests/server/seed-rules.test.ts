/**
 * The demo data obeys the product's own rules: every seeded show (the demo, the planning shows and
 * the campaign's past and coming shows) can be saved as it is — a PATCH with its own fields and
 * run-sheet — and copied (复制直播), without a validation error.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ShowResponse } from '../../src/lib/contract/shows';
import { call, DAY } from './planning-support';
import { makeApp, makeClock, signIn } from './support';

let app: FastifyInstance;
let admin: string;

beforeEach(async () => {
	app = await makeApp({ clock: makeClock(), campaign: true });
	admin = await signIn(app);
});
afterEach(() => app.close());

/** A show's own editable fields, as the editor would send them back. */
function ownFields(show: ShowResponse) {
	const { id: _id, slug: _slug, status: _status, version, segments, reportedAt: _r, reportedBy: _rb, approvedAt: _a, approvedBy: _ab, posterPublishedAt: _p, createdAt: _c, updatedAt: _u, productIds: _pi, amendment: _am, ...fields } = show;
	return { ...fields, segments, expectedVersion: version };
}

describe('the seeded shows', () => {
	it('are many, from the province and from cities', () => {
		const shows = app.deps.repos.shows.list();
		expect(shows.length).toBeGreaterThan(10);
		expect(new Set(shows.map((s) => s.unitCode)).size).toBeGreaterThan(3);
	});

	it('each saves with its own fields and copies without a validation error', async () => {
		const failures: string[] = [];
		for (const { id } of app.deps.repos.shows.list()) {
			const show: ShowResponse = (await call(app, admin, 'GET', `/api/shows/${id}`)).body;
			const saved = await call(app, admin, 'PATCH', `/api/shows/${id}`, ownFields(show));
			if (saved.status !== 200) failures.push(`save ${show.title}: ${saved.status} ${JSON.stringify(saved.body)}`);
			const copied = await call(app, admin, 'POST', `/api/shows/${id}/duplicate`, { startsAt: Date.UTC(2026, 11, 1, 2, 0) + 30 * DAY });
			if (copied.status !== 201) failures.push(`copy ${show.title}: ${copied.status} ${JSON.stringify(copied.body)}`);
		}
		expect(failures).toEqual([]);
	});
});
