/**
 * Which units a request covers: a city account its own unit (asking for another answers 404, like
 * a record that does not exist); a province account one unit with `?unit=`, or all of them.
 */
import type { SessionAccount } from '../../src/lib/contract/session';
import { UNITS, unitByCode } from '../../src/lib/core/units';
import { DomainError } from './errors';

export interface UnitScope {
	/** The one unit asked for (or a city's own), null for the whole province. */
	unit: string | null;
	unitCodes: string[];
}

export const unknownUnit = () => new DomainError('NOT_FOUND', 'Unit not found');

export function unitScope(account: SessionAccount, unit: string | undefined): UnitScope {
	if (account.scope !== 'province') {
		if (unit !== undefined && unit !== '' && unit !== account.unitCode) throw unknownUnit();
		return { unit: account.unitCode, unitCodes: [account.unitCode] };
	}
	if (unit === undefined || unit === '' || unit === 'all') return { unit: null, unitCodes: UNITS.map((u) => u.code) };
	if (!unitByCode(unit)) throw unknownUnit();
	return { unit, unitCodes: [unit] };
}
