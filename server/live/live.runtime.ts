/**
 * The live runtime: the authoritative state of every running show, its one command path, its alert
 * timers and who is watching it. It never imports socket.io: it publishes through `LivePublisher`,
 * which the gateway implements, so the socket, the HTTP control API and tests share one path:
 *
 *   validate → authorise → apply (core reducer) → persist state + event, and the alerts the new
 *   state makes due at once, in one transaction → broadcast and acknowledge (a screen's command: the
 *   other screens' push, then its ack — carrying its patch when it connected with `ackPatch`, else
 *   followed by its own push; an HTTP command: the ack, then the push; the command's alerts travel
 *   with its push) → re-arm the timer. The full snapshot is built only when someone takes it.
 *
 * Alerts: each show has one timer, armed at the next alert instant the core lists. On the timer the
 * runtime raises the alerts due since its last check, each key once; a command raises those the old
 * state made due before its instant, then, with itself, those the new state makes due at it.
 * After a restart the last check is the restart: alerts that fell due while the server was down are
 * not raised late (a "30 s left" two minutes late misleads; the screens' colours come from the
 * state anyway), and keys already logged for the run are never raised twice.
 */
import { performance } from 'node:perf_hooks';
import type { FastifyBaseLogger } from 'fastify';
import {
	applyCommand,
	authorizeCommand,
	diffLive,
	initialLiveState,
	isRunning,
	liveAlerts,
	parseLiveCommand,
	liveSnapshot,
	LIVE_COMMAND_TYPES,
	type LiveCommandType,
	type LiveCanonical,
	type LivePatch,
	type Alert,
	type LiveSheet,
	type LiveState
} from '../../src/lib/core/live';
import { alertForHosts } from '../../src/lib/core/screens/alerts';
import { zodFieldIssues } from '../../src/lib/contract/fields';
import type { Product, Show } from '../../src/lib/core/model';
import {
	OUTCOME_WINDOW_VERSIONS,
	type CommandAck,
	type LiveAlertEvent,
	type LivePatchEvent,
	type LiveRefusalAck,
	type LiveSheetPayload,
	type LiveWelcome,
	type LiveWireSnapshot,
	type PresenceScreen,
	type RevokeCode,
	type ScreenRole
} from '../../src/lib/contract/live';
import type { AlertRecord, LiveRepository } from './live.repository';
import type { PersonRepository } from '../planning/person.repository';
import type { ProductRepository } from '../planning/product.repository';
import type { ShowRepository } from '../planning/show.repository';
import type { Bus } from '../domain/bus';

/** How the runtime reaches the screens; the socket gateway implements it. */
export interface LivePublisher {
	/**
	 * To every screen of the show (one serialisation for all). After a command, `patch` is what
	 * changed since the version before, for the screens that asked for patches; `snapshot()` builds
	 * the full snapshot on first use (only a screen that takes full snapshots, or an observer, needs
	 * it). The push's `alerts` are the publisher's to deliver, with the push or just after it.
	 */
	snapshot(showId: number, push: LivePush): void;
	/** The producers' copy to producers and coordinators, the hosts' copy to hosts. */
	sheet(showId: number, sheets: ShowSheets): void;
	alert(showId: number, alert: LiveAlertEvent): void;
	/** To producers and coordinators of the show. */
	presence(showId: number, screens: PresenceScreen[]): void;
	/** Drops screens for good: all of the show's, or only those of one role. */
	revoke(showId: number, role: ScreenRole | null, code: RevokeCode, message: string): void;
}

/** What a change pushes to a show's screens. */
export interface LivePush {
	/** The full snapshot, built on the first call and the same object after. */
	snapshot(): LiveWireSnapshot;
	/** After a command: what changed since the version before. */
	patch?: LivePatch;
	/** After a command: the alerts it made due at its instant, committed with it (none: empty). */
	alerts: LiveAlertEvent[];
	/**
	 * After a command that came from a screen: that screen (the gateway's id for it). It is left out
	 * of the show's push, then `ack()` answers it (exactly once, even when the publisher does not):
	 * the other screens' push is written before the sender's ack. `ack(patch)` carries the command's
	 * patch in the ack (a screen that connected with `ackPatch`: that is its copy, with its alerts when
	 * it asked for `inlineAlerts`); after a plain `ack()` it gets its own copy as a separate push.
	 */
	origin?: { screen: string; ack(patch?: LivePatchEvent): void };
}

