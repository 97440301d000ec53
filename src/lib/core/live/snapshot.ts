/** What goes on the wire: the live state, the derived segment index and the server's clock. */
import type { EpochMs } from '../model';
import { currentSegmentIndex, type LiveSheet, type LiveState } from './state';
import { liveTiming, type LivePhase } from './timing';

/**
 * Timing at `serverNow`, for scripts and one-button devices that cannot run the core (a Stream
 * Deck label polling `GET /api/live`). Screens derive timing locally from the state instead.
 */
export interface LiveSnapshotTiming {
	/** ms left in the current segment at serverNow; negative = overtime; 0 while ready. */
	remainingMs: number;
	phase: LivePhase;
	/** When the current segment reaches zero, epoch ms; null unless live. */
	segmentEndsAt: EpochMs | null;
	/** Projected end of the run, epoch ms; null if unknown. */
	projectedEndAt: EpochMs | null;
	/** ms behind schedule (negative = ahead); null if unknown. */
	driftMs: number | null;
}

export type LiveSnapshot = LiveState & {
	/** Index of `segmentId` in the run-sheet, -1 if none. */
	segmentIndex: number;
	/** Title of the current segment, null if none. */
	segmentTitle: string | null;
	/** Server clock when the snapshot was taken, epoch ms. */
	serverNow: EpochMs;
	timing: LiveSnapshotTiming;
};

/** Snapshot of `state` at `serverNow` (epoch ms, server clock). */
export function liveSnapshot(state: LiveState, sheet: LiveSheet, serverNow: EpochMs): LiveSnapshot {
	const index = currentSegmentIndex(state, sheet);
	const t = liveTiming(state, sheet, serverNow);
	return {
		...state,
		segmentIndex: index,
		segmentTitle: index >= 0 ? sheet.segments[index].title : null,
		serverNow,
		timing: {
			remainingMs: t.remainingMs,
			phase: t.phase,
			segmentEndsAt: t.segmentEndsAt,
			projectedEndAt: t.projectedEndAt,
			driftMs: t.driftMs
		}
	};
}
