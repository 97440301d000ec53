import { asc } from 'drizzle-orm';
import { UNITS } from '../../src/lib/core/units';
import type { Db } from '../db/client';
import { units } from '../db/schema';

export class UnitRepository {
	constructor(private readonly db: Db) {}

	list() {
		return this.db.select().from(units).orderBy(asc(units.sort)).all();
	}

	/** Makes the table hold exactly the campaign's units (idempotent). */
	ensureCampaignUnits() {
		UNITS.forEach((u, sort) =>
			this.db
				.insert(units)
				.values({ code: u.code, kind: u.kind, nameZh: u.zh, nameEn: u.en, sort })
				.onConflictDoUpdate({ target: units.code, set: { kind: u.kind, nameZh: u.zh, nameEn: u.en, sort } })
				.run()
		);
	}
}
