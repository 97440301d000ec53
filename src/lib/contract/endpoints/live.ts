/** The `live` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { LIVE_ACK_ERROR_CODES, liveCommandBody, liveCommandParams, liveSheetSchema, liveSnapshotSchema } from '../live';

export const liveEndpoints = area('live', {
	snapshot: {
		method: 'GET',
		path: '/api/live',
		auth: 'token',
		summary: 'The live state of the token’s show',
		response: liveSnapshotSchema,
		errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', 'RATE_LIMITED', 'NOT_FOUND']
	},
	sheet: {
		method: 'GET',
		path: '/api/live/sheet',
		auth: 'token',
		summary: 'The run-sheet as the token’s role sees it',
		response: liveSheetSchema,
		errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', 'RATE_LIMITED', 'NOT_FOUND']
	},
	command: {
		method: 'POST',
		path: '/api/live/:command',
		auth: 'token',
		summary: 'Run a live command (start, next, pause, resume, extend, end…); an empty body is no fields',
		params: liveCommandParams,
		body: liveCommandBody,
		response: liveSnapshotSchema,
		// A refused command answers the socket's code; INVALID_COMMAND becomes VALIDATION.
		errors: ['UNAUTHENTICATED', 'INVALID_TOKEN', ...LIVE_ACK_ERROR_CODES.filter((code) => !['INVALID_COMMAND', 'INVALID_EVENT', 'UNKNOWN_EVENT'].includes(code))]
	}
});
