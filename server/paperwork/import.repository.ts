import { and, eq, gt, lte } from 'drizzle-orm';
import { importPreviewResponse, type ImportPreview } from '../../src/lib/contract/imports';
import type { Db } from '../db/client';
import { importPreviews } from '../db/schema';
import { readJson, silentRowLog, type RowLog } from '../db/rows';

export type ImportPreviewRow = Omit<typeof importPreviews.$inferSelect, 'preview'> & { preview: ImportPreview };

/** Import previews: parsed uploads waiting for the coordinator's confirmation. */
export class ImportPreviewRepository {
	constructor(
		private readonly db: Db,
		private readonly log: RowLog = silentRowLog
	) {}

	create(values: typeof importPreviews.$inferInsert) {
		this.db.insert(importPreviews).values(values).run();
	}

	/** The account's preview if it has not expired at `now`; one that does not parse is logged and treated as gone. */
	find(id: string, accountId: number, now: number): ImportPreviewRow | undefined {
		const row = this.db
			.select()
			.from(importPreviews)
			.where(and(eq(importPreviews.id, id), eq(importPreviews.accountId, accountId)))
			.get();
		if (!row || row.expiresAt <= now) return undefined;
		// The id is the row's key and a secret of its account: only its first characters are logged.
		const preview = readJson(this.log, importPreviewResponse, row.preview, { table: 'import_previews', column: 'preview', id: `${row.id.slice(0, 6)}…` });
		return preview && { ...row, preview };
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
