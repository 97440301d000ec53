/**
 * One show, live, for a screen: the runes wrapper over `LiveConnection`. Everything a producer or
 * host screen renders is here, reactive: the snapshot, the run-sheet, the connection status, the
 * clock offset, presence, alerts, and the timing derived locally by the core from the snapshot and
 * the server-synchronised clock (nothing ticks over the network).
 *
 *   const live = new LiveShowState({ token, deviceName, onAlert: (a) => chime(a) });
 *   setLiveShow(live);                  // in the page; children call useLiveShow()
 *   onMount(() => live.start());        // start() returns the stop function
 *   live.timing?.remainingMs            // re-derived on every tick of `now`
 *   await live.send({ type: 'next' });  // { ok: true, version } or { ok: false, code, message }
 */
import { getContext, setContext } from 'svelte';
import { isRunning, liveTiming, type LiveCommandInput, type LivePhase, type LiveStatus, type LiveTiming } from '../core/live';
import type { LiveAlertEvent, LivePart, LiveSheetPayload, LiveSheetProduct, LiveWireSnapshot, PresenceScreen, ScreenRole } from '../contract/live';
import type { EpochMs, Segment } from '../core/model';
import { liveRunSheetRows, rehearsalStage, slotStock, type LiveRunSheetRow, type SlotStock } from '../core/screens';
import {
	LiveConnection,
	type ClockSync,
	type ConnectionError,
	type ConnectionStatus,
	type LiveConnectionOptions,
	type SendResult
} from '../realtime/live-connection';

export interface LiveShowOptions extends LiveConnectionOptions {
	/** Each new alert as it arrives (sound, flash); not called for alerts caught up on reconnection. */
	onAlert?: (alert: LiveAlertEvent) => void;
	/**
	 * How often `now` (and so `timing`) moves, ms. Default 1000, on the server's whole seconds, so
	 * every screen flips its digits at the same instant.
	 */
	tickMs?: number;
	/** A connection made elsewhere (tests); built from the options otherwise. */
	connection?: LiveConnection;
}

export class LiveShowState {
	readonly connection: LiveConnection;
	readonly #tickMs: number;
	readonly #onAlert?: (alert: LiveAlertEvent) => void;
	#timer: ReturnType<typeof setTimeout> | null = null;
	#unsubscribe: (() => void)[] = [];

	#snapshot = $state.raw<LiveWireSnapshot | null>(null);
	#sheet = $state.raw<LiveSheetPayload | null>(null);
	#status = $state<ConnectionStatus>('connecting');
	#error = $state.raw<ConnectionError | null>(null);
	#clock = $state.raw<ClockSync | null>(null);
	#presence = $state.raw<PresenceScreen[] | null>(null);
	#alerts = $state.raw<readonly LiveAlertEvent[]>([]);
	#role = $state<ScreenRole | null>(null);
	#heardAt = $state<number | null>(null);
	#missing = $state.raw<readonly LivePart[]>([]);
	#stalled = $state(false);
	#now = $state(0);
	#nowAt = $state(0);

	constructor(options: LiveShowOptions) {
		const { onAlert, tickMs, connection, ...connectionOptions } = options;
		this.connection = connection ?? new LiveConnection(connectionOptions);
		this.#tickMs = Math.max(16, tickMs ?? 1000);
		this.#onAlert = onAlert;
	}

	/** The show's state as last pushed (null before the first welcome). */
	get snapshot() {
		return this.#snapshot;
	}
	/** The run-sheet as this screen's role sees it. */
	get sheet() {
		return this.#sheet;
	}
	get status() {
		return this.#status;
	}
	/** Why the screen is refused or revoked (a bad or replaced link, a deleted show). */
	get error() {
		return this.#error;
	}
	/** The last clock sync: offset and round trip. */
	get clock() {
		return this.#clock;
	}
	/** Screens connected to the show; producers and coordinators only (null for hosts). */
	get presence() {
		return this.#presence;
	}
	/** Alerts of this run, oldest first (the last 30). */
	get alerts() {
		return this.#alerts;
	}
	get role() {
		return this.#role;
	}
	/** Parts of what the server sent that this screen could not read; it shows the rest and says what is missing. */
	get missing() {
		return this.#missing;
	}
	get readOnly() {
		return this.connection.readOnly;
	}
	/** The server's clock at the last tick, epoch ms: what countdowns render. */
	get now() {
		return this.#now;
	}
	/** The client's clock at the last tick (when `now` was read), epoch ms. */
	get nowAt() {
		return this.#nowAt;
	}
	/** When anything was last heard from the server, on the server's clock (epoch ms). */
	get lastHeardAt() {
		return this.#heardAt;
	}
	/** Online but the server has not answered for 2.5 s (frozen, or a silent network): see LiveConnection.stalled. */
	get stalled() {
		return this.#stalled;
	}
	/** ms since the server was last heard from, at the last tick (a visible screen asks every second). */
	get silentMs(): number | null {
		return this.#heardAt === null ? null : Math.max(0, this.#now - this.#heardAt);
	}

	/** Countdowns, phase, drift and projected end, derived by the core at `now`. */
	readonly timing: LiveTiming | null = $derived(
		this.#snapshot && this.#sheet ? liveTiming(this.#snapshot, { startsAt: this.#sheet.startsAt, segments: this.#sheet.segments }, this.#now) : null
	);

	/** The first segment's planned start when it opens before the announced start (a warm-up); null otherwise. */
	readonly warmupAt: EpochMs | null = $derived.by(() => {
		const first = this.#sheet?.segments[0];
		const at = first && this.timing ? this.timing.plannedStarts[first.id] : undefined;
		return at !== undefined && this.#sheet && at < this.#sheet.startsAt ? at : null;
	});

