/**
 * The monitoring wall (监看墙): which shows are on it and each one's tile, kept up to date from what
 * the live runtime publishes (snapshots, presence, alerts, run-sheet edits) and from the planning
 * bus, and re-evaluated every WALL_REFRESH_MS (a show entering the 2-hour window, figures). It
 * announces each show that changed once, for every wall: the gateway routes it to the walls of
 * the show's unit and the province's. Active only while a wall is connected (`attach`/`detach`).
 */
import { isRunning, liveTiming, type LiveSheet } from '../../src/lib/core/live';
import { WALL_LATE_MS, WALL_UPCOMING_MS, wallTile, type WallShowInput } from '../../src/lib/core/wall';
import type { Figures } from '../../src/lib/core/figures/metrics';
import type { Platform } from '../../src/lib/core/model';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { LiveAlertEvent, LiveWireSnapshot, PresenceScreen } from '../../src/lib/contract/live';
import type { WallUpdate } from '../../src/lib/contract/wall';
import { canAccessUnit } from '../domain/access';
import type { Bus } from '../domain/bus';
import type { LiveRepository } from '../live/live.repository';
import type { LiveRuntime } from '../live/live.runtime';
import type { ShowRepository } from '../planning/show.repository';

/** How often the list is re-evaluated without any event (shows entering the window, figures, presence), ms. */
export const WALL_REFRESH_MS = 10_000;

type LatestFigures = WallShowInput['latestFigures'];
/** The newest figures of each show asked for (the recorder's storage, once it exists). */
export type WallFiguresSource = (showIds: number[]) => Map<number, NonNullable<LatestFigures>>;
export const noFigures: WallFiguresSource = () => new Map();

/** Of each show's newest figures per platform, the newest platform's (what a tile shows). */
export function newestFigures(perShow: Map<number, { platform: Platform; at: number; figures: Figures }[]>): Map<number, NonNullable<LatestFigures>> {
	const result = new Map<number, NonNullable<LatestFigures>>();
	for (const [showId, platforms] of perShow) {
		const newest = platforms.reduce<(typeof platforms)[number] | null>((a, b) => (a === null || b.at > a.at ? b : a), null);
		if (newest) result.set(showId, { platform: newest.platform, at: newest.at, figures: newest.figures });
	}
	return result;
}

export type WallChange = { type: 'shows'; unitCode: string; update: WallUpdate } | { type: 'untile'; unitCode: string; showId: number };

export interface WallServiceDeps {
	shows: ShowRepository;
	live: LiveRepository;
	runtime: LiveRuntime;
	bus: Bus;
	clock: () => number;
	figures?: WallFiguresSource;
}

/** One listed show, as the wall service follows it. */
interface Entry {
	showId: number;
	unitCode: string;
	title: string;
	sheet: LiveSheet;
	snapshot: LiveWireSnapshot;
	hostScreens: number;
	hostLeftAt: number | null;
	latestAlert: WallShowInput['latestAlert'];
	latestFigures: LatestFigures;
	/** What was last pushed, without the instants that move with time (a command that changes none of it pushes nothing). */
	pushed: string;
}

/** What a wall is told about a listed show at `now`. */
function inputOf(entry: Entry, now: number): WallShowInput {
	const { snapshot, sheet } = entry;
	const timing = liveTiming(snapshot, sheet, now);
	const segment = timing.segment && snapshot.segmentStartedAt !== null && isRunning(snapshot) ? timing.segment : null;
	return {
		showId: entry.showId,
		unitCode: entry.unitCode,
		title: entry.title,
		startsAt: sheet.startsAt,
		status: snapshot.status,
		mode: snapshot.mode,
		startedAt: snapshot.startedAt,
		segment: segment && { id: segment.id, title: segment.title, kind: segment.kind, startedAt: snapshot.segmentStartedAt!, remainingMs: timing.remainingMs },
		driftMs: timing.driftMs,
		hostScreens: entry.hostScreens,
		hostLeftAt: entry.hostLeftAt,
		latestAlert: entry.latestAlert,
		latestFigures: entry.latestFigures
	};
}

