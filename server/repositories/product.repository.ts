import { and, asc, eq, inArray, type SQL } from 'drizzle-orm';
import type { Product, ProductInput } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { products } from '../db/schema';

type Row = typeof products.$inferSelect;

function toProduct(row: Row): Product {
	const { ...product } = row;
	return product;
}

export class ProductRepository {
	constructor(private readonly db: Db) {}

	create(input: ProductInput, now: number): Product {
		return toProduct(this.db.insert(products).values({ ...input, createdAt: now, updatedAt: now }).returning().get());
	}

	get(id: number): Product | undefined {
		const row = this.db.select().from(products).where(eq(products.id, id)).get();
		return row && toProduct(row);
	}

	getMany(ids: readonly number[]): Product[] {
		if (ids.length === 0) return [];
		return this.db.select().from(products).where(inArray(products.id, [...ids])).all().map(toProduct);
	}

	list(filter: { unitCode?: string } = {}): Product[] {
		const where: SQL[] = [];
		if (filter.unitCode) where.push(eq(products.unitCode, filter.unitCode));
		return this.db
			.select()
			.from(products)
			.where(and(...where))
			.orderBy(asc(products.unitCode), asc(products.id))
			.all()
			.map(toProduct);
	}
}
