import { progressQuery, progressResponse } from '../../src/lib/contract/progress';
import { trainingCreateRequest, trainingIdParams, trainingListQuery, trainingListResponse, trainingSession, trainingUpdateRequest } from '../../src/lib/contract/training';
import type { AppInstance } from '../app';
import { accountOf } from '../http/guard';
import { ensureOwnUnit, staleVersion, visible } from '../services/scope';
import { unitScope } from '../services/unit-scope';

/** Campaign progress, and the host-training sessions it counts. */
export function progressRoutes(app: AppInstance) {
	const { progress, training } = app.deps.paperwork;
	const { clock } = app.deps;

	app.get('/api/progress', { schema: { querystring: progressQuery, response: { 200: progressResponse } } }, (request) => {
		return progress.progress(accountOf(request), request.query);
	});

	app.get('/api/training-sessions', { schema: { querystring: trainingListQuery, response: { 200: trainingListResponse } } }, (request) => {
		const scope = unitScope(accountOf(request), request.query.unit);
		return { sessions: training.list({ unitCodes: scope.unitCodes }) };
	});

	app.post('/api/training-sessions', { schema: { body: trainingCreateRequest, response: { 201: trainingSession } } }, (request, reply) => {
		// A city records its own sessions only: writing into another unit is 403, as everywhere in the
		// API (reading another unit's record is 404).
		ensureOwnUnit(accountOf(request), request.body.unitCode);
		reply.status(201);
		return training.create(request.body, clock());
	});

	const visibleSession = (request: Parameters<typeof accountOf>[0], id: number) => visible(accountOf(request), training.get(id), 'Training session');

	app.get('/api/training-sessions/:id', { schema: { params: trainingIdParams, response: { 200: trainingSession } } }, (request) => visibleSession(request, request.params.id));

	app.patch('/api/training-sessions/:id', { schema: { params: trainingIdParams, body: trainingUpdateRequest, response: { 200: trainingSession } } }, (request) => {
		visibleSession(request, request.params.id);
		const { version, ...input } = request.body;
		ensureOwnUnit(accountOf(request), input.unitCode);
		const saved = training.update(request.params.id, version, input, clock());
		if (!saved) throw staleVersion('session');
		return saved;
	});

	app.delete('/api/training-sessions/:id', { schema: { params: trainingIdParams } }, (request, reply) => {
		visibleSession(request, request.params.id);
		training.delete(request.params.id);
		return reply.status(204).send();
	});
}
