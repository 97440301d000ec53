/**
 * The database schema, in one file. Migrations in drizzle/ are generated from it by drizzle-kit
 * (`npm run db:generate`) and never edited by hand.
 *
 * Conventions: instants are epoch ms integers; money is integer fen; lists and small records that
 * are always read whole are JSON text columns typed with `$type`.
 */
import { sql } from 'drizzle-orm';
import { customType, index, integer, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import type { Amendment } from '../../src/lib/core/amendment';
import type {
	AmbassadorStatus,
	Catalogue,
	FlashSale,
	Platform,
	PersonPlatform,
	ProducerCue,
	ProductCategory,
	ProductStatus,
	ShowKind,
	ShowPlatform,
	ShowStatus,
	SegmentKind
} from '../../src/lib/core/model';
import type { PosterDesign, PosterQrTarget } from '../../src/lib/core/poster/content';

const now = sql`(CAST(unixepoch('subsec') * 1000 AS INTEGER))`;

/**
 * A JSON text column (the SQL is that of `text({ mode: 'json' })`). Reading never throws: text that
 * is not JSON reads back as that text, which no schema of a list or record accepts, so the
 * repositories (which parse every JSON column with the contract's schemas) log the row and leave it
 * out instead of failing the whole query.
 */
const json = customType<{ data: unknown; driverData: string }>({
	dataType: () => 'text',
	toDriver: (value) => JSON.stringify(value),
	fromDriver: (value) => jsonFromText(value)
});

/** A JSON column's text as `json` reads it (for statements run on the driver itself): never throws. */
export function jsonFromText(text: string): unknown {
	try {
		return JSON.parse(text) as unknown;
	} catch {
		return text;
	}
}

export const units = sqliteTable('units', {
	code: text('code').primaryKey(),
	kind: text('kind').$type<'province' | 'city'>().notNull(),
	nameZh: text('name_zh').notNull(),
	nameEn: text('name_en').notNull(),
	sort: integer('sort').notNull()
});

export const accounts = sqliteTable('accounts', {
	id: integer('id').primaryKey({ autoIncrement: true }),
	username: text('username').notNull().unique(),
	passwordHash: text('password_hash').notNull(),
	unitCode: text('unit_code')
		.notNull()
		.references(() => units.code),
	/** admin: manages accounts; coordinator: plans shows. Province vs city comes from the unit. */
	role: text('role').$type<'admin' | 'coordinator'>().notNull(),
	displayName: text('display_name').notNull(),
	createdAt: integer('created_at').notNull().default(now),
	disabledAt: integer('disabled_at')
});

export const sessions = sqliteTable(
	'sessions',
	{
		/** SHA-256 of the cookie's token: a leaked database does not leak live sessions. */
		id: text('id').primaryKey(),
		accountId: integer('account_id')
			.notNull()
			.references(() => accounts.id, { onDelete: 'cascade' }),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('sessions_account_idx').on(t.accountId)]
);

export const products = sqliteTable(
	'products',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitCode: text('unit_code')
			.notNull()
			.references(() => units.code),
		shopName: text('shop_name').notNull(),
		shopPlatform: text('shop_platform').notNull().default(''),
		name: text('name').notNull(),
		origin: text('origin').notNull().default(''),
		spec: text('spec').notNull().default(''),
		dailyPriceFen: integer('daily_price_fen').notNull(),
		lowestPriceFen: integer('lowest_price_fen'),
		livePriceFen: integer('live_price_fen').notNull(),
		priceNote: text('price_note').notNull().default(''),
		couponRule: text('coupon_rule').notNull().default(''),
		sellingPoints: text('selling_points').notNull().default(''),
		stock: integer('stock'),
		productUrl: text('product_url'),
		platformEvent: text('platform_event').notNull().default(''),
		contactName: text('contact_name').notNull().default(''),
		contactPhone: text('contact_phone').notNull().default(''),
		category: text('category').$type<ProductCategory>().notNull(),
		shelfLifeDays: integer('shelf_life_days'),
		qualityCert: text('quality_cert').notNull().default(''),
		catalogues: json('catalogues').$type<Catalogue[]>().notNull().default([]),
		status: text('status').$type<ProductStatus>().notNull().default('candidate'),
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('products_unit_idx').on(t.unitCode), index('products_shop_name_idx').on(t.shopName, t.name)]
);

