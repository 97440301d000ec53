/**
 * The monitoring wall's decisions (监看墙): which shows get a tile, what state each tile is in,
 * which critical conditions hold (each with a stable key, so the wall beeps once per new one), and
 * the order, most urgent first. Pure: `now` is a parameter; instants epoch ms (server clock).
 */
import type { AlertKind } from './live/alerts';
import type { LiveMode, LiveStatus } from './live/state';
import type { Figures } from './figures/metrics';
import type { EpochMs, Platform, SegmentKind } from './model';

/** A show starting within this much of now gets a tile, ms. */
export const WALL_UPCOMING_MS = 2 * 3600_000;
/** A show not started this long after its announced start drops off the wall, ms. */
export const WALL_LATE_MS = 2 * 3600_000;
/** No host screen for this long during a run turns the tile red and is critical, ms. */
export const WALL_HOST_OFFLINE_MS = 30_000;
/** A segment this far over its time is critical, ms. */
export const WALL_OVERTIME_MS = 2 * 60_000;
/** No figure for this long during a run is critical, ms. */
export const WALL_NO_FIGURES_MS = 15 * 60_000;

/** What the wall knows of one show (the server pushes it; see contract/wall.ts). */
export interface WallShowInput {
	showId: number;
	unitCode: string;
	title: string;
	/** Announced start. */
	startsAt: EpochMs;
	status: LiveStatus;
	/** null while ready. */
	mode: LiveMode | null;
	/** When the run started (warm-up opened); null while ready. */
	startedAt: EpochMs | null;
	/** The segment on air, null while ready or ended. */
	segment: {
		id: string;
		title: string;
		kind: SegmentKind;
		/** When this visit of it started. */
		startedAt: EpochMs;
		/** Time left on its clock as of `now`, ms; negative when over time. */
		remainingMs: number;
	} | null;
	/** Projected end minus planned end, ms; positive = behind. Null when unknown. */
	driftMs: number | null;
	/** Host screens connected now. */
	hostScreens: number;
	/** When the last host screen left (null: none has left since the server knows). */
	hostLeftAt: EpochMs | null;
	latestAlert: { kind: AlertKind; at: EpochMs } | null;
	/** The latest figures of the run (not deleted), with when they were taken. */
	latestFigures: { platform: Platform; at: EpochMs; figures: Figures } | null;
}

export const WALL_CRITICAL_KINDS = ['host_offline', 'overtime', 'no_figures'] as const;
export type WallCriticalKind = (typeof WALL_CRITICAL_KINDS)[number];

export interface WallCritical {
	kind: WallCriticalKind;
	/** Stable for one occurrence: the same condition keeps its key from one update to the next. */
	key: string;
	/** When the condition started counting, epoch ms (it became critical at since + its threshold). */
	since: EpochMs;
}

/** `on_air`: running past the warm-up; `warmup`: running in the warm-up segment; `upcoming`: not started (`late` once past its start). */
export type WallPhase = 'on_air' | 'warmup' | 'upcoming';

export interface WallTile {
	show: WallShowInput;
	phase: WallPhase;
	paused: boolean;
	/** Not started although its announced start has passed. */
	late: boolean;
	/** startsAt - now, ms (negative once past); null once running. */
	startsInMs: number | null;
	/** No host screen connected for WALL_HOST_OFFLINE_MS during a run. */
	red: boolean;
	/** How long no host screen has been connected during the run, ms; null when one is (or not running). */
	hostOfflineMs: number | null;
	/** How far the segment is over its time, ms; null when it is not. */
	overtimeMs: number | null;
	/** now - the latest figure's `at`, ms; null when none. */
	figuresAgeMs: number | null;
	/** Critical conditions, live runs only (a rehearsal never beeps). */
	critical: WallCritical[];
}

const running = (s: LiveStatus) => s === 'live' || s === 'paused';

/** One show's tile at `now`, or null when the show is not on the wall. */
export function wallTile(show: WallShowInput, now: EpochMs): WallTile | null {
	const run = running(show.status) && show.startedAt !== null;
	if (!run) {
		if (show.status !== 'ready' || show.startsAt - now > WALL_UPCOMING_MS || now - show.startsAt > WALL_LATE_MS) return null;
	}
	const startedAt = show.startedAt ?? now;
	// The clock of "no host screen" starts at the run's start or when the last one left, whichever is later.
	const hostSince = run && show.hostScreens === 0 ? Math.max(startedAt, show.hostLeftAt ?? startedAt) : null;
	const hostOfflineMs = hostSince !== null ? Math.max(0, now - hostSince) : null;
	const overtimeMs = run && show.segment && show.segment.remainingMs < 0 ? -show.segment.remainingMs : null;
	const lastFigureAt = show.latestFigures?.at ?? null;
	const figuresSince = run ? (lastFigureAt !== null && lastFigureAt > startedAt ? lastFigureAt : startedAt) : null;

	const critical: WallCritical[] = [];
	if (run && show.mode === 'live') {
		if (hostSince !== null && hostOfflineMs! >= WALL_HOST_OFFLINE_MS) critical.push({ kind: 'host_offline', key: `host_offline:${show.showId}:${hostSince}`, since: hostSince });
		if (overtimeMs !== null && overtimeMs >= WALL_OVERTIME_MS) {
			const seg = show.segment!;
			critical.push({ kind: 'overtime', key: `overtime:${show.showId}:${seg.id}:${seg.startedAt}`, since: seg.startedAt });
		}
		if (figuresSince !== null && now - figuresSince >= WALL_NO_FIGURES_MS) critical.push({ kind: 'no_figures', key: `no_figures:${show.showId}:${figuresSince}`, since: figuresSince });
	}
	return {
		show,
		phase: !run ? 'upcoming' : show.segment?.kind === 'warmup' ? 'warmup' : 'on_air',
		paused: show.status === 'paused',
		late: !run && now >= show.startsAt,
		startsInMs: run ? null : show.startsAt - now,
		red: hostOfflineMs !== null && hostOfflineMs >= WALL_HOST_OFFLINE_MS,
		hostOfflineMs,
		overtimeMs,
		figuresAgeMs: lastFigureAt !== null ? Math.max(0, now - lastFigureAt) : null,
		critical
	};
}

/** 0 = most urgent: critical, then on air (live or paused), then warm-up, then not started. */
function urgency(tile: WallTile): number {
	if (tile.critical.length || tile.red) return 0;
	return tile.phase === 'on_air' ? 1 : tile.phase === 'warmup' ? 2 : 3;
}

/** The wall at `now`: a tile for each show live, paused, in warm-up or starting within 2 hours (or up to 2 hours late), most urgent first, then by announced start, then show id. */
export function wallTiles(shows: readonly WallShowInput[], now: EpochMs): WallTile[] {
	return shows
		.map((s) => wallTile(s, now))
		.filter((t): t is WallTile => t !== null)
		.sort((a, b) => urgency(a) - urgency(b) || a.show.startsAt - b.show.startsAt || a.show.showId - b.show.showId);
}

/** Critical keys in `tiles` not yet in `heard`, in wall order: the wall beeps when this is non-empty, then adds them to `heard`. */
export function newCriticalKeys(heard: ReadonlySet<string>, tiles: readonly WallTile[]): string[] {
	return tiles.flatMap((t) => t.critical.map((c) => c.key)).filter((k) => !heard.has(k));
}
