/**
 * The HTTP side of errors: the status of every code (`ERROR_STATUS`) and the one handler that turns
 * every failure — a service's `DomainError`, Fastify's own — into `{ error: { code, message,
 * fields? } }`. 4xx messages pass through; 5xx detail is logged and never sent.
 */
import type { FastifyError, FastifyInstance } from 'fastify';
import { STATUS_CODES } from 'node:http';
import type { Socket } from 'node:net';
import type { ApiErrorBody, ErrorCode, FieldIssue } from '../../src/lib/contract/errors';
import { DomainError } from '../domain/errors';

/**
 * The one table of HTTP statuses: every error code of the API and the live socket, and the status it
 * answers. Services throw `DomainError`s with a code; the error handler, the live control routes and
 * the hand-written answers below take the status from here. A live command the state does not
 * allow is 422.
 */
export const ERROR_STATUS: Record<ErrorCode, number> = {
	VALIDATION: 400,
	INVALID_JSON: 400,
	BAD_REQUEST: 400,
	NO_FILE: 400,
	INVALID_COMMAND: 400,
	INVALID_EVENT: 400,
	UNKNOWN_EVENT: 400,
	UNAUTHENTICATED: 401,
	INVALID_CREDENTIALS: 401,
	INVALID_TOKEN: 401,
	FORBIDDEN: 403,
	CROSS_SITE_REQUEST: 403,
	NOT_FOUND: 404,
	METHOD_NOT_ALLOWED: 405,
	NOT_ACCEPTABLE: 406,
	REQUEST_TIMEOUT: 408,
	CONFLICT: 409,
	STALE_VERSION: 409,
	SHOW_LIVE: 409,
	CURRENT_SEGMENT: 409,
	INVALID_STATUS: 409,
	PRODUCT_IN_USE: 409,
	USERNAME_TAKEN: 409,
	OWN_ACCOUNT: 409,
	PREVIEW_STALE: 409,
	BODY_TOO_LARGE: 413,
	FILE_TOO_LARGE: 413,
	FILE_TOO_LARGE_UNPACKED: 413,
	URI_TOO_LONG: 414,
	UNSUPPORTED_MEDIA_TYPE: 415,
	RANGE_NOT_SATISFIABLE: 416,
	CHECKS_FAILED: 422,
	REPORT_TOO_LATE: 422,
	UNKNOWN_PRODUCT: 422,
	NOT_XLSX: 422,
	EMPTY_FILE: 422,
	PASSWORD_PROTECTED: 422,
	SPREADSHEET_UNREADABLE: 422,
	SPREADSHEET_TIMEOUT: 422,
	UNSUPPORTED_FILE: 422,
	NO_HEADER_ROW: 422,
	TOO_MANY_ROWS: 422,
	INVALID_DECISIONS: 422,
	// After-show figure imports
	NO_RUN: 422,
	EXPORT_NOT_RECOGNISED: 422,
	EXPORT_NO_DATA: 422,
	EXPORT_OUTSIDE_RUN: 422,
	CSV_MALFORMED: 422,
	ALREADY_STARTED: 422,
	SHOW_ENDED: 422,
	EMPTY_RUNSHEET: 422,
	NOT_LIVE: 422,
	NOT_PAUSED: 422,
	NOT_RUNNING: 422,
	AT_LAST_SEGMENT: 422,
	AT_FIRST_SEGMENT: 422,
	UNKNOWN_SEGMENT: 422,
	SAME_SEGMENT: 422,
	DURATION_BELOW_ZERO: 422,
	NO_FLASH_SALE: 422,
	FLASH_SALE_RUNNING: 422,
	FLASH_SALE_NOT_RUNNING: 422,
	UNKNOWN_CUE: 422,
	UNKNOWN_MESSAGE: 422,
	ALREADY_ACKED: 422,
	NOT_REHEARSAL: 422,
	COMMAND_EXPIRED: 422,
	COMMAND_FROM_FUTURE: 422,
	UNKNOWN_PLATFORM: 422,
	FIGURE_LINE_EMPTY: 422,
	FIGURE_UNKNOWN_LABEL: 422,
	FIGURE_BAD_NUMBER: 422,
	FIGURE_TOO_LARGE: 422,
	FIGURE_TOO_MANY_VALUES: 422,
	FIGURE_MISSING_VALUE: 422,
	FIGURE_MISSING_LABEL: 422,
	FIGURE_MIXED_FORMS: 422,
	FIGURE_DUPLICATE_LABEL: 422,
	RATE_LIMITED: 429,
	TOO_MANY_ATTEMPTS: 429,
	HEADERS_TOO_LARGE: 431,
	INTERNAL: 500
};

