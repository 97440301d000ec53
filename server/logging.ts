/**
 * Logger settings for the process: secrets (cookies, bearer tokens, show-link tokens in page URLs)
 * are redacted before anything is written.
 */
import type { FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/** Replaces show-link tokens and `token=` query values in a URL. */
export function redactUrl(url: string): string {
	return url
		.replace(/\/(producer|host|p|h)\/[^/?#]+/g, '/$1/[redacted]')
		.replace(/([?&](?:token|access_token)=)[^&#]*/gi, '$1[redacted]');
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
	return {
		level: config.logLevel,
		redact: {
			paths: ['req.headers.authorization', 'req.headers.cookie', 'res.headers["set-cookie"]', 'password', '*.password', 'token', '*.token'],
			censor: '[redacted]'
		},
		serializers: {
			req(request: { method: string; url: string; ip?: string }) {
				return { method: request.method, url: redactUrl(request.url), ip: request.ip };
			}
		}
	};
}
