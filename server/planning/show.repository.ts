import { randomBytes } from 'node:crypto';
import { and, asc, eq, gte, inArray, lt, ne, or, sql, type SQL } from 'drizzle-orm';
import { amendmentSchema } from '../../src/lib/core/amendment';
import { segmentInput, showInput, type Segment, type Show, type ShowInput, type ShowStatus } from '../../src/lib/core/model';
import type { LinkRole } from '../../src/lib/contract/links';
import type { Db } from '../db/client';
import { posterSettings, segments, shows } from '../db/schema';
import { readJsonOr, silentRowLog, type RowLog } from '../db/rows';
import { anyContains } from '../db/search';

type ShowRow = typeof shows.$inferSelect;
type SegmentRow = typeof segments.$inferSelect;

export interface NewShow extends ShowInput {
	slug: string;
	producerToken: string;
	hostToken: string;
	recorderToken: string;
	/** A draft unless said otherwise (the demo seed starts a show as reported). */
	status?: ShowStatus;
	reportedAt?: number | null;
	reportedBy?: string | null;
}

/** Fields an edit may change (the show's own fields, its status and the status trail). */
export type ShowChanges = Partial<Omit<ShowInput, 'productIds'>> &
	Partial<Pick<ShowRow, 'status' | 'reportedAt' | 'reportedBy' | 'approvedAt' | 'approvedBy' | 'amendment'>>;

export interface ShowListFilter {
	unitCode?: string;
	from?: number;
	to?: number;
	status?: ShowStatus;
	kind?: ShowRow['kind'];
	/** Words in the title or location. */
	q?: string;
}

/** A segment's JSON columns that do not parse are repaired to their empty value (logged). */
function toSegment(log: RowLog, row: SegmentRow): Segment {
	const { showId: _show, position: _position, ...segment } = row;
	const at = (column: string) => ({ table: 'segments', column, id: row.id });
	const f = segmentInput.shape;
	return {
		...segment,
		speakers: readJsonOr(log, f.speakers, row.speakers, at('speakers'), []),
		linkNumbers: readJsonOr(log, f.linkNumbers, row.linkNumbers, at('link_numbers'), {}),
		flashSale: readJsonOr(log, f.flashSale, row.flashSale, at('flash_sale'), null),
		cues: readJsonOr(log, f.cues, row.cues, at('cues'), [])
	};
}

/** A show's JSON columns that do not parse are repaired to their empty value (logged); its checks then flag what is missing. */
function toShow(log: RowLog, row: ShowRow, sheet: Segment[]): Show {
	const { producerToken: _p, hostToken: _h, recorderToken: _r, ...show } = row;
	const at = (column: string) => ({ table: 'shows', column, id: row.id });
	const f = showInput.shape;
	const productIds = [...new Set(sheet.map((s) => s.productId).filter((id): id is number => id !== null))];
	return {
		...show,
		platforms: readJsonOr(log, f.platforms, row.platforms, at('platforms'), []),
		hostIds: readJsonOr(log, f.hostIds, row.hostIds, at('host_ids'), []),
		guestIds: readJsonOr(log, f.guestIds, row.guestIds, at('guest_ids'), []),
		commission: readJsonOr(log, f.commission, row.commission, at('commission'), { charged: false, listingFee: false, note: '' }),
		// An unreadable change record is dropped: the show then reads as not amended (the trail keeps its status).
		amendment: readJsonOr(log, amendmentSchema.nullable(), row.amendment, at('amendment'), null),
		productIds,
		segments: sheet
	};
}

export class ShowRepository {
	constructor(
		private readonly db: Db,
		private readonly log: RowLog = silentRowLog
	) {
		this.#findProducer = db.select({ id: shows.id }).from(shows).where(eq(shows.producerToken, sql.placeholder('token'))).prepare();
		this.#findHost = db.select({ id: shows.id }).from(shows).where(eq(shows.hostToken, sql.placeholder('token'))).prepare();
		this.#findRecorder = db.select({ id: shows.id }).from(shows).where(eq(shows.recorderToken, sql.placeholder('token'))).prepare();
	}

