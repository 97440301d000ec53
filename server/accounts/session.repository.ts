import { and, eq, gt, lte, ne } from 'drizzle-orm';
import type { Db } from '../db/client';
import { sessions } from '../db/schema';

export class SessionRepository {
	constructor(private readonly db: Db) {}

	create(values: typeof sessions.$inferInsert) {
		this.db.insert(sessions).values(values).run();
	}

	/** The account id of a session that has not expired at `now`. */
	findLive(id: string, now: number): number | undefined {
		return this.db
			.select({ accountId: sessions.accountId })
			.from(sessions)
			.where(and(eq(sessions.id, id), gt(sessions.expiresAt, now)))
			.get()?.accountId;
	}

	delete(id: string) {
		this.db.delete(sessions).where(eq(sessions.id, id)).run();
	}

	/** Signs the account out everywhere (disabled, or its password was reset), but for `keepId` if given. */
	deleteForAccount(accountId: number, keepId: string | null = null) {
		const where = keepId === null ? eq(sessions.accountId, accountId) : and(eq(sessions.accountId, accountId), ne(sessions.id, keepId));
		this.db.delete(sessions).where(where).run();
	}

	deleteExpired(now: number) {
		this.db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
	}
}