export const people = sqliteTable(
	'people',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitCode: text('unit_code')
			.notNull()
			.references(() => units.code),
		name: text('name').notNull(),
		gender: text('gender').$type<'male' | 'female' | ''>().notNull().default(''),
		ethnicity: text('ethnicity').notNull().default(''),
		birthMonth: text('birth_month').notNull().default(''),
		politicalStatus: text('political_status').notNull().default(''),
		position: text('position').notNull().default(''),
		contact: text('contact').notNull().default(''),
		platforms: json('platforms').$type<PersonPlatform[]>().notNull().default([]),
		intro: text('intro').notNull().default(''),
		reason: text('reason').notNull().default(''),
		unitOpinion: text('unit_opinion').notNull().default(''),
		ambassador: text('ambassador').$type<AmbassadorStatus>().notNull().default('none'),
		ambassadorNominatedAt: integer('ambassador_nominated_at'),
		ambassadorNominatedBy: text('ambassador_nominated_by'),
		ambassadorAwardedAt: integer('ambassador_awarded_at'),
		ambassadorAwardedBy: text('ambassador_awarded_by'),
		archivedAt: integer('archived_at'),
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('people_unit_idx').on(t.unitCode)]
);

export const shows = sqliteTable(
	'shows',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		/** Public, unguessable-enough name for /s/<slug>; never the id. */
		slug: text('slug').notNull().unique(),
		unitCode: text('unit_code')
			.notNull()
			.references(() => units.code),
		title: text('title').notNull(),
		kind: text('kind').$type<ShowKind>().notNull(),
		location: text('location').notNull().default(''),
		startsAt: integer('starts_at').notNull(),
		plannedDurationMin: integer('planned_duration_min').notNull(),
		platforms: json('platforms').$type<ShowPlatform[]>().notNull(),
		hostIds: json('host_ids').$type<number[]>().notNull().default([]),
		guestIds: json('guest_ids').$type<number[]>().notNull().default([]),
		executingParty: text('executing_party').notNull().default(''),
		salesChannel: text('sales_channel').notNull().default(''),
		commission: json('commission')
			.$type<{ charged: boolean; listingFee: boolean; note: string }>()
			.notNull(),
		status: text('status').$type<ShowStatus>().notNull().default('draft'),
		reportedAt: integer('reported_at'),
		reportedBy: text('reported_by'),
		approvedAt: integer('approved_at'),
		approvedBy: text('approved_by'),
		/** A content change since the show was reported or approved, awaiting (re-)approval (core/amendment). */
		amendment: json('amendment').$type<Amendment>(),
		posterPublishedAt: integer('poster_published_at'),
		/** Secrets of the producer and host links (≥128 bits, base64url); rotated by replacing. */
		producerToken: text('producer_token').notNull().unique(),
		hostToken: text('host_token').notNull().unique(),
		/**
		 * Secret of the 场记's data-entry link. Nullable only because SQLite cannot add a NOT NULL column
		 * to existing rows: the migration fills every row, and every new show gets one.
		 */
		recorderToken: text('recorder_token').unique(),
		/** Grows by one on every saved edit; a save that names an older version is refused. */
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('shows_unit_idx').on(t.unitCode), index('shows_starts_idx').on(t.startsAt)]
);

