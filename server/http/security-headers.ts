/**
 * Security headers on every answer (helmet's defaults: CSP, nosniff, frame and referrer policies…),
 * built once: helmet's middleware is made at start-up and only applied per request (the Fastify
 * plugin rebuilt it, CSP parsing included, for every request: a tenth of a control command's time).
 * HSTS only for requests that came over https (built in, or a trusted proxy's X-Forwarded-Proto):
 * a plain-http LAN answer never tells a browser to refuse http later.
 */
import type { FastifyInstance } from 'fastify';
import helmet from 'helmet';

export function registerSecurityHeaders(app: FastifyInstance, options: { scriptHashes: string[]; https: boolean }) {
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
	// A callback hook: it runs on every request and never waits for anything.
	app.addHook('onRequest', (request, reply, done) => {
		if (request.protocol === 'https') reply.header('strict-transport-security', 'max-age=31536000');
		apply(request.raw, reply.raw, (err?: unknown) => done(err instanceof Error ? err : undefined));
	});
}
