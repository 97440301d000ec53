import type { FastifyReply } from 'fastify';
import { z } from 'zod';
import { passwordChangeRequest, sessionResponse, signInRequest } from '../../src/lib/contract/session';
import type { AppInstance } from '../app';
import { AppError } from '../http/errors';
import { accountOf } from '../http/guard';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../services/auth.service';

const okResponse = z.object({ ok: z.literal(true) });

/** 429 TOO_MANY_ATTEMPTS with Retry-After (whole seconds). */
function tooManyAttempts(reply: FastifyReply, retryAfterMs: number): AppError {
	const seconds = Math.ceil(retryAfterMs / 1000);
	reply.header('retry-after', String(seconds));
	return new AppError(429, 'TOO_MANY_ATTEMPTS', `Too many wrong passwords; try again in ${seconds} s`);
}

export function sessionRoutes(app: AppInstance) {
	const { auth } = app.deps;

	app.post(
		'/api/session',
		{
			config: { auth: 'public', rateLimit: { max: 10, timeWindow: 60_000 } },
			schema: { body: signInRequest, response: { 200: sessionResponse } }
		},
		async (request, reply) => {
			const result = await auth.signIn(request.body.username, request.body.password, request.ip);
			if (!result.ok && result.code === 'TOO_MANY_ATTEMPTS') throw tooManyAttempts(reply, result.retryAfterMs);
			if (!result.ok) throw new AppError(401, 'INVALID_CREDENTIALS', 'Wrong username or password');
			reply.setCookie(SESSION_COOKIE, result.token, {
				path: '/',
				httpOnly: true,
				sameSite: 'strict',
				secure: request.protocol === 'https',
				maxAge: SESSION_TTL_MS / 1000
			});
			return { account: result.account };
		}
	);

	app.get('/api/session', { schema: { response: { 200: sessionResponse } } }, (request) => ({ account: accountOf(request) }));

	app.put(
		'/api/session/password',
		{ config: { rateLimit: { max: 10, timeWindow: 60_000 } }, schema: { body: passwordChangeRequest, response: { 200: okResponse } } },
		async (request, reply) => {
			const account = accountOf(request);
			const token = request.cookies[SESSION_COOKIE] ?? '';
			const result = await auth.changePassword(account.id, token, request.body.currentPassword, request.body.newPassword, request.ip);
			if (!result.ok && result.code === 'TOO_MANY_ATTEMPTS') throw tooManyAttempts(reply, result.retryAfterMs);
			if (!result.ok) {
				throw new AppError(400, 'VALIDATION', 'The current password is wrong', [{ path: 'currentPassword', code: 'wrong_password', message: 'The current password is wrong' }]);
			}
			return { ok: true as const };
		}
	);

	app.delete('/api/session', { config: { auth: 'public' }, schema: { response: { 200: okResponse } } }, (request, reply) => {
		auth.signOut(request.cookies[SESSION_COOKIE]);
		reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
		return { ok: true as const };
	});
}
