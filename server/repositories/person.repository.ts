import { and, asc, eq, inArray, isNull, type SQL } from 'drizzle-orm';
import type { Person, PersonInput } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { people } from '../db/schema';

type Row = typeof people.$inferSelect;

function toPerson(row: Row): Person {
	const { archivedAt: _archived, createdAt: _created, updatedAt: _updated, ...person } = row;
	return person;
}

export class PersonRepository {
	constructor(private readonly db: Db) {}

	create(input: PersonInput, now: number, extra: Partial<Pick<Row, 'ambassador' | 'ambassadorAwardedAt' | 'ambassadorAwardedBy'>> = {}): Person {
		return toPerson(this.db.insert(people).values({ ...input, ...extra, createdAt: now, updatedAt: now }).returning().get());
	}

	get(id: number): Person | undefined {
		const row = this.db.select().from(people).where(eq(people.id, id)).get();
		return row && toPerson(row);
	}

	getMany(ids: readonly number[]): Person[] {
		if (ids.length === 0) return [];
		return this.db.select().from(people).where(inArray(people.id, [...ids])).all().map(toPerson);
	}

	list(filter: { unitCode?: string } = {}): Person[] {
		const where: SQL[] = [isNull(people.archivedAt)];
		if (filter.unitCode) where.push(eq(people.unitCode, filter.unitCode));
		return this.db
			.select()
			.from(people)
			.where(and(...where))
			.orderBy(asc(people.unitCode), asc(people.id))
			.all()
			.map(toPerson);
	}
}
