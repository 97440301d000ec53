/** Refusals of live commands: a stable code for programs and a short English sentence for logs. */

export const LIVE_ERROR_CODES = [
	'INVALID_COMMAND',
	'STALE_VERSION',
	'FORBIDDEN',
	'ALREADY_STARTED',
	'SHOW_ENDED',
	'EMPTY_RUNSHEET',
	'NOT_LIVE',
	'NOT_PAUSED',
	'NOT_RUNNING',
	'AT_LAST_SEGMENT',
	'AT_FIRST_SEGMENT',
	'UNKNOWN_SEGMENT',
	'SAME_SEGMENT',
	'DURATION_BELOW_ZERO',
	'NO_FLASH_SALE',
	'FLASH_SALE_RUNNING',
	'FLASH_SALE_NOT_RUNNING',
	'UNKNOWN_PRODUCT',
	'UNKNOWN_CUE',
	'UNKNOWN_MESSAGE',
	'ALREADY_ACKED',
	'NOT_REHEARSAL',
	'COMMAND_EXPIRED',
	'COMMAND_FROM_FUTURE'
] as const;
export type LiveErrorCode = (typeof LIVE_ERROR_CODES)[number];

export interface LiveRefusal {
	ok: false;
	code: LiveErrorCode;
	message: string;
}

export function refuse(code: LiveErrorCode, message: string): LiveRefusal {
	return { ok: false, code, message };
}
