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
	let beforeMs = 0;
	for (let i = 0; i < segments.length && (opening >= 0 ? i < opening : segments[i].kind === 'warmup'); i++) beforeMs += segments[i].durationSec * 1000;
	return startsAt - beforeMs;
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
	return broadcastSecOf(startsAt, plannedSchedule(startsAt, segments));
}

function broadcastSecOf(startsAt: EpochMs, slots: readonly PlannedSlot[]): number {
	if (slots.length === 0) return 0;
	return Math.max(0, Math.round((slots[slots.length - 1].endAt - startsAt) / 1000));
}

/**
 * Warm-up before the announced start, seconds: the warm-up segments planned to end by then (the
 * checks want 15 minutes of it). `slots` is the run-sheet's `plannedSchedule` when the caller has it.
 */
export function warmupDurationSec(
	startsAt: EpochMs,
	segments: readonly Pick<Segment, 'id' | 'kind' | 'durationSec'>[],
	slots: readonly PlannedSlot[] = plannedSchedule(startsAt, segments)
): number {
	return segments.reduce((sum, s, i) => (s.kind === 'warmup' && slots[i].endAt <= startsAt ? sum + s.durationSec : sum), 0);
}

/**
 * A run-sheet's planned lengths against the show's planned duration: what the run-sheet editor's
 * header and the printed run-sheet's footer show.
 */
export interface ScheduleTotals {
	/** From the announced start to the planned end (what the notice's 90–180 min counts), seconds. */
	broadcastSec: number;
	/** All segments, warm-up included, seconds. */
	totalSec: number;
	/** Warm-up before the announced start, seconds. */
	warmupSec: number;
	/** The show's planned duration, seconds. */
	plannedSec: number;
	/** broadcastSec − plannedSec, seconds: positive when the run-sheet runs longer than planned. */
	diffSec: number;
	/** The first segment's planned start and the last one's planned end, epoch ms; null without segments. */
	firstStartAt: EpochMs | null;
	lastEndAt: EpochMs | null;
}

/** The totals of a run-sheet starting at `startsAt` (epoch ms), planned to last `plannedDurationMin` minutes. */
export function scheduleTotals(startsAt: EpochMs, segments: readonly Pick<Segment, 'id' | 'kind' | 'durationSec'>[], plannedDurationMin: number): ScheduleTotals {
	const slots = plannedSchedule(startsAt, segments);
	const broadcastSec = broadcastSecOf(startsAt, slots);
	const plannedSec = plannedDurationMin * 60;
	return {
		broadcastSec,
		totalSec: totalDurationSec(segments),
		warmupSec: warmupDurationSec(startsAt, segments, slots),
		plannedSec,
		diffSec: broadcastSec - plannedSec,
		firstStartAt: slots[0]?.startAt ?? null,
		lastEndAt: slots.at(-1)?.endAt ?? null
	};
}