/** Fastify's own 4xx errors, renamed to the API's codes. */
const FASTIFY_CODES: Record<string, { code: ErrorCode; message?: string }> = {
	FST_ERR_CTP_INVALID_JSON_BODY: { code: 'INVALID_JSON', message: 'The body is not valid JSON' },
	FST_ERR_CTP_EMPTY_JSON_BODY: { code: 'INVALID_JSON', message: 'The JSON body is empty' },
	FST_ERR_CTP_INVALID_MEDIA_TYPE: { code: 'UNSUPPORTED_MEDIA_TYPE', message: 'Unsupported content type' },
	FST_ERR_CTP_INVALID_CONTENT_LENGTH: { code: 'BAD_REQUEST', message: 'Invalid content length' },
	FST_ERR_CTP_BODY_TOO_LARGE: { code: 'BODY_TOO_LARGE', message: 'The request body is too large' },
	FST_ERR_CTP_INVALID_TYPE: { code: 'BAD_REQUEST', message: 'Invalid content type' },
	FST_ERR_VALIDATION: { code: 'VALIDATION' },
	FST_ERR_BAD_URL: { code: 'BAD_REQUEST', message: 'Malformed URL' },
	FST_ERR_ASYNC_CONSTRAINT: { code: 'BAD_REQUEST' },
	FST_ERR_RATE_LIMIT: { code: 'RATE_LIMITED' }
};

/** Codes for other 4xx errors of plugins (static files: a directory, a range past the end…), which keep their status. */
const CODE_BY_STATUS: Record<number, ErrorCode> = { 403: 'FORBIDDEN', 404: 'NOT_FOUND', 405: 'METHOD_NOT_ALLOWED', 406: 'NOT_ACCEPTABLE', 416: 'RANGE_NOT_SATISFIABLE' };

export function errorBody(code: ErrorCode, message: string, fields?: FieldIssue[]): ApiErrorBody {
	return { error: fields ? { code, message, fields } : { code, message } };
}

export function registerErrorHandling(app: FastifyInstance) {
	app.setErrorHandler((err: FastifyError | DomainError, request, reply) => {
		if (err instanceof DomainError) {
			const status = ERROR_STATUS[err.code];
			if (status >= 500) request.log.error({ err }, 'request failed');
			return reply.status(status).send(errorBody(err.code, err.message, err.fields));
		}
		const known = err.code ? FASTIFY_CODES[err.code] : undefined;
		const status = known ? ERROR_STATUS[known.code] : (err.statusCode ?? 500);
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
	const [code, message]: [ErrorCode, string] =
		err.code === 'HPE_HEADER_OVERFLOW'
			? ['HEADERS_TOO_LARGE', 'The request headers are too large (16 KB at most)']
			: err.code === 'ERR_HTTP_REQUEST_TIMEOUT'
				? ['REQUEST_TIMEOUT', 'The request took too long to arrive']
				: ['BAD_REQUEST', 'Malformed HTTP request'];
	const status = ERROR_STATUS[code];
	const body = JSON.stringify(errorBody(code, message));
	if (socket.writable) {
		socket.write(`HTTP/1.1 ${status} ${STATUS_CODES[status]}\r\nContent-Type: application/json; charset=utf-8\r\nContent-Length: ${Buffer.byteLength(body)}\r\nConnection: close\r\n\r\n${body}`);
	}
	socket.destroy(err);
}
