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

export interface ApiErrorBody {
	error: { code: string; message: string; fields?: FieldIssue[] };
}

export const HTTP_ERROR_CODES = [
	'VALIDATION',
	'INVALID_JSON',
	'UNSUPPORTED_MEDIA_TYPE',
	'BODY_TOO_LARGE',
	'BAD_REQUEST',
	'URI_TOO_LONG',
	'UNAUTHENTICATED',
	'INVALID_CREDENTIALS',
	'FORBIDDEN',
	'CROSS_SITE_REQUEST',
	'NOT_FOUND',
	'METHOD_NOT_ALLOWED',
	'CONFLICT',
	'STALE_VERSION',
	// Planning
	'SHOW_LIVE',
	'CURRENT_SEGMENT',
	'CHECKS_FAILED',
	'REPORT_TOO_LATE',
	'INVALID_STATUS',
	'PRODUCT_IN_USE',
	'USERNAME_TAKEN',
	'OWN_ACCOUNT',
	'RATE_LIMITED',
	'INTERNAL'
] as const;
