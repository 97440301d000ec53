/**
 * Sign-in hardening: argon2id hashes (older scrypt ones rehashed at the next good sign-in), and
 * wrong passwords throttled per account and per address with exponential backoff.
 */
import type { FastifyInstance } from 'fastify';
import { randomBytes, scryptSync } from 'node:crypto';
import { afterEach, describe, expect, it } from 'vitest';
import { hashPassword, needsRehash, verifyPassword } from '../../server/accounts/password';
import { FREE_FAILURES, MAX_WAIT_MS, SignInThrottle } from '../../server/accounts/sign-in-throttle';
import { ADMIN_PASSWORD, makeApp, makeClock, signIn, type TestClock } from './support';

/** A hash as the first Showcall wrote it: scrypt, N = 2^14. */
function legacyScrypt(password: string): string {
	const salt = randomBytes(16);
	const key = scryptSync(password.normalize('NFKC'), salt, 32, { N: 16384, r: 8, p: 1 });
	return ['scrypt', 16384, 8, 1, salt.toString('base64url'), key.toString('base64url')].join('$');
}

describe('password hashing', () => {
	it('writes argon2id with OWASP parameters, verifies both schemes, and flags the old one for a rehash', async () => {
		const stored = await hashPassword('一个足够长的密码 pass');
		expect(stored).toMatch(/^\$argon2id\$v=19\$m=19456,t=2,p=1\$/);
		expect(needsRehash(stored)).toBe(false);
		expect(await verifyPassword('一个足够长的密码 pass', stored)).toBe(true);
		expect(await verifyPassword('一个足够长的密码 Pass', stored)).toBe(false);

		const old = legacyScrypt('old-password-1');
		expect(needsRehash(old)).toBe(true);
		expect(await verifyPassword('old-password-1', old)).toBe(true);
		expect(await verifyPassword('old-password-2', old)).toBe(false);
		for (const junk of ['', 'scrypt$', 'scrypt$1099511627776$8$1$c2FsdA$aGFzaA', '$argon2id$nonsense', 'plain']) expect(await verifyPassword('x', junk)).toBe(false);
	});
});

describe('SignInThrottle', () => {
	it(`lets ${FREE_FAILURES} failures through, then doubles the wait per failure up to a cap; success clears it`, () => {
		const throttle = new SignInThrottle();
		let now = 0;
		for (let i = 0; i < FREE_FAILURES; i++) {
			expect(throttle.waitMs('admin', '10.0.0.1', now)).toBe(0);
			throttle.failed('admin', '10.0.0.1', now);
		}
		expect(throttle.waitMs('admin', '10.0.0.1', now)).toBe(0);
		const waits: number[] = [];
		for (let i = 0; i < 14; i++) {
			throttle.failed('admin', '10.0.0.1', now);
			waits.push(throttle.waitMs('admin', '10.0.0.1', now));
			now += waits.at(-1)!;
		}
		expect(waits.slice(0, 4)).toEqual([1000, 2000, 4000, 8000]);
		expect(waits.at(-1)).toBe(MAX_WAIT_MS);
		// Per account (another address), and per address (another account), both waiting.
		throttle.failed('admin', '10.0.0.1', now);
		expect(throttle.waitMs('ADMIN', '10.9.9.9', now)).toBe(MAX_WAIT_MS);
		expect(throttle.waitMs('someone', '10.0.0.1', now)).toBe(MAX_WAIT_MS);
		expect(throttle.waitMs('someone', '10.9.9.9', now)).toBe(0);
		throttle.succeeded('admin', '10.0.0.1');
		expect(throttle.waitMs('admin', '10.0.0.1', now)).toBe(0);
	});
});