/** The facts of an entry that do not move with time. */
function factsOf(entry: Entry): string {
	const s = entry.snapshot;
	return JSON.stringify([
		entry.unitCode,
		entry.title,
		entry.sheet.startsAt,
		s.sheetVersion,
		s.status,
		s.mode,
		s.startedAt,
		s.endedAt,
		s.plannedStartAt,
		s.segmentId,
		s.segmentStartedAt,
		s.pausedAt,
		s.pausedMs,
		s.adjustMs,
		entry.hostScreens,
		entry.hostLeftAt,
		entry.latestAlert,
		entry.latestFigures
	]);
}

const listed = (entry: Entry, now: number) => wallTile(inputOf(entry, now), now) !== null;

export class WallService {
	readonly #deps: WallServiceDeps;
	readonly #entries = new Map<number, Entry>();
	readonly #listeners = new Set<(change: WallChange) => void>();
	#walls = 0;
	#off: (() => void)[] = [];
	#timer: ReturnType<typeof setInterval> | null = null;
	#figures: WallFiguresSource;

	constructor(deps: WallServiceDeps) {
		this.#deps = deps;
		this.#figures = deps.figures ?? noFigures;
	}

	/** Where tiles' figures come from (the recorder's `latest`). */
	setFiguresSource(source: WallFiguresSource) {
		this.#figures = source;
	}

