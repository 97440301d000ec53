import { z } from 'zod';
import type { AudienceResults } from '../core/figures/results';
import { PLATFORMS, SEGMENT_KINDS, SHOW_KINDS, SHOW_STATUSES } from '../core/model';
import { salesFiguresInput } from '../core/sales';

const ms = z.number().int();
const instant = z.number().int().nullable();

export const reportQuery = z.strictObject({
	/** A run id (from `runs`); by default the latest real live run. */
	run: z.coerce.number().int().positive().optional(),
	/** rehearsal: the latest rehearsal instead of the live run. */
	mode: z.enum(['live', 'rehearsal']).optional()
});

const logRun = z.object({ id: z.number().int(), mode: z.enum(['live', 'rehearsal']), startedAt: ms, endedAt: instant });

export const segmentReport = z.object({
	segmentId: z.string(),
	position: z.number().int().nullable(),
	kind: z.enum(SEGMENT_KINDS).nullable(),
	title: z.string(),
	productId: z.number().int().nullable(),
	plannedStartAt: instant,
	plannedEndAt: instant,
	plannedDurationMs: ms.nullable(),
	actualStartAt: instant,
	actualEndAt: instant,
	actualDurationMs: ms,
	pausedMs: ms,
	adjustMs: ms,
	visits: z.number().int(),
	startDelayMs: ms.nullable(),
	overrunMs: ms.nullable(),
	overrun: z.boolean(),
	outcome: z.enum(['done', 'on_air', 'skipped', 'removed'])
});

const curve = z.array(z.object({ at: ms, value: z.number() }));
const curves = z.object({ viewers: curve, gmvFen: curve });
const seriesValue = z.object({ value: z.number(), how: z.enum(['exact', 'interpolated', 'last_known']) }).nullable();
const count = z.number().int().nullable();
const pick = z.object({ segmentId: z.string(), value: z.number() }).nullable();

/**
 * The audience half of the report (issue 14): what the run's checkpoints (typed during the show or
 * imported from a platform's export) say per segment and per product. See
 * src/lib/core/figures/results.ts for every rule; money in fen, shares 0…1, missing data null.
 */
export const audienceReport = z.object({
	/** Platforms with checkpoints in this run, and how many (manual and imported). */
	sources: z.array(z.object({ platform: z.enum(PLATFORMS), manual: z.number().int(), imported: z.number().int() })),
	curves: z.object({ byPlatform: z.partialRecord(z.enum(PLATFORMS), curves), total: curves }),
	segments: z.array(
		z.object({
			segmentId: z.string(),
			title: z.string(),
			productId: count,
			onRunSheet: z.boolean(),
			visits: z.number().int(),
			onAirMs: ms,
			viewersStart: seriesValue,
			viewersEnd: seriesValue,
			viewersPeak: count,
			viewersChange: count,
			gmvFen: count,
			orders: count,
			viewsGained: count,
			gpmFen: count,
			gmvShare: z.number().nullable(),
			estimated: z.boolean()
		})
	),
	products: z.array(
		z.object({ productId: z.number().int(), segmentIds: z.array(z.string()), gmvFen: count, orders: count, viewsGained: count, gpmFen: count, gmvShare: z.number().nullable(), viewersPeak: count })
	),
	totals: z.object({ gmvFen: count, orders: count, viewsGained: count, gpmFen: count, viewersPeak: count }),
	best: z.object({ gmv: pick, gpm: pick }),
	weakest: z.object({ gmv: pick, gpm: pick })
});
export type AudienceReportDto = z.infer<typeof audienceReport>;
// The core's results are the wire's shape.
const resultsFit: AudienceResults extends Omit<AudienceReportDto, 'sources'> ? true : false = true;
void resultsFit;

