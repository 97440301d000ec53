import { and, asc, eq, gte, lt, type SQL } from 'drizzle-orm';
import type { Segment, Show, ShowInput, ShowStatus } from '../../src/lib/core/model';
import type { Db } from '../db/client';
import { segments, shows } from '../db/schema';

type ShowRow = typeof shows.$inferSelect;
type SegmentRow = typeof segments.$inferSelect;

export interface NewShow extends ShowInput {
	slug: string;
	producerToken: string;
	hostToken: string;
	/** A draft unless said otherwise (the demo seed starts a show as reported). */
	status?: ShowStatus;
	reportedAt?: number | null;
	reportedBy?: string | null;
}

function toSegment(row: SegmentRow): Segment {
	const { showId: _show, position: _position, ...segment } = row;
	return segment;
}

function toShow(row: ShowRow, sheet: Segment[]): Show {
	const { producerToken: _p, hostToken: _h, ...show } = row;
	const productIds = [...new Set(sheet.map((s) => s.productId).filter((id): id is number => id !== null))];
	return { ...show, productIds, segments: sheet };
}

export class ShowRepository {
	constructor(private readonly db: Db) {}

	/** Inserts the show and its run-sheet in one transaction. */
	create(input: NewShow, sheet: Segment[], now: number): Show {
		return this.db.transaction((tx) => {
			const { productIds: _ids, ...values } = input;
			const row = tx
				.insert(shows)
				.values({ ...values, createdAt: now, updatedAt: now })
				.returning()
				.get();
			writeSegments(tx, row.id, sheet);
			return toShow(row, sheet);
		});
	}

	get(id: number): Show | undefined {
		const row = this.db.select().from(shows).where(eq(shows.id, id)).get();
		return row && toShow(row, this.segmentsOf(id));
	}

	/** Shows ordered by start, optionally of one unit and within [from, to). */
	list(filter: { unitCode?: string; from?: number; to?: number } = {}): Show[] {
		const where: SQL[] = [];
		if (filter.unitCode) where.push(eq(shows.unitCode, filter.unitCode));
		if (filter.from !== undefined) where.push(gte(shows.startsAt, filter.from));
		if (filter.to !== undefined) where.push(lt(shows.startsAt, filter.to));
		const rows = this.db
			.select()
			.from(shows)
			.where(and(...where))
			.orderBy(asc(shows.startsAt), asc(shows.id))
			.all();
		return rows.map((row) => toShow(row, this.segmentsOf(row.id)));
	}

	segmentsOf(showId: number): Segment[] {
		return this.db.select().from(segments).where(eq(segments.showId, showId)).orderBy(asc(segments.position)).all().map(toSegment);
	}

	setToken(showId: number, role: 'producer' | 'host', token: string) {
		this.db
			.update(shows)
			.set(role === 'producer' ? { producerToken: token } : { hostToken: token })
			.where(eq(shows.id, showId))
			.run();
	}

	/** The show and role a link token opens, if any. */
	findByToken(token: string): { showId: number; role: 'producer' | 'host' } | undefined {
		const producer = this.db.select({ id: shows.id }).from(shows).where(eq(shows.producerToken, token)).get();
		if (producer) return { showId: producer.id, role: 'producer' };
		const host = this.db.select({ id: shows.id }).from(shows).where(eq(shows.hostToken, token)).get();
		return host && { showId: host.id, role: 'host' };
	}

	/** The show's link secrets; kept apart from `Show` so they never travel by accident. */
	tokensOf(showId: number): { producerToken: string; hostToken: string } | undefined {
		return this.db.select({ producerToken: shows.producerToken, hostToken: shows.hostToken }).from(shows).where(eq(shows.id, showId)).get();
	}
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function writeSegments(tx: Tx, showId: number, sheet: Segment[]) {
	tx.delete(segments).where(eq(segments.showId, showId)).run();
	if (sheet.length === 0) return;
	tx.insert(segments)
		.values(sheet.map((s, position) => ({ ...s, showId, position })))
		.run();
}
