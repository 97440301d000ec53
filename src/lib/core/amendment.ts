/**
 * Changing a reviewed show: once a show is reported (报备) or approved, a change to what the province
 * reviewed sends it back for approval — an approved show becomes `reported` again, a reported one
 * stays in the province's queue — and the change is recorded (when, by whom, which parts) so the
 * province sees 「已修改，待重新审核」 and what to look at.
 *
 * What counts as content (what the province reviews):
 * - every field of the show: unit, title, kind, location, announced start, planned length,
 *   platforms (rooms, accounts, followers), hosts and guests, executing party, sales channel,
 *   commission;
 * - the run-sheet's segments: which there are and in what order, their kind and title (`runSheet`);
 *   what is sold: product, live price, coupon rule, stock, flash sale (`products`); what is said
 *   on air: the host script and the speakers (`script`).
 *
 * Producer-side, changed freely without a new approval: a segment's producer notes, its producer
 * cues, its 链接号 (link numbers) and its length in seconds (the show's planned length still
 * counts).
 *
 * Live and ended shows are not concerned (edits on air work as before), nor drafts.
 */
import { z } from 'zod';
import type { EpochMs, Segment, Show, ShowStatus } from './model';

/** The show's own fields whose change needs a new approval. */
export const SHOW_CONTENT_FIELDS = [
	'unitCode',
	'title',
	'kind',
	'location',
	'startsAt',
	'plannedDurationMin',
	'platforms',
	'hostIds',
	'guestIds',
	'executingParty',
	'salesChannel',
	'commission'
] as const satisfies readonly (keyof Show)[];

/** Parts of the run-sheet whose change needs a new approval. */
export const RUN_SHEET_CONTENT_PARTS = ['runSheet', 'products', 'script'] as const;

export type AmendedPart = (typeof SHOW_CONTENT_FIELDS)[number] | (typeof RUN_SHEET_CONTENT_PARTS)[number];
/** Every part, in the order they are listed to the province. */
export const AMENDED_PARTS = [...SHOW_CONTENT_FIELDS, ...RUN_SHEET_CONTENT_PARTS] as const;

/** The record of a change to a reviewed show, kept until it is approved again or withdrawn. */
export const amendmentSchema = z.object({
	at: z.number().int(),
	/** Display name of the account that saved the change. */
	by: z.string(),
	/** What changed since the province last saw it, in AMENDED_PARTS order. */
	parts: z.array(z.enum(AMENDED_PARTS)),
	/** The status the show had before its first unapproved change: approved shows lost their approval. */
	from: z.enum(['reported', 'approved'])
});
export type Amendment = z.infer<typeof amendmentSchema>;

/** Statuses in which a content change sends the show back for approval. */
export function isUnderReview(status: ShowStatus): status is 'reported' | 'approved' {
	return status === 'reported' || status === 'approved';
}

type ShowContent = Pick<Show, (typeof SHOW_CONTENT_FIELDS)[number]> & { segments: readonly Segment[] };

/** Deep equality of JSON data, whatever the order of object keys (SQLite rows and parsed bodies differ). */
const canonical = (value: unknown): string =>
	JSON.stringify(value, (_key, v: unknown) => (v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v).sort(([a], [b]) => (a < b ? -1 : 1))) : v));
const same = (a: unknown, b: unknown) => canonical(a) === canonical(b);

/** What is sold and what is said in a segment (null when nothing), compared segment by segment (by id). */
const sold = (s: Segment) => (s.productId === null && s.flashSale === null ? null : [s.productId, s.livePriceFen, s.couponRule, s.stock, s.flashSale]);
const said = (s: Segment) => (s.script === '' && s.speakers.length === 0 ? null : [s.script, s.speakers]);

function differsById(before: readonly Segment[], after: readonly Segment[], view: (s: Segment) => unknown): boolean {
	const old = new Map(before.map((s) => [s.id, view(s)]));
	const now = new Map(after.map((s) => [s.id, view(s)]));
	return [...new Set([...old.keys(), ...now.keys()])].some((id) => !same(old.get(id) ?? null, now.get(id) ?? null));
}

/**
 * The content parts that differ between `before` and `after` (fields `after` leaves undefined are
 * unchanged), in AMENDED_PARTS order; empty when only producer-side details changed.
 */
export function contentChanges(before: ShowContent, after: Partial<ShowContent>): AmendedPart[] {
	const changed: AmendedPart[] = SHOW_CONTENT_FIELDS.filter((field) => after[field] !== undefined && !same(before[field], after[field]));
	const sheet = after.segments;
	if (sheet) {
		// The run-sheet itself: segments added, removed or moved, a kind or title changed.
		const outline = (s: Segment) => [s.id, s.kind, s.title];
		if (!same(before.segments.map(outline), sheet.map(outline))) changed.push('runSheet');
		// What is sold and said: a segment removed with its product or script changes those too.
		if (differsById(before.segments, sheet, sold)) changed.push('products');
		if (differsById(before.segments, sheet, said)) changed.push('script');
	}
	return changed;
}

/**
 * What saving `parts` changes in a show under review: back to `reported` (an approval is lost)
 * with the amendment recorded, merged with one not yet approved. Undefined when nothing needs a
 * new approval (no content changed, or the show is a draft, live or ended).
 */
export function amendment(
	show: { status: ShowStatus; amendment: Amendment | null },
	parts: readonly AmendedPart[],
	by: string,
	now: EpochMs
): { status: 'reported'; approvedAt: null; approvedBy: null; amendment: Amendment } | undefined {
	if (!isUnderReview(show.status) || parts.length === 0) return undefined;
	const earlier = show.amendment;
	const merged = new Set([...(earlier?.parts ?? []), ...parts]);
	return {
		status: 'reported',
		approvedAt: null,
		approvedBy: null,
		amendment: { at: now, by, parts: AMENDED_PARTS.filter((p) => merged.has(p)), from: earlier?.from ?? show.status }
	};
}
