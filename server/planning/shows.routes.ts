import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import type { Locale } from '../../src/lib/core/format';
import { accountOf } from '../http/guard';
import { route } from '../http/route';

/** The language of rule messages: `?lang=`, else English when Accept-Language prefers it, else Chinese. */
export function requestLocale(request: FastifyRequest, lang: Locale | undefined): Locale {
	if (lang) return lang;
	const accept = String(request.headers['accept-language'] ?? '').trim().toLowerCase();
	return accept.startsWith('en') ? 'en' : 'zh-CN';
}

export function showRoutes(app: FastifyInstance) {
	const service = app.deps.services.shows;
	const { shows } = endpoints;

	route(app, shows.list, (request) => ({ shows: service.list(accountOf(request), request.query) }));

	route(app, shows.create, (request, reply) => {
		const show = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/shows/${show.id}`);
		return show;
	});

	// Another unit's show answers exactly like a missing one (404) on every route below.
	route(app, shows.get, (request) => service.get(accountOf(request), request.params.id));

	route(app, shows.update, (request) => service.update(accountOf(request), request.params.id, request.body));

	route(app, shows.remove, (request) => {
		service.remove(accountOf(request), request.params.id);
		return { ok: true as const };
	});

	route(app, shows.checks, (request, reply) => {
		reply.header('cache-control', 'no-store');
		return service.checks(accountOf(request), request.params.id, requestLocale(request, request.query.lang));
	});

	// 复制直播: a new draft with the original's plan and run-sheet; the copy suffix of the default title follows Accept-Language.
	route(app, shows.duplicate, (request, reply) => {
		const show = service.duplicate(accountOf(request), request.params.id, request.body, requestLocale(request, undefined));
		reply.status(201).header('location', `/api/shows/${show.id}`);
		return show;
	});

	for (const action of ['report', 'approve', 'withdraw'] as const) {
		route(app, shows[action], (request) => service[action](accountOf(request), request.params.id, request.body.expectedVersion));
	}
}
