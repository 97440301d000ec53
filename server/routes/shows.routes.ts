import type { FastifyRequest } from 'fastify';
import type { Locale } from '../../src/lib/core/format';
import {
	checksQuery,
	checksResponse,
	deletedResponse,
	showActionRequest,
	showCreateRequest,
	showDuplicateRequest,
	showIdParams,
	showListQuery,
	showListResponse,
	showPatchRequest,
	showResponse
} from '../../src/lib/contract/shows';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';

/** The language of rule messages: `?lang=`, else English when Accept-Language prefers it, else Chinese. */
export function requestLocale(request: FastifyRequest, lang: Locale | undefined): Locale {
	if (lang) return lang;
	const accept = String(request.headers['accept-language'] ?? '').trim().toLowerCase();
	return accept.startsWith('en') ? 'en' : 'zh-CN';
}

export function showRoutes(app: AppInstance) {
	const service = app.deps.planning.shows;

	app.get('/api/shows', { schema: { querystring: showListQuery, response: { 200: showListResponse } } }, (request) => ({
		shows: service.list(accountOf(request), request.query)
	}));

	app.post('/api/shows', { schema: { body: showCreateRequest, response: { 201: showResponse } } }, (request, reply) => {
		const show = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/shows/${show.id}`);
		return show;
	});

	// Another unit's show answers exactly like a missing one (404) on every route below.
	app.get('/api/shows/:id', { schema: { params: showIdParams, response: { 200: showResponse } } }, (request) => service.get(accountOf(request), request.params.id));

	app.patch('/api/shows/:id', { schema: { params: showIdParams, body: showPatchRequest, response: { 200: showResponse } } }, (request) =>
		service.update(accountOf(request), request.params.id, request.body)
	);

	app.delete('/api/shows/:id', { schema: { params: showIdParams, response: { 200: deletedResponse } } }, (request) => {
		service.remove(accountOf(request), request.params.id);
		return { ok: true as const };
	});

	app.get('/api/shows/:id/checks', { schema: { params: showIdParams, querystring: checksQuery, response: { 200: checksResponse } } }, (request, reply) => {
		reply.header('cache-control', 'no-store');
		return service.checks(accountOf(request), request.params.id, requestLocale(request, request.query.lang));
	});

	// 复制直播: a new draft with the original's plan and run-sheet; the copy suffix of the default title follows Accept-Language.
	app.post('/api/shows/:id/duplicate', { schema: { params: showIdParams, body: showDuplicateRequest, response: { 201: showResponse } } }, (request, reply) => {
		const show = service.duplicate(accountOf(request), request.params.id, request.body, requestLocale(request, undefined));
		reply.status(201).header('location', `/api/shows/${show.id}`);
		return show;
	});

	for (const action of ['report', 'approve', 'withdraw'] as const) {
		app.post(`/api/shows/:id/${action}`, { schema: { params: showIdParams, body: showActionRequest, response: { 200: showResponse } } }, (request) =>
			service[action](accountOf(request), request.params.id, request.body.expectedVersion)
		);
	}
}
