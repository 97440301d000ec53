/**
 * The monitoring wall (监看墙): which shows are on it and each one's tile, kept up to date from what
 * the live runtime publishes (snapshots, presence, alerts, run-sheet edits) and from the planning
 * bus, and re-evaluated every WALL_REFRESH_MS (a show entering the 2-hour window, figures). It
 * announces each tile's changed fields once, for every wall: the gateway routes them to the walls of
 * the show's unit and the province's. Active only while a wall is connected (`attach`/`detach`).
 */
import { isRunning, plannedRunEndAt, segmentClock, type LiveSheet } from '../../src/lib/core/live';
import type { Segment } from '../../src/lib/core/model';
import type { SessionAccount } from '../../src/lib/contract/session';
import type { LiveAlertEvent, LiveWireSnapshot, PresenceScreen } from '../../src/lib/contract/live';
import type { WallFigures, WallTile } from '../../src/lib/contract/wall';
import { canAccessUnit } from '../domain/access';
import type { Bus } from '../domain/bus';
import type { LiveRepository } from '../live/live.repository';
import type { LiveRuntime } from '../live/live.runtime';
import type { ShowRepository } from '../planning/show.repository';

/** How often the list is re-evaluated without any event (shows entering the window, figures), ms. */
export const WALL_REFRESH_MS = 10_000;
/** A show that has not started is listed from this long before its planned start, ms. */
export const WALL_LEAD_MS = 2 * 60 * 60_000;

/** The newest figures per platform of each show asked for (the recorder's storage, once it exists). */
export type WallFiguresSource = (showIds: number[]) => Map<number, WallFigures[]>;
export const noFigures: WallFiguresSource = () => new Map();

export type WallChange = { type: 'tile'; unitCode: string; change: Partial<WallTile> & { showId: number } } | { type: 'untile'; unitCode: string; showId: number };

export interface WallServiceDeps {
	shows: ShowRepository;
	live: LiveRepository;
	runtime: LiveRuntime;
	bus: Bus;
	clock: () => number;
	figures?: WallFiguresSource;
}

interface Entry {
	tile: WallTile;
	sheet: LiveSheet;
	/** Planned duration, for a show that never started. */
	plannedMs: number;
}

/**
 * Whether a tile belongs on the wall at `now`: running (live or paused, warm-up included), or not
 * started and within WALL_LEAD_MS of its planned start (and not past its planned end).
 */
