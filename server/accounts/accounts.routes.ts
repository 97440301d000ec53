import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import { SESSION_COOKIE, sessionId } from './auth.service';

const sessionIdOf = (request: FastifyRequest) => {
	const token = request.cookies[SESSION_COOKIE];
	return token ? sessionId(token) : null;
};

/** Administrators only (403 FORBIDDEN for everyone else). */
export function accountRoutes(app: FastifyInstance) {
	const service = app.deps.services.accounts;
	const { accounts } = endpoints;

	route(app, accounts.list, (request) => ({ accounts: service.list(accountOf(request)) }));

	route(app, accounts.create, async (request, reply) => {
		const account = await service.create(accountOf(request), request.body);
		reply.status(201);
		return account;
	});

	route(app, accounts.update, (request) => service.update(accountOf(request), request.params.id, request.body, sessionIdOf(request)));
}
