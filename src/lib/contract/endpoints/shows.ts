/** The `shows` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { checksQuery, checksResponse, deletedResponse, showActionRequest, showCreateRequest, showDuplicateRequest, showIdParams, showListQuery, showListResponse, showPatchRequest, showResponse } from '../shows';
import { SHOW_ACTION } from './codes';

export const showsEndpoints = area('shows', {
	list: { method: 'GET', path: '/api/shows', auth: 'session', summary: 'Shows visible to the account', query: showListQuery, response: showListResponse },
	create: { method: 'POST', path: '/api/shows', auth: 'session', summary: 'Create a draft show', body: showCreateRequest, status: 201, response: showResponse, errors: ['FORBIDDEN'] },
	get: { method: 'GET', path: '/api/shows/:id', auth: 'session', summary: 'One show with its run-sheet', params: showIdParams, response: showResponse, errors: ['NOT_FOUND'] },
	update: {
		method: 'PATCH',
		path: '/api/shows/:id',
		auth: 'session',
		summary: 'Change a show (plan, run-sheet)',
		params: showIdParams,
		body: showPatchRequest,
		response: showResponse,
		errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION', 'SHOW_LIVE', 'CURRENT_SEGMENT', 'INVALID_STATUS', 'UNKNOWN_PRODUCT']
	},
	remove: { method: 'DELETE', path: '/api/shows/:id', auth: 'session', summary: 'Delete a show', params: showIdParams, response: deletedResponse, errors: ['NOT_FOUND', 'SHOW_LIVE', 'INVALID_STATUS'] },
	checks: {
		method: 'GET',
		path: '/api/shows/:id/checks',
		auth: 'session',
		summary: 'The rule checks of a show (messages in ?lang= or Accept-Language)',
		params: showIdParams,
		query: checksQuery,
		response: checksResponse,
		errors: ['NOT_FOUND']
	},
	duplicate: {
		method: 'POST',
		path: '/api/shows/:id/duplicate',
		auth: 'session',
		summary: 'Copy a show into a new draft',
		params: showIdParams,
		body: showDuplicateRequest,
		status: 201,
		response: showResponse,
		errors: ['NOT_FOUND']
	},
	report: { method: 'POST', path: '/api/shows/:id/report', auth: 'session', summary: 'Report a show to the province', params: showIdParams, body: showActionRequest, response: showResponse, errors: [...SHOW_ACTION, 'CHECKS_FAILED', 'REPORT_TOO_LATE'] },
	approve: { method: 'POST', path: '/api/shows/:id/approve', auth: 'session', summary: 'Approve a reported show (province)', params: showIdParams, body: showActionRequest, response: showResponse, errors: [...SHOW_ACTION, 'FORBIDDEN', 'CHECKS_FAILED'] },
	withdraw: { method: 'POST', path: '/api/shows/:id/withdraw', auth: 'session', summary: 'Withdraw a reported or approved show', params: showIdParams, body: showActionRequest, response: showResponse, errors: SHOW_ACTION }
});
