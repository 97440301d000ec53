/**
 * The live state of one show: a small, JSON-serialisable record of absolute server instants from
 * which every countdown is derived. Stored as JSON, changed only by `applyCommand`.
 */
import type { EpochMs, Segment } from '../model';

export const LIVE_STATUSES = ['ready', 'live', 'paused', 'ended'] as const;
export type LiveStatus = (typeof LIVE_STATUSES)[number];

export const LIVE_MODES = ['live', 'rehearsal'] as const;
export type LiveMode = (typeof LIVE_MODES)[number];

/** Only the last messages are kept in the state (and so on the wire). */
export const MAX_MESSAGES = 20;

export interface LiveFlashSale {
	segmentId: string;
	startedAt: EpochMs;
	/** When the sale closes (or was stopped), epoch ms. */
	endsAt: EpochMs;
	priceFen: number;
	quantity: number;
}

export interface LiveMessage {
	id: string;
	text: string;
	sentAt: EpochMs;
	ackedAt: EpochMs | null;
}

export interface LiveState {
	/** +1 per accepted command, starting at 0; never goes back, not even on a rehearsal reset. */
	version: number;
	status: LiveStatus;
	/** null while ready (never started). */
	mode: LiveMode | null;
	/** The current segment; its index is derived from the run-sheet, which may be edited mid-show. */
	segmentId: string | null;
	/** When the current segment started. */
	segmentStartedAt: EpochMs | null;
	/** Set while paused. */
	pausedAt: EpochMs | null;
	/** Pause accumulated in the current segment, ms (not counting a pause in progress). */
	pausedMs: number;
	/** Time added (+) or taken (-) in the current segment, ms. */
	adjustMs: number;
	startedAt: EpochMs | null;
	endedAt: EpochMs | null;
	/**
	 * Announced start for this run: the show's start for a live run; for a rehearsal, the moment it
	 * started plus the planned length of the segments before the opening.
	 */
	plannedStartAt: EpochMs | null;
	/** Last actual start of each segment in this run, by segment id. */
	actualStarts: Record<string, EpochMs>;
	/** The last flash sale started in this run (kept after it ends, with its end time). */
	flashSale: LiveFlashSale | null;
	/** Remaining stock set live, by product id (as a string). */
	stock: Record<string, number>;
	/** Ids of producer cues ticked off. */
	cuesDone: string[];
	/** The last `MAX_MESSAGES` messages from the producer to the hosts. */
	messages: LiveMessage[];
	/**
	 * When the last command was accepted, epoch ms (null before any). Not in the original brief:
	 * alerts that become due because of a command ("already behind schedule") are dated by it.
	 */
	updatedAt: EpochMs | null;
}

/** What the reducer needs to know about the show: its announced start and its run-sheet. */
export interface LiveSheet {
	/** Announced start, epoch ms. */
	startsAt: EpochMs;
	segments: Segment[];
}

/** The state of a show that has never been started. */
export function initialLiveState(): LiveState {
	return {
		version: 0,
		status: 'ready',
		mode: null,
		segmentId: null,
		segmentStartedAt: null,
		pausedAt: null,
		pausedMs: 0,
		adjustMs: 0,
		startedAt: null,
		endedAt: null,
		plannedStartAt: null,
		actualStarts: {},
		flashSale: null,
		stock: {},
		cuesDone: [],
		messages: [],
		updatedAt: null
	};
}

/** Index of the current segment in the run-sheet, -1 when there is none (or it was removed). */
export function currentSegmentIndex(state: Pick<LiveState, 'segmentId'>, sheet: LiveSheet): number {
	if (state.segmentId === null) return -1;
	return sheet.segments.findIndex((s) => s.id === state.segmentId);
}

/** True while a run is under way (live or paused). */
export function isRunning(state: Pick<LiveState, 'status'>): boolean {
	return state.status === 'live' || state.status === 'paused';
}

/** True when the flash sale is open at `now` (a sale whose `endsAt` ≤ now has finished). */
export function flashSaleOpen(sale: LiveFlashSale | null, now: EpochMs): sale is LiveFlashSale {
	return sale !== null && sale.endsAt > now;
}
