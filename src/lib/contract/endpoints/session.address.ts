/**
 * Where the session endpoints are, without their schemas: the sign-in page and the session state
 * call them through `sessionCalls` (session.calls.ts) and so load no zod.
 */
export const sessionAddresses = {
	signIn: { method: 'POST', path: '/api/session' },
	get: { method: 'GET', path: '/api/session' },
	changePassword: { method: 'PUT', path: '/api/session/password' },
	signOut: { method: 'DELETE', path: '/api/session' }
} as const;
