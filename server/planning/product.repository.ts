import { and, asc, eq, inArray, ne, sql, type SQL } from 'drizzle-orm';
import { productInput, type Catalogue, type Product, type ProductCategory, type ProductInput, type ProductStatus } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { products } from '../db/schema';
import { readJsonOr, silentRowLog, type RowLog } from '../db/rows';
import { anyContains } from '../db/search';

type Row = typeof products.$inferSelect;

function toProduct(this: RowLog, row: Row): Product {
	const catalogues = readJsonOr(this, productInput.shape.catalogues, row.catalogues, { table: 'products', column: 'catalogues', id: row.id }, []);
	return { ...row, catalogues };
}

export interface ProductListFilter {
	unitCode?: string;
	category?: ProductCategory;
	/** One status, `active` (candidate and selected, the default) or `all`. */
	status?: ProductStatus | 'active' | 'all';
	catalogue?: Catalogue;
	/** Words in the product or shop name, origin or selling points. */
	q?: string;
}

export class ProductRepository {
	readonly #toProduct: (row: Row) => Product;

	constructor(
		private readonly db: Db,
		log: RowLog = silentRowLog
	) {
		this.#toProduct = toProduct.bind(log);
	}

	create(input: ProductInput, now: number): Product {
		return this.#toProduct(this.db.insert(products).values({ ...input, createdAt: now, updatedAt: now }).returning().get());
	}

	get(id: number): Product | undefined {
		const row = this.db.select().from(products).where(eq(products.id, id)).get();
		return row && this.#toProduct(row);
	}

	getMany(ids: readonly number[]): Product[] {
		if (ids.length === 0) return [];
		return this.db.select().from(products).where(inArray(products.id, [...ids])).all().map(this.#toProduct);
	}

	/**
	 * Saves changes, raising the version, only if the product is still at `expectedVersion` (any
	 * version when null). The saved product, 'stale', or undefined when it does not exist.
	 */
	update(id: number, expectedVersion: number | null, changes: Partial<ProductInput>, now: number): Product | 'stale' | undefined {
		const where = expectedVersion === null ? eq(products.id, id) : and(eq(products.id, id), eq(products.version, expectedVersion));
		const row = this.db
			.update(products)
			.set({ ...changes, version: sql`${products.version} + 1`, updatedAt: now })
			.where(where)
			.returning()
			.get();
		if (row) return this.#toProduct(row);
		return this.get(id) ? 'stale' : undefined;
	}

	/** Products by unit and id, filtered. */
	list(filter: ProductListFilter = {}): Product[] {
		const where: SQL[] = [];
		if (filter.unitCode) where.push(eq(products.unitCode, filter.unitCode));
		if (filter.category) where.push(eq(products.category, filter.category));
		const status = filter.status ?? 'active';
		if (status === 'active') where.push(ne(products.status, 'archived'));
		else if (status !== 'all') where.push(eq(products.status, status));
		if (filter.catalogue) where.push(sql`CASE WHEN json_valid(${products.catalogues}) THEN EXISTS (SELECT 1 FROM json_each(${products.catalogues}) WHERE value = ${filter.catalogue}) ELSE 0 END`);
		if (filter.q) where.push(anyContains(filter.q, [products.name, products.shopName, products.origin, products.sellingPoints]));
		return this.db
			.select()
			.from(products)
			.where(and(...where))
			.orderBy(sql`(SELECT sort FROM units WHERE units.code = ${products.unitCode})`, asc(products.id))
			.all()
			.map(this.#toProduct);
	}

	/** Candidates and selected products (not archived) per nominating unit. */
	nominationCounts(unitCode?: string): { unitCode: string; candidate: number; selected: number }[] {
		const where: SQL[] = [ne(products.status, 'archived')];
		if (unitCode) where.push(eq(products.unitCode, unitCode));
		return this.db
			.select({
				unitCode: products.unitCode,
				candidate: sql<number>`sum(${products.status} = 'candidate')`,
				selected: sql<number>`sum(${products.status} = 'selected')`
			})
			.from(products)
			.where(and(...where))
			.groupBy(products.unitCode)
			.all();
	}
}