	/** Where the show is (not the connection: that is `status`): 'ready' also before the first snapshot. */
	readonly showStatus: LiveStatus = $derived(this.#snapshot?.status ?? 'ready');
	/** Live or paused: a segment is on air. */
	readonly running: boolean = $derived(this.#snapshot !== null && isRunning(this.#snapshot));
	/** What the 彩排 stripe says: 'running' during a rehearsal, 'ended' after it, null otherwise. */
	readonly rehearsal: 'running' | 'ended' | null = $derived(rehearsalStage(this.#snapshot));
	/** The colour of the clock: 'ready' before the start, else the segment's phase at `now`. */
	readonly phase: LivePhase | 'ready' = $derived(this.showStatus === 'ready' ? 'ready' : (this.timing?.phase ?? 'normal'));

	/** The run-sheet planned vs actual at `now` (the producer console's and the coordinator's list). */
	readonly rows: LiveRunSheetRow[] = $derived(
		this.#snapshot && this.#sheet ? liveRunSheetRows(this.#sheet.segments, this.#snapshot, this.timing, this.#now) : []
	);

	/** A run-sheet product's name by id; null when this screen's run-sheet lacks it. */
	readonly productName = (id: number): string | null => this.#sheet?.products.find((p) => p.id === id)?.name ?? null;

	/** The segment on air, from this screen's run-sheet. */
	readonly segment: Segment | null = $derived(this.#segmentAt(0));
	/** The segment after it. */
	readonly nextSegment: Segment | null = $derived(this.#segmentAt(1));

	/** The product of the segment on air, with its stock in the slot: live (set by the producer) and planned. */
	readonly product: (LiveSheetProduct & { slotStock: SlotStock }) | null = $derived.by(() => {
		const segment = this.segment;
		if (!segment?.productId || !this.#sheet) return null;
		const product = this.#sheet.products.find((p) => p.id === segment.productId);
		if (!product) return null;
		return { ...product, slotStock: slotStock(segment, product, this.#snapshot?.stock ?? {}) };
	});

	/** The server's clock right now, epoch ms (between ticks). */
	serverNow(): number {
		return this.connection.serverNow();
	}

	/** Connects and starts the clock; answers the function that stops both (for onMount/$effect). */
	start(): () => void {
		if (this.#unsubscribe.length) return () => this.stop();
		const c = this.connection;
		this.#unsubscribe.push(
			c.on('welcome', (w) => (this.#role = w.role)),
			c.on('snapshot', (s) => {
				this.#snapshot = s;
				this.#alerts = c.alerts;
				this.#tick(false);
			}),
			c.on('sheet', (s) => (this.#sheet = s)),
			c.on('presence', (p) => (this.#presence = p)),
			c.on('status', (status, error) => {
				this.#status = status;
				this.#error = error;
				this.#alerts = c.alerts;
			}),
			c.on('clock', (clock) => {
				this.#clock = clock;
				this.#tick(false);
			}),
			c.on('alert', (alert) => {
				this.#alerts = c.alerts;
				this.#onAlert?.(alert);
			}),
			c.on('heard', (at) => (this.#heardAt = at + c.offsetMs)),
			c.on('missing', (parts) => {
				this.#missing = parts;
				this.#alerts = c.alerts;
			}),
			c.on('stalled', (stalled) => {
				this.#stalled = stalled;
				this.#tick(false);
			})
		);
		c.connect();
		this.#tick(true);
		return () => this.stop();
	}

	stop() {
		if (this.#timer !== null) clearTimeout(this.#timer);
		this.#timer = null;
		for (const off of this.#unsubscribe.splice(0)) off();
		this.connection.close();
		this.#status = 'closed';
	}

	/** Sends a command (see `LiveConnection.send`); never rejects. */
	send(command: Omit<LiveCommandInput, 'expectedVersion'> | LiveCommandInput, options?: { expectedVersion?: number | null }): Promise<SendResult> {
		return this.connection.send(command, options);
	}

	/** Measures the clock offset again now. */
	syncClock() {
		return this.connection.syncClock();
	}

	#segmentAt(offset: number): Segment | null {
		const sheet = this.#sheet;
		if (!sheet) return null;
		const id = this.#snapshot?.segmentId ?? null;
		// Before the start, what comes next is the first segment.
		if (id === null) return offset === 1 ? (sheet.segments[0] ?? null) : null;
		const index = sheet.segments.findIndex((s) => s.id === id);
		return index < 0 ? null : (sheet.segments[index + offset] ?? null);
	}

	/** Moves `now` to the server's clock and (when `schedule`) re-arms on its next whole tick. */
	#tick(schedule: boolean) {
		const at = this.connection.clientNow();
		const now = at + this.connection.offsetMs;
		this.#now = now;
		this.#nowAt = at;
		if (!schedule) return;
		const delay = this.#tickMs - (((now % this.#tickMs) + this.#tickMs) % this.#tickMs) + 1;
		this.#timer = setTimeout(() => this.#tick(true), delay);
	}
}

const KEY = Symbol('live-show');

/** Puts the show's state into context for the components below. */
export function setLiveShow(state: LiveShowState): LiveShowState {
	return setContext(KEY, state);
}

/** The show's state from context (set by the page with `setLiveShow`). */
export function useLiveShow(): LiveShowState {
	const state = getContext<LiveShowState | undefined>(KEY);
	if (!state) throw new Error('useLiveShow() outside a page that called setLiveShow()');
	return state;
}