	/**
	 * Inserts the show and its run-sheet in one transaction; with `posterFrom`, the poster choices
	 * (design, where the QR codes lead) of that show too, when it has any.
	 */
	create(input: NewShow, sheet: Segment[], now: number, options: { posterFrom?: number } = {}): Show {
		return this.db.transaction((tx) => {
			const { productIds: _ids, ...values } = input;
			const row = tx
				.insert(shows)
				.values({ ...values, createdAt: now, updatedAt: now })
				.returning()
				.get();
			writeSegments(tx, row.id, sheet);
			if (options.posterFrom !== undefined) {
				const poster = tx.select().from(posterSettings).where(eq(posterSettings.showId, options.posterFrom)).get();
				if (poster) tx.insert(posterSettings).values({ ...poster, showId: row.id }).run();
			}
			return toShow(this.log, row, sheet);
		});
	}

	get(id: number): Show | undefined {
		const row = this.db.select().from(shows).where(eq(shows.id, id)).get();
		return row && toShow(this.log, row, this.segmentsOf(id));
	}

	/**
	 * Saves changes (and the whole run-sheet when `sheet` is given) in one transaction, raising the
	 * version by one, only if the show is still at `expectedVersion` (any version when null).
	 * Answers the saved show, or 'stale' when another save came first, or undefined when the show
	 * is gone.
	 */
	update(id: number, expectedVersion: number | null, changes: ShowChanges, sheet: Segment[] | undefined, now: number): Show | 'stale' | undefined {
		return this.db.transaction((tx) => {
			const where = expectedVersion === null ? eq(shows.id, id) : and(eq(shows.id, id), eq(shows.version, expectedVersion));
			const row = tx
				.update(shows)
				.set({ ...changes, version: sql`${shows.version} + 1`, updatedAt: now })
				.where(where)
				.returning()
				.get();
			if (!row) return tx.select({ id: shows.id }).from(shows).where(eq(shows.id, id)).get() ? 'stale' : undefined;
			if (sheet) writeSegments(tx, id, sheet);
			return toShow(this.log, row, sheet ?? readSegments(tx, id, this.log));
		});
	}

	/** Deletes the show with its run-sheet, live state and event log. True when there was one. */
	delete(id: number): boolean {
		const deleted = this.db.delete(shows).where(eq(shows.id, id)).run().changes > 0;
		this.forgetTokens(id);
		return deleted;
	}

	/** Shows ordered by start, filtered. */
	list(filter: ShowListFilter = {}): Show[] {
		const where: SQL[] = [];
		if (filter.unitCode) where.push(eq(shows.unitCode, filter.unitCode));
		if (filter.from !== undefined) where.push(gte(shows.startsAt, filter.from));
		if (filter.to !== undefined) where.push(lt(shows.startsAt, filter.to));
		if (filter.status) where.push(eq(shows.status, filter.status));
		if (filter.kind) where.push(eq(shows.kind, filter.kind));
		if (filter.q) where.push(anyContains(filter.q, [shows.title, shows.location]));
		const rows = this.db
			.select()
			.from(shows)
			.where(and(...where))
			.orderBy(asc(shows.startsAt), asc(shows.id))
			.all();
		const sheets = this.segmentsOfMany(rows.map((r) => r.id));
		return rows.map((row) => toShow(this.log, row, sheets.get(row.id) ?? []));
	}

	segmentsOf(showId: number): Segment[] {
		return readSegments(this.db, showId, this.log);
	}

	/** Run-sheets of several shows in one query, by show id. */
	private segmentsOfMany(showIds: number[]): Map<number, Segment[]> {
		const out = new Map<number, Segment[]>();
		if (showIds.length === 0) return out;
		const rows = this.db.select().from(segments).where(inArray(segments.showId, showIds)).orderBy(asc(segments.showId), asc(segments.position)).all();
		for (const row of rows) out.set(row.showId, [...(out.get(row.showId) ?? []), toSegment(this.log, row)]);
		return out;
	}

	/**
	 * Which of `ids` are segment ids of shows other than `showId` (segment ids are unique across
	 * shows), each with the unit of the show that has it.
	 */
	segmentIdsTakenElsewhere(showId: number | null, ids: readonly string[]): Map<string, string> {
		if (ids.length === 0) return new Map();
		const where = showId === null ? inArray(segments.id, [...ids]) : and(inArray(segments.id, [...ids]), ne(segments.showId, showId));
		const rows = this.db.select({ id: segments.id, unitCode: shows.unitCode }).from(segments).innerJoin(shows, eq(shows.id, segments.showId)).where(where).all();
		return new Map(rows.map((r) => [r.id, r.unitCode]));
	}

