/**
 * Coordinator sign-in: argon2id-checked passwords (throttled per account and per address) and
 * opaque session tokens, of which the database
 * keeps only a SHA-256. One function resolves a cookie to an account, for HTTP routes and the
 * socket handshake alike.
 */
import { createHash, randomBytes } from 'node:crypto';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { AccountRepository, AccountWithScope } from './account.repository';
import type { SessionRepository } from './session.repository';
import { dummyHash, hashPassword, needsRehash, verifyPassword } from './password';
import type { Bus } from '../domain/bus';
import { SignInThrottle } from './sign-in-throttle';

export const SESSION_COOKIE = 'showcall_session';
/** Sessions last 12 hours: a working day of planning, or a show with its preparation. */
export const SESSION_TTL_MS = 12 * 60 * 60 * 1000;

/** A session's id in the database (and on its sockets): the SHA-256 of its token. */
export const sessionId = (token: string) => createHash('sha256').update(token).digest('base64url');

export function toSessionAccount(a: AccountWithScope): SessionAccount {
	return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, unitCode: a.unitCode, scope: a.scope };
}

export type SignInResult =
	| { ok: true; token: string; account: SessionAccount }
	/** Without saying which part was wrong. */
	| { ok: false; code: 'INVALID_CREDENTIALS' }
	/** Too many wrong passwords for this account or from this address: wait, without a check. */
	| { ok: false; code: 'TOO_MANY_ATTEMPTS'; retryAfterMs: number };

export class AuthService {
	readonly #throttle = new SignInThrottle();

	constructor(
		private readonly accounts: AccountRepository,
		private readonly sessions: SessionRepository,
		private readonly bus: Bus,
		private readonly clock: () => number
	) {}

	/**
	 * A new session for good credentials. `address` is the client's, for the throttle. A good
	 * password stored under an older scheme is rehashed now.
	 */
	async signIn(username: string, password: string, address = 'internal'): Promise<SignInResult> {
		const wait = this.#throttle.waitMs(username, address, this.clock());
		if (wait > 0) return { ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfterMs: wait };
		const account = this.accounts.findByUsername(username);
		const ok = await verifyPassword(password, account?.passwordHash ?? (await dummyHash()));
		if (!account || !ok || account.disabledAt !== null) {
			this.#throttle.failed(username, address, this.clock());
			return { ok: false, code: 'INVALID_CREDENTIALS' };
		}
		this.#throttle.succeeded(username, address);
		if (needsRehash(account.passwordHash)) this.accounts.update(account.id, { passwordHash: await hashPassword(password) });
		const now = this.clock();
		const token = randomBytes(32).toString('base64url');
		this.sessions.deleteExpired(now);
		this.sessions.create({ id: sessionId(token), accountId: account.id, createdAt: now, expiresAt: now + SESSION_TTL_MS });
		return { ok: true, token, account: toSessionAccount(account) };
	}

	/** The signed-in account for a session token, or null when absent, unknown, expired or disabled. */
	accountFor(token: string | undefined): SessionAccount | null {
		if (!token || token.length > 100) return null;
		const accountId = this.sessions.findLive(sessionId(token), this.clock());
		if (accountId === undefined) return null;
		const account = this.accounts.findById(accountId);
		return account && account.disabledAt === null ? toSessionAccount(account) : null;
	}

	/** Whether the session (by its id) is still live and its account enabled (for sockets opened with it). */
	sessionValid(id: string): boolean {
		const accountId = this.sessions.findLive(id, this.clock());
		if (accountId === undefined) return false;
		return this.accounts.findById(accountId)?.disabledAt === null;
	}

	signOut(token: string | undefined) {
		if (!token) return;
		this.sessions.delete(sessionId(token));
		this.bus.emit('sessionsEnded', { sessionId: sessionId(token) });
	}

	/**
	 * The signed-in account changes its own password: the current one is checked (and throttled like
	 * a sign-in), and every other session of the account ends; the one in `token` stays.
	 */
	async changePassword(accountId: number, token: string, current: string, next: string, address: string): Promise<Exclude<SignInResult, { ok: true }> | { ok: true }> {
		const account = this.accounts.findById(accountId);
		if (!account) return { ok: false, code: 'INVALID_CREDENTIALS' };
		const wait = this.#throttle.waitMs(account.username, address, this.clock());
		if (wait > 0) return { ok: false, code: 'TOO_MANY_ATTEMPTS', retryAfterMs: wait };
		if (!(await verifyPassword(current, account.passwordHash))) {
			this.#throttle.failed(account.username, address, this.clock());
			return { ok: false, code: 'INVALID_CREDENTIALS' };
		}
		this.#throttle.succeeded(account.username, address);
		this.accounts.update(accountId, { passwordHash: await hashPassword(next) });
		this.endSessions(accountId, sessionId(token));
		return { ok: true };
	}

	/** Ends every session of the account but `keepSessionId`, and tells the sockets opened with them. */
	endSessions(accountId: number, keepSessionId: string | null = null) {
		this.sessions.deleteForAccount(accountId, keepSessionId);
		this.bus.emit('sessionsEnded', { accountId, keepSessionId });
	}
}
