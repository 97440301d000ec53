import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { notFound } from '../domain/errors';
import { attachment } from '../http/download';
import { accountOf } from '../http/guard';
import { requestOrigin } from '../http/origin';
import { route } from '../http/route';

/** Posters of a show, for its coordinators (another unit's show answers 404 like a missing one). */
export function posterRoutes(app: FastifyInstance) {
	const { posters } = app.deps.services;

	route(app, endpoints.posters.get, (request) => posters.infoFor(accountOf(request), request.params.id, requestOrigin(request)));

	route(app, endpoints.posters.save, (request) => posters.saveSettings(accountOf(request), request.params.id, request.body, requestOrigin(request)));

	route(app, endpoints.posters.publish, (request) => posters.publish(accountOf(request), request.params.id, request.body.publishedAt, requestOrigin(request)));

	route(app, endpoints.posters.unpublish, (request) => posters.unpublish(accountOf(request), request.params.id, requestOrigin(request)));

	route(app, endpoints.posters.svg, (request, reply) => {
		const format = request.query.format;
		const { show, design, svg } = posters.svgFor(accountOf(request), request.params.id, request.query, requestOrigin(request));
		reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store');
		if (request.query.download === '1') {
			reply.header('content-disposition', attachment(`海报-${show.title}-${design}-${format}.svg`, `poster-${show.slug}-${design}-${format}.svg`));
		}
		return svg;
	});
}

/** The public countdown page's data: no sign-in; drafts and unknown slugs answer 404 alike. */
export function publicShowRoutes(app: FastifyInstance) {
	const { posters } = app.deps.services;

	route(app, endpoints.public.show, (request, reply) => {
		const view = posters.publicView(request.params.slug);
		if (!view) throw notFound('Show');
		reply.header('cache-control', 'no-cache');
		return view;
	});
}
