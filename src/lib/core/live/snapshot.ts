/** What goes on the wire: the live state, the derived segment index and the server's clock. */
import type { EpochMs } from '../model';
import { currentSegmentIndex, type LiveSheet, type LiveState } from './state';
import { timingAt, type LivePhase } from './timing';
import type { LiveCanonical } from './wire';

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

/** The show a state belongs to, and the run-sheet version it was made against. */
export interface LiveShowIds {
	showId: number;
	sheetVersion: number;
}

/**
 * Snapshot of `state` at `serverNow` (epoch ms, server clock) for the show `ids` names: its show and
 * run-sheet version first, then the live state's fields (nothing else of `state`), then the
 * derived ones — what the server sends and a screen rebuilds from a patch (`ids` may be the state
 * itself when it carries them). Written out field by field rather than spread: a spread with
 * fields added after it is several times slower, and a screen builds one per command.
 */
export function liveSnapshot(ids: LiveShowIds, state: LiveState, sheet: LiveSheet, serverNow: EpochMs): LiveCanonical & LiveSnapshot {
	const index = currentSegmentIndex(state, sheet);
	return {
		showId: ids.showId,
		sheetVersion: ids.sheetVersion,
		version: state.version,
		status: state.status,
		mode: state.mode,
		segmentId: state.segmentId,
		segmentStartedAt: state.segmentStartedAt,
		pausedAt: state.pausedAt,
		pausedMs: state.pausedMs,
		adjustMs: state.adjustMs,
		startedAt: state.startedAt,
		endedAt: state.endedAt,
		plannedStartAt: state.plannedStartAt,
		actualStarts: state.actualStarts,
		flashSale: state.flashSale,
		stock: state.stock,
		cuesDone: state.cuesDone,
		messages: state.messages,
		updatedAt: state.updatedAt,
		segmentIndex: index,
		segmentTitle: index >= 0 ? sheet.segments[index].title : null,
		serverNow,
		timing: snapshotTiming(state, sheet, serverNow)
	};
}

function snapshotTiming(state: LiveState, sheet: LiveSheet, serverNow: EpochMs): LiveSnapshotTiming {
	const t = timingAt(state, sheet, serverNow);
	return { remainingMs: t.remainingMs, phase: t.phase, segmentEndsAt: t.segmentEndsAt, projectedEndAt: t.projectedEndAt, driftMs: t.driftMs };
}
