/**
 * Errors of the domain: a stable code (one of the contract's ERROR_CODES), an English message and,
 * for field errors, the fields at fault. Services throw them and know nothing of HTTP; the HTTP
 * layer picks the status from the code (`ERROR_STATUS` in server/http/errors.ts), and the socket
 * answers the same codes in its refusals.
 */
import type { z } from 'zod';
import type { ErrorCode, FieldIssue } from '../../src/lib/contract/errors';
import { zodFieldIssues } from '../../src/lib/contract/fields';

export class DomainError extends Error {
	constructor(
		readonly code: ErrorCode,
		message: string,
		readonly fields?: FieldIssue[]
	) {
		super(message);
	}
}

export const notFound = (what: string) => new DomainError('NOT_FOUND', `${what} not found`);
export const forbidden = (message = 'You may not do this') => new DomainError('FORBIDDEN', message);

/** A VALIDATION error from zod's issues, its message naming the first field. */
export function validationError(error: z.ZodError, where = 'body'): DomainError {
	const fields = zodFieldIssues(error);
	const first = fields[0];
	const message = first ? `Invalid ${where}: ${first.path ? `${first.path}: ` : ''}${first.message}` : `Invalid ${where}`;
	return new DomainError('VALIDATION', message, fields);
}
