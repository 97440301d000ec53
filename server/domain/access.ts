/** Who may see what: pure access rules the services and the HTTP guard share. */
import type { SessionAccount } from '../../src/lib/contract/session';

/** Province accounts see every unit; a city account only its own. */
export function canAccessUnit(account: SessionAccount, unitCode: string): boolean {
	return account.scope === 'province' || account.unitCode === unitCode;
}
