import { endpoints } from '../../src/lib/contract/endpoints';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';
import { route } from '../http/route';
import { ensureOwnUnit, staleVersion, visible } from '../services/scope';
import { unitScope } from '../services/unit-scope';

/** Campaign progress, and the host-training sessions it counts. */
export function progressRoutes(app: AppInstance) {
	const { progress, training } = app.deps.paperwork;
	const { clock } = app.deps;

	route(app, endpoints.progress.get, (request) => {
		return progress.progress(accountOf(request), request.query);
	});

	route(app, endpoints.training.list, (request) => {
		const scope = unitScope(accountOf(request), request.query.unit);
		return { sessions: training.list({ unitCodes: scope.unitCodes }) };
	});

	route(app, endpoints.training.create, (request, reply) => {
		// A city records its own sessions only: writing into another unit is 403, as everywhere in the
		// API (reading another unit's record is 404).
		ensureOwnUnit(accountOf(request), request.body.unitCode);
		reply.status(201);
		return training.create(request.body, clock());
	});

	const visibleSession = (request: Parameters<typeof accountOf>[0], id: number) => visible(accountOf(request), training.get(id), 'Training session');

	route(app, endpoints.training.get, (request) => visibleSession(request, request.params.id));

	route(app, endpoints.training.update, (request) => {
		visibleSession(request, request.params.id);
		const { version, ...input } = request.body;
		ensureOwnUnit(accountOf(request), input.unitCode);
		const saved = training.update(request.params.id, version, input, clock());
		if (!saved) throw staleVersion('session');
		return saved;
	});

	route(app, endpoints.training.remove, (request, reply) => {
		visibleSession(request, request.params.id);
		training.delete(request.params.id);
		return reply.status(204).send();
	});
}