export function wallListed(tile: Pick<WallTile, 'status' | 'startsAt'>, plannedMs: number, now: number): boolean {
	if (isRunning(tile)) return true;
	return tile.status === 'ready' && now >= tile.startsAt - WALL_LEAD_MS && now <= tile.startsAt + plannedMs;
}

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

	/** Hears every tile change (the gateway). */
	onChange(listener: (change: WallChange) => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	/** A wall connected: the first one starts following the shows. */
	attach() {
		if (this.#walls++ > 0) return;
		const runtime = this.#deps.runtime;
		this.#off.push(
			runtime.observe({
				snapshot: (showId, snapshot) => this.#snapshot(showId, snapshot),
				presence: (showId, screens) => this.#presence(showId, screens),
				alert: (showId, alert) => this.#update(showId, { alert }),
				sheet: (showId) => this.#reload(showId)
			}),
			this.#deps.bus.on('showChanged', (showId) => this.#reload(showId))
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

	/** The tiles `account` may see (a city its own unit's, the province all), unordered. */
	tiles(account: SessionAccount): WallTile[] {
		return [...this.#entries.values()].map((e) => e.tile).filter((t) => canAccessUnit(account, t.unitCode));
	}

	/** Re-evaluates which shows are listed and refreshes their figures. */
	refresh() {
		if (this.#walls === 0) return;
		const now = this.#deps.clock();
		const candidates = new Set<number>(this.#entries.keys());
		for (const show of this.#deps.shows.list({ from: now - 24 * 60 * 60_000, to: now + WALL_LEAD_MS + 1 })) candidates.add(show.id);
		for (const stored of this.#deps.live.running()) candidates.add(stored.showId);
		for (const showId of candidates) {
			const entry = this.#entries.get(showId);
			if (!entry) this.#reload(showId);
			else if (!wallListed(entry.tile, entry.plannedMs, now)) this.#remove(showId);
		}
		const listed = [...this.#entries.keys()];
		if (!listed.length) return;
		const figures = this.#figures(listed);
		const runtime = this.#deps.runtime;
		for (const showId of listed) {
			// Presence too: the runtime lets go of a show nobody watches before its start without a last push.
			this.#presence(showId, runtime.presence(showId));
			this.#update(showId, { figures: figures.get(showId) ?? [] });
		}
	}

	/** A show's figures changed (the recorder calls this after a checkpoint). */
	figuresChanged(showId: number) {
		if (!this.#entries.has(showId)) return;
		this.#update(showId, { figures: this.#figures([showId]).get(showId) ?? [] });
	}

	// -------------------------------------------------------------------------------------------

	#emit(change: WallChange) {
		for (const listener of this.#listeners) listener(change);
	}

	/** Reads the show again (planning edit, new candidate): listed, updated or removed. */
	#reload(showId: number): void {
		const show = this.#deps.shows.get(showId);
		const snapshot = show ? this.#deps.runtime.snapshot(showId) : null;
		if (!show || !snapshot) return this.#remove(showId);
		const sheet: LiveSheet = { startsAt: show.startsAt, segments: show.segments };
		const entry = this.#entries.get(showId);
		const now = this.#deps.clock();
		const base = { showId, unitCode: show.unitCode, title: show.title, startsAt: show.startsAt, segmentCount: show.segments.length, ...clockFields(snapshot, sheet) };
		const plannedMs = show.plannedDurationMin * 60_000;
		if (!wallListed(base, plannedMs, now)) return this.#remove(showId);
		if (entry) {
			if (entry.tile.unitCode !== show.unitCode) {
				// Moved to another unit: gone from the old unit's walls, new on the new one's.
				this.#remove(showId);
				return this.#reload(showId);
			}
			entry.sheet = sheet;
			entry.plannedMs = plannedMs;
			return this.#update(showId, base);
		}
		const hostsOnline = countHosts(this.#deps.runtime.presence(showId));
		const alert = snapshot.startedAt !== null ? this.#latestAlert(showId) : null;
		const tile: WallTile = {
			...base,
			hostsOnline,
			hostsAwaySince: hostsOnline > 0 ? null : now,
			alert,
			figures: this.#figures([showId]).get(showId) ?? []
		};
		this.#entries.set(showId, { tile, sheet, plannedMs });
		this.#emit({ type: 'tile', unitCode: tile.unitCode, change: tile });
	}

	#latestAlert(showId: number): LiveAlertEvent | null {
		const runId = this.#deps.live.load(showId)?.runId;
		if (runId === null || runId === undefined) return null;
		return this.#deps.live.recentAlerts(showId, runId, 0, 1).at(-1) ?? null;
	}

	#remove(showId: number) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		this.#entries.delete(showId);
		this.#emit({ type: 'untile', unitCode: entry.tile.unitCode, showId });
	}

	#snapshot(showId: number, snapshot: LiveWireSnapshot) {
		const entry = this.#entries.get(showId);
		if (!entry) {
			// A show that starts (a rehearsal next week, a show outside the window) joins the wall.
			if (isRunning(snapshot)) this.#reload(showId);
			return;
		}
		const fields = clockFields(snapshot, entry.sheet);
		if (!wallListed({ ...entry.tile, ...fields }, entry.plannedMs, this.#deps.clock())) return this.#remove(showId);
		// A new run starts without the last run's alert.
		const update: Partial<WallTile> = entry.tile.startedAt !== fields.startedAt ? { ...fields, alert: null } : fields;
		this.#update(showId, update);
	}

	#presence(showId: number, screens: PresenceScreen[]) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		const hostsOnline = countHosts(screens);
		const { hostsAwaySince } = entry.tile;
		this.#update(showId, { hostsOnline, hostsAwaySince: hostsOnline > 0 ? null : (hostsAwaySince ?? this.#deps.clock()) });
	}

	/** Applies fields to a listed tile and announces those that changed. */
	#update(showId: number, fields: Partial<WallTile>) {
		const entry = this.#entries.get(showId);
		if (!entry) return;
		const change: Partial<WallTile> & { showId: number } = { showId };
		let changed = false;
		const tile = entry.tile as unknown as Record<string, unknown>;
		for (const [key, value] of Object.entries(fields)) {
			if (same(tile[key], value)) continue;
			tile[key] = value;
			(change as Record<string, unknown>)[key] = value;
			changed = true;
		}
		if (changed) this.#emit({ type: 'tile', unitCode: entry.tile.unitCode, change });
	}
}

function countHosts(screens: readonly PresenceScreen[]): number {
	return screens.reduce((n, s) => n + (s.role === 'host' ? 1 : 0), 0);
}

/** The tile's fields a snapshot decides. */
function clockFields(snapshot: LiveWireSnapshot, sheet: LiveSheet): Pick<WallTile, 'status' | 'mode' | 'startedAt' | 'plannedEndAt' | 'segment'> {
	const clock = segmentClock(snapshot, sheet);
	const segment: Segment | null = clock?.segment ?? null;
	return {
		status: snapshot.status,
		mode: snapshot.mode,
		startedAt: snapshot.startedAt,
		plannedEndAt: plannedRunEndAt(snapshot, sheet),
		segment: clock
			? { index: clock.index, title: segment?.title ?? snapshot.segmentTitle ?? '', zeroAt: clock.zeroAt, lengthMs: clock.lengthMs, frozenAt: clock.frozenAt, restMs: clock.restMs }
			: null
	};
}

/** Equal as JSON (tile fields are plain data, small). */
function same(a: unknown, b: unknown): boolean {
	if (a === b) return true;
	if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
	return JSON.stringify(a) === JSON.stringify(b);
}
