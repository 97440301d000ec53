/**
 * Countdowns derived from the live state at a given instant. Nothing here ticks: every screen calls
 * `liveTiming(state, sheet, now)` with its (server-synchronised) clock and renders the result.
 */
import type { EpochMs, Segment } from '../model';
import { planAnchor, plannedSchedule } from '../schedule';
import { currentSegmentIndex, type LiveSheet, type LiveState } from './state';

/** Remaining time at or below which a segment shows the warning colour, ms. */
export const WARNING_REMAINING_MS = 2 * 60_000;
/** Remaining time at or below which a segment shows the danger colour, ms. */
export const DANGER_REMAINING_MS = 30_000;

export type LivePhase = 'normal' | 'warning' | 'danger' | 'overtime';

/** Phase of a segment with `remainingMs` left (negative = overtime). */
export function livePhase(remainingMs: number): LivePhase {
	if (remainingMs < 0) return 'overtime';
	if (remainingMs <= DANGER_REMAINING_MS) return 'danger';
	if (remainingMs <= WARNING_REMAINING_MS) return 'warning';
	return 'normal';
}

export interface LiveTiming {
	/** Index of the current segment in the run-sheet; -1 while ready or if it was removed. */
	segmentIndex: number;
	segment: Segment | null;
	/** Time the current segment has run, pauses excluded, ms. */
	elapsedMs: number;
	/** Planned + adjusted length minus elapsed, ms; negative = overtime. */
	remainingMs: number;
	/** max(0, -remainingMs), ms. */
	overtimeMs: number;
	phase: LivePhase;
	/** When the current segment reaches zero, epoch ms; null unless live. */
	segmentEndsAt: EpochMs | null;
	/** Planned start of each segment, by segment id, epoch ms. */
	plannedStarts: Record<string, EpochMs>;
	/** When the run will end if every later segment runs to plan, epoch ms; null if unknown. */
	projectedEndAt: EpochMs | null;
	/** Planned end of the last segment, epoch ms; null for an empty run-sheet. */
	plannedEndAt: EpochMs | null;
	/** projectedEndAt - plannedEndAt, ms; positive = behind schedule. null if either is unknown. */
	driftMs: number | null;
	/** The last flash sale: ms until it closes (0 once closed) and whether it is open. */
	flashSale: { remainingMs: number; active: boolean } | null;
	/** While ready: planned start of the first segment - now, ms (negative = late); else null. */
	untilStartMs: number | null;
}

/** The current segment's clock, in the terms both timing and alerts need. */
export interface SegmentClock {
	index: number;
	segment: Segment | null;
	/** Planned + adjusted length, ms. */
	lengthMs: number;
	/** Instant the segment's clock counts from: its start shifted by completed pauses, epoch ms. */
	zeroAt: EpochMs;
	/** Where the clock stands still (pause in progress, end of run), epoch ms; null while live. */
	frozenAt: EpochMs | null;
	/** Planned length of the segments after the current one, ms (0 if it was removed). */
	restMs: number;
}

/** The current segment's clock, or null while ready (no segment has started). */
export function segmentClock(state: LiveState, sheet: LiveSheet): SegmentClock | null {
	if (state.status === 'ready' || state.segmentStartedAt === null) return null;
	const index = currentSegmentIndex(state, sheet);
	const segment = index >= 0 ? sheet.segments[index] : null;
	return {
		index,
		segment,
		// A segment removed mid-show has no plan left: only the time added to it counts.
		lengthMs: (segment ? segment.durationSec * 1000 : 0) + state.adjustMs,
		zeroAt: state.segmentStartedAt + state.pausedMs,
		frozenAt: state.status === 'paused' ? state.pausedAt : state.status === 'ended' ? state.endedAt : null,
		restMs: index >= 0 ? sumMs(sheet.segments, index + 1) : 0
	};
}

