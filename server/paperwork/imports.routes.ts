import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { readUpload, withUploads } from '../http/multipart';
import { route } from '../http/route';

/** Product nominations from Excel: upload → preview (nothing saved) → confirm the chosen rows. */
export async function importRoutes(app: FastifyInstance) {
	const { imports } = app.deps.services;
	const e = endpoints.imports;

	await withUploads(app, (scope) => {
		route(scope, e.upload, async (request) => {
			const account = accountOf(request);
			const file = await readUpload(request);
			return imports.preview(account, request.query.unit, file);
		});
	});

	route(app, e.get, (request) => imports.get(accountOf(request), request.params.id));

	route(app, e.confirm, (request) => imports.confirm(accountOf(request), request.params.id, request.body));

	route(app, e.discard, (request, reply) => {
		imports.discard(accountOf(request), request.params.id);
		return reply.status(204).send();
	});
}
