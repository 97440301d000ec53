/**
 * Errors with a status, a stable code and a human message, and the one handler that turns every
 * failure into `{ error: { code, message, fields? } }`. 4xx messages pass through; 5xx detail is
 * logged and never sent.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { z } from 'zod';
import type { ApiErrorBody, FieldIssue } from '../../src/lib/contract/errors';
import { zodFieldIssues } from '../../src/lib/contract/fields';

export class AppError extends Error {
	constructor(
		readonly statusCode: number,
		readonly code: string,
		message: string,
		readonly fields?: FieldIssue[]
	) {
		super(message);
	}
}

export const notFound = (what: string) => new AppError(404, 'NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new AppError(403, 'FORBIDDEN', message);

export function validationError(error: z.ZodError, where = 'body'): AppError {
	const fields = zodFieldIssues(error);
	const first = fields[0];
	const message = first ? `Invalid ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}` : `Invalid ${where}`;
	return new AppError(400, 'VALIDATION', message, fields);
}

/** Fastify's own 4xx errors, renamed to the API's codes. */
const FASTIFY_CODES: Record<string, { status: number; code: string; message?: string }> = {
	FST_ERR_CTP_INVALID_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The body is not valid JSON' },
	FST_ERR_CTP_EMPTY_JSON_BODY: { status: 400, code: 'INVALID_JSON', message: 'The JSON body is empty' },
	FST_ERR_CTP_INVALID_MEDIA_TYPE: { status: 415, code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
	FST_ERR_CTP_INVALID_CONTENT_LENGTH: { status: 400, code: 'BAD_REQUEST', message: 'Invalid content length' },
	FST_ERR_CTP_BODY_TOO_LARGE: { status: 413, code: 'BODY_TOO_LARGE', message: 'The request body is too large' },
	FST_ERR_CTP_INVALID_TYPE: { status: 400, code: 'BAD_REQUEST', message: 'Invalid content type' },
	FST_ERR_VALIDATION: { status: 400, code: 'VALIDATION' },
	FST_ERR_BAD_URL: { status: 400, code: 'BAD_REQUEST', message: 'Malformed URL' },
	FST_ERR_ASYNC_CONSTRAINT: { status: 400, code: 'BAD_REQUEST' },
	FST_ERR_RATE_LIMIT: { status: 429, code: 'RATE_LIMITED' }
};

/** Codes for other 4xx errors of plugins (static files: a directory, a range past the end…). */
const CODE_BY_STATUS: Record<number, string> = { 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 416: 'RANGE_NOT_SATISFIABLE' };

export function errorBody(code: string, message: string, fields?: FieldIssue[]): ApiErrorBody {
	return { error: fields ? { code, message, fields } : { code, message } };
}

export function registerErrorHandling(app: FastifyInstance) {
	app.setErrorHandler((err: FastifyError | AppError, request, reply) => {
		if (err instanceof AppError) {
			if (err.statusCode >= 500) request.log.error({ err }, 'request failed');
			return reply.status(err.statusCode).send(errorBody(err.code, err.message, err.fields));
		}
		const known = err.code ? FASTIFY_CODES[err.code] : undefined;
		const status = known?.status ?? err.statusCode ?? 500;
		if (status >= 500 || !err.statusCode && !known) {
			request.log.error({ err }, 'request failed');
			return reply.status(500).send(errorBody('INTERNAL', 'Internal server error'));
		}
		if (status === 429) return reply.status(429).send(errorBody('RATE_LIMITED', 'Too many attempts; wait a minute and try again'));
		return reply.status(status).send(errorBody(known?.code ?? CODE_BY_STATUS[status] ?? 'BAD_REQUEST', known?.message ?? err.message));
	});

}

/**
 * Requests Node's HTTP parser refuses before Fastify sees them (headers over 16 KB, a malformed
 * request line, a client too slow to send its headers), answered in the API's error shape too.
 */
export function clientErrorHandler(err: Error & { code?: string }, socket: Socket) {
	if (err.code === 'ECONNRESET' || socket.destroyed) return;
	const [status, code, message] =
		err.code === 'HPE_HEADER_OVERFLOW'
			? [431, 'HEADERS_TOO_LARGE', 'The request headers are too large (16 KB at most)']
			: err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
				? [408, 'REQUEST_TIMEOUT', 'The request took too long to arrive']
				: [400, 'BAD_REQUEST', 'Malformed HTTP request'];
	const body = JSON.stringify(errorBody(code, message));
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
	}
	socket.destroy(err);
}
