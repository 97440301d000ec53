/**
 * Unit scoping, in one place for every planning route: a province account sees every unit, a city
 * account only its own. Another unit's record answers exactly like a missing one (404), so ids
 * reveal nothing; creating or moving a record into another unit is forbidden (403).
 */
import type { SessionAccount } from '../../src/lib/contract/session';
import { DomainError, notFound } from './errors';
import { canAccessUnit } from './access';

/** The record when the account may see it; 404 NOT_FOUND otherwise. */
export function visible<T extends { unitCode: string }>(account: SessionAccount, record: T | undefined, what: string): T {
	if (!record || !canAccessUnit(account, record.unitCode)) throw notFound(what);
	return record;
}

/** The unit a list is limited to: the one asked for by a province account, always its own for a city. */
export function listUnit(account: SessionAccount, requested: string | undefined): string | undefined {
	return account.scope === 'province' ? requested || undefined : account.unitCode;
}

/** Refuses (403) to put a record into a unit the account does not manage. */
export function ensureOwnUnit(account: SessionAccount, unitCode: string) {
	if (!canAccessUnit(account, unitCode)) {
		throw new DomainError('FORBIDDEN', 'A city account plans for its own unit only', [
			{ path: 'unitCode', code: 'unit_not_yours', message: 'A city account plans for its own unit only' }
		]);
	}
}

/** Refuses (403) what only a province account may do. */
export function ensureProvince(account: SessionAccount, what: string) {
	if (account.scope !== 'province') throw new DomainError('FORBIDDEN', `Only a province account may ${what}`);
}

/** Refuses (403) what only an administrator may do. */
export function ensureAdmin(account: SessionAccount) {
	if (account.role !== 'admin') throw new DomainError('FORBIDDEN', 'Only an administrator may manage accounts');
}

export const staleVersion = (what: string) => new DomainError('STALE_VERSION', `The ${what} was changed by someone else since you loaded it; reload and try again`);

/** The saved record of a versioned update: 'stale' answers 409 STALE_VERSION, none 404 NOT_FOUND. */
export function savedOrThrow<T>(result: T | 'stale' | undefined, what: string): T {
	if (result === 'stale') throw staleVersion(what.toLowerCase());
	if (!result) throw notFound(what);
	return result;
}