	/** The shows whose run-sheets present one of `productIds`, each with its unit. */
	showsPresenting(productIds: readonly number[]): { showId: number; unitCode: string }[] {
		if (productIds.length === 0) return [];
		return this.db
			.selectDistinct({ showId: segments.showId, unitCode: shows.unitCode })
			.from(segments)
			.innerJoin(shows, eq(shows.id, segments.showId))
			.where(inArray(segments.productId, [...productIds]))
			.all();
	}

	/** Shows where a person is cast (as host or guest), by id. */
	showsCasting(personId: number): number[] {
		return this.db
			.select({ id: shows.id })
			.from(shows)
			.where(
				or(
					sql`CASE WHEN json_valid(${shows.hostIds}) THEN EXISTS (SELECT 1 FROM json_each(${shows.hostIds}) WHERE value = ${personId}) ELSE 0 END`,
					sql`CASE WHEN json_valid(${shows.guestIds}) THEN EXISTS (SELECT 1 FROM json_each(${shows.guestIds}) WHERE value = ${personId}) ELSE 0 END`
				)
			)
			.all()
			.map((r) => r.id);
	}

	setToken(showId: number, role: LinkRole, token: string) {
		this.db
			.update(shows)
			.set(role === 'producer' ? { producerToken: token } : role === 'host' ? { hostToken: token } : { recorderToken: token })
			.where(eq(shows.id, showId))
			.run();
		this.forgetTokens(showId);
	}

	/**
	 * Tokens found before, so the live control path resolves one without a query. Only tokens that
	 * opened a show are kept (an unknown one is looked up each time, so a new show's links work at
	 * once, and guessing cannot fill the map); a rotation or a deletion drops the show's entries
	 * before it is answered, so a replaced token is refused at once.
	 */
	readonly #links = new Map<string, { showId: number; role: LinkRole }>();
	readonly #findProducer;
	readonly #findHost;
	readonly #findRecorder;

	/** The show and role a link token opens, if any. */
	findByToken(token: string): { showId: number; role: LinkRole } | undefined {
		const known = this.#links.get(token);
		if (known) return known;
		const found = (role: LinkRole, row: { id: number } | undefined) => (row ? { showId: row.id, role } : undefined);
		const link =
			found('producer', this.#findProducer.get({ token })) ?? found('host', this.#findHost.get({ token })) ?? found('recorder', this.#findRecorder.get({ token }));
		if (link) this.#links.set(token, Object.freeze(link));
		return link;
	}

	/** Drops the show's tokens from the cache (rotated, or the show deleted). */
	forgetTokens(showId: number) {
		for (const [token, link] of this.#links) if (link.showId === showId) this.#links.delete(token);
	}

	/** The show's link secrets; kept apart from `Show` so they never travel by accident. */
	tokensOf(showId: number): { producerToken: string; hostToken: string; recorderToken: string } | undefined {
		const row = this.db
			.select({ producerToken: shows.producerToken, hostToken: shows.hostToken, recorderToken: shows.recorderToken })
			.from(shows)
			.where(eq(shows.id, showId))
			.get();
		if (!row) return undefined;
		// Every show has one (the migration filled old rows, creation sets it); a row without one gets one here.
		if (row.recorderToken === null) {
			const recorderToken = randomBytes(24).toString('base64url');
			this.setToken(showId, 'recorder', recorderToken);
			return { ...row, recorderToken };
		}
		return { ...row, recorderToken: row.recorderToken };
	}
}

type Tx = Parameters<Parameters<Db['transaction']>[0]>[0];

function readSegments(db: Db | Tx, showId: number, log: RowLog): Segment[] {
	return db
		.select()
		.from(segments)
		.where(eq(segments.showId, showId))
		.orderBy(asc(segments.position))
		.all()
		.map((row) => toSegment(log, row));
}

function writeSegments(tx: Tx, showId: number, sheet: Segment[]) {
	tx.delete(segments).where(eq(segments.showId, showId)).run();
	if (sheet.length === 0) return;
	tx.insert(segments)
		.values(sheet.map((s, position) => ({ ...s, showId, position })))
		.run();
}
