import type { FastifyInstance, FastifyReply } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { DomainError } from '../domain/errors';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import { SESSION_COOKIE, SESSION_TTL_MS } from './auth.service';

/** 429 TOO_MANY_ATTEMPTS with Retry-After (whole seconds). */
function tooManyAttempts(reply: FastifyReply, retryAfterMs: number): DomainError {
	const seconds = Math.ceil(retryAfterMs / 1000);
	reply.header('retry-after', String(seconds));
	return new DomainError('TOO_MANY_ATTEMPTS', `Too many wrong passwords; try again in ${seconds} s`);
}

export function sessionRoutes(app: FastifyInstance) {
	const { auth } = app.deps.services;

	route(
		app,
		endpoints.session.signIn,
		async (request, reply) => {
			const result = await auth.signIn(request.body.username, request.body.password, request.ip);
			if (!result.ok && result.code === 'TOO_MANY_ATTEMPTS') throw tooManyAttempts(reply, result.retryAfterMs);
			if (!result.ok) throw new DomainError('INVALID_CREDENTIALS', 'Wrong username or password');
			reply.setCookie(SESSION_COOKIE, result.token, {
				path: '/',
				httpOnly: true,
				sameSite: 'strict',
				secure: request.protocol === 'https',
				maxAge: SESSION_TTL_MS / 1000
			});
			return { account: result.account };
		},
		{ config: { rateLimit: { max: 10, timeWindow: 60_000 } } }
	);

	route(app, endpoints.session.get, (request) => ({ account: accountOf(request) }));

	route(
		app,
		endpoints.session.changePassword,
		async (request, reply) => {
			const account = accountOf(request);
			const token = request.cookies[SESSION_COOKIE] ?? '';
			const result = await auth.changePassword(account.id, token, request.body.currentPassword, request.body.newPassword, request.ip);
			if (!result.ok && result.code === 'TOO_MANY_ATTEMPTS') throw tooManyAttempts(reply, result.retryAfterMs);
			if (!result.ok) {
				throw new DomainError('VALIDATION', 'The current password is wrong', [{ path: 'currentPassword', code: 'wrong_password', message: 'The current password is wrong' }]);
			}
			return { ok: true as const };
		},
		{ config: { rateLimit: { max: 10, timeWindow: 60_000 } } }
	);

	route(app, endpoints.session.signOut, (request, reply) => {
		auth.signOut(request.cookies[SESSION_COOKIE]);
		reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
		return { ok: true as const };
	});
}
