/**
 * The printed run-sheet (流程单) the studio team reads before and during a broadcast: every segment
 * with its planned time of day (the editor's `plannedSchedule`), its product as the host's card
 * shows it (`hostProductView`: slot price over the library's, link numbers on the show's
 * platforms), its flash sale and producer cues placed on the clock, and the totals the editor's
 * header shows. Pure: the page passes the show and the products it loaded.
 */
import type { EpochMs, FlashSale, ProducerCue, Segment, Show } from './model';
import { plannedSchedule, scheduleTotals, type PlannedSlot, type ScheduleTotals } from './schedule';
import { cueRows } from './screens/cues';
import { hostProductView, showPlatforms, type CardProduct, type HostProductView } from './screens/product';

export interface PrintedCue {
	cue: ProducerCue;
	/** Planned time of day, epoch ms: the segment's planned start plus the cue's offset. */
	at: EpochMs;
}

export interface PrintedFlashSale {
	sale: FlashSale;
	/** Planned opening and close, epoch ms. */
	startAt: EpochMs;
	endAt: EpochMs;
}

export interface PrintedSegment {
	/** 1-based position in the run-sheet. */
	position: number;
	segment: Segment;
	slot: PlannedSlot;
	/** The segment's product as the host's card shows it; null without a product, or when the library list lacks it. */
	product: HostProductView | null;
	/** The product id the segment names when the library list did not have it (printed as #id). */
	missingProductId: number | null;
	flashSale: PrintedFlashSale | null;
	/** Cues in time order (ties keep the sheet's order), as the producer console lists them. */
	cues: PrintedCue[];
}

export interface PrintedRunSheet {
	segments: PrintedSegment[];
	totals: ScheduleTotals;
}

/** The run-sheet of `show` for print, its products resolved from `products` (the library as the page loaded it). */
export function printedRunSheet(
	show: Pick<Show, 'startsAt' | 'plannedDurationMin' | 'platforms' | 'segments'>,
	products: readonly CardProduct[]
): PrintedRunSheet {
	const slots = plannedSchedule(show.startsAt, show.segments);
	const platforms = showPlatforms(show.platforms);
	const byId = new Map(products.map((p) => [p.id, p]));
	const segments = show.segments.map((segment, i): PrintedSegment => {
		const slot = slots[i];
		const product = segment.productId === null ? undefined : byId.get(segment.productId);
		const sale = segment.flashSale;
		return {
			position: i + 1,
			segment,
			slot,
			product: product ? hostProductView(segment, product, { stock: {}, platforms, openSale: null }) : null,
			missingProductId: segment.productId !== null && !product ? segment.productId : null,
			flashSale: sale ? { sale, startAt: slot.startAt + sale.offsetSec * 1000, endAt: slot.startAt + (sale.offsetSec + sale.windowSec) * 1000 } : null,
			cues: cueRows(segment.cues, [], null).map(({ cue }) => ({ cue, at: slot.startAt + cue.offsetSec * 1000 }))
		};
	});
	return { segments, totals: scheduleTotals(show.startsAt, show.segments, show.plannedDurationMin) };
}