/** A push of the snapshot `build` makes, built once on demand. */
function lazyPush(build: () => LiveWireSnapshot, patch?: LivePatch, alerts: LiveAlertEvent[] = [], origin?: LivePush['origin']): LivePush {
	let built: LiveWireSnapshot | undefined;
	return { snapshot: () => (built ??= build()), patch, alerts, origin };
}

export interface ShowSheets {
	producer: LiveSheetPayload;
	host: LiveSheetPayload;
}

/** Timer scheduling, from deps so tests drive alerts with a controllable clock. */
export interface Timers {
	setTimeout(fn: () => void, ms: number): unknown;
	clearTimeout(handle: unknown): void;
}

export const realTimers: Timers = {
	setTimeout: (fn, ms) => setTimeout(fn, ms),
	clearTimeout: (handle) => clearTimeout(handle as ReturnType<typeof setTimeout>)
};

/** Measurements for the benchmark; only wired when the process is started for it. */
export interface LiveDiagnostics {
	/** ms from receiving an accepted command to having written its snapshot to every socket of the show. */
	fanout(ms: number): void;
	/** Where an accepted command's time went inside the runtime, ms. */
	command?(split: CommandSplit): void;
}

/** An accepted command's parts: parse and authorise, the reducer (with the alerts due before it), the SQLite commit, the push (encode + write to every socket). */
export interface CommandSplit {
	validateMs: number;
	reduceMs: number;
	commitMs: number;
	publishMs: number;
}

export type CommandResult = { ok: true; snapshot: LiveWireSnapshot } | LiveRefusalAck;

/** A host screen that left and did not come back within this long raises `host_offline`, ms. */
export const HOST_OFFLINE_GRACE_MS = 5_000;
/** Alerts a (re)connecting screen receives with its welcome: those of the last … ms. */
export const RECENT_ALERTS_MS = 5 * 60_000;
const RECENT_ALERTS_MAX = 20;
/** Longest single timer; a later alert re-arms from there (setTimeout overflows at 2^31 ms). */
const MAX_TIMER_MS = 60 * 60_000;
/** Presence pushes to producers are coalesced to at most one per … ms. */
const PRESENCE_INTERVAL_MS = 250;

interface Screen extends PresenceScreen {
	/** Recognises the same tablet across reconnects. */
	deviceKey: string;
}

/** One show held in memory: while it runs, or while a screen watches it. */
interface LiveShow {
	showId: number;
	state: LiveState;
	runId: number | null;
	sheet: LiveSheet;
	sheetVersion: number;
	sheets: ShowSheets;
	/** Alerts due at or before this instant have been dealt with, epoch ms. */
	lastCheck: number;
	fired: Set<string>;
	recent: LiveAlertEvent[];
	timer: unknown;
	/** The alert instant `timer` was set for. */
	timerFor: number;
	screens: Map<string, Screen>;
	/** Grace timers of host devices that went offline, by device key. */
	offline: Map<string, unknown>;
	presenceTimer: ReturnType<typeof setTimeout> | null;
	presenceSentAt: number;
	/** The state (`of`) in the patches' canonical form, kept from one command to the next (diffLive's `prev`). */
	canonical: { of: LiveState; sheetVersion: number; value: LiveCanonical } | null;
	/** liveAlerts() of the current state and sheet, computed once per change. */
	alerts: { state: LiveState; sheet: LiveSheet; list: Alert[] } | null;
}

export interface LiveRuntimeDeps {
	live: LiveRepository;
	shows: ShowRepository;
	products: ProductRepository;
	people: PersonRepository;
	bus: Bus;
	clock: () => number;
	timers?: Timers;
	diagnostics?: LiveDiagnostics | null;
	log?: FastifyBaseLogger;
}

