import { ambassadorFormQuery, formQuery, formsSummaryResponse } from '../../src/lib/contract/forms';
import type { AppInstance } from '../app';
import { sendXlsx } from '../http/download';
import { accountOf } from '../http/guard';
import type { FormFile } from '../services/forms.service';
import { unitScope } from '../services/unit-scope';

export function formRoutes(app: AppInstance) {
	const { forms } = app.deps.paperwork;

	app.get('/api/forms', { schema: { querystring: formQuery, response: { 200: formsSummaryResponse } } }, (request) => {
		const scope = unitScope(accountOf(request), request.query.unit);
		const people = forms.peopleOf(scope, 'all');
		return {
			unit: scope.unit,
			activities: forms.showsOf(scope).length,
			products: forms.productsOf(scope).length,
			ambassadors: { nominees: people.filter((p) => p.ambassador !== 'none').length, all: people.length }
		};
	});

	app.get('/api/forms/activities.xlsx', { schema: { querystring: formQuery } }, async (request, reply) => {
		const file: FormFile = await forms.activities(unitScope(accountOf(request), request.query.unit));
		return sendXlsx(reply, file);
	});

	app.get('/api/forms/products.xlsx', { schema: { querystring: formQuery } }, async (request, reply) => {
		return sendXlsx(reply, await forms.productsForm(unitScope(accountOf(request), request.query.unit)));
	});

	app.get('/api/forms/ambassadors.xlsx', { schema: { querystring: ambassadorFormQuery } }, async (request, reply) => {
		const { unit, layout, people } = request.query;
		return sendXlsx(reply, await forms.ambassadors(unitScope(accountOf(request), unit), layout, people));
	});
}
