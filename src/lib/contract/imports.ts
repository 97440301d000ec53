import { z } from 'zod';
import { MAX_IMPORT_ROWS } from '../core/nominations';
import { PRODUCT_CATEGORIES, productInput } from '../core/model';

const scalar = z.union([z.string(), z.number()]);

/** One problem of an uploaded file, by spreadsheet row and column. */
export const importIssue = z.object({
	row: z.number().int(),
	column: z.string().nullable(),
	cell: z.string().nullable(),
	code: z.string(),
	severity: z.enum(['error', 'warning']),
	message: z.string(),
	messageZh: z.string(),
	params: z.record(z.string(), scalar).optional()
});
export type ImportIssueDto = z.infer<typeof importIssue>;

const fieldChange = z.object({ field: z.string(), from: scalar.nullable(), to: scalar.nullable() });

export const importMatch = z.object({
	row: z.number().int(),
	productId: z.number().int(),
	version: z.number().int(),
	unitCode: z.string(),
	shopName: z.string(),
	name: z.string(),
	/** What an update would change (columns present in the file only). */
	changes: z.array(fieldChange)
});

export const importRow = z.object({
	row: z.number().int(),
	valid: z.boolean(),
	unitCode: z.string().nullable(),
	category: z.enum(PRODUCT_CATEGORIES),
	categoryGuessed: z.boolean(),
	/** The cells as written, by field. */
	cells: z.record(z.string(), z.string()),
	/** What would be saved, when the row is valid. */
	product: z.object(productInput.shape).nullable(),
	match: importMatch.omit({ row: true }).nullable(),
	issues: z.array(importIssue)
});
export type ImportRowDto = z.infer<typeof importRow>;

export const importPreviewResponse = z.object({
	id: z.string(),
	fileName: z.string(),
	sheetName: z.string(),
	headerRow: z.number().int(),
	createdAt: z.number().int(),
	expiresAt: z.number().int(),
	/** Unit of rows without a unit column; null when the file names the unit per row. */
	defaultUnit: z.string().nullable(),
	columns: z.array(z.object({ key: z.string(), header: z.string(), letter: z.string() })),
	/** Notice columns the file lacks. */
	missing: z.array(z.string()),
	rows: z.array(importRow),
	/** Every problem of the file, errors and warnings, in row order (file-level ones first). */
	errors: z.array(importIssue),
	/** Rows that are already in the library: offered as updates, never duplicated. */
	matches: z.array(importMatch),
	summary: z.object({ rows: z.number().int(), valid: z.number().int(), invalid: z.number().int(), matches: z.number().int(), warnings: z.number().int() })
});
export type ImportPreview = z.infer<typeof importPreviewResponse>;

export const importIdParams = z.strictObject({ id: z.string().regex(/^[A-Za-z0-9_-]{10,64}$/) });

/** `?unit=`: the unit new rows belong to (province accounts; a city imports into its own). */
export const importQuery = z.strictObject({ unit: z.string().max(40).optional() });

export const IMPORT_ACTIONS = ['create', 'update', 'skip'] as const;

/** The coordinator's decisions: rows not listed are skipped. */
export const importConfirmRequest = z.strictObject({
	rows: z
		.array(
			z.strictObject({
				row: z.number().int().min(1),
				/** create: a new product; update: the matched one; skip. */
				action: z.enum(IMPORT_ACTIONS),
				/** Overrides the guessed category. */
				category: z.enum(PRODUCT_CATEGORIES).optional()
			})
		)
		.max(MAX_IMPORT_ROWS)
		.refine((rows) => new Set(rows.map((r) => r.row)).size === rows.length, { message: 'Each row at most once' })
});
export type ImportConfirmRequest = z.infer<typeof importConfirmRequest>;

export const importConfirmResponse = z.object({
	created: z.array(z.number().int()),
	updated: z.array(z.number().int()),
	skipped: z.number().int()
});
export type ImportConfirmResult = z.infer<typeof importConfirmResponse>;
