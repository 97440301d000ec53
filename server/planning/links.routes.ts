import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { requestOrigin } from '../http/origin';
import { route } from '../http/route';

/** A show's device links (producer, host), for the coordinators who may manage it. */
export function linkRoutes(app: FastifyInstance) {
	const { links } = app.deps.services;

	route(app, endpoints.links.get, (request, reply) => {
		reply.header('cache-control', 'no-store');
		return links.links(accountOf(request), request.params.id, requestOrigin(request));
	});

	route(app, endpoints.links.rotate, (request, reply) => {
		reply.header('cache-control', 'no-store');
		return links.rotate(accountOf(request), request.params.id, request.params.role, requestOrigin(request));
	});
}
