/**
 * Copying a show (复制直播): the campaign's shows share near-identical run-sheets, so a coordinator
 * starts the next one from an existing one. A copy carries the whole plan — the show's fields and
 * its run-sheet with new segment and cue ids — and none of the original's history: no status trail,
 * poster published mark, public slug, link tokens, live state or sales (the poster's design
 * and QR choice are carried by the server, beside the show). Pure: ids come from `newId`, `now`
 * is a parameter.
 */
import type { Locale } from './format';
import { SHOW_TITLE_MAX, type EpochMs, type Segment, type Show, type ShowInput } from './model';
import { duplicateSegment, type NewId } from './runsheet';

/** What a copy's default title ends with, in the user's language. */
export const COPY_SUFFIX: Record<Locale, string> = { 'zh-CN': '（副本）', en: ' (copy)' };

const DAY_MS = 24 * 3600_000;

/**
 * The original title with the copy suffix, the title clipped (never the suffix) so the whole fits
 * the show's title limit.
 */
export function copyTitle(title: string, locale: Locale): string {
	const suffix = COPY_SUFFIX[locale];
	const chars = Array.from(title.trim());
	while (chars.length > 0 && chars.join('').length + suffix.length > SHOW_TITLE_MAX) chars.pop();
	return chars.join('') + suffix;
}

/**
 * A first guess at the copy's start, epoch ms: the original's weekday and time of day, a whole
 * number of weeks (at least one) after it and more than `leadMs` after `now`, so that the copy can
 * still be reported in time.
 */
export function suggestCopyStart(originalStartsAt: EpochMs, now: EpochMs, leadMs: number): EpochMs {
	const week = 7 * DAY_MS;
	const weeks = Math.max(1, Math.floor((now + leadMs - originalStartsAt) / week) + 1);
	return originalStartsAt + weeks * week;
}

/** A show's plan without its products (they follow from the run-sheet). */
export type ShowPlan = Omit<ShowInput, 'productIds'>;

export interface ShowCopy {
	plan: ShowPlan;
	/** The original's run-sheet in order, every segment and cue with a new id. */
	segments: Segment[];
}

/**
 * The plan of a copy of `original` starting at `startsAt` under `title`: every planning field and
 * the whole run-sheet (products, prices, link numbers, flash sales, cues, scripts, notes; flash-sale
 * and cue offsets count from their segment's start, so they carry over as they are). Nothing is
 * shared with the original.
 */
export function duplicateShow(original: Show, changes: { startsAt: EpochMs; title: string }, newId: NewId): ShowCopy {
	return {
		plan: {
			unitCode: original.unitCode,
			title: changes.title,
			kind: original.kind,
			location: original.location,
			startsAt: changes.startsAt,
			plannedDurationMin: original.plannedDurationMin,
			platforms: original.platforms.map((p) => ({ ...p })),
			hostIds: [...original.hostIds],
			guestIds: [...original.guestIds],
			executingParty: original.executingParty,
			salesChannel: original.salesChannel,
			commission: { ...original.commission }
		},
		segments: original.segments.map((segment) => duplicateSegment(segment, newId))
	};
}
