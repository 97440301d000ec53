/**
 * The wire of the audience figures (issue 14): a checkpoint as stored and pushed, what a recorder
 * or producer sends to add, correct or delete one, and the show's figure settings. Units: instants
 * epoch ms (server clock), money integer fen. The metrics, their names and maxima live in core
 * (`src/lib/core/figures/metrics.ts`); the keyboard line is parsed by `parseFigureLine`
 * (`src/lib/core/figures/line.ts`), whose error codes a refused `line` carries.
 */
import { z } from 'zod';
import { FIGURE_MAX, FIGURE_METRICS, FIGURE_SOURCES, type FigureMetric, type FigureReading, type Figures } from '../core/figures/metrics';
import { PLATFORMS } from '../core/model';
import { expectedVersion } from './fields';

const instant = z.number().int();
const figureValue = (metric: FigureMetric) => z.number().int().min(0).max(FIGURE_MAX[metric]);

/** Any non-empty subset of the metrics: non-negative integers up to FIGURE_MAX (gmvFen in fen). */
export const figuresSchema = z
	.strictObject(Object.fromEntries(FIGURE_METRICS.map((m) => [m, figureValue(m).optional()])) as Record<FigureMetric, z.ZodOptional<z.ZodNumber>>)
	.refine((f) => FIGURE_METRICS.some((m) => f[m] !== undefined), { message: 'At least one figure is needed.', params: { reason: 'FIGURE_LINE_EMPTY' } });

/** Longest keyboard line accepted, characters. */
export const MAX_FIGURE_LINE = 200;

/**
 * A checkpoint: one platform's figures at one instant of one run, stamped by the server with the
 * segment on air (null before the first segment or after the end). Corrections bump `version`;
 * a deleted checkpoint stays (`deleted: true`) so the log keeps who removed it and when.
 */
export const figureCheckpointSchema = z.object({
	id: z.number().int().positive(),
	showId: z.number().int().positive(),
	runId: z.number().int().positive(),
	platform: z.enum(PLATFORMS),
	/** When it was taken: the server's clock at entry, or the export's minute for an import. */
	at: instant,
	segmentId: z.string().nullable(),
	source: z.enum(FIGURE_SOURCES),
	figures: figuresSchema,
	/** 1 when added, +1 per correction or deletion. */
	version: z.number().int().positive(),
	/** Actor who added it, e.g. `recorder:tablet` or `producer:laptop`. */
	createdBy: z.string(),
	/** Last change (the addition itself until corrected), epoch ms. */
	updatedAt: instant,
	updatedBy: z.string(),
	deleted: z.boolean()
});
export type FigureCheckpoint = z.infer<typeof figureCheckpointSchema>;
// A checkpoint is what attribution and the report read.
const readingFits: FigureCheckpoint extends FigureReading ? true : false = true;
void readingFits;
const figuresFit: z.infer<typeof figuresSchema> extends Figures ? true : false = true;
void figuresFit;

/**
 * Adds a checkpoint for one platform: either the figures as fields or the line as typed (parsed on
 * the server with `parseFigureLine`; a bad line is refused with its code and position).
 */
export const figureAddInput = z.union([
	z.strictObject({ platform: z.enum(PLATFORMS), figures: figuresSchema }),
	z.strictObject({ platform: z.enum(PLATFORMS), line: z.string().trim().min(1).max(MAX_FIGURE_LINE) })
]);
export type FigureAddInput = z.infer<typeof figureAddInput>;

/** Replaces a checkpoint's figures (all of them: what is left out is gone). `expectedVersion` refuses a stale correction. */
export const figureCorrectInput = z.strictObject({
	id: z.number().int().positive(),
	figures: figuresSchema,
	expectedVersion: expectedVersion.optional()
});
export type FigureCorrectInput = z.infer<typeof figureCorrectInput>;

/** Marks a checkpoint deleted (kept in the log). */
export const figureDeleteInput = z.strictObject({ id: z.number().int().positive(), expectedVersion: expectedVersion.optional() });
export type FigureDeleteInput = z.infer<typeof figureDeleteInput>;

/** Default minutes without a figure before the recorder is reminded. */
export const DEFAULT_REMINDER_MIN = 5;

/**
 * A show's figure settings: the reminder interval (minutes, 1…60) and the one figure hosts see,
 * if the producer chooses to show one (null: hosts see no figures).
 */
export const figureSettingsSchema = z.strictObject({
	reminderMin: z.number().int().min(1).max(60).default(DEFAULT_REMINDER_MIN),
	showToHost: z.strictObject({ platform: z.enum(PLATFORMS), metric: z.enum(FIGURE_METRICS) }).nullable().default(null)
});
export type FigureSettings = z.infer<typeof figureSettingsSchema>;
export const DEFAULT_FIGURE_SETTINGS: FigureSettings = { reminderMin: DEFAULT_REMINDER_MIN, showToHost: null };

/** Reads a checkpoint (from SQLite or the wire); null when it does not parse. */
export function readFigureCheckpoint(raw: unknown): FigureCheckpoint | null {
	const parsed = figureCheckpointSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** Reads stored figure settings; the defaults when absent or unreadable. */
export function readFigureSettings(raw: unknown): FigureSettings {
	const parsed = figureSettingsSchema.safeParse(raw ?? {});
	return parsed.success ? parsed.data : DEFAULT_FIGURE_SETTINGS;
}
