import { z } from 'zod';
import { MONTH_KEY_PATTERN } from '../core/calendar';
import { SHOW_KINDS, SHOW_STATUSES } from '../core/model';
import { NOMINATION_STANDINGS } from '../core/planning';

export const progressQuery = z.strictObject({
	/** 'YYYY-MM' of the calendar (Asia/Shanghai); the current month by default. */
	month: z.string().regex(MONTH_KEY_PATTERN).optional(),
	unit: z.string().max(40).optional()
});

const unitProgress = z.object({
	unitCode: z.string(),
	kind: z.enum(['province', 'city']),
	shows: z.object({ held: z.number().int(), upcoming: z.number().int() }),
	products: z.object({ nominated: z.number().int(), selected: z.number().int(), status: z.enum(NOMINATION_STANDINGS) }),
	training: z.object({ held: z.number().int(), planned: z.number().int() }),
	onTrack: z.boolean()
});

export const calendarShow = z.object({
	id: z.number().int(),
	title: z.string(),
	unitCode: z.string(),
	kind: z.enum(SHOW_KINDS),
	status: z.enum(SHOW_STATUSES),
	startsAt: z.number().int(),
	plannedDurationMin: z.number().int(),
	held: z.boolean()
});
export type CalendarShow = z.infer<typeof calendarShow>;

export const progressResponse = z.object({
	scope: z.enum(['province', 'city']),
	now: z.number().int(),
	targets: z.object({
		demoShows: z.number().int(),
		showsPerCity: z.number().int(),
		productsPerCityMin: z.number().int(),
		productsPerCityMax: z.number().int(),
		library: z.number().int(),
		trainingProvince: z.number().int(),
		trainingPerCity: z.number().int()
	}),
	demo: z.object({ held: z.number().int(), upcoming: z.number().int(), target: z.number().int() }),
	library: z.object({ selected: z.number().int(), nominated: z.number().int(), target: z.number().int() }),
	training: z.object({ provincial: z.number().int(), citiesCovered: z.number().int(), cities: z.number().int() }),
	cities: z.object({ showsOnTarget: z.number().int(), productsOnTarget: z.number().int(), count: z.number().int() }),
	units: z.array(unitProgress),
	attention: z.array(
		z.object({
			showId: z.number().int(),
			title: z.string(),
			unitCode: z.string(),
			startsAt: z.number().int(),
			status: z.enum(SHOW_STATUSES),
			issues: z.array(z.object({ code: z.enum(['REPORT_LATE', 'POSTER_LATE']), deadline: z.number().int(), doneAt: z.number().int().nullable() }))
		})
	),
	/** The next shows not yet held, soonest first (at most 8). */
	upcoming: z.array(calendarShow.extend({ reportedAt: z.number().int().nullable(), posterPublishedAt: z.number().int().nullable() })),
	calendar: z.object({ month: z.string(), shows: z.array(calendarShow) })
});
export type ProgressResponse = z.infer<typeof progressResponse>;
