/**
 * Security headers, by one rule: an answer under /api (JSON, and the few files the API sends: the
 * spreadsheets, the poster SVG, the LAN CA certificate) gets the API's short set; every other answer
 * (the pages, the build's files, /healthz) gets the page set, helmet's. Both are built once at start
 * (none depends on the request) and go on the reply, so Node writes every header of an answer in one
 * `writeHead`. HSTS only for requests that came over https (built in, or a trusted proxy's
 * X-Forwarded-Proto): a plain-http LAN answer never tells a browser to refuse http later.
 *
 * The API's set, after OWASP's REST Security Cheat Sheet (the headers for all API responses):
 *   cache-control: no-store       the default; a route that may be cached sets its own
 *   content-security-policy       default-src 'none' (an answer a browser opens on its own, such as the
 *                                 poster SVG, loads and runs nothing) and frame-ancestors 'none' (no
 *                                 framing; it obsoletes X-Frame-Options in every browser that runs the UI)
 *   cross-origin-resource-policy  same-origin: another site cannot embed an answer (<img>, <script>)
 *   x-content-type-options        nosniff: a browser reads an answer as its declared type only
 * Left out, as they act on HTML documents only (OWASP: Referrer-Policy is for HTML responses) or on
 * no current browser: x-frame-options, referrer-policy, cross-origin-opener-policy,
 * origin-agent-cluster, x-dns-prefetch-control, x-permitted-cross-domain-policies.
 * Each header costs some 3.5k instructions an answer (callgrind): the control route sends 4, not 12.
 *
 * The page set is helmet's, less two no browser that runs the UI reads: X-XSS-Protection (the XSS
 * filter it turned off is gone from every current browser; MDN: deprecated; OWASP: do not set it) and
 * X-Download-Options (Internet Explorer 8's). The CSP allows the page's inline bootstrap script by hash.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';
import { isApiUrl } from './route';

export interface SecurityHeaderOptions {
	scriptHashes: string[];
	https: boolean;
}

/** The API's headers (see above), lower-cased. */
export const API_HEADERS: Readonly<Record<string, string>> = Object.freeze({
	'cache-control': 'no-store',
	'content-security-policy': "default-src 'none'; frame-ancestors 'none'",
	'cross-origin-resource-policy': 'same-origin',
	'x-content-type-options': 'nosniff'
});

/** Helmet's headers for the pages with these options, lower-cased, in the order it sets them. */
export function pageSecurityHeaders(options: SecurityHeaderOptions): Readonly<Record<string, string>> {
	const apply = helmet({
		strictTransportSecurity: false,
		xXssProtection: false,
		xDownloadOptions: false,
		contentSecurityPolicy: {
			useDefaults: true,
			directives: {
				'script-src': ["'self'", ...options.scriptHashes],
				'style-src': ["'self'", "'unsafe-inline'"],
				'img-src': ["'self'", 'data:', 'blob:'],
				'connect-src': ["'self'"],
				// Over plain http on the LAN, never ask the browser to upgrade; under built-in TLS, do.
				'upgrade-insecure-requests': options.https ? [] : null
			}
		}
	});
	const headers: Record<string, string> = {};
	// Helmet's middleware runs once, against a recording stand-in for a response.
	const recorder = {
		setHeader(name: string, value: unknown) {
			headers[name.toLowerCase()] = String(value);
		},
		// X-Powered-By, which neither Node nor Fastify sets.
		removeHeader(name: string) {
			delete headers[name.toLowerCase()];
		}
	};
	let failed: unknown = null;
	apply({ headers: {} } as IncomingMessage, recorder as unknown as ServerResponse, (err?: unknown) => (failed = err ?? null));
	if (failed) throw failed;
	return Object.freeze(headers);
}

export function registerSecurityHeaders(app: FastifyInstance, options: SecurityHeaderOptions) {
	const page = pageSecurityHeaders(options);
	// A callback hook: it runs on every request and never waits for anything.
	app.addHook('onRequest', (request, reply, done) => {
		if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
		reply.headers(isApiUrl(request.url) ? API_HEADERS : page);
		done();
	});
}
