/** The `links` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { rotateLinkParams, showLinksResponse } from '../links';
import { showIdParams } from '../shows';

export const linksEndpoints = area('links', {
	get: { method: 'GET', path: '/api/shows/:id/links', auth: 'session', summary: 'The producer and host links of a show', params: showIdParams, response: showLinksResponse, errors: ['NOT_FOUND'] },
	rotate: {
		method: 'POST',
		path: '/api/shows/:id/links/:role/rotate',
		auth: 'session',
		summary: 'Replace a link with a new one (the old token stops at once)',
		params: rotateLinkParams,
		response: showLinksResponse,
		errors: ['NOT_FOUND']
	}
});
