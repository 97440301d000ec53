import { asc, eq } from 'drizzle-orm';
import type { SalesFiguresInput } from '../../src/lib/core/sales';
import type { Db } from '../db/client';
import { showSales } from '../db/schema';

export type SalesRow = typeof showSales.$inferSelect;

/** When and by whom a show's figures were last saved (the newest row), nulls when there are none. */
export function latestSalesUpdate(rows: readonly SalesRow[]): { updatedAt: number | null; updatedBy: string | null } {
	const latest = rows.reduce<SalesRow | null>((a, b) => (!a || b.updatedAt > a.updatedAt ? b : a), null);
	return { updatedAt: latest?.updatedAt ?? null, updatedBy: latest?.updatedBy ?? null };
}

/** Sales figures per product of a show. */
export class SalesRepository {
	constructor(private readonly db: Db) {}

	list(showId: number): SalesRow[] {
		return this.db.select().from(showSales).where(eq(showSales.showId, showId)).orderBy(asc(showSales.productId)).all();
	}

	/** Replaces the show's figures with `rows` in one transaction. */
	replace(showId: number, rows: readonly SalesFiguresInput[], now: number, by: string) {
		this.db.transaction((tx) => {
			tx.delete(showSales).where(eq(showSales.showId, showId)).run();
			if (rows.length) tx.insert(showSales).values(rows.map((r) => ({ ...r, showId, updatedAt: now, updatedBy: by }))).run();
		});
	}
}