/** Planned end of the run-sheet for this run, epoch ms; null for an empty sheet. */
export function plannedRunEndAt(state: LiveState, sheet: LiveSheet): EpochMs | null {
	return sheet.segments.length ? planAnchor(state.plannedStartAt ?? sheet.startsAt, sheet.segments) + sumMs(sheet.segments, 0) : null;
}

/**
 * Everything a screen shows about time at `now` (epoch ms, server clock). Ready: no segment, the
 * countdown to the first planned start. Paused and ended: the segment clock stands still (at the
 * pause, at the end). Ended: projected end = actual end.
 */
export function liveTiming(state: LiveState, sheet: LiveSheet, now: EpochMs): LiveTiming {
	const plannedStarts: Record<string, EpochMs> = {};
	for (const slot of plannedSchedule(state.plannedStartAt ?? sheet.startsAt, sheet.segments)) plannedStarts[slot.segmentId] = slot.startAt;
	return { ...timingAt(state, sheet, now), plannedStarts };
}

/** `liveTiming` but the planned start of every segment: what a snapshot needs, on every command (no per-segment objects). */
export function timingAt(state: LiveState, sheet: LiveSheet, now: EpochMs): Omit<LiveTiming, 'plannedStarts'> {
	const { segments } = sheet;
	// The planned schedule's first start and last end (`plannedSchedule`), without building it.
	const firstStart = segments.length ? planAnchor(state.plannedStartAt ?? sheet.startsAt, segments) : null;
	const plannedEnd = firstStart === null ? null : firstStart + sumMs(segments, 0);
	const flashSale = state.flashSale && {
		remainingMs: Math.max(0, state.flashSale.endsAt - now),
		active: state.flashSale.endsAt > now
	};

	const clock = segmentClock(state, sheet);
	if (!clock) {
		// Started now (or on time, if that is still ahead), the run would end this much later.
		const projectedEndAt = firstStart === null ? null : Math.max(now, firstStart) + sumMs(segments, 0);
		return {
			segmentIndex: -1,
			segment: null,
			elapsedMs: 0,
			remainingMs: 0,
			overtimeMs: 0,
			phase: 'normal',
			segmentEndsAt: null,
			projectedEndAt,
			plannedEndAt: plannedEnd,
			driftMs: driftMs(projectedEndAt, plannedEnd),
			flashSale,
			untilStartMs: firstStart === null ? null : firstStart - now
		};
	}

	const elapsedMs = (clock.frozenAt ?? now) - clock.zeroAt;
	const remainingMs = clock.lengthMs - elapsedMs;
	let projectedEndAt: EpochMs | null;
	if (state.status === 'ended') projectedEndAt = state.endedAt;
	else if (clock.index < 0) projectedEndAt = null;
	else projectedEndAt = now + Math.max(remainingMs, 0) + clock.restMs;
	return {
		segmentIndex: clock.index,
		segment: clock.segment,
		elapsedMs,
		remainingMs,
		overtimeMs: Math.max(0, -remainingMs),
		phase: livePhase(remainingMs),
		segmentEndsAt: state.status === 'live' ? clock.zeroAt + clock.lengthMs : null,
		projectedEndAt,
		plannedEndAt: plannedEnd,
		driftMs: driftMs(projectedEndAt, plannedEnd),
		flashSale,
		untilStartMs: null
	};
}

/** How far the projected end is behind the planned one, ms (negative: ahead); null if either is unknown. A function of its own rather than a closure: a screen computes it on every command. */
function driftMs(projectedEndAt: EpochMs | null, plannedEndAt: EpochMs | null): number | null {
	return projectedEndAt !== null && plannedEndAt !== null ? projectedEndAt - plannedEndAt : null;
}

/** Planned length of `segments` from index `from` on, ms. */
function sumMs(segments: readonly Pick<Segment, 'durationSec'>[], from: number): number {
	let sum = 0;
	for (let i = from; i < segments.length; i++) sum += segments[i].durationSec * 1000;
	return sum;
}
