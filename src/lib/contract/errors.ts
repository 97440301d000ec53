import { z } from 'zod';
import { FIGURE_LINE_ERROR_CODES } from '../core/figures/line';
import { LIVE_ERROR_CODES } from '../core/live/errors';

/**
 * The one error shape of the HTTP API: `{ error: { code, message, fields? } }`. `code` is a stable
 * identifier the UI translates; `message` is English for logs, scripts and curl users.
 */
export interface FieldIssue {
	/** Dotted path of the field, e.g. `platforms.0.roomUrl`; '' for the whole body. */
	path: string;
	/** Zod issue code (`too_small`, `invalid_format`…) or a domain code. */
	code: string;
	message: string;
	params?: Record<string, string | number | boolean>;
}

/** A FieldIssue as read from the network (a refusal's `fields`). */
export const fieldIssueSchema = z.object({
	path: z.string(),
	code: z.string(),
	message: z.string(),
	params: z.record(z.string(), z.union([z.string(), z.number(), z.boolean()])).optional()
}) satisfies z.ZodType<FieldIssue>;

export interface ApiErrorBody {
	error: { code: string; message: string; fields?: FieldIssue[] };
}

/**
 * Every error code the API and the live socket answer, once. The HTTP status of each is decided in
 * one table (`ERROR_STATUS` in server/http/errors.ts); services throw `DomainError`s with these codes
 * (server/domain/errors.ts) and the socket's refusals carry them too.
 */
export const ERROR_CODES = [
	// Requests
	'VALIDATION',
	'INVALID_JSON',
	'UNSUPPORTED_MEDIA_TYPE',
	'BODY_TOO_LARGE',
	'BAD_REQUEST',
	'URI_TOO_LONG',
	'HEADERS_TOO_LARGE',
	'REQUEST_TIMEOUT',
	'METHOD_NOT_ALLOWED',
	'NOT_ACCEPTABLE',
	'RANGE_NOT_SATISFIABLE',
	// Access
	'UNAUTHENTICATED',
	'INVALID_CREDENTIALS',
	'INVALID_TOKEN',
	'CROSS_SITE_REQUEST',
	'RATE_LIMITED',
	'TOO_MANY_ATTEMPTS',
	'NOT_FOUND',
	'CONFLICT',
	// Planning
	'SHOW_LIVE',
	'CURRENT_SEGMENT',
	'CHECKS_FAILED',
	'REPORT_TOO_LATE',
	'INVALID_STATUS',
	'PRODUCT_IN_USE',
	'USERNAME_TAKEN',
	'OWN_ACCOUNT',
	// Uploads and imports
	'NO_FILE',
	'FILE_TOO_LARGE',
	'FILE_TOO_LARGE_UNPACKED',
	'NOT_XLSX',
	'EMPTY_FILE',
	'PASSWORD_PROTECTED',
	'SPREADSHEET_UNREADABLE',
	'SPREADSHEET_TIMEOUT',
	'UNSUPPORTED_FILE',
	'NO_HEADER_ROW',
	'TOO_MANY_ROWS',
	'INVALID_DECISIONS',
	'PREVIEW_STALE',
	// After-show figure imports (issue 14): no run to import into, a file that is neither a minute-data nor an order export, one without figures, one outside the run, a broken CSV
	'NO_RUN',
	'EXPORT_NOT_RECOGNISED',
	'EXPORT_NO_DATA',
	'EXPORT_OUTSIDE_RUN',
	'CSV_MALFORMED',
	// Live: the reducer's refusals (FORBIDDEN, STALE_VERSION and UNKNOWN_PRODUCT among them, for planning too) and the socket's own
	...LIVE_ERROR_CODES,
	'INVALID_EVENT',
	'UNKNOWN_EVENT',
	// Figures on air: a platform the show is not on, and the keyboard line's own refusals
	'UNKNOWN_PLATFORM',
	...FIGURE_LINE_ERROR_CODES,
	'INTERNAL'
] as const;
export type ErrorCode = (typeof ERROR_CODES)[number];
