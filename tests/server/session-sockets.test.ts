/**
 * A session that ends closes its sockets at once: a coordinator's watch socket is revoked
 * (SIGNED_OUT) on sign-out, when the account is disabled or its password reset, and when the
 * account changes its own password from another session; other accounts' sockets stay.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { sessions } from '../../server/db/schema';
import { SESSION_SWEEP_MS } from '../../server/live/gateway';
import { closeScreens, demoShow, rawSocket, welcomed, type RawSocket } from './live-support';
import { PROVINCE_CODE } from '../../src/lib/core/units';
import { accountOf, call } from './planning-support';
import { ADMIN_PASSWORD, listen, makeApp, signIn } from './support';

let app: FastifyInstance;
let base: string;
let showId: number;

beforeEach(async () => {
	app = await makeApp();
	base = await listen(app);
	showId = demoShow(app).showId;
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

async function watch(cookie: string): Promise<RawSocket> {
	const socket = rawSocket(base, { showId }, { cookie });
	await welcomed(socket);
	return socket;
}

/** Resolves with the revoke code and the disconnect reason. */
function dropped(socket: RawSocket) {
	return new Promise<{ code: string; reason: string }>((resolve) => {
		let code = '';
		socket.once('revoked', (r) => (code = r.code));
		socket.once('disconnect', (reason) => resolve({ code, reason }));
	});
}

describe('sockets of a session that ended', () => {
	it('close on sign-out (that session only)', async () => {
		const one = await signIn(app);
		const two = await signIn(app);
		const [a, b] = [await watch(one), await watch(two)];
		const gone = dropped(a);
		expect((await app.inject({ method: 'DELETE', url: '/api/session', headers: { cookie: one } })).statusCode).toBe(200);
		expect(await gone).toEqual({ code: 'SIGNED_OUT', reason: 'io server disconnect' });
		expect(b.connected).toBe(true);
	});

	it('close when the account is disabled or its password reset, and not another account’s', async () => {
		const admin = await signIn(app);
		const city = await accountOf(app, 'watcher', PROVINCE_CODE);
		const cityId = app.deps.repos.accounts.findByUsername('watcher')!.id;
		const [cityScreen, adminScreen] = [await watch(city), await watch(admin)];
		let gone = dropped(cityScreen);
		expect((await call(app, admin, 'PATCH', `/api/accounts/${cityId}`, { disabled: true })).status).toBe(200);
		expect((await gone).code).toBe('SIGNED_OUT');
		expect(adminScreen.connected).toBe(true);

		expect((await call(app, admin, 'PATCH', `/api/accounts/${cityId}`, { disabled: false })).status).toBe(200);
		const again = await watch(await signIn(app, 'watcher', 'watcher-password'));
		gone = dropped(again);
		expect((await call(app, admin, 'PATCH', `/api/accounts/${cityId}`, { password: 'a-reset-password' })).status).toBe(200);
		expect((await gone).code).toBe('SIGNED_OUT');
		expect(adminScreen.connected).toBe(true);
	});

	it('close the other sessions when the account changes its own password; this one stays', async () => {
		const here = await signIn(app);
		const elsewhere = await signIn(app);
		const [mine, other] = [await watch(here), await watch(elsewhere)];
		const gone = dropped(other);
		const res = await app.inject({ method: 'PUT', url: '/api/session/password', headers: { cookie: here }, payload: { currentPassword: ADMIN_PASSWORD, newPassword: 'changed-password-9' } });
		expect(res.statusCode).toBe(200);
		expect((await gone).code).toBe('SIGNED_OUT');
		expect(mine.connected).toBe(true);
	});

	it('close within the sweep when the session ends where this process does not hear of it (the admin CLI, another process)', async () => {
		const cookie = await signIn(app);
		const screen = await watch(cookie);
		const gone = dropped(screen);
		// What `npm run admin -- reset-password` does from its own process: the rows go, no event here.
		app.deps.db.delete(sessions).run();
		// Bounded by the test's timeout: one sweep and some slack.
		expect((await gone).code).toBe('SIGNED_OUT');
	}, SESSION_SWEEP_MS + 5_000);
});
