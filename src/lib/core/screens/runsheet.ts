/**
 * The run-sheet as a live screen lists it: each segment's planned and actual start, how long it ran
 * against its plan, and when the ones still to come are expected, from the live state at `now`.
 */
import type { EpochMs, Segment } from '../model';
import type { LiveState, LiveTiming } from '../live';

export type RowState = 'past' | 'current' | 'skipped' | 'upcoming';

export interface LiveRunSheetRow {
	segment: Segment;
	index: number;
	state: RowState;
	/** Planned start of this run (a rehearsal's plan starts when it did), epoch ms. */
	plannedStartAt: EpochMs | null;
	/** Last actual start in this run, epoch ms. */
	actualStartAt: EpochMs | null;
	/** actual − planned start, ms; positive = late. */
	startDelayMs: number | null;
	plannedMs: number;
	/** Wall time on air of a past segment (pauses included), ms; for the current one, so far. */
	actualMs: number | null;
	/** actualMs − plannedMs of a past segment, ms; positive = over. The current one: its overtime only. */
	overUnderMs: number | null;
	/** When a segment still to come is expected to start if the rest runs to plan, epoch ms. */
	projectedStartAt: EpochMs | null;
}

/** Behind (+) or ahead (−) of schedule by less than this is on schedule, ms. */
export const ON_SCHEDULE_MS = 60_000;

export type Standing = { kind: 'on_time' } | { kind: 'behind' | 'ahead'; ms: number };

/** How the run stands against its plan, from `driftMs` (positive = behind); null when unknown. */
export function scheduleStanding(driftMs: number | null): Standing | null {
	if (driftMs === null) return null;
	if (Math.abs(driftMs) < ON_SCHEDULE_MS) return { kind: 'on_time' };
	return driftMs > 0 ? { kind: 'behind', ms: driftMs } : { kind: 'ahead', ms: -driftMs };
}

type RunFields = Pick<LiveState, 'status' | 'segmentId' | 'actualStarts' | 'endedAt'>;

/** Rows for every segment of `segments` at `now` (epoch ms, server clock). */
export function liveRunSheetRows(segments: readonly Segment[], state: RunFields, timing: LiveTiming | null, now: EpochMs): LiveRunSheetRow[] {
	const currentIndex = state.segmentId === null ? -1 : segments.findIndex((s) => s.id === state.segmentId);
	const starts = Object.values(state.actualStarts).sort((a, b) => a - b);
	// The end of a visit is the next segment start after it (entering a segment stamps its start).
	const endAfter = (start: EpochMs) => starts.find((t) => t > start) ?? null;
	const running = state.status === 'live' || state.status === 'paused';

	// Segments to come start one after another from the current segment's projected end.
	let cursor: EpochMs | null = null;
	if (state.status === 'ready') cursor = null;
	else if (running && timing && currentIndex >= 0) cursor = now + Math.max(0, timing.remainingMs);

	return segments.map((segment, index) => {
		const plannedMs = segment.durationSec * 1000;
		const plannedStartAt = timing?.plannedStarts[segment.id] ?? null;
		const actualStartAt = state.actualStarts[segment.id] ?? null;
		const startDelayMs = actualStartAt !== null && plannedStartAt !== null ? actualStartAt - plannedStartAt : null;
		const base = { segment, index, plannedStartAt, actualStartAt, startDelayMs, plannedMs };

		if (index === currentIndex && state.status !== 'ended') {
			const actualMs = actualStartAt !== null ? now - actualStartAt : null;
			return { ...base, state: 'current', actualMs, overUnderMs: timing ? timing.overtimeMs : null, projectedStartAt: null };
		}
		if (actualStartAt !== null) {
			const end = index === currentIndex ? state.endedAt : (endAfter(actualStartAt) ?? state.endedAt);
			const actualMs = end !== null ? end - actualStartAt : null;
			return { ...base, state: 'past', actualMs, overUnderMs: actualMs !== null ? actualMs - plannedMs : null, projectedStartAt: null };
		}
		if (running && index < currentIndex) return { ...base, state: 'skipped', actualMs: null, overUnderMs: null, projectedStartAt: null };
		let projectedStartAt: EpochMs | null = null;
		if (running && cursor !== null && index > currentIndex) {
			projectedStartAt = cursor;
			cursor += plannedMs;
		}
		return { ...base, state: state.status === 'ended' ? 'skipped' : 'upcoming', actualMs: null, overUnderMs: null, projectedStartAt };
	});
}
