/** The `accounts` endpoints of the table (../endpoints.ts). */
import { accountCreateRequest, accountIdParams, accountListResponse, accountPatchRequest, accountResponse } from '../accounts';
import { area } from '../endpoint';

export const accountsEndpoints = area('accounts', {
	list: { method: 'GET', path: '/api/accounts', auth: 'session', summary: 'Coordinator accounts (administrators)', response: accountListResponse, errors: ['FORBIDDEN'] },
	create: { method: 'POST', path: '/api/accounts', auth: 'session', summary: 'Create an account (administrators)', body: accountCreateRequest, status: 201, response: accountResponse, errors: ['FORBIDDEN', 'USERNAME_TAKEN'] },
	update: {
		method: 'PATCH',
		path: '/api/accounts/:id',
		auth: 'session',
		summary: 'Change, disable or reset an account (administrators)',
		params: accountIdParams,
		body: accountPatchRequest,
		response: accountResponse,
		errors: ['FORBIDDEN', 'NOT_FOUND', 'OWN_ACCOUNT', 'STALE_VERSION']
	}
});
