/**
 * Attribution: which segment was on air when a figure was taken. The on-air intervals come from a
 * run's command log (the states the commands produced, read by the report's own `onAirVisits`), so
 * they stay right across pauses, skips, revisits, add-time and a run-sheet amended mid-show (a
 * removed segment keeps its intervals under its id).
 */
import type { EpochMs } from '../model';
import { onAirVisits, pausesOf, runCommands, type LogEvent } from '../report';

/** A pause inside an interval: `to` null while still paused. Epoch ms. */
export interface PausedSpan {
	from: EpochMs;
	to: EpochMs | null;
}

/**
 * One stay of a segment on air, epoch ms: from `from` until `to` (null while still on air), its
 * clock paused during `paused`. A segment shown twice has two intervals.
 */
export interface OnAirInterval {
	segmentId: string;
	from: EpochMs;
	to: EpochMs | null;
	paused: PausedSpan[];
	/** Total paused time in this interval, ms; a pause in progress counts up to `now`. */
	pausedMs: number;
}

/**
 * The on-air intervals of one run, in time order, from its log (any order; alerts are ignored).
 * `now` (epoch ms) only counts a pause still in progress.
 */
export function onAirIntervals(events: readonly LogEvent[], now: EpochMs): OnAirInterval[] {
	const commands = runCommands(events);
	const pauses = pausesOf(commands, now);
	return onAirVisits(commands, now).map((v) => ({
		segmentId: v.segmentId,
		from: v.startAt,
		to: v.endAt,
		pausedMs: v.pausedMs,
		paused: pauses
			.filter((p) => p.segmentId === v.segmentId && p.at >= v.startAt && (v.endAt === null || p.at < v.endAt))
			.map((p) => ({ from: p.at, to: p.resumedAt }))
	}));
}

/**
 * The interval on air at `t` (epoch ms), or null before the run started or after it ended. An
 * interval owns its start; at the instant of a move the segment that starts wins; the run's final
 * instant (its end) still belongs to the last segment. Pauses belong to the paused segment.
 */
export function intervalAt(intervals: readonly OnAirInterval[], t: EpochMs): OnAirInterval | null {
	for (let i = intervals.length - 1; i >= 0; i--) {
		const iv = intervals[i];
		if (iv.from <= t && (iv.to === null || t <= iv.to)) return iv;
	}
	return null;
}

/** The id of the segment on air at `t` (epoch ms); null before the start and after the end. See `intervalAt`. */
export function segmentAt(intervals: readonly OnAirInterval[], t: EpochMs): string | null {
	return intervalAt(intervals, t)?.segmentId ?? null;
}
