/** The `training` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { trainingCreateRequest, trainingIdParams, trainingListQuery, trainingListResponse, trainingSession, trainingUpdateRequest } from '../training';

export const trainingEndpoints = area('training', {
	list: { method: 'GET', path: '/api/training-sessions', auth: 'session', summary: 'Host-training sessions', query: trainingListQuery, response: trainingListResponse, errors: ['NOT_FOUND'] },
	create: { method: 'POST', path: '/api/training-sessions', auth: 'session', summary: 'Record a training session', body: trainingCreateRequest, status: 201, response: trainingSession, errors: ['FORBIDDEN'] },
	get: { method: 'GET', path: '/api/training-sessions/:id', auth: 'session', summary: 'One training session', params: trainingIdParams, response: trainingSession, errors: ['NOT_FOUND'] },
	update: {
		method: 'PATCH',
		path: '/api/training-sessions/:id',
		auth: 'session',
		summary: 'Change a training session',
		params: trainingIdParams,
		body: trainingUpdateRequest,
		response: trainingSession,
		errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION']
	},
	remove: { method: 'DELETE', path: '/api/training-sessions/:id', auth: 'session', summary: 'Delete a training session', params: trainingIdParams, status: 204, errors: ['NOT_FOUND'] }
});
