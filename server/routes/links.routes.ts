import { rotateLinkParams, showLinksResponse } from '../../src/lib/contract/links';
import { showIdParams } from '../../src/lib/contract/shows';
import type { AppInstance } from '../app';
import { notFound } from '../http/errors';
import { accountOf, canAccessUnit } from '../http/guard';
import { linkOrigin, showLinks } from '../services/links.service';

export function linkRoutes(app: AppInstance) {
	const { shows, links, publicUrl } = app.deps;

	/** The show's id when the signed-in coordinator may manage it; 404 otherwise (another unit's show looks missing). */
	const managedShow = (request: Parameters<typeof accountOf>[0], id: number) => {
		const show = shows.get(id);
		if (!show || !canAccessUnit(accountOf(request), show.unitCode)) throw notFound('Show');
		return show.id;
	};

	app.get('/api/shows/:id/links', { schema: { params: showIdParams, response: { 200: showLinksResponse } } }, (request, reply) => {
		const id = managedShow(request, request.params.id);
		reply.header('cache-control', 'no-store');
		return showLinks(linkOrigin(publicUrl, request.protocol, request.headers.host), shows.tokensOf(id)!);
	});

	app.post('/api/shows/:id/links/:role/rotate', { schema: { params: rotateLinkParams, response: { 200: showLinksResponse } } }, (request, reply) => {
		const id = managedShow(request, request.params.id);
		links.rotate(id, request.params.role);
		reply.header('cache-control', 'no-store');
		return showLinks(linkOrigin(publicUrl, request.protocol, request.headers.host), shows.tokensOf(id)!);
	});
}
