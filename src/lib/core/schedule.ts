/**
 * Planned times of a run-sheet. The announced start is when the opening begins (开场准时): the
 * segments before the first opening (the warm-up) run before it, everything else after it.
 */
import type { EpochMs, Segment } from './model';

export interface PlannedSlot {
	segmentId: string;
	/** Planned start, epoch ms. */
	startAt: EpochMs;
	/** Planned end, epoch ms. */
	endAt: EpochMs;
}

/** Epoch ms at which the first segment is planned to start, given the announced start. */
export function planAnchor(startsAt: EpochMs, segments: readonly Pick<Segment, 'kind' | 'durationSec'>[]): EpochMs {
	const opening = segments.findIndex((s) => s.kind === 'opening');
	// Without an opening, only leading warm-ups run before the announced start.
	const before = opening >= 0 ? segments.slice(0, opening) : takeWhile(segments, (s) => s.kind === 'warmup');
	return startsAt - before.reduce((sum, s) => sum + s.durationSec * 1000, 0);
}

/** Planned start and end of every segment, in run-sheet order. */
export function plannedSchedule(startsAt: EpochMs, segments: readonly Pick<Segment, 'id' | 'kind' | 'durationSec'>[]): PlannedSlot[] {
	let at = planAnchor(startsAt, segments);
	return segments.map((s) => {
		const slot = { segmentId: s.id, startAt: at, endAt: at + s.durationSec * 1000 };
		at = slot.endAt;
		return slot;
	});
}

/** Total planned length of the segments, seconds. */
export function totalDurationSec(segments: readonly Pick<Segment, 'durationSec'>[]): number {
	return segments.reduce((sum, s) => sum + s.durationSec, 0);
}

/**
 * Planned broadcast length in seconds as the notice counts it: from the announced start to the
 * planned end, so the warm-up before the start is not counted.
 */
export function broadcastDurationSec(startsAt: EpochMs, segments: readonly Pick<Segment, 'id' | 'kind' | 'durationSec'>[]): number {
	const slots = plannedSchedule(startsAt, segments);
	if (slots.length === 0) return 0;
	return Math.max(0, Math.round((slots[slots.length - 1].endAt - startsAt) / 1000));
}

function takeWhile<T>(items: readonly T[], keep: (item: T) => boolean): T[] {
	const out: T[] = [];
	for (const item of items) {
		if (!keep(item)) break;
		out.push(item);
	}
	return out;
}
