import { z } from 'zod';
import { amendmentSchema } from '../core/amendment';
import { FINDING_CODES } from '../core/checks';
import { runSheetInput, segmentInput, SHOW_KINDS, SHOW_STATUSES, showInput, showPlatform } from '../core/model';
import { expectedVersion, patchShape } from './fields';

const instant = z.number().int().nullable();

export const segmentResponse = z.object(segmentInput.shape);

export const showResponse = z.object({
	...showInput.shape,
	/** At least one on input; a stored list that did not parse is served empty (and logged) rather than failing the page. */
	platforms: z.array(showPlatform).max(8),
	id: z.number().int(),
	slug: z.string(),
	status: z.enum(SHOW_STATUSES),
	version: z.number().int(),
	segments: z.array(segmentResponse),
	reportedAt: instant,
	reportedBy: z.string().nullable(),
	approvedAt: instant,
	approvedBy: z.string().nullable(),
	/** A content change since the show was reported or approved, awaiting approval (「已修改，待重新审核」). */
	amendment: amendmentSchema.nullable(),
	posterPublishedAt: instant,
	createdAt: z.number().int(),
	updatedAt: z.number().int()
});
export type ShowResponse = z.infer<typeof showResponse>;

/** How many error- and warning-level findings the show's rule checks give now. */
export const checkCounts = z.object({ errors: z.number().int(), warnings: z.number().int() });

export const showSummary = showResponse.omit({ segments: true }).extend({ segmentCount: z.number().int(), checks: checkCounts.optional() });
export type ShowSummary = z.infer<typeof showSummary>;

export const showListResponse = z.object({ shows: z.array(showSummary) });

export const showIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const showListQuery = z.strictObject({
	unit: z.string().max(40).optional(),
	/** Epoch ms bounds on the announced start, [from, to). */
	from: z.coerce.number().int().optional(),
	to: z.coerce.number().int().optional(),
	status: z.enum(SHOW_STATUSES).optional(),
	kind: z.enum(SHOW_KINDS).optional(),
	/** Words in the title or location. */
	q: z.string().trim().max(100).optional()
});
export type ShowListQuery = z.infer<typeof showListQuery>;

/**
 * `POST /api/shows`: the show's fields; `productIds` (in presentation order) build the notice's
 * standard run-sheet. The run-sheet is then edited with PATCH.
 */
export const showCreateRequest = showInput;
export type ShowCreateRequest = z.input<typeof showCreateRequest>;

const { productIds: _productIds, ...editableShape } = showInput.shape;

/**
 * `PATCH /api/shows/:id`: any of the show's fields, and optionally the whole run-sheet
 * (`segments`, in order), with the version the editor loaded. The show's products are those of
 * its segments, so `productIds` is not accepted here.
 */
export const showPatchRequest = z.strictObject({
	...patchShape(editableShape),
	segments: runSheetInput.optional(),
	expectedVersion
});
export type ShowPatchRequest = z.input<typeof showPatchRequest>;

/**
 * `POST /api/shows/:id/duplicate`: the copy's announced start (epoch ms, like `POST /api/shows`;
 * one in the past is refused the same way) and, optionally, its title (by default the original's
 * with a copy suffix in the request's language).
 */
export const showDuplicateRequest = z.strictObject({
	startsAt: showInput.shape.startsAt,
	title: showInput.shape.title.optional()
});
export type ShowDuplicateRequest = z.input<typeof showDuplicateRequest>;

/** Report, approve, withdraw: the version the user saw, when they want the action refused if the show changed since. */
export const showActionRequest = z.strictObject({ expectedVersion: expectedVersion.optional() });

export const findingResponse = z.object({
	code: z.enum(FINDING_CODES.map((c) => c.code) as [string, ...string[]]),
	severity: z.enum(['error', 'warning']),
	message: z.string(),
	segmentId: z.string().optional(),
	productId: z.number().int().optional(),
	field: z.string().optional(),
	word: z.string().optional(),
	index: z.number().int().optional(),
	length: z.number().int().optional(),
	params: z.record(z.string(), z.union([z.string(), z.number()])).optional()
});

export const checksQuery = z.strictObject({
	/** Language of the messages; by default from Accept-Language (Chinese unless it asks for English). */
	lang: z.enum(['zh-CN', 'en']).optional()
});

/** `GET /api/shows/:id/checks`. */
export const checksResponse = z.object({
	findings: z.array(findingResponse),
	errors: z.number().int(),
	warnings: z.number().int(),
	/** No error-level finding: the show may be reported (if it is a draft). */
	canReport: z.boolean(),
	/** Server time the checks were run at, epoch ms. */
	checkedAt: z.number().int()
});
export type ChecksResponse = z.infer<typeof checksResponse>;

export const deletedResponse = z.object({ ok: z.literal(true) });
