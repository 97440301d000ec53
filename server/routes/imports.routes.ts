import { importConfirmRequest, importConfirmResponse, importIdParams, importPreviewResponse, importQuery } from '../../src/lib/contract/imports';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';
import { readUpload, withUploads } from '../http/multipart';

/** Product nominations from Excel: upload → preview (nothing saved) → confirm the chosen rows. */
export async function importRoutes(app: AppInstance) {
	const { imports } = app.deps.paperwork;

	await withUploads(app, (scope) => {
		scope.post('/api/imports/products', { schema: { querystring: importQuery, response: { 200: importPreviewResponse } } }, async (request) => {
			const account = accountOf(request);
			const file = await readUpload(request);
			return imports.preview(account, (request.query as { unit?: string }).unit, file);
		});
	});

	app.get('/api/imports/:id', { schema: { params: importIdParams, response: { 200: importPreviewResponse } } }, (request) => {
		return imports.get(accountOf(request), request.params.id);
	});

	app.post('/api/imports/:id/confirm', { schema: { params: importIdParams, body: importConfirmRequest, response: { 200: importConfirmResponse } } }, (request) => {
		return imports.confirm(accountOf(request), request.params.id, request.body);
	});

	app.delete('/api/imports/:id', { schema: { params: importIdParams } }, (request, reply) => {
		imports.discard(accountOf(request), request.params.id);
		return reply.status(204).send();
	});
}