export const segments = sqliteTable(
	'segments',
	{
		id: text('id').primaryKey(),
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		position: integer('position').notNull(),
		kind: text('kind').$type<SegmentKind>().notNull(),
		title: text('title').notNull(),
		durationSec: integer('duration_sec').notNull(),
		script: text('script').notNull().default(''),
		notes: text('notes').notNull().default(''),
		speakers: json('speakers').$type<string[]>().notNull().default([]),
		productId: integer('product_id').references(() => products.id),
		livePriceFen: integer('live_price_fen'),
		couponRule: text('coupon_rule').notNull().default(''),
		stock: integer('stock'),
		linkNumbers: json('link_numbers').$type<Partial<Record<Platform, number>>>().notNull().default({}),
		flashSale: json('flash_sale').$type<FlashSale | null>(),
		cues: json('cues').$type<ProducerCue[]>().notNull().default([])
	},
	(t) => [uniqueIndex('segments_show_position_idx').on(t.showId, t.position)]
);

/** One run of a show: the real broadcast, or one of its rehearsals (彩排). */
export const liveRuns = sqliteTable(
	'live_runs',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		mode: text('mode').$type<'live' | 'rehearsal'>().notNull(),
		startedAt: integer('started_at').notNull(),
		endedAt: integer('ended_at')
	},
	(t) => [index('live_runs_show_idx').on(t.showId)]
);

/**
 * The show's event log: every accepted command with the version it produced and the state it
 * produced, alerts raised. A show's live state is its newest command's (the highest version): a
 * command writes this one row and its index entry, no state row of its own (migration 0007).
 */
export const liveEvents = sqliteTable(
	'live_events',
	{
		// A plain row id, not AUTOINCREMENT (which writes sqlite_sequence's page with every command):
		// ids only order a show's events, and only a deleted show's rows (the newest ids) can be reused.
		id: integer('id').primaryKey(),
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		runId: integer('run_id').references(() => liveRuns.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<'command' | 'alert'>().notNull(),
		/** The command or alert type, e.g. 'next', 'segment_ending_2m'. */
		type: text('type').notNull(),
		/** The live version the command produced; null for alerts. */
		version: integer('version'),
		/** The command as accepted (without expectedVersion), or the alert's data. */
		payload: json('payload').$type<Record<string, unknown>>().notNull().default({}),
		/** The live state the command produced; null for alerts. Reports and audits read it as it was. */
		state: json('state').$type<Record<string, unknown>>(),
		/** Who sent it: 'producer:<device>', 'host:<device>', 'http', 'system'. */
		actor: text('actor').notNull(),
		at: integer('at').notNull()
	},
	// One index besides the row id: every command writes a page of each, and (show_id, version) also
	// serves the lookups by show (the cascade from shows, a show's events and alerts).
	(t) => [uniqueIndex('live_events_version_idx').on(t.showId, t.version)]
);

/** The coordinator's poster choices per show (design, where the QR codes lead); absent means the defaults. */
export const posterSettings = sqliteTable('poster_settings', {
	showId: integer('show_id')
		.primaryKey()
		.references(() => shows.id, { onDelete: 'cascade' }),
	design: text('design').$type<PosterDesign>().notNull(),
	qrTarget: text('qr_target').$type<PosterQrTarget>().notNull(),
	updatedAt: integer('updated_at').notNull(),
	updatedBy: text('updated_by').notNull()
});

// ---------------------------------------------------------------------------------------------
// Paperwork and results

/**
 * An uploaded 附件3 file, parsed and checked but not saved: the coordinator reviews it and confirms
 * the rows to import. One account's preview is invisible to others; expired ones are deleted.
 */
export const importPreviews = sqliteTable(
	'import_previews',
	{
		/** Random, unguessable (base64url). */
		id: text('id').primaryKey(),
		accountId: integer('account_id')
			.notNull()
			.references(() => accounts.id, { onDelete: 'cascade' }),
		kind: text('kind').$type<'products'>().notNull(),
		fileName: text('file_name').notNull(),
		/** The preview as answered to the client (rows, issues, matches). */
		preview: json('preview').$type<Record<string, unknown>>().notNull(),
		createdAt: integer('created_at').notNull(),
		expiresAt: integer('expires_at').notNull()
	},
	(t) => [index('import_previews_account_idx').on(t.accountId), index('import_previews_expires_idx').on(t.expiresAt)]
);

/** Sales figures per product of a show, entered (or imported) by the coordinator after the show. */
export const showSales = sqliteTable(
	'show_sales',
	{
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		productId: integer('product_id')
			.notNull()
			.references(() => products.id),
		orders: integer('orders').notNull(),
		units: integer('units').notNull(),
		gmvFen: integer('gmv_fen').notNull(),
		updatedAt: integer('updated_at').notNull(),
		updatedBy: text('updated_by').notNull()
	},
	(t) => [uniqueIndex('show_sales_show_product_idx').on(t.showId, t.productId)]
);

/** Host-training sessions (网络主播训练营): 1 provincial, at least 1 per city. */
export const trainingSessions = sqliteTable(
	'training_sessions',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		unitCode: text('unit_code')
			.notNull()
			.references(() => units.code),
		title: text('title').notNull(),
		startsAt: integer('starts_at').notNull(),
		place: text('place').notNull(),
		trainer: text('trainer').notNull(),
		attendees: integer('attendees').notNull(),
		notes: text('notes').notNull().default(''),
		version: integer('version').notNull().default(1),
		createdAt: integer('created_at').notNull().default(now),
		updatedAt: integer('updated_at').notNull().default(now)
	},
	(t) => [index('training_sessions_unit_idx').on(t.unitCode)]
);

