/** The `reports` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { reportQuery, reportResponse, salesImportResponse, salesResponse, salesUpdateRequest } from '../reports';
import { showIdParams } from '../shows';
import { figureImportConfirmQuery, figureImportPreview, figureImportQuery, figureImportResult } from '../figure-imports';
import { FIGURE_IMPORT, SPREADSHEET, XLSX } from './codes';

export const reportsEndpoints = area('reports', {
	get: { method: 'GET', path: '/api/shows/:id/report', auth: 'session', summary: 'The after-show report', params: showIdParams, query: reportQuery, response: reportResponse, errors: ['NOT_FOUND'] },
	xlsx: { method: 'GET', path: '/api/shows/:id/report.xlsx', auth: 'session', summary: 'The after-show report as Excel', params: showIdParams, query: reportQuery, contentType: XLSX, errors: ['NOT_FOUND'] },
	sales: { method: 'GET', path: '/api/shows/:id/sales', auth: 'session', summary: 'Sales figures per product', params: showIdParams, response: salesResponse, errors: ['NOT_FOUND'] },
	saveSales: { method: 'PUT', path: '/api/shows/:id/sales', auth: 'session', summary: 'Save sales figures', params: showIdParams, body: salesUpdateRequest, response: salesResponse, errors: ['NOT_FOUND', 'UNKNOWN_PRODUCT'] },
	importSales: {
		method: 'POST',
		path: '/api/shows/:id/sales/import',
		auth: 'session',
		summary: 'Read sales figures from a spreadsheet (not saved)',
		params: showIdParams,
		upload: true,
		response: salesImportResponse,
		errors: ['NOT_FOUND', ...SPREADSHEET]
	},
	previewFigures: {
		method: 'POST',
		path: '/api/shows/:id/figures/import/preview',
		auth: 'session',
		summary: 'Read a platform export (minute data or orders) into checkpoints (not saved)',
		params: showIdParams,
		query: figureImportQuery,
		upload: true,
		response: figureImportPreview,
		errors: ['NOT_FOUND', ...FIGURE_IMPORT, ...SPREADSHEET]
	},
	importFigures: {
		method: 'POST',
		path: '/api/shows/:id/figures/import',
		auth: 'session',
		summary: 'Store a platform export as the run\'s imported checkpoints (replacing an earlier import of that platform)',
		params: showIdParams,
		query: figureImportConfirmQuery,
		upload: true,
		response: figureImportResult,
		errors: ['NOT_FOUND', 'EXPORT_OUTSIDE_RUN', ...FIGURE_IMPORT, ...SPREADSHEET]
	}
});
