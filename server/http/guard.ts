/**
 * The one access guard for `/api`: every route needs a coordinator session unless its config says
 * `auth: 'public'` (sign-in, health, public pages) or `auth: 'token'` (show links, which check the
 * token themselves). State-changing requests from another site are refused.
 */
import type { FastifyInstance, FastifyRequest, onRequestHookHandler } from 'fastify';
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

/**
 * `trustProxy`: TRUST_PROXY is set, so the request's protocol and host are the forwarded ones.
 * Decided per route as it registers (onRoute), not per request: an `/api` route gets the check its
 * auth kind needs as its first onRequest hook (after the app-wide ones, cookies and security
 * headers, as before); a route outside `/api`, or a token or public route that only answers safe
 * methods, gets none. Requests that match no route are not checked (their 404 is the same for all).
 */
export function registerGuard(app: FastifyInstance, auth: AuthService, trustProxy = false) {
	app.decorateRequest('account', null);
	const crossSite = (request: FastifyRequest) => {
		if (SAFE_METHODS.has(request.method)) return false;
		return isCrossSite(request.headers, trustProxy ? `${request.protocol}://${request.host}` : undefined);
	};
	// Callback hooks, not async ones: they run on every request and never wait for anything.
	const sessionGuard: onRequestHookHandler = (request, _reply, done) => {
		if (crossSite(request)) return done(new DomainError('CROSS_SITE_REQUEST', 'Requests from other sites are refused'));
		request.account = auth.accountFor(request.cookies[SESSION_COOKIE]);
		done(request.account ? undefined : new DomainError('UNAUTHENTICATED', 'Sign in first'));
	};
	const siteGuard: onRequestHookHandler = (request, _reply, done) => {
		done(crossSite(request) ? new DomainError('CROSS_SITE_REQUEST', 'Requests from other sites are refused') : undefined);
	};
	app.addHook('onRoute', (route) => {
		if (!route.url.startsWith('/api/')) return;
		const mode = route.config?.auth ?? 'session';
		const guard = mode === 'session' ? sessionGuard : [route.method].flat().every((m) => SAFE_METHODS.has(m)) ? null : siteGuard;
		if (!guard) return;
		const hooks = [route.onRequest ?? []].flat();
		// A GET's HEAD twin is registered from a copy of its options: the guard once, and first.
		if (!hooks.includes(guard)) route.onRequest = [guard, ...hooks];
	});
}

/** The signed-in account of a session route (the guard has run). */
export function accountOf(request: FastifyRequest): SessionAccount {
	if (!request.account) throw new DomainError('UNAUTHENTICATED', 'Sign in first');
	return request.account;
}
