import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { openApiDocument } from '../http/openapi';
import { route } from '../http/route';

/** The OpenAPI 3.1 document of the API, generated once from the endpoint table. */
export function openApiRoutes(app: FastifyInstance) {
	let document: string | null = null;
	route(app, endpoints.openapi.get, (_request, reply) => {
		document ??= JSON.stringify(openApiDocument());
		return reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(document);
	});
}
