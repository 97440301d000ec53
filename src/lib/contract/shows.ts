import { z } from 'zod';
import { segmentInput, showInput, SHOW_STATUSES } from '../core/model';

const instant = z.number().int().nullable();

export const segmentResponse = z.object(segmentInput.shape);

export const showResponse = z.object({
	...showInput.shape,
	id: z.number().int(),
	slug: z.string(),
	status: z.enum(SHOW_STATUSES),
	version: z.number().int(),
	segments: z.array(segmentResponse),
	reportedAt: instant,
	reportedBy: z.string().nullable(),
	approvedAt: instant,
	approvedBy: z.string().nullable(),
	posterPublishedAt: instant,
	createdAt: z.number().int(),
	updatedAt: z.number().int()
});
export type ShowResponse = z.infer<typeof showResponse>;

export const showSummary = showResponse.omit({ segments: true }).extend({ segmentCount: z.number().int() });
export type ShowSummary = z.infer<typeof showSummary>;

export const showListResponse = z.object({ shows: z.array(showSummary) });

export const showIdParams = z.strictObject({ id: z.coerce.number().int().positive() });

export const showListQuery = z.strictObject({
	unit: z.string().max(40).optional(),
	/** Epoch ms bounds on the announced start, [from, to). */
	from: z.coerce.number().int().optional(),
	to: z.coerce.number().int().optional()
});