export const reportResponse = z.object({
	show: z.object({
		id: z.number().int(),
		title: z.string(),
		unitCode: z.string(),
		kind: z.enum(SHOW_KINDS),
		status: z.enum(SHOW_STATUSES),
		startsAt: ms,
		plannedDurationMin: z.number().int(),
		location: z.string(),
		/** The platforms it streams on (figures are imported per platform). */
		platforms: z.array(z.enum(PLATFORMS))
	}),
	runs: z.array(logRun),
	run: logRun.extend({ inProgress: z.boolean() }).nullable(),
	summary: z.object({
		announcedStartAt: ms,
		actualOpeningAt: instant,
		openingDelayMs: ms.nullable(),
		plannedStartAt: instant,
		plannedEndAt: instant,
		actualStartAt: instant,
		actualEndAt: instant,
		plannedDurationMs: ms,
		actualDurationMs: ms.nullable(),
		driftMs: ms.nullable(),
		segmentsPlanned: z.number().int(),
		segmentsRun: z.number().int(),
		segmentsSkipped: z.number().int(),
		overruns: z.number().int(),
		pauses: z.number().int(),
		pausedMs: ms,
		adjustMs: ms,
		commands: z.number().int(),
		messages: z.number().int(),
		alerts: z.number().int(),
		flashSalesPlanned: z.number().int(),
		flashSalesRun: z.number().int()
	}),
	segments: z.array(segmentReport),
	flashSales: z.array(
		z.object({
			segmentId: z.string(),
			title: z.string(),
			productId: z.number().int().nullable(),
			plannedAt: instant,
			plannedOffsetMs: ms.nullable(),
			actualAt: instant,
			actualOffsetMs: ms.nullable(),
			delayMs: ms.nullable(),
			plannedWindowMs: ms.nullable(),
			actualWindowMs: ms.nullable(),
			stoppedEarly: z.boolean(),
			priceFen: z.number().int().nullable(),
			quantity: z.number().int().nullable(),
			actor: z.string().nullable()
		})
	),
	messages: z.array(z.object({ id: z.string(), text: z.string(), sentAt: ms, sentBy: z.string(), ackedAt: instant, ackedBy: z.string().nullable() })),
	alerts: z.array(z.object({ type: z.string(), at: ms, segmentId: z.string().nullable(), data: z.record(z.string(), z.unknown()) })),
	alertCounts: z.record(z.string(), z.number().int()),
	pauses: z.array(z.object({ segmentId: z.string().nullable(), at: ms, resumedAt: instant, durationMs: ms })),
	stockUpdates: z.array(z.object({ productId: z.number().int(), stock: z.number().int(), at: ms, actor: z.string() })),
	sales: z.object({
		rows: z.array(
			z.object({
				productId: z.number().int(),
				name: z.string(),
				orders: z.number().int(),
				units: z.number().int(),
				gmvFen: z.number().int(),
				onRunSheet: z.boolean(),
				entered: z.boolean()
			})
		),
		totals: z.object({ orders: z.number().int(), units: z.number().int(), gmvFen: z.number().int() }),
		updatedAt: instant,
		updatedBy: z.string().nullable()
	}),
	/** Null when the run has no checkpoints (or there is no run). */
	audience: audienceReport.nullable()
});
export type ShowReportDto = z.infer<typeof reportResponse>;

/** The whole set of figures of a show (products not listed have none). */
export const salesUpdateRequest = z.strictObject({
	rows: z
		.array(salesFiguresInput)
		.max(200)
		.refine((rows) => new Set(rows.map((r) => r.productId)).size === rows.length, { message: 'Each product at most once' })
});
export type SalesUpdateRequest = z.infer<typeof salesUpdateRequest>;

export const salesResponse = z.object({
	rows: z.array(salesFiguresInput.extend({ name: z.string() })),
	updatedAt: instant,
	updatedBy: z.string().nullable()
});

/** Figures read from an uploaded CSV or Excel export; nothing is saved until the coordinator saves them. */
export const salesImportResponse = z.object({
	fileName: z.string(),
	rows: z.array(salesFiguresInput.extend({ name: z.string(), sourceRows: z.array(z.number().int()) })),
	errors: z.array(
		z.object({ row: z.number().int(), column: z.string().nullable(), code: z.string(), message: z.string(), messageZh: z.string(), params: z.record(z.string(), z.union([z.string(), z.number()])).optional() })
	)
});
export type SalesImportDto = z.infer<typeof salesImportResponse>;
