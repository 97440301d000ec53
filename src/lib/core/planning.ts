/**
 * Planning rules that a schema alone cannot state, because they depend on the clock or on the
 * library: a show may not be announced for a time already past, and a show refers only to
 * products and people that exist and that its unit may use. Pure: `now` and the lookups are
 * parameters. The server refuses a save with these issues; the editor shows them beside the field.
 */
import type { EpochMs } from './model';
import { PROVINCE_CODE } from './units';

/** Domain codes of field issues, beside zod's own (`too_small`, `invalid_format`…). */
export const PLANNING_ISSUE_CODES = [
	/** The announced start is before now. */
	'start_in_past',
	/** No product with this id. */
	'unknown_product',
	/** A city show may present only products its own unit nominated. */
	'product_other_unit',
	/** No person with this id. */
	'unknown_person',
	/** A city show may cast only people of its own unit. */
	'person_other_unit',
	/** The same person twice in one list, or as host and guest at once. */
	'duplicate_person',
	/** A segment id already used by another show. */
	'duplicate_id'
] as const;
export type PlanningIssueCode = (typeof PLANNING_ISSUE_CODES)[number];

export interface PlanningIssue {
	/** Dotted path in the request body, e.g. `segments.3.productId`. */
	path: string;
	code: PlanningIssueCode;
	/** English, for logs and API users; the UI translates the code. */
	message: string;
	params?: Record<string, string | number>;
}

/** What a unit owns, by id. */
export type Owned = ReadonlyMap<number, { unitCode: string }>;

export interface PlanningDraft {
	unitCode: string;
	startsAt: EpochMs;
	hostIds: readonly number[];
	guestIds: readonly number[];
	/** The run-sheet's product references (segments), or the products a new show starts with. */
	segments?: readonly { id: string; productId: number | null }[];
	productIds?: readonly number[];
}

export interface PlanningContext {
	now: EpochMs;
	/**
	 * The start saved before this edit, when editing: the past-start rule applies only when the
	 * start changes, so a show that has begun can still have its run-sheet edited.
	 */
	savedStartsAt?: EpochMs;
	/** Products the draft refers to that exist (archived ones too). */
	products: Owned;
	/** People the draft refers to that exist (archived ones too). */
	people: Owned;
	/** Segment ids of the draft already used by other shows (segment ids are global; cue ids only per sheet). */
	idsTakenElsewhere?: ReadonlySet<string>;
}

/** May a show of `showUnit` use a record of `recordUnit`? Province shows draw on every unit. */
export function unitMayUse(showUnit: string, recordUnit: string): boolean {
	return showUnit === PROVINCE_CODE || showUnit === recordUnit;
}

/**
 * Issues with a show as it would be saved, in body order: start, hosts, guests, products (at
 * creation) or segments (run-sheet). Empty when it may be saved.
 */
export function planningIssues(draft: PlanningDraft, ctx: PlanningContext): PlanningIssue[] {
	const out: PlanningIssue[] = [];
	if (draft.startsAt < ctx.now && draft.startsAt !== ctx.savedStartsAt) {
		out.push({ path: 'startsAt', code: 'start_in_past', message: 'The announced start is in the past', params: { now: ctx.now } });
	}

	const cast = new Set<number>();
	for (const list of ['hostIds', 'guestIds'] as const) {
		draft[list].forEach((id, i) => {
			const path = `${list}.${i}`;
			const person = ctx.people.get(id);
			if (!person) out.push({ path, code: 'unknown_person', message: `No person #${id}`, params: { id } });
			else if (!unitMayUse(draft.unitCode, person.unitCode)) {
				out.push({ path, code: 'person_other_unit', message: `Person #${id} belongs to another unit`, params: { id } });
			} else if (cast.has(id)) out.push({ path, code: 'duplicate_person', message: `Person #${id} is listed twice`, params: { id } });
			cast.add(id);
		});
	}

	const productIssue = (path: string, id: number) => {
		const product = ctx.products.get(id);
		if (!product) out.push({ path, code: 'unknown_product', message: `No product #${id}`, params: { id } });
		else if (!unitMayUse(draft.unitCode, product.unitCode)) {
			out.push({ path, code: 'product_other_unit', message: `Product #${id} was nominated by another unit`, params: { id } });
		}
	};
	draft.productIds?.forEach((id, i) => productIssue(`productIds.${i}`, id));
	draft.segments?.forEach((segment, i) => {
		if (ctx.idsTakenElsewhere?.has(segment.id)) {
			out.push({ path: `segments.${i}.id`, code: 'duplicate_id', message: `Segment id ${segment.id} is used by another show` });
		}
		if (segment.productId !== null) productIssue(`segments.${i}.productId`, segment.productId);
	});
	return out;
}

// ---------------------------------------------------------------------------------------------
// Typed durations

const FULLWIDTH = /[０-９：．]/g;

/**
 * Seconds from a duration typed in a run-sheet: minutes ('12', '12.5', '12分钟'), 'm:ss' ('12:30')
 * or 'h:mm:ss' ('1:05:00'). Null when it is not one of these. Zero is returned as 0 (the schema,
 * not the parser, says a segment needs at least one second).
 */
export function parseDurationText(input: string): number | null {
	const s = input
		.replace(FULLWIDTH, (c) => String.fromCharCode(c.charCodeAt(0) - 0xfee0))
		.trim()
		.replace(/\s*(分钟|分|min|mins|minutes|m)$/i, '');
	if (/^\d{1,4}(\.\d{1,2})?$/.test(s)) return Math.round(Number(s) * 60);
	const parts = /^(?:(\d{1,2}):)?(\d{1,3}):(\d{2})$/.exec(s);
	if (!parts) return null;
	const [h, m, sec] = [Number(parts[1] ?? 0), Number(parts[2]), Number(parts[3])];
	if (sec > 59 || (parts[1] !== undefined && m > 59)) return null;
	return h * 3600 + m * 60 + sec;
}

/** '12:30' for 750 s, '1:05:00' for 3900 s: what the duration inputs show. */
export function durationText(sec: number): string {
	const abs = Math.max(0, Math.round(sec));
	const h = Math.floor(abs / 3600);
	const m = Math.floor((abs % 3600) / 60);
	const s = abs % 60;
	const ss = String(s).padStart(2, '0');
	return h > 0 ? `${h}:${String(m).padStart(2, '0')}:${ss}` : `${m}:${ss}`;
}

// ---------------------------------------------------------------------------------------------
// Targets of the notice for a unit's nominations

/** 各市州精选推报候选产品 5–8 件: the one figure the products page, the progress page and their APIs use. */
export const NOMINATION_TARGET = { min: 5, max: 8 } as const;

export const NOMINATION_STANDINGS = ['below', 'within', 'above'] as const;
export type NominationStanding = (typeof NOMINATION_STANDINGS)[number];

/** Where a unit's nomination count stands against 5–8. */
export function nominationStanding(count: number): NominationStanding {
	return count < NOMINATION_TARGET.min ? 'below' : count > NOMINATION_TARGET.max ? 'above' : 'within';
}
