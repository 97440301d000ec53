/**
 * Figures on air: what the producer, recorder and coordinator screens (and the HTTP API) exchange
 * about a run's checkpoints. The checkpoint, the add/correct/delete inputs and the settings are
 * contract/figures.ts; this is their traffic: the list a screen asks for, the host's one figure,
 * the acknowledgements and their codes. Documented in docs/realtime.md.
 */
import { z } from 'zod';
import { FIGURE_LINE_ERROR_CODES } from '../core/figures/line';
import { FIGURE_METRICS } from '../core/figures/metrics';
import { PLATFORMS } from '../core/model';
import { fieldIssueSchema, type FieldIssue } from './errors';
import { figureCheckpointSchema, figureCorrectInput, figureSettingsSchema, type FigureCheckpoint, type FigureSettings } from './figures';

/**
 * The figure the producer chose to show hosts (settings `showToHost`), with its newest value in the
 * run: null `value` and `at` while none was entered. The only figure a host screen ever receives.
 */
export const hostFigureSchema = z.object({
	platform: z.enum(PLATFORMS),
	metric: z.enum(FIGURE_METRICS),
	value: z.number().int().nullable(),
	/** When that value was taken, epoch ms (server clock). */
	at: z.number().int().nullable()
});
export type HostFigure = z.infer<typeof hostFigureSchema>;

/**
 * A run's figures as a producer, recorder or coordinator screen sees them: every checkpoint of the
 * current run (deleted ones included, marked), newest first, the show's settings and when a figure
 * was last entered (for the reminder). A host's copy has no checkpoints, only `hostFigure`.
 */
export const figuresViewSchema = z.object({
	showId: z.number().int(),
	/** The run the checkpoints belong to: the current or last one; null before any run. */
	runId: z.number().int().nullable(),
	checkpoints: z.array(figureCheckpointSchema),
	settings: figureSettingsSchema,
	/** The newest `at` of a checkpoint not deleted in the run, epoch ms; null when none. */
	lastEnteredAt: z.number().int().nullable(),
	hostFigure: hostFigureSchema.nullable()
});
export type FiguresView = Omit<z.infer<typeof figuresViewSchema>, 'checkpoints' | 'settings'> & { checkpoints: FigureCheckpoint[]; settings: FigureSettings };

/** Reads an incoming view; null when it does not parse. */
export function readFiguresView(raw: unknown): FiguresView | null {
	const parsed = figuresViewSchema.safeParse(raw);
	return parsed.success ? parsed.data : null;
}

/** Reads an incoming host figure (null is a valid "none"); undefined when it does not parse. */
export function readHostFigure(raw: unknown): HostFigure | null | undefined {
	const parsed = hostFigureSchema.nullable().safeParse(raw);
	return parsed.success ? parsed.data : undefined;
}

/**
 * Codes of a refused figure write (socket ack and HTTP). `INVALID_COMMAND`: the payload does not
 * parse (HTTP answers it as `VALIDATION`); `NOT_RUNNING`: the show has no run yet; `UNKNOWN_PLATFORM`:
 * not one of the show's platforms; `NOT_FOUND`: no such checkpoint in this show (or deleted);
 * `STALE_VERSION`: corrected or deleted since `expectedVersion`; a line's own codes (FIGURE_*) with
 * the span at fault.
 */
export const FIGURE_ACK_ERROR_CODES = [
	'INVALID_COMMAND',
	'FORBIDDEN',
	'NOT_FOUND',
	'NOT_RUNNING',
	'UNKNOWN_PLATFORM',
	'STALE_VERSION',
	...FIGURE_LINE_ERROR_CODES,
	'INVALID_EVENT',
	'RATE_LIMITED',
	'INTERNAL'
] as const;
export type FigureAckErrorCode = (typeof FIGURE_ACK_ERROR_CODES)[number];

export interface FigureRefusal {
	ok: false;
	code: FigureAckErrorCode;
	message: string;
	fields?: FieldIssue[];
	/** For a line's error: the span at fault, UTF-16 offsets [start, end). */
	start?: number;
	end?: number;
}
/** The answer to an add, a correction or a deletion: the checkpoint as committed. */
export type FigureAck = { ok: true; checkpoint: FigureCheckpoint } | FigureRefusal;
export type FigureSettingsAck = { ok: true; settings: FigureSettings } | FigureRefusal;
export type FiguresListAck = { ok: true; view: FiguresView } | FigureRefusal;

const figureRefusalSchema = z.object({
	ok: z.literal(false),
	code: z.enum(FIGURE_ACK_ERROR_CODES),
	message: z.string(),
	fields: z.array(fieldIssueSchema).optional(),
	start: z.number().int().optional(),
	end: z.number().int().optional()
});
const figureAckSchema = z.union([z.object({ ok: z.literal(true), checkpoint: figureCheckpointSchema }), figureRefusalSchema]);
const figureSettingsAckSchema = z.union([z.object({ ok: z.literal(true), settings: figureSettingsSchema }), figureRefusalSchema]);
const unreadableAnswer: FigureRefusal = { ok: false, code: 'INTERNAL', message: 'Unreadable answer from the server' };

/** Reads the server's answer to a figure write; a refusal `INTERNAL` when it does not parse. */
export function readFigureAck(raw: unknown): FigureAck {
	const parsed = figureAckSchema.safeParse(raw);
	return parsed.success ? parsed.data : unreadableAnswer;
}

/** Reads the server's answer to a settings change; a refusal `INTERNAL` when it does not parse. */
export function readFigureSettingsAck(raw: unknown): FigureSettingsAck {
	const parsed = figureSettingsAckSchema.safeParse(raw);
	return parsed.success ? parsed.data : unreadableAnswer;
}

// ---------------------------------------------------------------------------------------------
// HTTP

/** `PATCH /api/live/figures/:id`, `DELETE /api/live/figures/:id`. */
export const figureIdParams = z.strictObject({ id: z.coerce.number().int().positive() });
/** `PATCH /api/live/figures/:id`: the corrected figures (all of them) and optionally `expectedVersion`. */
export const figureCorrectBody = figureCorrectInput.omit({ id: true });
/** `DELETE /api/live/figures/:id?expectedVersion=N`. */
export const figureDeleteQuery = z.strictObject({ expectedVersion: z.coerce.number().int().positive().optional() });
