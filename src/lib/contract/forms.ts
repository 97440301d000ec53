import { z } from 'zod';
import { AMBASSADOR_LAYOUTS } from '../core/forms';

/** `?unit=`: one unit's form; without it a province account gets every unit (with a unit column). */
export const formQuery = z.strictObject({
	unit: z.string().max(40).optional()
});

export const AMBASSADOR_SCOPES = ['nominees', 'all'] as const;

export const ambassadorFormQuery = formQuery.extend({
	/** sheets: one sheet per person laid out like the notice's form; rows: one row per person. */
	layout: z.enum(AMBASSADOR_LAYOUTS).default('sheets'),
	/** nominees: people nominated or awarded as 扶贫大使; all: everyone in the people list. */
	people: z.enum(AMBASSADOR_SCOPES).default('nominees')
});

/** What each form would hold for the chosen unit(s). */
export const formsSummaryResponse = z.object({
	unit: z.string().nullable(),
	activities: z.number().int(),
	products: z.number().int(),
	ambassadors: z.object({ nominees: z.number().int(), all: z.number().int() })
});
export type FormsSummary = z.infer<typeof formsSummaryResponse>;
