import { eq, sql } from 'drizzle-orm';
import type { Db } from '../db/client';
import { accounts, units } from '../db/schema';

export type AccountRow = typeof accounts.$inferSelect;
export type AccountWithScope = AccountRow & { scope: 'province' | 'city' };

export class AccountRepository {
	constructor(private readonly db: Db) {}

	count(): number {
		return this.db.select({ n: sql<number>`count(*)` }).from(accounts).get()?.n ?? 0;
	}

	findByUsername(username: string): AccountWithScope | undefined {
		return this.withScope().where(eq(accounts.username, username)).get();
	}

	findById(id: number): AccountWithScope | undefined {
		return this.withScope().where(eq(accounts.id, id)).get();
	}

	list(): AccountWithScope[] {
		return this.withScope().orderBy(accounts.username).all();
	}

	create(values: typeof accounts.$inferInsert): AccountRow {
		return this.db.insert(accounts).values(values).returning().get();
	}

	/** Changes an account; true when it exists. */
	update(id: number, values: Partial<Pick<AccountRow, 'displayName' | 'unitCode' | 'passwordHash' | 'disabledAt'>>): boolean {
		// An empty change (PATCH {}) writes nothing; SQL has no UPDATE without a SET (the fuzz test found it as a 500).
		if (Object.keys(values).length === 0) return this.findById(id) !== undefined;
		return this.db.update(accounts).set(values).where(eq(accounts.id, id)).run().changes > 0;
	}

	private withScope() {
		return this.db
			.select({
				id: accounts.id,
				username: accounts.username,
				passwordHash: accounts.passwordHash,
				unitCode: accounts.unitCode,
				role: accounts.role,
				displayName: accounts.displayName,
				createdAt: accounts.createdAt,
				disabledAt: accounts.disabledAt,
				scope: units.kind
			})
			.from(accounts)
			.innerJoin(units, eq(units.code, accounts.unitCode));
	}
}