const refusal = (code: LiveRefusalAck['code'], message: string, fields?: LiveRefusalAck['fields']): LiveRefusalAck =>
	fields ? { ok: false, code, message, fields } : { ok: false, code, message };

export class LiveRuntime {
	readonly #shows = new Map<number, LiveShow>();
	readonly #deps: LiveRuntimeDeps;
	readonly #timers: Timers;
	#publisher: LivePublisher | null = null;
	#primary: LivePublisher | null = null;
	readonly #observers = new Set<Partial<LivePublisher>>();
	#unsubscribe: (() => void)[] = [];
	#stopped = false;

	constructor(deps: LiveRuntimeDeps) {
		this.#deps = deps;
		this.#timers = deps.timers ?? realTimers;
	}

	/** The gateway registers itself here; without one (HTTP-only tests) nothing is pushed. */
	setPublisher(publisher: LivePublisher | null) {
		this.#primary = publisher;
		this.#composePublisher();
	}

	/**
	 * Also hears everything published, after the screens (the monitoring wall): every show's
	 * snapshots, sheets, alerts and presence. Returns its removal.
	 */
	observe(observer: Partial<LivePublisher>): () => void {
		this.#observers.add(observer);
		this.#composePublisher();
		return () => {
			this.#observers.delete(observer);
			this.#composePublisher();
		};
	}

	/** The one publisher the command path calls: the gateway's, then the observers'. */
	#composePublisher() {
		const primary = this.#primary;
		const observers = [...this.#observers];
		if (!observers.length) return void (this.#publisher = primary);
		const each =
			<K extends keyof LivePublisher>(key: K) =>
			(...args: Parameters<LivePublisher[K]>) => {
				(primary?.[key] as ((...a: Parameters<LivePublisher[K]>) => void) | undefined)?.(...args);
				for (const o of observers) (o[key] as ((...a: Parameters<LivePublisher[K]>) => void) | undefined)?.(...args);
			};
		const snapshot = each('snapshot');
		this.#publisher = {
			// Observers hear a command's alerts as alerts, after its push (the gateway sends them with it).
			snapshot: (showId, push) => {
				snapshot(showId, push);
				for (const a of push.alerts) for (const o of observers) o.alert?.(showId, a);
			},
			sheet: each('sheet'),
			alert: each('alert'),
			presence: each('presence'),
			revoke: each('revoke')
		};
	}

