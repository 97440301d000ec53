/**
 * The HTTP control API, for Stream Deck / Bitfocus Companion buttons and scripts: a show link's
 * token as `Authorization: Bearer <token>`. Commands run through the same runtime path as the
 * socket's.
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import { LIVE_COMMAND_TYPES, type LiveCommandType } from '../../src/lib/core/live';
import { endpoints } from '../../src/lib/contract/endpoints';
import type { FigureCheckpoint } from '../../src/lib/contract/figures';
import type { LinkRole } from '../../src/lib/contract/links';
import type { FigureAck, FigureRefusal } from '../../src/lib/contract/figures-live';
import { DomainError } from '../domain/errors';
import { route } from '../http/route';
import { zodValidatorCompiler, type ZodTypeProvider } from '../http/validation';

export async function liveRoutes(app: FastifyInstance) {
	const { authFailures, clock } = app.deps;
	const { links, live, figures } = app.deps.services;

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

		route(scope, endpoints.live.snapshot, (request) => {
			const link = linkOf(request);
			const snapshot = live.snapshot(link.showId);
			if (!snapshot) throw new DomainError('NOT_FOUND', 'Show not found');
			return snapshot;
		});

		route(scope, endpoints.live.sheet, (request) => {
			const link = linkOf(request);
			const sheet = live.sheet(link.showId, link.role);
			if (!sheet) throw new DomainError('NOT_FOUND', 'Show not found');
			return sheet;
		});

		route(
			scope,
			endpoints.live.command,
			(request) => {
				const link = linkOf(request);
				const type = request.params.command as LiveCommandType;
				if (!LIVE_COMMAND_TYPES.includes(type)) {
					throw new DomainError('NOT_FOUND', `Unknown command "${request.params.command}"; one of: ${LIVE_COMMAND_TYPES.join(', ')}`);
				}
				const fields = request.body ?? {};
				// A one-button "start" goes live; a rehearsal says { "mode": "rehearsal" }. Copied by rest and
				// then given its keys, not `{ ...fields, type }`: on Node 20 a spread followed by a new key
				// builds a new hidden class at every call, and every inline cache reading the command
				// then misses (docs/reliability.md, "Speed, eighth round"). The same keys in the same order.
				const { ...command } = fields;
				if (type === 'start' && command.mode === undefined) command.mode = 'live';
				command.type = type;
				const result = live.execute(link.showId, link.role, 'http', command);
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
				// The path and the body are checked here, once: what a button sends (a command name, no body
				// or a JSON object of fields) by hand, anything else by the entry's schemas, which word the
				// refusal as before. The fields themselves are the runtime's to check (parseLiveCommand).
				validatorCompiler: (definition) => {
					const zod = zodValidatorCompiler(definition);
					const plain = definition.httpPart === 'params' ? isCommandPath : definition.httpPart === 'body' ? isFieldsBody : null;
					return plain ? (data: unknown) => plain(data) || zod(data) : zod;
				},
				// The answer is the runtime's own snapshot (typed LiveWireSnapshot, the same object every
				// screen was just sent): written as it is, not parsed again on the way out (a tenth of the route).
				serializerCompiler: () => (data) => JSON.stringify(data),
				// Sent as its UTF-8 bytes, encoded once: a run-sheet's titles make the JSON a two-byte
				// string, which Node would otherwise measure for Content-Length and then encode again,
				// joined to the header block (about 3 % of the route's instructions).
				onSend: (_request, _reply, payload, done) => done(null, typeof payload === 'string' ? Buffer.from(payload) : payload)
			}
		);

		// Figures (issue 14): the same service path as the socket's figures:* events. The token is
		// checked before the body (a request without a valid one is 401 whatever it carries).
		await scope.register(async (figureScope) => {
			const linkFor = new WeakMap<FastifyRequest, { showId: number; role: LinkRole }>();
			figureScope.addHook('preValidation', async (request) => {
				linkFor.set(request, linkOf(request));
			});
			const linkOfFigures = (request: FastifyRequest) => linkFor.get(request) ?? linkOf(request);
			route(figureScope, endpoints.figures.list, (request) => {
				const link = linkOfFigures(request);
				const view = figures.view(link.showId, link.role);
				if (!view) throw new DomainError('NOT_FOUND', 'Show not found');
				return view;
			});
			route(figureScope, endpoints.figures.add, (request, reply) => {
				const link = linkOfFigures(request);
				const checkpoint = written(figures.add(link.showId, link.role, 'http', request.body));
				reply.status(201);
				return checkpoint;
			});
			route(figureScope, endpoints.figures.correct, (request) => {
				const link = linkOfFigures(request);
				return written(figures.correct(link.showId, link.role, 'http', { ...request.body, id: request.params.id }));
			});
			route(figureScope, endpoints.figures.delete, (request) => {
				const link = linkOfFigures(request);
				return written(figures.delete(link.showId, link.role, 'http', { id: request.params.id, ...request.query }));
			});
			route(figureScope, endpoints.figures.settings, (request) => {
				const link = linkOfFigures(request);
				const result = figures.saveSettings(link.showId, link.role, 'http', request.body);
				if (!result.ok) throw refused(result);
				return result.settings;
			});
		});
	});
}

/** Path parameters `liveCommandParams` takes as they are: only `command`, a name of at most 60 characters. */
function isCommandPath(params: unknown): boolean {
	if (typeof params !== 'object' || params === null) return false;
	const keys = Object.keys(params);
	return keys.length === 1 && 'command' in params && typeof params.command === 'string' && params.command.length <= 60;
}

/**
 * A body `liveCommandBody` takes as it is: none (Fastify passes null) or a plain object from the JSON
 * parser. An own `__proto__` key is left to the schema, whose copy drops it.
 */
function isFieldsBody(body: unknown): boolean {
	if (body === null) return true;
	return typeof body === 'object' && Object.getPrototypeOf(body) === Object.prototype && !Object.hasOwn(body, '__proto__');
}

/** A refused figure write as the API's error: INVALID_COMMAND is VALIDATION; a line's error names its span. */
function refused(result: FigureRefusal): DomainError {
	if (result.code === 'INVALID_COMMAND') return new DomainError('VALIDATION', result.message.replace('The figures are not valid', 'Invalid body'), result.fields);
	if (result.start !== undefined) {
		return new DomainError(result.code, result.message, [{ path: 'line', code: result.code, message: result.message, params: { start: result.start, end: result.end ?? result.start } }]);
	}
	return new DomainError(result.code, result.message);
}

function written(result: FigureAck): FigureCheckpoint {
	if (!result.ok) throw refused(result);
	return result.checkpoint;
}
