/** The `imports` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { importConfirmRequest, importConfirmResponse, importIdParams, importPreviewResponse, importQuery } from '../imports';
import { SPREADSHEET } from './codes';

export const importsEndpoints = area('imports', {
	upload: {
		method: 'POST',
		path: '/api/imports/products',
		auth: 'session',
		summary: 'Upload a nominations spreadsheet: a preview, nothing saved',
		query: importQuery,
		upload: true,
		response: importPreviewResponse,
		errors: ['NOT_FOUND', ...SPREADSHEET, 'NO_HEADER_ROW', 'TOO_MANY_ROWS']
	},
	get: { method: 'GET', path: '/api/imports/:id', auth: 'session', summary: 'An import preview', params: importIdParams, response: importPreviewResponse, errors: ['NOT_FOUND'] },
	confirm: {
		method: 'POST',
		path: '/api/imports/:id/confirm',
		auth: 'session',
		summary: 'Save the chosen rows of a preview',
		params: importIdParams,
		body: importConfirmRequest,
		response: importConfirmResponse,
		errors: ['NOT_FOUND', 'INVALID_DECISIONS', 'PREVIEW_STALE']
	},
	discard: { method: 'DELETE', path: '/api/imports/:id', auth: 'session', summary: 'Discard a preview', params: importIdParams, status: 204, errors: ['NOT_FOUND'] }
});
