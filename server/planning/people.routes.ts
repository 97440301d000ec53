import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { route } from '../http/route';

export function peopleRoutes(app: FastifyInstance) {
	const service = app.deps.services.people;
	const { people } = endpoints;

	route(app, people.list, (request) => ({ people: service.list(accountOf(request), request.query) }));

	route(app, people.create, (request, reply) => {
		const person = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/people/${person.id}`);
		return person;
	});

	route(app, people.get, (request) => service.get(accountOf(request), request.params.id));

	route(app, people.update, (request) => service.update(accountOf(request), request.params.id, request.body));

	for (const action of ['nominate', 'award', 'revoke'] as const) {
		route(app, people[action], (request) => service[action](accountOf(request), request.params.id, request.body.expectedVersion));
	}
	route(app, people.archive, (request) => service.setArchived(accountOf(request), request.params.id, true, request.body.expectedVersion));
	route(app, people.restore, (request) => service.setArchived(accountOf(request), request.params.id, false, request.body.expectedVersion));
}
