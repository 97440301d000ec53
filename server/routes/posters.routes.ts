import type { FastifyRequest } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import type { Show } from '../../src/lib/core/model';
import type { AppInstance } from '../app';
import { attachment } from '../http/download';
import { DomainError, notFound } from '../domain/errors';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import { linkOrigin } from '../services/links.service';
import { visible } from '../services/scope';

/** A publish date may run ahead of the server clock by this much (a laptop clock a little fast). */
const FUTURE_TOLERANCE_MS = 5 * 60_000;

/** Posters of a show, for its coordinators (another unit's show answers 404 like a missing one). */
export function posterRoutes(app: AppInstance) {
	const { shows, posters, posterService, publicUrl, trustProxy, clock } = app.deps;

	const managedShow = (request: FastifyRequest, id: number): Show => visible(accountOf(request), shows.get(id), 'Show');
	const originOf = (request: FastifyRequest) => linkOrigin(publicUrl, request.protocol, request.host, request.socket.localPort ?? 0, trustProxy);
	const info = (request: FastifyRequest, show: Show) => posterService.info(show, originOf(request), clock());

	route(app, endpoints.posters.get, (request) => {
		return info(request, managedShow(request, request.params.id));
	});

	route(app, endpoints.posters.save, (request) => {
		const show = managedShow(request, request.params.id);
		posters.saveSettings(show.id, request.body, clock(), accountOf(request).username);
		return info(request, show);
	});

	route(app, endpoints.posters.publish, (request) => {
		const show = managedShow(request, request.params.id);
		const now = clock();
		const at = request.body.publishedAt ?? now;
		if (at > now + FUTURE_TOLERANCE_MS) {
			throw new DomainError('VALIDATION', 'Invalid body: publishedAt: cannot be in the future', [
				{ path: 'publishedAt', code: 'too_big', message: 'The publish date cannot be in the future', params: { maximum: now } }
			]);
		}
		posters.setPublished(show.id, at, now);
		return info(request, { ...show, posterPublishedAt: at });
	});

	route(app, endpoints.posters.unpublish, (request) => {
		const show = managedShow(request, request.params.id);
		posters.setPublished(show.id, null, clock());
		return info(request, { ...show, posterPublishedAt: null });
	});

	route(app, endpoints.posters.svg, (request, reply) => {
		const show = managedShow(request, request.params.id);
		const saved = posters.settings(show.id);
		const design = request.query.design ?? saved.design;
		const format = request.query.format;
		const qrTarget = request.query.qr ?? saved.qrTarget;
		const svg = posterService.svg(show, { design, format, qrTarget }, originOf(request));
		reply.type('image/svg+xml; charset=utf-8').header('cache-control', 'no-store');
		if (request.query.download === '1') {
			reply.header('content-disposition', attachment(`海报-${show.title}-${design}-${format}.svg`, `poster-${show.slug}-${design}-${format}.svg`));
		}
		return svg;
	});
}

/** The public countdown page's data: no sign-in; drafts and unknown slugs answer 404 alike. */
export function publicShowRoutes(app: AppInstance) {
	const { posterService, clock } = app.deps;

	route(app, endpoints.public.show, (request, reply) => {
		const view = posterService.publicView(request.params.slug, clock());
		if (!view) throw notFound('Show');
		reply.header('cache-control', 'no-cache');
		return view;
	});
}
