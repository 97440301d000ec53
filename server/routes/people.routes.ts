import {
	personActionRequest,
	personCreateRequest,
	personIdParams,
	personListQuery,
	personListResponse,
	personPatchRequest,
	personResponse
} from '../../src/lib/contract/people';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';

export function peopleRoutes(app: AppInstance) {
	const service = app.deps.planning.people;
	const one = { params: personIdParams, response: { 200: personResponse } };

	app.get('/api/people', { schema: { querystring: personListQuery, response: { 200: personListResponse } } }, (request) => ({
		people: service.list(accountOf(request), request.query)
	}));

	app.post('/api/people', { schema: { body: personCreateRequest, response: { 201: personResponse } } }, (request, reply) => {
		const person = service.create(accountOf(request), request.body);
		reply.status(201).header('location', `/api/people/${person.id}`);
		return person;
	});

	app.get('/api/people/:id', { schema: one }, (request) => service.get(accountOf(request), request.params.id));

	app.patch('/api/people/:id', { schema: { ...one, body: personPatchRequest } }, (request) => service.update(accountOf(request), request.params.id, request.body));

	for (const action of ['nominate', 'award', 'revoke'] as const) {
		app.post(`/api/people/:id/${action}`, { schema: { ...one, body: personActionRequest } }, (request) =>
			service[action](accountOf(request), request.params.id, request.body.expectedVersion)
		);
	}
	app.post('/api/people/:id/archive', { schema: { ...one, body: personActionRequest } }, (request) =>
		service.setArchived(accountOf(request), request.params.id, true, request.body.expectedVersion)
	);
	app.post('/api/people/:id/restore', { schema: { ...one, body: personActionRequest } }, (request) =>
		service.setArchived(accountOf(request), request.params.id, false, request.body.expectedVersion)
	);
}
