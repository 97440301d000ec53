/** The `health` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { okResponse } from '../units';

export const healthEndpoints = area('health', {
	get: { method: 'GET', path: '/healthz', auth: 'public', summary: 'The server is up and its database answers', response: okResponse }
});
