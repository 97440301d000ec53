import { z } from 'zod';
import { sessionResponse, signInRequest } from '../../src/lib/contract/session';
import type { AppInstance } from '../app';
import { AppError } from '../http/errors';
import { accountOf } from '../http/guard';
import { SESSION_COOKIE, SESSION_TTL_MS } from '../services/auth.service';

const okResponse = z.object({ ok: z.literal(true) });

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
			if (!result.ok && result.code === 'TOO_MANY_ATTEMPTS') {
				const seconds = Math.ceil(result.retryAfterMs / 1000);
				reply.header('retry-after', String(seconds));
				throw new AppError(429, 'TOO_MANY_ATTEMPTS', `Too many wrong passwords; try again in ${seconds} s`);
			}
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

	app.delete('/api/session', { config: { auth: 'public' }, schema: { response: { 200: okResponse } } }, (request, reply) => {
		auth.signOut(request.cookies[SESSION_COOKIE]);
		reply.clearCookie(SESSION_COOKIE, { path: '/', httpOnly: true, sameSite: 'strict' });
		return { ok: true as const };
	});
}
