import type { FastifyRequest } from 'fastify';
import { accountCreateRequest, accountIdParams, accountListResponse, accountPatchRequest, accountResponse } from '../../src/lib/contract/accounts';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';
import { SESSION_COOKIE, sessionId } from '../services/auth.service';

const sessionIdOf = (request: FastifyRequest) => {
	const token = request.cookies[SESSION_COOKIE];
	return token ? sessionId(token) : null;
};

/** Administrators only (403 FORBIDDEN for everyone else). */
export function accountRoutes(app: AppInstance) {
	const service = app.deps.planning.accounts;

	app.get('/api/accounts', { schema: { response: { 200: accountListResponse } } }, (request) => ({ accounts: service.list(accountOf(request)) }));

	app.post('/api/accounts', { schema: { body: accountCreateRequest, response: { 201: accountResponse } } }, async (request, reply) => {
		const account = await service.create(accountOf(request), request.body);
		reply.status(201);
		return account;
	});

	app.patch('/api/accounts/:id', { schema: { params: accountIdParams, body: accountPatchRequest, response: { 200: accountResponse } } }, (request) =>
		service.update(accountOf(request), request.params.id, request.body, sessionIdOf(request))
	);
}
