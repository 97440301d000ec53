/**
 * The one access guard for `/api`: every route needs a coordinator session unless its config says
 * `auth: 'public'` (sign-in, health, public pages) or `auth: 'token'` (show links, which check the
 * token themselves). State-changing requests from another site are refused.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { SessionAccount } from '../../src/lib/contract/session';
import { SESSION_COOKIE, type AuthService } from '../accounts/auth.service';
import { DomainError } from '../domain/errors';

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

/**
 * True when a browser says the request comes from another site. `expectedOrigin`: behind a trusted
 * proxy, the public origin (forwarded scheme and host) the Origin header must equal; otherwise the
 * Origin's host must be the Host header.
 */
export function isCrossSite(headers: FastifyRequest['headers'], expectedOrigin?: string): boolean {
	const site = headers['sec-fetch-site'];
	if (site === 'cross-site') return true;
	const origin = headers.origin;
	if (!origin || origin === 'null') return origin === 'null';
	try {
		if (expectedOrigin !== undefined) return new URL(origin).origin !== new URL(expectedOrigin).origin;
		return new URL(origin).host !== headers.host;
	} catch {
		return true;
	}
}

/** `trustProxy`: TRUST_PROXY is set, so the request's protocol and host are the forwarded ones. */
export function registerGuard(app: FastifyInstance, auth: AuthService, trustProxy = false) {
	app.decorateRequest('account', null);
	// A callback hook, not an async one: it runs on every request and never waits for anything.
	app.addHook('onRequest', (request, _reply, done) => {
		if (!request.routeOptions.url?.startsWith('/api/')) return done();
		const expected = trustProxy ? `${request.protocol}://${request.host}` : undefined;
		if (!SAFE_METHODS.has(request.method) && isCrossSite(request.headers, expected)) {
			return done(new DomainError('CROSS_SITE_REQUEST', 'Requests from other sites are refused'));
		}
		const mode = request.routeOptions.config.auth ?? 'session';
		if (mode !== 'session') return done();
		request.account = auth.accountFor(request.cookies[SESSION_COOKIE]);
		done(request.account ? undefined : new DomainError('UNAUTHENTICATED', 'Sign in first'));
	});
}

/** The signed-in account of a session route (the guard has run). */
export function accountOf(request: FastifyRequest): SessionAccount {
	if (!request.account) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
	return request.account;
}