/**
 * The audience figures of a run (issue 14), one row per platform and instant: typed by a 场记 or a
 * producer during the show, or imported afterwards. A correction rewrites `figures` and raises
 * `version`; a deletion only marks the row (`deleted`), so reports and the log keep it.
 */
export const figureCheckpoints = sqliteTable(
	'figure_checkpoints',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		runId: integer('run_id')
			.notNull()
			.references(() => liveRuns.id, { onDelete: 'cascade' }),
		platform: text('platform').$type<Platform>().notNull(),
		/** When the figures were taken: the server's clock at entry, or the export's minute. */
		at: integer('at').notNull(),
		/** The segment on air at `at`; null before the first segment or after the end. */
		segmentId: text('segment_id'),
		source: text('source').$type<'manual' | 'import'>().notNull(),
		/** The metrics given (contract figuresSchema), e.g. {"viewers":1234,"gmvFen":1234550}. */
		figures: json('figures').notNull(),
		version: integer('version').notNull().default(1),
		deleted: integer('deleted', { mode: 'boolean' }).notNull().default(false),
		createdAt: integer('created_at').notNull(),
		createdBy: text('created_by').notNull(),
		updatedAt: integer('updated_at').notNull(),
		updatedBy: text('updated_by').notNull()
	},
	(t) => [index('figure_checkpoints_show_idx').on(t.showId, t.runId, t.at)]
);

/** Append-only: every addition, correction and deletion of a checkpoint, with who, when, before and after. */
export const figureLog = sqliteTable(
	'figure_log',
	{
		id: integer('id').primaryKey({ autoIncrement: true }),
		checkpointId: integer('checkpoint_id')
			.notNull()
			.references(() => figureCheckpoints.id, { onDelete: 'cascade' }),
		showId: integer('show_id')
			.notNull()
			.references(() => shows.id, { onDelete: 'cascade' }),
		action: text('action').$type<'add' | 'correct' | 'delete'>().notNull(),
		/** The version the change produced. */
		version: integer('version').notNull(),
		/** The figures before (null for an addition) and after (null for a deletion). */
		before: json('before'),
		after: json('after'),
		actor: text('actor').notNull(),
		at: integer('at').notNull()
	},
	(t) => [index('figure_log_checkpoint_idx').on(t.checkpointId)]
);

/** A show's figure settings (contract figureSettingsSchema): the reminder interval and the figure hosts see. */
export const figureSettings = sqliteTable('figure_settings', {
	showId: integer('show_id')
		.primaryKey()
		.references(() => shows.id, { onDelete: 'cascade' }),
	settings: json('settings').notNull(),
	updatedAt: integer('updated_at').notNull(),
	updatedBy: text('updated_by').notNull()
});
