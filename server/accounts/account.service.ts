/**
 * Coordinator accounts, managed by administrators: each bound to one unit (a city account sees its
 * own unit, a province account all). Disabling an account or setting a new password signs it out
 * everywhere at once.
 */
import { unitByCode } from '../../src/lib/core/units';
import type { AccountCreateRequest, AccountPatchRequest } from '../../src/lib/contract/accounts';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { ErrorCode } from '../../src/lib/contract/errors';
import { DomainError, notFound } from '../domain/errors';
import type { AccountRepository, AccountWithScope } from './account.repository';
import type { AuthService } from './auth.service';
import { hashPassword } from './password';
import { ensureAdmin } from '../domain/scope';

function toResponse(a: AccountWithScope) {
	return { id: a.id, username: a.username, displayName: a.displayName, role: a.role, unitCode: a.unitCode, scope: a.scope, createdAt: a.createdAt, disabledAt: a.disabledAt };
}

function fieldError(code: ErrorCode, path: string, message: string) {
	return new DomainError(code, message, [{ path, code: code.toLowerCase(), message }]);
}

export class AccountService {
	constructor(
		private readonly accounts: AccountRepository,
		private readonly auth: Pick<AuthService, 'endSessions'>,
		private readonly clock: () => number
	) {}

	list(actor: SessionAccount) {
		ensureAdmin(actor);
		return this.accounts.list().map(toResponse);
	}

	async create(actor: SessionAccount, input: AccountCreateRequest & { role: 'admin' | 'coordinator' }) {
		ensureAdmin(actor);
		if (this.accounts.findByUsername(input.username)) throw fieldError('USERNAME_TAKEN', 'username', 'This username is taken');
		if (input.role === 'admin' && unitByCode(input.unitCode)?.kind !== 'province') {
			throw fieldError('VALIDATION', 'role', 'Only a province account can be an administrator');
		}
		const row = this.accounts.create({
			username: input.username,
			displayName: input.displayName,
			unitCode: input.unitCode,
			role: input.role,
			passwordHash: await hashPassword(input.password),
			createdAt: this.clock()
		});
		return toResponse(this.accounts.findById(row.id)!);
	}

	/** `currentSessionId`: the actor's own session, kept when they set their own password. */
	async update(actor: SessionAccount, id: number, patch: AccountPatchRequest, currentSessionId: string | null = null) {
		ensureAdmin(actor);
		const account = this.accounts.findById(id);
		if (!account) throw notFound('Account');
		if (id === actor.id && (patch.disabled === true || (patch.unitCode !== undefined && patch.unitCode !== account.unitCode))) {
			throw new DomainError('OWN_ACCOUNT', 'You cannot disable your own account or move it to another unit');
		}
		if (account.role === 'admin' && patch.unitCode !== undefined && unitByCode(patch.unitCode)?.kind !== 'province') {
			throw fieldError('VALIDATION', 'unitCode', 'An administrator belongs to the province');
		}
		const disabledAt = patch.disabled === undefined ? undefined : patch.disabled ? (account.disabledAt ?? this.clock()) : null;
		this.accounts.update(id, {
			...(patch.displayName !== undefined ? { displayName: patch.displayName } : {}),
			...(patch.unitCode !== undefined ? { unitCode: patch.unitCode } : {}),
			...(patch.password !== undefined ? { passwordHash: await hashPassword(patch.password) } : {}),
			...(disabledAt !== undefined ? { disabledAt } : {})
		});
		// Sign out everywhere (a new scope needs nothing: it is read on every request).
		if ((patch.disabled || patch.password !== undefined) && id !== actor.id) this.auth.endSessions(id);
		// An administrator setting their own password here: their other sessions end, this one stays.
		else if (patch.password !== undefined) this.auth.endSessions(id, currentSessionId);
		return toResponse(this.accounts.findById(id)!);
	}
}
