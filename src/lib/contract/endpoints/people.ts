/** The `people` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { personActionRequest, personCreateRequest, personIdParams, personListQuery, personListResponse, personPatchRequest, personResponse } from '../people';
import { SHOW_ACTION } from './codes';

export const peopleEndpoints = area('people', {
	list: { method: 'GET', path: '/api/people', auth: 'session', summary: 'Hosts and ambassadors visible to the account', query: personListQuery, response: personListResponse },
	create: { method: 'POST', path: '/api/people', auth: 'session', summary: 'Add a person', body: personCreateRequest, status: 201, response: personResponse, errors: ['FORBIDDEN'] },
	get: { method: 'GET', path: '/api/people/:id', auth: 'session', summary: 'One person', params: personIdParams, response: personResponse, errors: ['NOT_FOUND'] },
	update: { method: 'PATCH', path: '/api/people/:id', auth: 'session', summary: 'Change a person', params: personIdParams, body: personPatchRequest, response: personResponse, errors: ['NOT_FOUND', 'FORBIDDEN', 'STALE_VERSION'] },
	nominate: { method: 'POST', path: '/api/people/:id/nominate', auth: 'session', summary: 'Nominate as ambassador', params: personIdParams, body: personActionRequest, response: personResponse, errors: SHOW_ACTION },
	award: { method: 'POST', path: '/api/people/:id/award', auth: 'session', summary: 'Award the ambassador title (province)', params: personIdParams, body: personActionRequest, response: personResponse, errors: [...SHOW_ACTION, 'FORBIDDEN'] },
	revoke: { method: 'POST', path: '/api/people/:id/revoke', auth: 'session', summary: 'Withdraw a nomination or title', params: personIdParams, body: personActionRequest, response: personResponse, errors: [...SHOW_ACTION, 'FORBIDDEN'] },
	archive: { method: 'POST', path: '/api/people/:id/archive', auth: 'session', summary: 'Archive a person', params: personIdParams, body: personActionRequest, response: personResponse, errors: ['NOT_FOUND', 'STALE_VERSION'] },
	restore: { method: 'POST', path: '/api/people/:id/restore', auth: 'session', summary: 'Restore an archived person', params: personIdParams, body: personActionRequest, response: personResponse, errors: ['NOT_FOUND', 'STALE_VERSION'] }
});
