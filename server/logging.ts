/**
 * Logger settings for the process: secrets (cookies, bearer tokens, show-link tokens in page URLs)
 * are redacted before anything is written, and requests are logged one line each, without the
 * noise of health checks and static files.
 */
import type { FastifyInstance, FastifyServerOptions } from 'fastify';
import type { Config } from './config';

/** A show-link token's shape (24 random bytes, base64url), and the device pages whose path carries one. */
const TOKEN_SHAPED = /^[A-Za-z0-9_-]{24,}$/;
const QUERY_SECRETS = new Set(['token', 'access_token']);
const PAGE_PREFIXES = new Set(['producer', 'host', 'p', 'h', 'recorder', 'r']);

function decodeSegment(segment: string): string {
	try {
		return decodeURIComponent(segment);
	} catch {
		return segment;
	}
}

/**
 * Replaces show-link tokens and `token=` query values in a URL, however the path is spelt:
 * every segment is percent-decoded and compared case-insensitively (`/%68ost/…`, `/HOST/…`,
 * `/api/live/…`), and any token-shaped segment is redacted wherever it stands.
 */
export function redactUrl(url: string): string {
	const cut = url.search(/[?#]/);
	const path = cut === -1 ? url : url.slice(0, cut);
	const rest = cut === -1 ? '' : url.slice(cut);
	const segments = path.split('/');
	const redacted = segments.map((segment, i) => {
		const decoded = decodeSegment(segment);
		const pageToken = i === 2 && decoded !== '' && PAGE_PREFIXES.has(decodeSegment(segments[1]).toLowerCase());
		return pageToken || TOKEN_SHAPED.test(decoded) ? '[redacted]' : segment;
	});
	const query = rest.replace(/([?&])([^=&#]*)=([^&#]*)/g, (whole, sep: string, key: string, value: string) =>
		QUERY_SECRETS.has(decodeSegment(key).toLowerCase()) || TOKEN_SHAPED.test(decodeSegment(value)) ? `${sep}${key}=[redacted]` : whole
	);
	return redacted.join('/') + query;
}

export function loggerOptions(config: Config): FastifyServerOptions['logger'] {
	return {
		level: config.logLevel,
		// Through process.stdout, as the start banner is, so the two come out in the order written
		// (the sign-in is the last block a start prints).
		stream: process.stdout,
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

/**
 * Requests that are routine noise at `info`: health checks, static files and pages served well, and
 * the live control API's successes (a button press each; a line per press costs more than the
 * command itself — its refusals and errors are still logged at info and error).
 */
function isQuiet(method: string, url: string, status: number): boolean {
	if (url === '/healthz' || url.startsWith('/healthz?')) return true;
	if (status < 400 && (url === '/api/live' || url.startsWith('/api/live/') || url.startsWith('/api/live?'))) return true;
	return (method === 'GET' || method === 'HEAD') && status < 400 && !url.startsWith('/api/');
}

const DEBUG_LEVELS = new Set(['debug', 'trace']);

/**
 * One line per request when it completes (Fastify's own two lines per request are turned off with
 * `disableRequestLogging`): at `info` for the API and for errors, at `debug` for the quiet ones.
 */
export function registerRequestLog(app: FastifyInstance) {
	app.addHook('onResponse', (request, reply, done) => {
		const status = reply.statusCode;
		const quiet = isQuiet(request.method, request.url, status);
		// Nothing is built for a line the level drops.
		if (quiet && !DEBUG_LEVELS.has(request.log.level)) return done();
		const url = redactUrl(request.url);
		const line = { req: { method: request.method, url, ip: request.ip }, res: { statusCode: status }, responseTime: Math.round(reply.elapsedTime * 100) / 100 };
		const message = `${request.method} ${url} ${status}`;
		if (quiet) request.log.debug(line, message);
		else if (status >= 500) request.log.error(line, message);
		else request.log.info(line, message);
		done();
	});
}
