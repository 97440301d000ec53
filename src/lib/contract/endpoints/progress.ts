/** The `progress` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { progressQuery, progressResponse } from '../progress';

export const progressEndpoints = area('progress', {
	get: { method: 'GET', path: '/api/progress', auth: 'session', summary: 'Campaign progress', query: progressQuery, response: progressResponse, errors: ['NOT_FOUND'] }
});
