import { and, asc, eq, inArray, isNotNull, isNull, sql, type SQL } from 'drizzle-orm';
import { personInput, type AmbassadorStatus, type Person, type PersonInput } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { people } from '../db/schema';
import { readJsonOr, silentRowLog, type RowLog } from '../db/rows';
import { anyContains } from '../db/search';

type Row = typeof people.$inferSelect;

/** A person as the people pages see them: with the archive mark. */
export type PersonRecord = Person & { archivedAt: number | null };

function toPerson(this: RowLog, row: Row): PersonRecord {
	const { createdAt: _created, updatedAt: _updated, ...person } = row;
	const platforms = readJsonOr(this, personInput.shape.platforms, row.platforms, { table: 'people', column: 'platforms', id: row.id }, []);
	return { ...person, platforms };
}

export interface PersonListFilter {
	unitCode?: string;
	ambassador?: AmbassadorStatus;
	/** Archived people are left out unless asked for. */
	archived?: 'include' | 'only';
	q?: string;
}

/** Columns an edit may change: the 附件4 fields, the 扶贫大使 trail, the archive mark. */
export type PersonChanges = Partial<PersonInput> &
	Partial<Pick<Row, 'ambassador' | 'ambassadorNominatedAt' | 'ambassadorNominatedBy' | 'ambassadorAwardedAt' | 'ambassadorAwardedBy' | 'archivedAt'>>;

export class PersonRepository {
	readonly #toPerson: (row: Row) => PersonRecord;

	constructor(
		private readonly db: Db,
		log: RowLog = silentRowLog
	) {
		this.#toPerson = toPerson.bind(log);
	}

	create(input: PersonInput, now: number, extra: Partial<Pick<Row, 'ambassador' | 'ambassadorNominatedAt' | 'ambassadorNominatedBy' | 'ambassadorAwardedAt' | 'ambassadorAwardedBy'>> = {}): PersonRecord {
		return this.#toPerson(this.db.insert(people).values({ ...input, ...extra, createdAt: now, updatedAt: now }).returning().get());
	}

	get(id: number): PersonRecord | undefined {
		const row = this.db.select().from(people).where(eq(people.id, id)).get();
		return row && this.#toPerson(row);
	}

	getMany(ids: readonly number[]): PersonRecord[] {
		if (ids.length === 0) return [];
		return this.db.select().from(people).where(inArray(people.id, [...ids])).all().map(this.#toPerson);
	}

	/**
	 * Saves changes, raising the version, only if the person is still at `expectedVersion` (any
	 * version when null). The saved person, 'stale', or undefined when there is none.
	 */
	update(id: number, expectedVersion: number | null, changes: PersonChanges, now: number): PersonRecord | 'stale' | undefined {
		const where = expectedVersion === null ? eq(people.id, id) : and(eq(people.id, id), eq(people.version, expectedVersion));
		const row = this.db
			.update(people)
			.set({ ...changes, version: sql`${people.version} + 1`, updatedAt: now })
			.where(where)
			.returning()
			.get();
		if (row) return this.#toPerson(row);
		return this.get(id) ? 'stale' : undefined;
	}

	list(filter: PersonListFilter = {}): PersonRecord[] {
		const where: SQL[] = [];
		if (!filter.archived) where.push(isNull(people.archivedAt));
		else if (filter.archived === 'only') where.push(isNotNull(people.archivedAt));
		if (filter.unitCode) where.push(eq(people.unitCode, filter.unitCode));
		if (filter.ambassador) where.push(eq(people.ambassador, filter.ambassador));
		if (filter.q) where.push(anyContains(filter.q, [people.name, people.position, people.intro]));
		return this.db
			.select()
			.from(people)
			.where(and(...where))
			.orderBy(sql`(SELECT sort FROM units WHERE units.code = ${people.unitCode})`, asc(people.id))
			.all()
			.map(this.#toPerson);
	}
}
