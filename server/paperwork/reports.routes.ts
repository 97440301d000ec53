import type { FastifyInstance, FastifyRequest } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import type { Show } from '../../src/lib/core/model';
import { sendXlsx } from '../http/download';
import { accountOf } from '../http/guard';
import { readUpload, withUploads } from '../http/multipart';
import { route } from '../http/route';

/** The after-show report and the sales figures behind it. */
export async function reportRoutes(app: FastifyInstance) {
	const { reports, sales, shows, figureImports } = app.deps.services;

	/** The show when the coordinator may see it; another unit's show answers like a missing one. */
	const visibleShow = (request: FastifyRequest, id: number): Show => shows.get(accountOf(request), id);

	route(app, endpoints.reports.get, (request) => {
		return reports.report(visibleShow(request, request.params.id), request.query);
	});

	route(app, endpoints.reports.xlsx, async (request, reply) => {
		const show = visibleShow(request, request.params.id);
		const buffer = await reports.xlsx(reports.report(show, request.query));
		return sendXlsx(reply, { buffer, fileName: `直播复盘-${show.title.slice(0, 40)}.xlsx`, asciiName: `report-show-${show.id}.xlsx` });
	});

	route(app, endpoints.reports.sales, (request) => {
		return sales.list(visibleShow(request, request.params.id));
	});

	route(app, endpoints.reports.saveSales, (request) => {
		const account = accountOf(request);
		return sales.save(visibleShow(request, request.params.id), request.body.rows, account.username);
	});

	await withUploads(app, (scope) => {
		route(scope, endpoints.reports.importSales, async (request) => {
			const show = visibleShow(request, request.params.id);
			return sales.readUpload(show, await readUpload(request));
		});
		route(scope, endpoints.reports.previewFigures, async (request) => {
			const show = visibleShow(request, request.params.id);
			return figureImports.preview(show, request.query, await readUpload(request));
		});
		route(scope, endpoints.reports.importFigures, async (request) => {
			const show = visibleShow(request, request.params.id);
			return figureImports.confirm(show, request.query, await readUpload(request), accountOf(request).username);
		});
	});
}
