/**
 * The HTTP control API, for Stream Deck / Bitfocus Companion buttons and scripts: a show link's
 * token as `Authorization: Bearer <token>`. Commands run through the same runtime path as the
 * socket's.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LIVE_COMMAND_TYPES, type LiveCommandType } from '../../src/lib/core/live';
import { endpoints } from '../../src/lib/contract/endpoints';
import { DomainError } from '../domain/errors';
import { route } from '../http/route';
import type { ZodTypeProvider } from '../http/validation';

export async function liveRoutes(app: FastifyInstance) {
	const { authFailures, clock } = app.deps;
	const { links, live } = app.deps.services;

	/** The show and role of the request's bearer token; 401 when missing or unknown. */
	const linkOf = (request: FastifyRequest) => {
		const header = request.headers.authorization;
		if (!header) throw new DomainError('UNAUTHENTICATED', 'Send the show link token as "Authorization: Bearer <token>"');
		const match = /^Bearer\s+(\S+)\s*$/i.exec(header);
		if (!match) throw new DomainError('UNAUTHENTICATED', 'The Authorization header must read "Bearer <token>"');
		if (authFailures.blocked(request.ip, clock())) throw new DomainError('RATE_LIMITED', 'Too many wrong tokens from this address; wait a minute');
		const link = links.resolve(match[1]);
		if (!link) {
			authFailures.failed(request.ip, clock());
			throw new DomainError('INVALID_TOKEN', 'This token is not valid; it may have been replaced by a new one');
		}
		return link;
	};

	await app.register(async (plugin) => {
		const scope = plugin.withTypeProvider<ZodTypeProvider>();
		// One-button devices often send an empty body labelled JSON: read it as no fields.
		scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
			const text = String(body);
			if (text.trim() === '') return done(null, undefined);
			try {
				done(null, JSON.parse(text));
			} catch {
				done(new DomainError('INVALID_JSON', 'The body is not valid JSON'), undefined);
			}
		});

		route(scope, endpoints.live.snapshot, (request, reply) => {
			const link = linkOf(request);
			const snapshot = live.snapshot(link.showId);
			if (!snapshot) throw new DomainError('NOT_FOUND', 'Show not found');
			reply.header('cache-control', 'no-store');
			return snapshot;
		});

		route(scope, endpoints.live.sheet, (request, reply) => {
			const link = linkOf(request);
			const sheet = live.sheet(link.showId, link.role);
			if (!sheet) throw new DomainError('NOT_FOUND', 'Show not found');
			reply.header('cache-control', 'no-store');
			return sheet;
		});

		route(
			scope,
			endpoints.live.command,
			(request, reply) => {
				const link = linkOf(request);
				const type = request.params.command as LiveCommandType;
				if (!LIVE_COMMAND_TYPES.includes(type)) {
					throw new DomainError('NOT_FOUND', `Unknown command "${request.params.command}"; one of: ${LIVE_COMMAND_TYPES.join(', ')}`);
				}
				const fields = request.body ?? {};
				// A one-button "start" goes live; a rehearsal says { "mode": "rehearsal" }.
				const command = type === 'start' && fields.mode === undefined ? { ...fields, mode: 'live', type } : { ...fields, type };
				const result = live.execute(link.showId, link.role, 'http', command);
				reply.header('cache-control', 'no-store');
				if (result.ok) return result.snapshot;
				if (result.code === 'INVALID_COMMAND') {
					const issues = (result.fields ?? []).filter((f) => f.path !== 'type');
					const first = issues[0];
					throw new DomainError('VALIDATION', first ? `Invalid body: ${first.path ? `${first.path}: ` : ''}${first.message}` : result.message, issues);
				}
				// The status comes from the one table (ERROR_STATUS): what the state does not allow is 422.
				throw new DomainError(result.code, result.message);
			},
			{
				// The answer is the runtime's own snapshot (typed LiveWireSnapshot, the same object every
				// screen was just sent): written as it is, not parsed again on the way out (a tenth of the route).
				serializerCompiler: () => (data) => JSON.stringify(data)
			}
		);
	});
}
