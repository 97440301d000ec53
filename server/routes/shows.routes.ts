import type { AppInstance } from '../app';
import { showIdParams, showListQuery, showListResponse, showResponse } from '../../src/lib/contract/shows';
import { notFound } from '../http/errors';
import { accountOf, canAccessUnit } from '../http/guard';

export function showRoutes(app: AppInstance) {
	const { shows } = app.deps;

	app.get('/api/shows', { schema: { querystring: showListQuery, response: { 200: showListResponse } } }, (request) => {
		const account = accountOf(request);
		const unitCode = account.scope === 'province' ? request.query.unit : account.unitCode;
		const list = shows.list({ unitCode, from: request.query.from, to: request.query.to });
		return { shows: list.map(({ segments, ...show }) => ({ ...show, segmentCount: segments.length })) };
	});

	app.get('/api/shows/:id', { schema: { params: showIdParams, response: { 200: showResponse } } }, (request) => {
		const show = shows.get(request.params.id);
		// Another unit's show answers exactly like a missing one.
		if (!show || !canAccessUnit(accountOf(request), show.unitCode)) throw notFound('Show');
		return show;
	});
}
