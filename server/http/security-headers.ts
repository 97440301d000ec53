/**
 * Security headers on every answer (helmet's defaults: CSP, nosniff, frame and referrer policies…),
 * built once: helmet's middleware runs once at start-up against a recording stand-in for a response,
 * and each request gets the headers it recorded (none of helmet's headers depend on the request).
 * They go on the reply, not the raw response, so Node writes every header of an answer in one
 * `writeHead` instead of a validated `setHeader` per header (helmet's way).
 * HSTS only for requests that came over https (built in, or a trusted proxy's X-Forwarded-Proto):
 * a plain-http LAN answer never tells a browser to refuse http later.
 */
import type { FastifyInstance } from 'fastify';
import type { IncomingMessage, ServerResponse } from 'node:http';
import helmet from 'helmet';

/** Helmet's headers for these options, lower-cased, in the order it sets them. */
export function securityHeaders(options: { scriptHashes: string[]; https: boolean }): Readonly<Record<string, string>> {
	const apply = helmet({
		strictTransportSecurity: false,
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

export function registerSecurityHeaders(app: FastifyInstance, options: { scriptHashes: string[]; https: boolean }) {
	const headers = securityHeaders(options);
	// A callback hook: it runs on every request and never waits for anything.
	app.addHook('onRequest', (request, reply, done) => {
		if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
		reply.headers(headers);
		done();
	});
}
