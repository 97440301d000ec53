import type { FastifyRequest } from 'fastify';
import { reportQuery, reportResponse, salesImportResponse, salesResponse, salesUpdateRequest } from '../../src/lib/contract/reports';
import { showIdParams } from '../../src/lib/contract/shows';
import type { Show } from '../../src/lib/core/model';
import type { AppInstance } from '../app';
import { sendXlsx } from '../http/download';
import { accountOf } from '../http/guard';
import { readUpload, withUploads } from '../http/multipart';
import { visible } from '../services/scope';

/** The after-show report and the sales figures behind it. */
export async function reportRoutes(app: AppInstance) {
	const { shows } = app.deps;
	const { reports, sales } = app.deps.paperwork;

	/** The show when the coordinator may see it; another unit's show answers like a missing one. */
	const visibleShow = (request: FastifyRequest, id: number): Show => visible(accountOf(request), shows.get(id), 'Show');

	app.get('/api/shows/:id/report', { schema: { params: showIdParams, querystring: reportQuery, response: { 200: reportResponse } } }, (request) => {
		return reports.report(visibleShow(request, request.params.id), request.query);
	});

	app.get('/api/shows/:id/report.xlsx', { schema: { params: showIdParams, querystring: reportQuery } }, async (request, reply) => {
		const show = visibleShow(request, request.params.id);
		const buffer = await reports.xlsx(reports.report(show, request.query));
		return sendXlsx(reply, { buffer, fileName: `直播复盘-${show.title.slice(0, 40)}.xlsx`, asciiName: `report-show-${show.id}.xlsx` });
	});

	app.get('/api/shows/:id/sales', { schema: { params: showIdParams, response: { 200: salesResponse } } }, (request) => {
		return sales.list(visibleShow(request, request.params.id));
	});

	app.put('/api/shows/:id/sales', { schema: { params: showIdParams, body: salesUpdateRequest, response: { 200: salesResponse } } }, (request) => {
		const account = accountOf(request);
		return sales.save(visibleShow(request, request.params.id), request.body.rows, account.username);
	});

	await withUploads(app, (scope) => {
		scope.post('/api/shows/:id/sales/import', { schema: { params: showIdParams, response: { 200: salesImportResponse } } }, async (request) => {
			const show = visibleShow(request, (request.params as { id: number }).id);
			return sales.readUpload(show, await readUpload(request));
		});
	});
}
