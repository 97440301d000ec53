/** What goes on the wire: the live state, the derived segment index and the server's clock. */
import type { EpochMs } from '../model';
import { currentSegmentIndex, type LiveSheet, type LiveState } from './state';

export type LiveSnapshot = LiveState & {
	/** Index of `segmentId` in the run-sheet, -1 if none. */
	segmentIndex: number;
	/** Server clock when the snapshot was taken, epoch ms. */
	serverNow: EpochMs;
};

/** Snapshot of `state` at `serverNow` (epoch ms, server clock). */
export function liveSnapshot(state: LiveState, sheet: LiveSheet, serverNow: EpochMs): LiveSnapshot {
	return { ...state, segmentIndex: currentSegmentIndex(state, sheet), serverNow };
}
