/** The `posters` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { posterInfoResponse, posterPublishBody, posterSettingsBody, posterSvgQuery } from '../posters';
import { showIdParams } from '../shows';

export const postersEndpoints = area('posters', {
	get: { method: 'GET', path: '/api/shows/:id/poster', auth: 'session', summary: 'Poster settings and publishing state', params: showIdParams, response: posterInfoResponse, errors: ['NOT_FOUND'] },
	save: { method: 'PUT', path: '/api/shows/:id/poster', auth: 'session', summary: 'Save the poster settings', params: showIdParams, body: posterSettingsBody, response: posterInfoResponse, errors: ['NOT_FOUND'] },
	publish: { method: 'PUT', path: '/api/shows/:id/poster/published', auth: 'session', summary: 'Record the poster as published', params: showIdParams, body: posterPublishBody, response: posterInfoResponse, errors: ['NOT_FOUND'] },
	unpublish: { method: 'DELETE', path: '/api/shows/:id/poster/published', auth: 'session', summary: 'Clear the published date', params: showIdParams, response: posterInfoResponse, errors: ['NOT_FOUND'] },
	svg: { method: 'GET', path: '/api/shows/:id/poster.svg', auth: 'session', summary: 'The poster as SVG', params: showIdParams, query: posterSvgQuery, contentType: 'image/svg+xml', errors: ['NOT_FOUND'] }
});
