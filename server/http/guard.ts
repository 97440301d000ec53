/**
 * The one access guard for `/api`: every route needs a coordinator session unless its config says
 * `auth: 'public'` (sign-in, health, public pages) or `auth: 'token'` (show links, which check the
 * token themselves). State-changing requests from another site are refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionAccount } from '../../src/lib/contract/session';
import { SESSION_COOKIE, type AuthService } from '../services/auth.service';
import { AppError } from './errors';

declare module 'fastify' {
	interface FastifyContextConfig {
		/** Who may call the route; 'session' when absent. */
		auth?: 'public' | 'session' | 'token';
	}
	interface FastifyRequest {
		/** The signed-in coordinator, on session routes. */
		account: SessionAccount | null;
	}
}

const SAFE_METHODS = new Set(['GET', 'HEAD', 'OPTIONS']);

/** True when a browser says the request comes from another site. */
export function isCrossSite(headers: FastifyRequest['headers']): boolean {
	const site = headers['sec-fetch-site'];
	if (site === 'cross-site') return true;
	const origin = headers.origin;
	if (!origin || origin === 'null') return origin === 'null';
	try {
		return new URL(origin).host !== headers.host;
	} catch {
		return true;
	}
}

export function registerGuard(app: FastifyInstance, auth: AuthService) {
	app.decorateRequest('account', null);
	app.addHook('onRequest', async (request) => {
		if (!request.routeOptions.url?.startsWith('/api/')) return;
		if (!SAFE_METHODS.has(request.method) && isCrossSite(request.headers)) {
			throw new AppError(403, 'CROSS_SITE_REQUEST', 'Requests from other sites are refused');
		}
		const mode = request.routeOptions.config.auth ?? 'session';
		if (mode !== 'session') return;
		request.account = auth.accountFor(request.cookies[SESSION_COOKIE]);
		if (!request.account) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in first');
	});
}

/** The signed-in account of a session route (the guard has run). */
export function accountOf(request: FastifyRequest): SessionAccount {
	if (!request.account) throw new AppError(401, 'UNAUTHENTICATED', 'Sign in first');
	return request.account;
}

/** Province accounts see every unit; a city account only its own. */
export function canAccessUnit(account: SessionAccount, unitCode: string): boolean {
	return account.scope === 'province' || account.unitCode === unitCode;
}
