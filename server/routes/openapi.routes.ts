import { endpoints } from '../../src/lib/contract/endpoints';
import type { AppInstance } from '../app';
import { openApiDocument } from '../http/openapi';

/** The OpenAPI 3.1 document of the API, generated once from the endpoint table. */
export function openApiRoutes(app: AppInstance) {
	let document: ReturnType<typeof openApiDocument> | null = null;
	const { method, path } = endpoints.openapi.get;
	app.route({
		method,
		url: path,
		config: { auth: 'public' },
		handler: (_request, reply) => {
			document ??= openApiDocument();
			return reply.header('cache-control', 'no-cache').type('application/json; charset=utf-8').send(JSON.stringify(document));
		}
	});
}
