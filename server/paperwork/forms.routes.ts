import type { FastifyInstance } from 'fastify';
import { endpoints } from '../../src/lib/contract/endpoints';
import { sendXlsx } from '../http/download';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import type { FormFile } from './forms.service';
import { unitScope } from '../domain/unit-scope';

export function formRoutes(app: FastifyInstance) {
	const { forms } = app.deps.services;
	const e = endpoints.forms;

	route(app, e.summary, (request) => {
		const scope = unitScope(accountOf(request), request.query.unit);
		const people = forms.peopleOf(scope, 'all');
		return {
			unit: scope.unit,
			activities: forms.showsOf(scope).length,
			products: forms.productsOf(scope).length,
			ambassadors: { nominees: people.filter((p) => p.ambassador !== 'none').length, all: people.length }
		};
	});

	route(app, e.activities, async (request, reply) => {
		const file: FormFile = await forms.activities(unitScope(accountOf(request), request.query.unit));
		return sendXlsx(reply, file);
	});

	route(app, e.products, async (request, reply) => {
		return sendXlsx(reply, await forms.productsForm(unitScope(accountOf(request), request.query.unit)));
	});

	route(app, e.ambassadors, async (request, reply) => {
		const { unit, layout, people } = request.query;
		return sendXlsx(reply, await forms.ambassadors(unitScope(accountOf(request), unit), layout, people));
	});
}
