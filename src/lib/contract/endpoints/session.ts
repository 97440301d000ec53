/** The `session` endpoints of the table (../endpoints.ts). */
import { area } from '../endpoint';
import { passwordChangeRequest, sessionResponse, signInRequest } from '../session';
import { okResponse } from '../units';

export const sessionEndpoints = area('session', {
	signIn: {
		method: 'POST',
		path: '/api/session',
		auth: 'public',
		summary: 'Sign in (sets the session cookie); 10 tries a minute per address',
		body: signInRequest,
		response: sessionResponse,
		errors: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
	},
	get: { method: 'GET', path: '/api/session', auth: 'session', summary: 'The signed-in account', response: sessionResponse },
	changePassword: {
		method: 'PUT',
		path: '/api/session/password',
		auth: 'session',
		summary: 'Change the own password (other sessions are signed out)',
		body: passwordChangeRequest,
		response: okResponse,
		errors: ['TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
	},
	signOut: { method: 'DELETE', path: '/api/session', auth: 'public', summary: 'Sign out (clears the session cookie)', response: okResponse }
});