	/** Hears every change (the gateway). */
	onChange(listener: (change: WallChange) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	/** A wall connected: the first one starts following the shows. */
	attach() {
		if (this.#walls++ > 0) return;
		this.#off.push(
			this.#deps.runtime.observe({
				snapshot: (showId, push) => this.#snapshot(showId, push.snapshot()),
				presence: (showId, screens) => this.#presence(showId, screens),
				alert: (showId, alert) => this.#alert(showId, alert)
			}),
			// Run-sheet edits, new, moved and deleted shows.
			this.#deps.bus.on('showChanged', (showId) => this.#reload(showId)),
			this.#deps.bus.on('figuresChanged', (showId) => this.figuresChanged(showId))
		);
		this.refresh();
		this.#timer = setInterval(() => this.refresh(), WALL_REFRESH_MS);
		this.#timer.unref();
	}

	/** A wall left: the last one stops it all. */
	detach() {
		if (this.#walls === 0 || --this.#walls > 0) return;
		for (const off of this.#off.splice(0)) off();
		if (this.#timer) clearInterval(this.#timer);
		this.#timer = null;
		this.#entries.clear();
	}

	/** The list `account` may see (a city its own unit's shows, the province all), unordered. */
	list(account: SessionAccount): WallUpdate {
		const now = this.#deps.clock();
		return { serverNow: now, shows: [...this.#entries.values()].filter((e) => canAccessUnit(account, e.unitCode)).map((e) => inputOf(e, now)) };
	}

	/** Re-evaluates which shows are listed, their presence and their figures. */
	refresh() {
		if (this.#walls === 0) return;
		const now = this.#deps.clock();
		const candidates = new Set<number>(this.#entries.keys());
		// Not started yet and within the window (a live show that ended is done); running ones come from the live states.
		for (const show of this.#deps.shows.list({ from: now - WALL_LATE_MS, to: now + WALL_UPCOMING_MS + 1 })) if (show.status !== 'ended') candidates.add(show.id);
		for (const stored of this.#deps.live.running()) candidates.add(stored.showId);
		for (const showId of candidates) {
			const entry = this.#entries.get(showId);
			if (!entry) this.#reload(showId);
			else if (!listed(entry, now)) this.#remove(showId);
		}
		const ids = [...this.#entries.keys()];
		if (!ids.length) return;
		const figures = this.#figures(ids);
		for (const entry of this.#entries.values()) {
			// Presence too: the runtime lets go of a show nobody watches before its start without a last push.
			this.#countHosts(entry, this.#deps.runtime.presence(entry.showId));
			entry.latestFigures = figures.get(entry.showId) ?? null;
			this.#push(entry);
		}
	}

	/** A show's figures changed (the recorder calls this after a checkpoint). */
	figuresChanged(showId: number) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		entry.latestFigures = this.#figures([showId]).get(showId) ?? null;
		this.#push(entry);
	}

	// -------------------------------------------------------------------------------------------

	#emit(change: WallChange) {
		for (const listener of this.#listeners) listener(change);
	}

	/** Pushes the show to the walls when something they see changed. */
	#push(entry: Entry) {
		const facts = factsOf(entry);
		if (facts === entry.pushed) return;
		entry.pushed = facts;
		const now = this.#deps.clock();
		this.#emit({ type: 'shows', unitCode: entry.unitCode, update: { serverNow: now, shows: [inputOf(entry, now)] } });
	}

	/** Reads the show again (planning edit, new candidate): listed, updated or removed. */
	#reload(showId: number): void {
		const show = this.#deps.shows.get(showId);
		const snapshot = show ? this.#deps.runtime.snapshot(showId) : null;
		const entry = this.#entries.get(showId);
		if (!show || !snapshot || (entry && entry.unitCode !== show.unitCode)) this.#remove(showId);
		if (!show || !snapshot) return;
		const now = this.#deps.clock();
		const next: Entry = entry ?? {
			showId,
			unitCode: show.unitCode,
			title: show.title,
			sheet: { startsAt: show.startsAt, segments: show.segments },
			snapshot,
			hostScreens: 0,
			hostLeftAt: null,
			latestAlert: snapshot.startedAt !== null ? this.#latestAlert(showId) : null,
			latestFigures: this.#figures([showId]).get(showId) ?? null,
			pushed: ''
		};
		Object.assign(next, { unitCode: show.unitCode, title: show.title, sheet: { startsAt: show.startsAt, segments: show.segments }, snapshot });
		if (!listed(next, now)) return this.#remove(showId);
		if (!entry) {
			this.#countHosts(next, this.#deps.runtime.presence(showId));
			this.#entries.set(showId, next);
		}
		this.#push(next);
	}

	#latestAlert(showId: number): WallShowInput['latestAlert'] {
		const runId = this.#deps.live.load(showId)?.runId;
		if (runId === null || runId === undefined) return null;
		const alert = this.#deps.live.recentAlerts(showId, runId, 0, 1).at(-1);
		return alert ? { kind: alert.kind, at: alert.firedAt } : null;
	}

	#remove(showId: number) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		this.#entries.delete(showId);
		this.#emit({ type: 'untile', unitCode: entry.unitCode, showId });
	}

	#snapshot(showId: number, snapshot: LiveWireSnapshot) {
		const entry = this.#entries.get(showId);
		if (!entry) {
			// A show that starts (a rehearsal next week, a show outside the window) joins the wall.
			if (isRunning(snapshot)) this.#reload(showId);
			return;
		}
		// A new run starts without the last run's alert.
		if (entry.snapshot.startedAt !== snapshot.startedAt) entry.latestAlert = null;
		entry.snapshot = snapshot;
		if (!listed(entry, this.#deps.clock())) return this.#remove(showId);
		this.#push(entry);
	}

	#alert(showId: number, alert: LiveAlertEvent) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		entry.latestAlert = { kind: alert.kind, at: alert.firedAt };
		this.#push(entry);
	}

	#presence(showId: number, screens: PresenceScreen[]) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		this.#countHosts(entry, screens);
		this.#push(entry);
	}

	/** Host screens now; when the last one left. */
	#countHosts(entry: Entry, screens: readonly PresenceScreen[]) {
		const hosts = screens.reduce((n, s) => n + (s.role === 'host' ? 1 : 0), 0);
		if (hosts === 0 && entry.hostScreens > 0) entry.hostLeftAt = this.#deps.clock();
		entry.hostScreens = hosts;
	}
}