	/** Reads back every running show (timers rebuilt) and listens for planning edits and link rotation. */
	start() {
		for (const stored of this.#deps.live.running()) this.#entry(stored.showId);
		this.#unsubscribe.push(
			this.#deps.bus.on('showChanged', (showId) => this.#sheetChanged(showId)),
			this.#deps.bus.on('tokenRotated', (showId, role) => {
				this.#publisher?.revoke(showId, role, 'TOKEN_ROTATED', 'This link was replaced; ask the coordinator for the new one.');
			})
		);
	}

	stop() {
		this.#stopped = true;
		for (const off of this.#unsubscribe.splice(0)) off();
		for (const show of this.#shows.values()) this.#disarm(show);
		this.#shows.clear();
	}

	// -------------------------------------------------------------------------------------------
	// Reading

	/** The show's snapshot now, or null when the show does not exist. */
	snapshot(showId: number): LiveWireSnapshot | null {
		const show = this.#entry(showId);
		if (!show) return null;
		const snapshot = this.#snapshot(show);
		this.#maybeEvict(show);
		return snapshot;
	}

	/** The run-sheet as a screen of `role` sees it. */
	sheet(showId: number, role: ScreenRole): LiveSheetPayload | null {
		const show = this.#entry(showId);
		if (!show) return null;
		this.#maybeEvict(show);
		return role === 'host' ? show.sheets.host : show.sheets.producer;
	}

	/**
	 * Which of `commandIds` the show's log has among its last OUTCOME_WINDOW_VERSIONS commands, with
	 * the version each made (asked by a screen whose acks were lost); undefined when the show is gone.
	 */
	commandOutcomes(showId: number, commandIds: readonly string[]): Record<string, number> | undefined {
		const show = this.#entry(showId);
		if (!show) return undefined;
		this.#maybeEvict(show);
		const since = Math.max(0, show.state.version - OUTCOME_WINDOW_VERSIONS);
		return Object.fromEntries(this.#deps.live.appliedCommands(showId, commandIds, since));
	}

	/** Everything a screen needs on (re)connection. */
	welcome(showId: number, role: ScreenRole, screenId: string): LiveWelcome | null {
		const show = this.#entry(showId);
		if (!show) return null;
		return {
			role,
			readOnly: role === 'coordinator',
			screenId,
			sheet: role === 'host' ? show.sheets.host : show.sheets.producer,
			snapshot: this.#snapshot(show),
			presence: role === 'host' || role === 'recorder' ? null : this.#presenceList(show),
			recentAlerts: show.recent.filter((a) => a.firedAt >= this.#deps.clock() - RECENT_ALERTS_MS && (role !== 'host' || alertForHosts(a.kind)))
		};
	}

	/**
	 * What a figure entered now belongs to: the show's current run (or the last, once ended, until a
	 * reset) and the segment on air (null unless the show is live or paused). null when the show has
	 * no run; undefined when the show does not exist.
	 */
	onAir(showId: number): { runId: number; segmentId: string | null } | null | undefined {
		const show = this.#entry(showId);
		if (!show) return undefined;
		this.#maybeEvict(show);
		if (show.runId === null) return null;
		return { runId: show.runId, segmentId: isRunning(show.state) ? show.state.segmentId : null };
	}

	// -------------------------------------------------------------------------------------------
	// The one command path

	/**
	 * Runs one command for `showId` as `role`. `ack` is called once the outcome is committed, never
	 * before; the result is also returned (its `snapshot` is built when first read). `origin`: the
	 * screen that sent it (the gateway's id for it): the other screens' push is written first, then
	 * the ack (with the sender's patch, or followed by its own push); without one, the ack comes before the push. `receivedAt`
	 * (performance.now()) dates the command's arrival for the fan-out measurement.
	 */
	execute(
		showId: number,
		role: ScreenRole,
		actor: string,
		input: unknown,
		options: { ack?: (result: CommandAck) => void; origin?: string; receivedAt?: number } = {}
	): CommandResult {
		const receivedAt = options.receivedAt ?? performance.now();
		const result = this.#execute(showId, role, actor, input, receivedAt, options.ack, options.origin);
		if (!result.ok) options.ack?.(result);
		return result;
	}

	#execute(showId: number, role: ScreenRole, actor: string, input: unknown, receivedAt: number, ack?: (r: CommandAck) => void, origin?: string): CommandResult {
		// Who may send it, before what it says: a host link is refused the same way whatever the body
		// (the access test found a host's malformed "goto" answered 400 where a valid one was 403).
		if (role === 'coordinator') return refusal('FORBIDDEN', 'Coordinators watch the show read-only; use the producer link to control it.');
		const claimed = typeof input === 'object' && input !== null ? (input as { type?: unknown }).type : undefined;
		if (typeof claimed === 'string' && (LIVE_COMMAND_TYPES as readonly string[]).includes(claimed)) {
			const forbidden = authorizeCommand(role, claimed as LiveCommandType);
			if (forbidden) return forbidden;
		}
		const parsed = parseLiveCommand(input);
		if (!parsed.success) {
			const fields = zodFieldIssues(parsed.error);
			const first = fields[0];
			return refusal('INVALID_COMMAND', `The command is not valid${first ? `: ${first.path ? `${first.path}: ` : ''}${first.message}` : ''}.`, fields);
		}
		// Its type was authorised above: a command that parses has one of LIVE_COMMAND_TYPES.
		const command = parsed.data;
		const diagnostics = this.#deps.diagnostics;
		const validatedAt = diagnostics ? performance.now() : 0;
		const show = this.#entry(showId);
		if (!show) return refusal('NOT_FOUND', 'The show no longer exists.');

		const now = this.#deps.clock();
		// Alerts the old state made due before this instant belong before the command; those the
		// new state makes due at this instant (a start's warm-up, a cue at 0:00 after a next) are
		// the command's own: committed with it, pushed with it.
		this.#check(show, now - 1);
		show.lastCheck = Math.min(show.lastCheck, now - 1);
		const outcome = applyCommand(show.state, command, show.sheet, now);
		if (!outcome.ok) {
			this.#maybeEvict(show);
			return outcome;
		}
		const next = outcome.state;
		const { expectedVersion: _seen, issuedAt: _issued, ...accepted } = command;
		// A new run (a start) starts with no alerts behind it.
		const firedBefore = command.type === 'start' ? null : show.fired;
		const nextAlerts = liveAlerts(next, show.sheet);
		const alerts: LiveAlertEvent[] = [];
		for (const a of nextAlerts) if (a.at > now - 1 && a.at <= now && !firedBefore?.has(a.key)) alerts.push({ ...a, firedAt: now });

		const reducedAt = diagnostics ? performance.now() : 0;
		let runId: number | null;
		try {
			runId = this.#deps.live.commit({
				showId,
				state: next,
				command: accepted,
				actor,
				at: now,
				runId: show.runId,
				openRun: command.type === 'start' ? command.mode : undefined,
				closeRun: command.type === 'end' || command.type === 'reset',
				leaveRun: command.type === 'reset',
				showStatus: next.mode === 'live' && command.type === 'start' ? 'live' : next.mode === 'live' && command.type === 'end' ? 'ended' : undefined,
				alerts: alerts.map(alertRecord)
			});
		} catch (err) {
			if (isUniqueViolation(err)) {
				// Another writer logged this version first: our copy is stale, read the truth back.
				this.#reload(show);
				return refusal('STALE_VERSION', `The show has changed (version ${show.state.version}); reload and try again.`);
			}
			this.#deps.log?.error({ err, showId }, 'live command could not be saved');
			return refusal('INTERNAL', 'The command could not be saved; nothing changed.');
		}

		// A new run (or none, after a reset) starts with no alerts behind it.
		if (command.type === 'start') show.fired.clear();
		if (command.type === 'start' || command.type === 'reset') show.recent = [];
		const before = show.state;
		show.state = next;
		show.runId = runId;
		show.alerts = { state: next, sheet: show.sheet, list: nextAlerts };
		show.lastCheck = now;
		if (alerts.length) this.#fired(show, alerts);
		const committedAt = diagnostics ? performance.now() : 0;
		const { sheet, sheetVersion } = show;
		const snapshot = () => this.#snapshotOf(showId, sheetVersion, next, sheet, now);
		let acked = false;
		const acknowledge = (patch?: LivePatch) => {
			if (acked) return;
			acked = true;
			ack?.(patch ? { ok: true, version: next.version, patch } : { ok: true, version: next.version });
		};
		const publisher = this.#publisher;
		if (!publisher || origin === undefined) acknowledge();
		let push: LivePush;
		if (publisher) {
			const kept = show.canonical;
			const prev = kept?.of === before && kept.sheetVersion === sheetVersion ? kept.value : { showId, sheetVersion, ...before };
			const canonical: LiveCanonical = { showId, sheetVersion, ...next };
			show.canonical = { of: next, sheetVersion, value: canonical };
			push = lazyPush(snapshot, diffLive(prev, canonical, now), alerts, origin === undefined ? undefined : { screen: origin, ack: acknowledge });
			try {
				publisher.snapshot(showId, push);
			} finally {
				acknowledge();
			}
		} else push = lazyPush(snapshot);
		if (diagnostics) {
			const publishedAt = performance.now();
			diagnostics.fanout(publishedAt - receivedAt);
			diagnostics.command?.({ validateMs: validatedAt - receivedAt, reduceMs: reducedAt - validatedAt, commitMs: committedAt - reducedAt, publishMs: publishedAt - committedAt });
		}

		this.#arm(show);
		this.#maybeEvict(show);
		return {
			ok: true,
			get snapshot() {
				return push.snapshot();
			}
		};
	}

	// -------------------------------------------------------------------------------------------
	// Presence

	/** A screen connected to a show: counted, announced to producers; answers its welcome (null if the show is gone). */
	join(showId: number, screen: { id: string; role: ScreenRole; deviceId: string | null; deviceName: string }): LiveWelcome | null {
		const show = this.#entry(showId);
		if (!show) return null;
		const deviceKey = screen.deviceId ?? `screen:${screen.id}`;
		show.screens.set(screen.id, { id: screen.id, role: screen.role, deviceName: screen.deviceName, connectedAt: this.#deps.clock(), deviceKey });
		if (screen.role === 'host') {
			const grace = show.offline.get(deviceKey);
			if (grace !== undefined) {
				this.#timers.clearTimeout(grace);
				show.offline.delete(deviceKey);
			}
		}
		this.#presenceChanged(show);
		return this.welcome(showId, screen.role, screen.id);
	}

	/**
	 * A screen disconnected. `unexpected` when the network or the screen dropped it (not a rotation,
	 * a deleted show or a server shutdown): a host screen that does not come back within
	 * HOST_OFFLINE_GRACE_MS while the show runs raises `host_offline`.
	 */
	leave(showId: number, screenId: string, unexpected: boolean) {
		const show = this.#shows.get(showId);
		const screen = show?.screens.get(screenId);
		if (!show || !screen) return;
		show.screens.delete(screenId);
		this.#presenceChanged(show);
		const leftAt = this.#deps.clock();
		if (unexpected && !this.#stopped && screen.role === 'host' && isRunning(show.state) && !this.#hostDeviceOnline(show, screen.deviceKey)) {
			const key = screen.deviceKey;
			if (show.offline.has(key)) this.#timers.clearTimeout(show.offline.get(key));
			show.offline.set(
				key,
				this.#timers.setTimeout(() => {
					show.offline.delete(key);
					if (this.#shows.get(showId) !== show || !isRunning(show.state) || this.#hostDeviceOnline(show, key)) return;
					const now = this.#deps.clock();
					this.#raise(show, [
						{
							key: `host_offline:${key}:${leftAt}`,
							kind: 'host_offline',
							at: leftAt + HOST_OFFLINE_GRACE_MS,
							data: { deviceName: screen.deviceName, offlineSince: leftAt }
						}
					], now);
					this.#maybeEvict(show);
				}, HOST_OFFLINE_GRACE_MS)
			);
		}
		this.#maybeEvict(show);
	}

	/** Screens connected to a show now. */
	presence(showId: number): PresenceScreen[] {
		const show = this.#shows.get(showId);
		return show ? this.#presenceList(show) : [];
	}

	#hostDeviceOnline(show: LiveShow, deviceKey: string): boolean {
		for (const s of show.screens.values()) if (s.role === 'host' && s.deviceKey === deviceKey) return true;
		return false;
	}

	#presenceList(show: LiveShow): PresenceScreen[] {
		return [...show.screens.values()].map(({ deviceKey: _key, ...screen }) => screen);
	}

	/** Pushes the list at once, or at most one push per PRESENCE_INTERVAL_MS while screens come and go. */
	#presenceChanged(show: LiveShow) {
		if (show.presenceTimer !== null) return;
		const wait = show.presenceSentAt + PRESENCE_INTERVAL_MS - performance.now();
		const send = () => {
			show.presenceTimer = null;
			show.presenceSentAt = performance.now();
			if (this.#shows.get(show.showId) === show) this.#publisher?.presence(show.showId, this.#presenceList(show));
		};
		if (wait <= 0) send();
		else show.presenceTimer = setTimeout(send, wait);
	}

	// -------------------------------------------------------------------------------------------
	// Alerts

	/** Raises the alerts due in (lastCheck, upTo] that were not raised yet. */
	#check(show: LiveShow, upTo: number) {
		if (upTo <= show.lastCheck) return;
		const due = this.#alertsOf(show).filter((a) => a.at > show.lastCheck && a.at <= upTo && !show.fired.has(a.key));
		show.lastCheck = upTo;
		if (due.length) this.#raise(show, due, this.#deps.clock());
	}

	#raise(show: LiveShow, alerts: Alert[], firedAt: number) {
		const events: LiveAlertEvent[] = alerts.map((a) => ({ ...a, firedAt }));
		try {
			this.#deps.live.logAlerts(show.showId, show.runId, events.map(alertRecord));
		} catch (err) {
			// The screens still hear it; the log misses it, which is logged.
			this.#deps.log?.error({ err, showId: show.showId }, 'alerts could not be logged');
		}
		this.#fired(show, events);
		for (const e of events) this.#publisher?.alert(show.showId, e);
	}

	/** Alerts raised: never again this run, and recent for screens that (re)connect. */
	#fired(show: LiveShow, events: LiveAlertEvent[]) {
		for (const e of events) show.fired.add(e.key);
		show.recent = [...show.recent, ...events].slice(-RECENT_ALERTS_MAX);
	}

	/** One timer per show, at the next alert not raised yet (the one already set when that is still its instant). */
	#arm(show: LiveShow) {
		const next = this.#stopped ? undefined : this.#alertsOf(show).find((a) => a.at > show.lastCheck && !show.fired.has(a.key));
		if (next && show.timer !== null && show.timerFor === next.at) return;
		if (show.timer !== null) this.#timers.clearTimeout(show.timer);
		show.timer = null;
		if (!next) return;
		show.timerFor = next.at;
		const delay = Math.min(Math.max(0, next.at - this.#deps.clock()), MAX_TIMER_MS);
		show.timer = this.#timers.setTimeout(() => {
			show.timer = null;
			this.#check(show, this.#deps.clock());
			this.#arm(show);
		}, delay);
	}

	#alertsOf(show: LiveShow): Alert[] {
		const memo = show.alerts;
		if (memo && memo.state === show.state && memo.sheet === show.sheet) return memo.list;
		const list = liveAlerts(show.state, show.sheet);
		show.alerts = { state: show.state, sheet: show.sheet, list };
		return list;
	}

	#disarm(show: LiveShow) {
		if (show.timer !== null) this.#timers.clearTimeout(show.timer);
		show.timer = null;
		for (const grace of show.offline.values()) this.#timers.clearTimeout(grace);
		show.offline.clear();
		if (show.presenceTimer !== null) clearTimeout(show.presenceTimer);
		show.presenceTimer = null;
	}

	// -------------------------------------------------------------------------------------------
	// Loading and run-sheet changes

	/** The show in memory, loaded from the database on first use; undefined when it does not exist. */
	#entry(showId: number): LiveShow | undefined {
		const cached = this.#shows.get(showId);
		if (cached) return cached;
		const planned = this.#deps.shows.get(showId);
		if (!planned) return undefined;
		const stored = this.#deps.live.load(showId);
		const state = stored?.state ?? initialLiveState();
		const runId = stored?.runId ?? null;
		const now = this.#deps.clock();
		const show: LiveShow = {
			showId,
			state,
			runId,
			...this.#sheetsOf(planned),
			lastCheck: now,
			fired: new Set(runId !== null ? this.#deps.live.alertKeys(showId, runId) : []),
			recent: runId !== null ? this.#recentFromLog(showId, runId, now) : [],
			timer: null,
			timerFor: 0,
			screens: new Map(),
			offline: new Map(),
			presenceTimer: null,
			presenceSentAt: -Infinity,
			canonical: null,
			alerts: null
		};
		this.#shows.set(showId, show);
		this.#arm(show);
		return show;
	}

	/** The run's last alerts from the log, as pushed: the repository parses each (kind from its own column). */
	#recentFromLog(showId: number, runId: number, now: number): LiveAlertEvent[] {
		return this.#deps.live.recentAlerts(showId, runId, now - RECENT_ALERTS_MS, RECENT_ALERTS_MAX);
	}

	/** Keeps in memory only shows that run (their timers) or that a screen watches. */
	#maybeEvict(show: LiveShow) {
		if (show.screens.size > 0 || isRunning(show.state) || show.offline.size > 0) return;
		if (this.#shows.get(show.showId) !== show) return;
		this.#disarm(show);
		this.#shows.delete(show.showId);
	}

	#reload(show: LiveShow) {
		const stored = this.#deps.live.load(show.showId);
		if (!stored) return;
		show.state = stored.state;
		show.runId = stored.runId;
	}

	/** A planning save: the new run-sheet goes to the show's screens, its alerts are re-planned. */
	#sheetChanged(showId: number) {
		const show = this.#shows.get(showId);
		if (!show) return;
		const planned = this.#deps.shows.get(showId);
		if (!planned) {
			this.#disarm(show);
			this.#shows.delete(showId);
			this.#publisher?.revoke(showId, null, 'SHOW_DELETED', 'This show was deleted.');
			return;
		}
		const now = this.#deps.clock();
		// What the old sheet made due until now is raised by it; what the new one puts in the past is not.
		this.#check(show, now);
		Object.assign(show, this.#sheetsOf(planned));
		this.#publisher?.sheet(showId, show.sheets);
		this.#publisher?.snapshot(showId, lazyPush(() => this.#snapshot(show, now)));
		this.#arm(show);
	}

	#sheetsOf(show: Show): Pick<LiveShow, 'sheet' | 'sheetVersion' | 'sheets'> {
		const products = this.#deps.products.getMany(show.productIds).map(sheetProduct);
		const people = new Map(this.#deps.people.getMany([...show.hostIds, ...show.guestIds]).map((p) => [p.id, p.name]));
		const names = (ids: number[]) => ids.map((id) => people.get(id)).filter((n): n is string => n !== undefined);
		const producer: LiveSheetPayload = {
			showId: show.id,
			sheetVersion: show.version,
			title: show.title,
			kind: show.kind,
			unitCode: show.unitCode,
			location: show.location,
			startsAt: show.startsAt,
			plannedDurationMin: show.plannedDurationMin,
			platforms: show.platforms.map((p) => ({ platform: p.platform, accountName: p.accountName, roomUrl: p.roomUrl })),
			hosts: names(show.hostIds),
			guests: names(show.guestIds),
			segments: show.segments,
			products
		};
		const host: LiveSheetPayload = {
			...producer,
			// Producer notes never reach a host screen; hosts see only the cues meant for them.
			segments: show.segments.map((s) => ({ ...s, notes: '', cues: s.cues.filter((c) => c.forHost) }))
		};
		return { sheet: { startsAt: show.startsAt, segments: show.segments }, sheetVersion: show.version, sheets: { producer, host } };
	}

	#snapshot(show: LiveShow, now = this.#deps.clock()): LiveWireSnapshot {
		return this.#snapshotOf(show.showId, show.sheetVersion, show.state, show.sheet, now);
	}

	#snapshotOf(showId: number, sheetVersion: number, state: LiveState, sheet: LiveSheet, now: number): LiveWireSnapshot {
		return liveSnapshot({ showId, sheetVersion }, state, sheet, now);
	}
}

function sheetProduct(p: Product): LiveSheetPayload['products'][number] {
	return {
		id: p.id,
		name: p.name,
		spec: p.spec,
		origin: p.origin,
		shopName: p.shopName,
		category: p.category,
		dailyPriceFen: p.dailyPriceFen,
		livePriceFen: p.livePriceFen,
		couponRule: p.couponRule,
		sellingPoints: p.sellingPoints,
		stock: p.stock,
		shelfLifeDays: p.shelfLifeDays
	};
}

/** An alert as the event log keeps it: `kind` in its own column, `firedAt` as the row's instant. */
function alertRecord({ kind, firedAt, ...payload }: LiveAlertEvent): AlertRecord {
	return { type: kind, payload, at: firedAt };
}

function isUniqueViolation(err: unknown): boolean {
	return typeof err === 'object' && err !== null && (err as { code?: string }).code === 'SQLITE_CONSTRAINT_UNIQUE';
}

