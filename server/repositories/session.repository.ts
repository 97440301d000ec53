import { and, eq, gt, lte } from 'drizzle-orm';
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

	/** Signs the account out everywhere (disabled, or its password was reset). */
	deleteForAccount(accountId: number) {
		this.db.delete(sessions).where(eq(sessions.accountId, accountId)).run();
	}

	deleteExpired(now: number) {
		this.db.delete(sessions).where(lte(sessions.expiresAt, now)).run();
	}
}
