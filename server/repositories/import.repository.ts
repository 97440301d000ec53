import { and, eq, gt, lte } from 'drizzle-orm';
import type { Db } from '../db/client';
import { importPreviews } from '../db/schema';

export type ImportPreviewRow = typeof importPreviews.$inferSelect;

/** Import previews: parsed uploads waiting for the coordinator's confirmation. */
export class ImportPreviewRepository {
	constructor(private readonly db: Db) {}

	create(values: typeof importPreviews.$inferInsert) {
		this.db.insert(importPreviews).values(values).run();
	}

	/** The account's preview if it has not expired at `now`. */
	find(id: string, accountId: number, now: number): ImportPreviewRow | undefined {
		const row = this.db
			.select()
			.from(importPreviews)
			.where(and(eq(importPreviews.id, id), eq(importPreviews.accountId, accountId)))
			.get();
		return row && row.expiresAt > now ? row : undefined;
	}

	/** Deletes the account's preview if it has not expired at `now`; true when there was one (a confirm consumes it exactly once). */
	delete(id: string, accountId: number, now: number): boolean {
		return (
			this.db
				.delete(importPreviews)
				.where(and(eq(importPreviews.id, id), eq(importPreviews.accountId, accountId), gt(importPreviews.expiresAt, now)))
				.run().changes > 0
		);
	}

	deleteExpired(now: number): number {
		return this.db.delete(importPreviews).where(lte(importPreviews.expiresAt, now)).run().changes;
	}
}
