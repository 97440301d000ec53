/** The `public` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { publicShowParams, publicShowResponse } from '../posters';

export const publicEndpoints = area('public', {
	show: {
		method: 'GET',
		path: '/api/public/shows/:slug',
		auth: 'public',
		summary: 'The public countdown page of a scheduled show',
		params: publicShowParams,
		response: publicShowResponse,
		errors: ['NOT_FOUND']
	}
});
