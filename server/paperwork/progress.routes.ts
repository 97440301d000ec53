import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { route } from '../http/route';

/** Campaign progress, and the host-training sessions it counts. */
export function progressRoutes(app: FastifyInstance) {
	const { progress, training } = app.deps.services;

	route(app, endpoints.progress.get, (request) => progress.progress(accountOf(request), request.query));

	route(app, endpoints.training.list, (request) => ({ sessions: training.list(accountOf(request), request.query.unit) }));

	route(app, endpoints.training.create, (request, reply) => {
		reply.status(201);
		return training.create(accountOf(request), request.body);
	});

	route(app, endpoints.training.get, (request) => training.get(accountOf(request), request.params.id));

	route(app, endpoints.training.update, (request) => {
		const { version, ...input } = request.body;
		return training.update(accountOf(request), request.params.id, version, input);
	});

	route(app, endpoints.training.remove, (request, reply) => {
		training.remove(accountOf(request), request.params.id);
		return reply.status(204).send();
	});
}
