/** The `session` endpoints of the table (../endpoints.ts); their addresses are in session.address.ts. */
import { area } from '../endpoint';
import { passwordChangeRequest, sessionResponse, signInRequest } from '../session';
import { okResponse } from '../units';
import { sessionAddresses as at } from './session.address';

export const sessionEndpoints = area('session', {
	signIn: {
		...at.signIn,
		auth: 'public',
		summary: 'Sign in (sets the session cookie); 10 tries a minute per address',
		body: signInRequest,
		response: sessionResponse,
		errors: ['INVALID_CREDENTIALS', 'TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
	},
	get: { ...at.get, auth: 'session', summary: 'The signed-in account', response: sessionResponse },
	changePassword: {
		...at.changePassword,
		auth: 'session',
		summary: 'Change the own password (other sessions are signed out)',
		body: passwordChangeRequest,
		response: okResponse,
		errors: ['TOO_MANY_ATTEMPTS', 'RATE_LIMITED']
	},
	signOut: { ...at.signOut, auth: 'public', summary: 'Sign out (clears the session cookie)', response: okResponse }
});
