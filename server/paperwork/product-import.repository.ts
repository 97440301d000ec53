import { and, eq } from 'drizzle-orm';
import type { ProductInput } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { products } from '../db/schema';

export interface ProductUpdate {
	id: number;
	/** The version the preview saw; a product changed since is not overwritten. */
	version: number;
	values: ProductInput;
}

export class StaleProductError extends Error {
	constructor(readonly productId: number) {
		super(`product ${productId} changed since the preview`);
	}
}

/** Writes a confirmed nomination import: new products and updates, all or nothing. */
export class ProductImportRepository {
	constructor(private readonly db: Db) {}

	/** Creates and updates in one transaction; throws StaleProductError (and saves nothing) when an updated product changed. */
	apply(creates: readonly ProductInput[], updates: readonly ProductUpdate[], now: number): { created: number[]; updated: number[] } {
		return this.db.transaction((tx) => {
			const updated: number[] = [];
			for (const u of updates) {
				const done = tx
					.update(products)
					.set({ ...u.values, version: u.version + 1, updatedAt: now })
					.where(and(eq(products.id, u.id), eq(products.version, u.version)))
					.run();
				if (done.changes !== 1) throw new StaleProductError(u.id);
				updated.push(u.id);
			}
			const created = creates.map((values) => tx.insert(products).values({ ...values, createdAt: now, updatedAt: now }).returning({ id: products.id }).get().id);
			return { created, updated };
		});
	}
}