describe('POST /api/session', () => {
	let app: FastifyInstance;
	let clock: TestClock;
	afterEach(async () => app?.close());

	const attempt = (password: string, ip = '127.0.0.1', username = 'admin') =>
		app.inject({ method: 'POST', url: '/api/session', payload: { username, password }, remoteAddress: ip });

	it('answers 429 TOO_MANY_ATTEMPTS with Retry-After after repeated wrong passwords, even for the right one, until the wait is over', async () => {
		clock = makeClock();
		app = await makeApp({ clock });
		for (let i = 0; i < FREE_FAILURES + 1; i++) expect((await attempt('wrong-password', `10.0.0.${i + 1}`)).statusCode).toBe(401);
		const locked = await attempt(ADMIN_PASSWORD, '10.0.1.1');
		expect(locked.statusCode).toBe(429);
		expect(locked.json().error.code).toBe('TOO_MANY_ATTEMPTS');
		expect(locked.headers['retry-after']).toBe('1');
		expect(locked.headers['set-cookie']).toBeUndefined();
		clock.advance(1000);
		const good = await attempt(ADMIN_PASSWORD, '10.0.1.1');
		expect(good.statusCode).toBe(200);
		// The good sign-in cleared the account's count.
		expect((await attempt('wrong-password', '10.0.2.1')).statusCode).toBe(401);
	});

	it('rehashes a password stored under the old scheme at the next good sign-in', async () => {
		app = await makeApp();
		const admin = app.deps.repos.accounts.findByUsername('admin')!;
		app.deps.repos.accounts.update(admin.id, { passwordHash: legacyScrypt(ADMIN_PASSWORD) });
		expect((await attempt(ADMIN_PASSWORD)).statusCode).toBe(200);
		const rehashed = app.deps.repos.accounts.findByUsername('admin')!.passwordHash;
		expect(rehashed).toMatch(/^\$argon2id\$/);
		expect((await attempt(ADMIN_PASSWORD)).statusCode).toBe(200);
		expect(app.deps.repos.accounts.findByUsername('admin')!.passwordHash).toBe(rehashed);
	});
});

describe('PUT /api/session/password', () => {
	let app: FastifyInstance;
	afterEach(async () => app?.close());

	const change = (cookie: string, currentPassword: string, newPassword: string) =>
		app.inject({ method: 'PUT', url: '/api/session/password', headers: { cookie }, payload: { currentPassword, newPassword } });
	const who = async (cookie: string) => (await app.inject({ url: '/api/session', headers: { cookie } })).statusCode;

	it('checks the current password, changes it, and signs the account out of its other sessions only', async () => {
		app = await makeApp();
		const here = await signIn(app);
		const elsewhere = await signIn(app);
		const ended: unknown[] = [];
		app.deps.bus.on('sessionsEnded', (e) => ended.push(e));

		const wrong = await change(here, 'not-the-password', 'a-new-password-1');
		expect(wrong.statusCode).toBe(400);
		expect(wrong.json().error.fields).toEqual([expect.objectContaining({ path: 'currentPassword', code: 'wrong_password' })]);
		expect(await who(elsewhere)).toBe(200);
		expect((await change(here, ADMIN_PASSWORD, 'short')).statusCode).toBe(400);
		expect(ended).toEqual([]);

		expect((await change(here, ADMIN_PASSWORD, 'a-new-password-1')).statusCode).toBe(200);
		expect(await who(here)).toBe(200);
		expect(await who(elsewhere)).toBe(401);
		expect(ended).toEqual([{ accountId: app.deps.repos.accounts.findByUsername('admin')!.id, keepSessionId: expect.any(String) }]);
		await expect(signIn(app)).rejects.toThrow(/401/);
		expect(await signIn(app, 'admin', 'a-new-password-1')).toMatch(/^showcall_session=/);
		expect((await app.inject({ method: 'PUT', url: '/api/session/password', payload: { currentPassword: 'x', newPassword: 'yyyyyyyy' } })).statusCode).toBe(401);
	});

	it('an administrator setting their own password on the accounts page keeps this session and ends the others', async () => {
		app = await makeApp();
		const here = await signIn(app);
		const elsewhere = await signIn(app);
		const id = app.deps.repos.accounts.findByUsername('admin')!.id;
		const res = await app.inject({ method: 'PATCH', url: `/api/accounts/${id}`, headers: { cookie: here }, payload: { password: 'another-password-2' } });
		expect(res.statusCode).toBe(200);
		expect(await who(here)).toBe(200);
		expect(await who(elsewhere)).toBe(401);
	});
});
