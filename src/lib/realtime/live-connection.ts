/**
 * A screen's connection to one show: socket.io with reconnection, a resync from the server's
 * welcome on every (re)connection, NTP-style clock sync (on every connection and periodically) and
 * commands that carry the version the screen saw and when they were issued (on the server's clock:
 * a command that reaches the server more than 3 s later is refused, and the screen says so after
 * 3 s without an answer), and liveness from the server's Engine.IO ping every second (anything heard
 * counts), so a frozen server or a silent network is noticed (`stalled`) within 2.5 s while the page
 * is visible.
 * After a command it receives only what changed (a patch), proves by the server's checksum that it
 * holds the same state, and fetches the full state on a gap or a mismatch. Framework-free (browser and node); the runes
 * wrapper is `LiveShowState` in `$lib/state/live-show.svelte.ts`. Protocol: docs/realtime.md.
 *
 *   const live = new LiveConnection({ token, deviceName: '主播平板 A' }).connect();
 *   live.on('snapshot', (s) => render(s));
 *   const ack = await live.send({ type: 'next' });   // expectedVersion is added for you
 *   live.serverNow();                                 // the server's clock, for countdowns
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import {
	applyLivePatch,
	COMMAND_EXPIRY_MS,
	estimateClockOffset,
	isLiveMoveCommand,
	liveChecksum,
	liveSnapshot,
	livenessStep,
	type ClockSample,
	type LiveCommandInput,
	type LiveFieldHashes,
	type LivePatch
} from '../core/live';
import {
	commandOutcomeAck,
	HANDSHAKE_ERROR_CODES,
	MAX_OUTCOME_IDS,
	readCommandAck,
	readLiveAlert,
	readLivePatch,
	readPatchAlerts,
	readLiveSheet,
	readLiveSnapshot,
	readLiveWelcome,
	readPresence,
	type CommandAck,
	type HandshakeErrorCode,
	type LiveAlertEvent,
	type LiveClientEvents,
	type LiveServerEvents,
	type LivePart,
	type LiveSheetPayload,
	type LiveWelcomeRead,
	type LiveWireSnapshot,
	type PatchAlertsRead,
	type PresenceScreen,
	type RevokeCode,
	type ScreenRole
} from '../contract/live';
import { figureSettingsSchema, readFigureCheckpoint, type FigureAddInput, type FigureCheckpoint, type FigureCorrectInput, type FigureDeleteInput, type FigureSettings } from '../contract/figures';
import { readFigureAck, readFigureSettingsAck, readFiguresView, readHostFigure, type FigureAck, type FigureSettingsAck, type FiguresView, type HostFigure } from '../contract/figures-live';
import { randomId } from './device';

/**
 * - `connecting`: first connection under way;
 * - `online`: connected and resynchronised;
 * - `reconnecting`: the connection dropped; retrying by itself (the countdown keeps running locally);
 * - `refused`: the server refused the handshake (bad or replaced token, no session…): see `error`;
 * - `revoked`: the server dropped this screen for good (link rotated, show deleted): see `error`;
 * - `closed`: `close()` was called.
 */

/** A handshake refused RATE_LIMITED is tried again after the server's minute. */
const RATE_LIMITED_RETRY_MS = 30_000;
export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'revoked' | 'closed';

export interface ClockSync {
	/** Add to the client clock to get the server's, ms. */
	offsetMs: number;
	/** Round trip of the sample used, ms. */
	rttMs: number;
	/** Samples answered in the last sync. */
	samples: number;
	/** When the last sync finished, client clock (epoch ms). */
	syncedAt: number;
}

export interface ConnectionError {
	code: HandshakeErrorCode | RevokeCode | 'NETWORK';
	message: string;
}

/**
 * Refusals made on this side, besides the server's codes. A command without an answer within
 * COMMAND_EXPIRY_MS answers the server's own `COMMAND_EXPIRED`: the server refuses it if it ever
 * arrives, so it did not take effect and never will.
 */
export type LocalRefusalCode = 'OFFLINE' | 'READ_ONLY' | 'COMMAND_EXPIRED';
export type SendResult = CommandAck | { ok: false; code: LocalRefusalCode; message: string };

export interface LiveConnectionOptions {
	/** Server origin (`http://192.168.1.20:3000`); the page's own origin when absent (browser). */
	url?: string;
	/** A show link's token (producer or host). */
	token?: string;
	/** With a coordinator's session cookie instead of a token: the show to watch, read-only. */
	showId?: number;
	/** Identifies this device across reloads; see `deviceIdentity()`. */
	deviceId?: string;
	/** Shown to producers in the presence list. */
	deviceName?: string;
	/** Client clock, epoch ms. Default: monotonic (`performance.timeOrigin + performance.now()`). */
	now?: () => number;
	/** Pings per clock sync; the one with the shortest round trip wins. Default 6. */
	clockSamples?: number;
	/** Between clock syncs while online, ms. Default 5 min (plus one on every connection). */
	clockIntervalMs?: number;
	/** A command without an ack after this long answers `COMMAND_EXPIRED`, ms. Default COMMAND_EXPIRY_MS (3 s). */
	commandTimeoutMs?: number;
	/**
	 * Online and visible with nothing heard for this long (the server pings every second): `stalled`,
	 * ms. Default 2.5 s; 0 does not watch. Faster detection needs a server that pings more often
	 * (the app's `heartbeat` option).
	 */
	stallAfterMs?: number;
	/**
	 * After a command, receive only what changed (a `patch`, checked against the server's checksum;
	 * a gap or a mismatch fetches the full state again) rather than the full snapshot. Default true.
	 */
	patches?: boolean;
	/** Passed to socket.io-client (e.g. `extraHeaders` with a cookie in node). */
	socket?: Partial<ManagerOptions & SocketOptions>;
}

export interface LiveConnectionEvents {
	/** Every (re)connection, before the snapshot and sheet events it implies (a part that did not parse is null or left out). */
	welcome: (welcome: LiveWelcomeRead) => void;
	snapshot: (snapshot: LiveWireSnapshot) => void;
	sheet: (sheet: LiveSheetPayload) => void;
	alert: (alert: LiveAlertEvent) => void;
	presence: (screens: PresenceScreen[]) => void;
	status: (status: ConnectionStatus, error: ConnectionError | null) => void;
	clock: (clock: ClockSync) => void;
	/** Anything heard from the server (events, acks, heartbeats), client clock. */
	heard: (at: number) => void;
	/** The parts of what the server sent that could not be read (see `missing`). */
	missing: (parts: readonly LivePart[]) => void;
	/** Online but nothing heard for `stallAfterMs` (a frozen server, a silent network), and back. */
	stalled: (stalled: boolean) => void;
	/**
	 * A command already answered COMMAND_EXPIRED locally was acknowledged after all: it reached the
	 * server within its 3 s, and only the answer was late. It took effect.
	 */
	lateAck: (late: { type: LiveCommandInput['type']; version: number }) => void;
	/** A checkpoint added, corrected or deleted (producer, recorder and coordinator screens). */
	figure: (checkpoint: FigureCheckpoint) => void;
	figureSettings: (settings: FigureSettings) => void;
	/** The one figure hosts see (host screens); null: none. */
	hostFigure: (figure: HostFigure | null) => void;
}

/** A figure write the server did not answer within this long is reported unanswered (it may still have been saved), ms. */
export const FIGURE_ACK_TIMEOUT_MS = 10_000;

/** A handshake refusal that retrying cannot cure (HANDSHAKE_ERROR_CODES). */
const isHandshakeError = (code: string): code is HandshakeErrorCode => (HANDSHAKE_ERROR_CODES as readonly string[]).includes(code);
const CLOCK_PING_TIMEOUT_MS = 3_000;
export const STALL_AFTER_MS = 2_500;
/** Alerts kept in `alerts`. */
export const MAX_ALERTS = 30;

type Listener<K extends keyof LiveConnectionEvents> = LiveConnectionEvents[K];
type LiveClientSocket = Socket<LiveServerEvents, LiveClientEvents>;

/** A command sent and not answered: `settle` while its promise still waits, null once it ran out. */
interface Unanswered {
	type: LiveCommandInput['type'];
	/** performance.now() when sent. */
	sentAt: number;
	settle: ((answer: CommandAck | null) => void) | null;
}
/** An unanswered command is asked about after a reconnection for this long, ms. */
const UNANSWERED_KEEP_MS = 60_000;
const OUTCOME_TIMEOUT_MS = 10_000;

/** `performance.timeOrigin` is fixed for the page (or process): read once, not on every packet (in node, a getter). */
const timeOrigin = performance.timeOrigin;
const monotonicNow = () => timeOrigin + performance.now();
/** False only in a browser tab that is hidden (no stall is declared then: its timers are throttled anyway). */
const pageVisible = () => typeof document === 'undefined' || document.visibilityState !== 'hidden';

export class LiveConnection {
	readonly #options: LiveConnectionOptions;
	readonly #now: () => number;
	readonly #listeners = new Map<keyof LiveConnectionEvents, Set<(...args: never[]) => void>>();
	#socket: LiveClientSocket | null = null;
	#status: ConnectionStatus = 'connecting';
	#error: ConnectionError | null = null;
	#welcome: LiveWelcomeRead | null = null;
	#missing: readonly LivePart[] = [];
	#snapshot: LiveWireSnapshot | null = null;
	/** The field hashes of `#snapshot` when a patch made it (the next patch rehashes only what it changes); null: not known yet. */
	#hashes: LiveFieldHashes | null = null;
	#sheet: LiveSheetPayload | null = null;
	#presence: PresenceScreen[] | null = null;
	#alerts: LiveAlertEvent[] = [];
	#clock: ClockSync | null = null;
	#lastHeardAt: number | null = null;
	#clockTimer: ReturnType<typeof setTimeout> | null = null;
	#syncing: Promise<ClockSync | null> | null = null;
	/** Server clock minus client clock from the last welcome's snapshot, until a clock sync measures it. */
	#welcomeOffsetMs: number | null = null;
	/** Commands whose ack has not come (waiting, or run out): asked about after a reconnection. */
	readonly #unanswered = new Map<string, Unanswered>();
	/** Commands sent and not answered yet (a move waits for them: see send). */
	readonly #inFlight = new Set<Promise<SendResult>>();
	/** Liveness (the stall) is watched: online, and not turned off (`stallAfterMs: 0`). */
	#watching = false;
	#livenessTimer: ReturnType<typeof setTimeout> | null = null;
	/** performance.now() from which the silence counts: the last thing heard, or when the screen came back online or visible (ms). */
	#quietSince = 0;
	#stalled = false;
	#offVisibility: (() => void) | null = null;
	#revoked = false;
	#recovering: Promise<boolean> | null = null;
	#resyncs = 0;
	readonly #versionWaiters = new Set<{ version: number; done: () => void }>();

	constructor(options: LiveConnectionOptions) {
		if (!options.token && options.showId === undefined) throw new Error('LiveConnection needs a token or a showId');
		this.#options = options;
		this.#now = options.now ?? monotonicNow;
	}

	get status(): ConnectionStatus {
		return this.#status;
	}
	/** Why the connection is refused or revoked; null otherwise. */
	get error(): ConnectionError | null {
		return this.#error;
	}
	/** This screen's role, from the last welcome. */
	get role(): ScreenRole | null {
		return this.#welcome?.role ?? null;
	}
	get readOnly(): boolean {
		return this.#welcome?.readOnly ?? true;
	}
	/** This connection's id in the presence list. */
	get screenId(): string | null {
		return this.#welcome?.screenId ?? null;
	}
	get snapshot(): LiveWireSnapshot | null {
		return this.#snapshot;
	}
	get sheet(): LiveSheetPayload | null {
		return this.#sheet;
	}
	/** Screens of the show (producers and coordinators only; null for hosts). */
	get presence(): PresenceScreen[] | null {
		return this.#presence;
	}
	get clock(): ClockSync | null {
		return this.#clock;
	}
	/**
	 * Alerts of this run heard or caught up with the welcome (the server's last minutes), oldest
	 * first, at most MAX_ALERTS, each key once.
	 */
	get alerts(): readonly LiveAlertEvent[] {
		return this.#alerts;
	}
	/**
	 * Parts of the server's payloads this screen could not read (a corrupted alert, a snapshot of a
	 * newer shape…): it renders the rest and says what is missing. Reset by every welcome; a sheet or
	 * snapshot that reads again clears its part.
	 */
	get missing(): readonly LivePart[] {
		return this.#missing;
	}
	/** Last time anything was heard from the server, client clock (epoch ms). */
	get lastHeardAt(): number | null {
		return this.#lastHeardAt;
	}
	/**
	 * Online, but nothing heard from the server for `stallAfterMs` although it pings every second:
	 * the server is frozen or the network silently holds everything. Commands may still be
	 * sent (they expire by themselves); the countdown keeps running locally.
	 */
	get stalled(): boolean {
		return this.#stalled;
	}

	/** Times this connection fetched the full state again because a patch did not fit (a gap, a checksum mismatch, no run-sheet). */
	get resyncs(): number {
		return this.#resyncs;
	}

	/** The underlying socket.io socket, for diagnostics and benchmarks; null before `connect()`. */
	get socket(): Socket | null {
		return this.#socket as Socket | null;
	}

	/** The client clock, epoch ms (what `now` in the options gives). */
	clientNow(): number {
		return this.#now();
	}

	/**
	 * Server clock minus client clock, ms: the last clock sync's; until the first sync, the last
	 * welcome's estimate (its snapshot's `serverNow`, off by its transit at most: a tablet whose clock is
	 * minutes out counts down right from the welcome on, not only once six samples are back); 0 before.
	 */
	get offsetMs(): number {
		return this.#clock?.offsetMs ?? this.#welcomeOffsetMs ?? 0;
	}

	/** The server's clock now, epoch ms: the client clock plus `offsetMs`. */
	serverNow(): number {
		return this.#now() + this.offsetMs;
	}

	on<K extends keyof LiveConnectionEvents>(event: K, listener: Listener<K>): () => void {
		let set = this.#listeners.get(event);
		if (!set) this.#listeners.set(event, (set = new Set()));
		set.add(listener);
		return () => void set.delete(listener);
	}

	/** Opens the connection (idempotent). Reconnects by itself until `close()`. */
	connect(): this {
		if (this.#socket) return this;
		const { url, token, showId, deviceId, deviceName } = this.#options;
		const patches = this.#options.patches ?? true;
		// `ackPatch`: the ack of this screen's own command carries its patch (no separate push follows);
		// `inlineAlerts`: a command's patch carries the alerts it made due (no separate `alert` events).
		const auth = { ...(token ? { token } : { showId }), deviceId, deviceName, patches, ackPatch: patches, inlineAlerts: patches };
		const options: Partial<ManagerOptions & SocketOptions> = {
			transports: ['websocket'],
			// Retries at most 2 s apart: a screen is back within about 2 s of the server (the crash
			// suite found 5 s apart let a screen miss a restarted server by nearly 5 s).
			reconnectionDelay: 500,
			reconnectionDelayMax: 2_000,
			randomizationFactor: 0.5,
			...this.#options.socket,
			auth: JSON.parse(JSON.stringify(auth))
		};
		const socket: LiveClientSocket = url ? io(url, options) : io(options);
		this.#socket = socket;
		this.#setStatus('connecting', null);

		// Everything received is read with the contract's schemas: a part that does not parse is
		// dropped and named in `missing`, the rest is applied, and the status follows the socket.
		socket.on('welcome', (raw: unknown) => {
			this.#heard();
			const read = readLiveWelcome(raw);
			this.#setMissing(read ? read.missing : ['sheet', 'snapshot']);
			if (read) {
				const welcome = read.welcome;
				this.#welcome = welcome;
				if (welcome.snapshot) this.#welcomeOffsetMs = welcome.snapshot.serverNow - this.#now();
				this.#emit('welcome', welcome);
				// A welcome is the truth after a reconnection, whatever its version.
				if (welcome.sheet) this.#setSheet(welcome.sheet);
				if (welcome.snapshot) this.#setSnapshot(welcome.snapshot, true);
				if (welcome.presence) this.#setPresence(welcome.presence);
				this.#catchUp(welcome.recentAlerts);
			}
			this.#setStatus('online', null);
			this.#watchLiveness();
			void this.syncClock();
			if (this.#unanswered.size > 0) void this.#askOutcomes(socket);
		});
		socket.on('snapshot', (raw: unknown) => {
			this.#heard();
			const snapshot = readLiveSnapshot(raw);
			this.#partRead('snapshot', snapshot !== null);
			if (snapshot) this.#setSnapshot(snapshot, false);
		});
		socket.on('patch', (raw: unknown) => {
			this.#heard();
			this.#applyPatch(raw);
			this.#patchAlerts(readPatchAlerts(raw));
		});
		socket.on('sheet', (raw: unknown) => {
			this.#heard();
			const sheet = readLiveSheet(raw);
			this.#partRead('sheet', sheet !== null);
			if (sheet) this.#setSheet(sheet);
		});
		socket.on('alert', (raw: unknown) => {
			this.#heard();
			const alert = readLiveAlert(raw);
			if (!alert) return this.#partRead('alerts', false);
			this.#alert(alert);
		});
		socket.on('presence', (raw: unknown) => {
			this.#heard();
			const screens = readPresence(raw);
			this.#partRead('presence', screens !== null);
			if (screens) this.#setPresence(screens);
		});
		socket.on('figure', (raw: unknown) => {
			this.#heard();
			const checkpoint = readFigureCheckpoint(raw);
			if (checkpoint) this.#emit('figure', checkpoint);
		});
		socket.on('figureSettings', (raw: unknown) => {
			this.#heard();
			const settings = figureSettingsSchema.safeParse(raw);
			if (settings.success) this.#emit('figureSettings', settings.data);
		});
		socket.on('hostFigure', (raw: unknown) => {
			this.#heard();
			const figure = readHostFigure(raw);
			if (figure !== undefined) this.#emit('hostFigure', figure);
		});
		socket.on('revoked', (reason) => {
			this.#revoked = true;
			this.#setStatus('revoked', reason);
		});
		socket.io.on('ping', () => this.#heard());
		socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
			const code = err.data?.code;
			// Too many wrong tokens from this address (someone else on it, perhaps): wait the minute out.
			if (code === 'RATE_LIMITED') {
				setTimeout(() => this.#status !== 'closed' && socket.connect(), RATE_LIMITED_RETRY_MS);
				this.#setStatus(this.#welcome ? 'reconnecting' : 'connecting', { code: 'NETWORK', message: err.data?.message ?? err.message });
				return;
			}
			if (code && isHandshakeError(code)) {
				this.#setStatus('refused', { code, message: err.data?.message ?? err.message });
				return;
			}
			// socket.io gives up after a refusal it does not know: retry like a dropped connection.
			if (!socket.active) setTimeout(() => this.#status !== 'closed' && socket.connect(), 1_000);
			this.#setStatus(this.#welcome ? 'reconnecting' : 'connecting', { code: 'NETWORK', message: err.message });
		});
		socket.on('disconnect', (reason) => {
			this.#stopClockTimer();
			this.#stopLiveness();
			if (reason === 'io client disconnect') return;
			if (reason === 'io server disconnect') {
				if (this.#revoked) return;
				// Dropped without a reason given: come back.
				socket.connect();
			}
			this.#setStatus('reconnecting', null);
		});
		return this;
	}

	/** Closes the connection for good. */
	close() {
		this.#stopClockTimer();
		this.#stopLiveness();
		this.#socket?.close();
		this.#setStatus('closed', null);
	}

	/**
	 * Sends a command and resolves with the server's ack, `{ ok: true, version }` once committed or
	 * `{ ok: false, code, message }`. Commands in LIVE_MOVE_COMMANDS carry the version of the last
	 * snapshot unless `expectedVersion` is given (a number, or null for none). Every command carries
	 * `issuedAt`, now on the server's clock: without an answer within `commandTimeoutMs` (3 s) it
	 * answers `COMMAND_EXPIRED` — the server refuses it if it arrives later — and it is never sent
	 * again (not on reconnection either). Each carries a new `commandId`: if its ack is lost (the
	 * connection drops between the commit and the ack), the next connection asks the server whether
	 * the command took effect, and the answer settles it (or raises `lateAck`). Never rejects.
	 */
	async send(command: LiveCommandInput | Omit<LiveCommandInput, 'expectedVersion'>, options: { expectedVersion?: number | null } = {}): Promise<SendResult> {
		const explicit = options.expectedVersion;
		// A move carries the version it saw: let this screen's own commands still on their way (a cue
		// ticked, stock set a moment ago) land first, or the move would be refused STALE_VERSION by them.
		if (explicit === undefined && isLiveMoveCommand(command.type) && this.#inFlight.size > 0) await Promise.all(this.#inFlight);
		const socket = this.#socket;
		if (!socket || !socket.connected || this.#status !== 'online') return { ok: false, code: 'OFFLINE', message: 'Not connected to the server' };
		if (this.readOnly) return { ok: false, code: 'READ_ONLY', message: 'This screen watches the show read-only' };
		const version = explicit !== undefined ? explicit : isLiveMoveCommand(command.type) ? (this.#snapshot?.version ?? null) : null;
		const payload = { ...command, issuedAt: Math.round(this.serverNow()) } as LiveCommandInput;
		if (version === null) delete payload.expectedVersion;
		else payload.expectedVersion = version;
		const result = this.#emitCommand(socket, command.type, payload);
		this.#inFlight.add(result);
		return result.finally(() => this.#inFlight.delete(result));
	}

	/** Emits one command; resolves with its ack once this screen holds the state it made, or COMMAND_EXPIRED. */
	async #emitCommand(socket: LiveClientSocket, type: LiveCommandInput['type'], payload: LiveCommandInput): Promise<SendResult> {
		const commandId = randomId();
		payload.commandId = commandId;
		const ack = await new Promise<CommandAck | null>((resolve) => {
			const entry: Unanswered = { type, sentAt: performance.now(), settle: null };
			const settle = (answer: CommandAck | null) => {
				if (entry.settle === null) return;
				entry.settle = null;
				clearTimeout(timer);
				// Answered: nothing to ask about later. Run out: kept, in case the answer was lost on its way.
				if (answer !== null) this.#unanswered.delete(commandId);
				resolve(answer);
			};
			entry.settle = settle;
			const timer = setTimeout(() => settle(null), this.#options.commandTimeoutMs ?? COMMAND_EXPIRY_MS);
			this.#remember(commandId, entry);
			socket.emit('command', payload, (raw: unknown) => {
				this.#heard();
				const read = readCommandAck(raw);
				// This screen's copy of its command (`ackPatch`): applied like a pushed patch, before
				// `send` resolves; one that does not read or fit fetches the full state.
				if (read.ok && read.patch !== undefined) this.#applyReadPatch(read.patch);
				if (read.ok) this.#patchAlerts(read.alerts ?? null);
				const answer: CommandAck = read.ok ? { ok: true, version: read.version } : read;
				if (entry.settle !== null) return settle(answer);
				this.#unanswered.delete(commandId);
				// It reached the server just within its 3 s and the answer came back after ours ran
				// out: it did take effect, and the screen says so rather than leave 未生效 standing.
				if (answer.ok) this.#emit('lateAck', { type, version: answer.version });
			});
		});
		if (ack === null) {
			return { ok: false, code: 'COMMAND_EXPIRED', message: `No answer from the server within ${COMMAND_EXPIRY_MS / 1000} s: the command did not take effect and will not later` };
		}
		// This screen's copy came in the ack, or follows it on the same connection (a server of before
		// `ackPatch`), or a resync fetches it: resolve once it is here, so the next command carries the
		// new version.
		if (ack.ok) await this.#versionReached(ack.version);
		return ack;
	}

	/** Keeps an unanswered command for `#askOutcomes`: the newest MAX_OUTCOME_IDS, none older than UNANSWERED_KEEP_MS. */
	#remember(commandId: string, entry: Unanswered) {
		const oldest = performance.now() - UNANSWERED_KEEP_MS;
		for (const [id, kept] of this.#unanswered) {
			if (kept.settle === null && (kept.sentAt < oldest || this.#unanswered.size >= MAX_OUTCOME_IDS)) this.#unanswered.delete(id);
		}
		this.#unanswered.set(commandId, entry);
	}

	/**
	 * After a reconnection, with commands still unanswered (the server restarted, or the connection
	 * dropped, between a commit and its ack): asks which the show's log has. One still waiting
	 * resolves as acknowledged; one already answered COMMAND_EXPIRED is announced as `lateAck` (it
	 * took effect after all). One the log does not have did not take effect: it is dropped once run
	 * out (the server refuses it after COMMAND_EXPIRY_MS anyway).
	 */
	async #askOutcomes(socket: LiveClientSocket) {
		const ids = [...this.#unanswered.keys()].slice(-MAX_OUTCOME_IDS);
		if (ids.length === 0) return;
		let raw: unknown;
		try {
			raw = await socket.timeout(OUTCOME_TIMEOUT_MS).emitWithAck('commands:outcome', ids);
		} catch {
			return; // no answer: the next reconnection asks again
		}
		this.#heard();
		const answer = commandOutcomeAck.safeParse(raw);
		if (!answer.success) return;
		for (const id of ids) {
			const entry = this.#unanswered.get(id);
			if (!entry) continue;
			const version = answer.data.applied[id];
			if (version !== undefined) {
				this.#unanswered.delete(id);
				if (entry.settle) entry.settle({ ok: true, version });
				else this.#emit('lateAck', { type: entry.type, version });
			} else if (entry.settle === null) this.#unanswered.delete(id);
		}
	}

	/** The run's figures as this screen's role sees them; null when offline, unanswered or unreadable. */
	async figures(): Promise<FiguresView | null> {
		const socket = this.#socket;
		if (!socket?.connected) return null;
		try {
			const result = await socket.timeout(FIGURE_ACK_TIMEOUT_MS).emitWithAck('figures:list');
			this.#heard();
			return result.ok && 'view' in result ? readFiguresView(result.view) : null;
		} catch {
			return null;
		}
	}

	/** Adds, corrects or deletes a checkpoint; answers the server's ack (the checkpoint as committed, or a refusal). */
	writeFigures(action: 'add', input: FigureAddInput): Promise<FigureAck>;
	writeFigures(action: 'correct', input: FigureCorrectInput): Promise<FigureAck>;
	writeFigures(action: 'delete', input: FigureDeleteInput): Promise<FigureAck>;
	async writeFigures(action: 'add' | 'correct' | 'delete', input: FigureAddInput | FigureCorrectInput | FigureDeleteInput): Promise<FigureAck> {
		const socket = this.#socket;
		if (!socket?.connected) return { ok: false, code: 'INTERNAL', message: 'Not connected' };
		try {
			const event = `figures:${action}` as 'figures:add';
			const answer = await socket.timeout(FIGURE_ACK_TIMEOUT_MS).emitWithAck(event, input as FigureAddInput);
			this.#heard();
			return readFigureAck(answer);
		} catch {
			return { ok: false, code: 'INTERNAL', message: 'No answer from the server' };
		}
	}

	/** Producer: saves the show's figure settings. */
	async saveFigureSettings(settings: FigureSettings): Promise<FigureSettingsAck> {
		const socket = this.#socket;
		if (!socket?.connected) return { ok: false, code: 'INTERNAL', message: 'Not connected' };
		try {
			const answer = await socket.timeout(FIGURE_ACK_TIMEOUT_MS).emitWithAck('figures:settings', settings);
			this.#heard();
			return readFigureSettingsAck(answer);
		} catch {
			return { ok: false, code: 'INTERNAL', message: 'No answer from the server' };
		}
	}

	/** Measures the clock offset now (several pings, the shortest round trip wins); null if no answer. */
	syncClock(): Promise<ClockSync | null> {
		this.#syncing ??= this.#syncClock().finally(() => {
			this.#syncing = null;
			this.#scheduleClock();
		});
		return this.#syncing;
	}

	/** Asks the server for the welcome payload again and applies it. */
	async resync(): Promise<boolean> {
		const socket = this.#socket;
		if (!socket?.connected) return false;
		try {
			const result = await socket.timeout(10_000).emitWithAck('sync');
			if (!result.ok) return false;
			this.#heard();
			const read = readLiveWelcome(result.welcome);
			if (!read) return false;
			this.#setMissing(read.missing);
			if (read.welcome.sheet) this.#setSheet(read.welcome.sheet);
			if (read.welcome.snapshot) this.#setSnapshot(read.welcome.snapshot, true);
			if (read.welcome.presence) this.#setPresence(read.welcome.presence);
			return true;
		} catch {
			return false;
		}
	}

	async #syncClock(): Promise<ClockSync | null> {
		const samples: ClockSample[] = [];
		const count = Math.max(1, this.#options.clockSamples ?? 6);
		for (let i = 0; i < count; i++) {
			const socket = this.#socket;
			if (!socket?.connected) break;
			const clientSentAt = this.#now();
			try {
				const serverAt = await socket.timeout(CLOCK_PING_TIMEOUT_MS).emitWithAck('clock');
				const clientReceivedAt = this.#now();
				if (typeof serverAt === 'number') samples.push({ clientSentAt, serverAt, clientReceivedAt });
			} catch {
				// A lost ping: the others decide.
			}
		}
		const best = estimateClockOffset(samples);
		if (!best) return null;
		this.#heard();
		this.#clock = { ...best, samples: samples.length, syncedAt: this.#now() };
		this.#emit('clock', this.#clock);
		return this.#clock;
	}

	#scheduleClock() {
		this.#stopClockTimer();
		if (this.#status !== 'online') return;
		this.#clockTimer = setTimeout(() => void this.syncClock(), this.#options.clockIntervalMs ?? 5 * 60_000);
	}

	#stopClockTimer() {
		if (this.#clockTimer !== null) clearTimeout(this.#clockTimer);
		this.#clockTimer = null;
	}

	/**
	 * Liveness while online and the page is visible: `stalled` after `stallAfterMs` without anything
	 * heard. The server pings every second (engine.io's heartbeat, which socket.io-client's Manager
	 * emits as `ping`) and everything it sends counts, so the screen itself sends nothing for this —
	 * except one `beat` as it declares a stall: a server that resumes from a freeze answers it at once,
	 * whereas its next ping may be a whole ping interval away (engine.io re-arms the interval when it
	 * reads the pong that was in flight as it stopped). One timer, re-armed when it fires rather than on
	 * everything heard (a ping or a push only notes the time; hearing clears a stall at once).
	 */
	#watchLiveness() {
		this.#stopLiveness();
		if (this.#stallAfter() <= 0) return;
		this.#watching = true;
		this.#quietSince = performance.now();
		this.#liveness();
		if (typeof document !== 'undefined') {
			const onVisibility = () => {
				// Back from hidden: the silence so far says nothing (a hidden tab's timers are throttled).
				if (pageVisible()) this.#quietSince = performance.now();
			};
			document.addEventListener('visibilitychange', onVisibility);
			this.#offVisibility = () => document.removeEventListener('visibilitychange', onVisibility);
		}
	}

	#stallAfter(): number {
		return this.#options.stallAfterMs ?? STALL_AFTER_MS;
	}

	/** The liveness timer (`livenessStep`): declares a stall, and sleeps until the next one can be due. */
	#liveness() {
		this.#livenessTimer = null;
		if (!this.#watching) return;
		const now = performance.now();
		// Offline or hidden: no stall, and the silence counts from when that ends.
		if (this.#status !== 'online' || !pageVisible()) this.#quietSince = now;
		const step = livenessStep({ quietSince: this.#quietSince, stalled: this.#stalled }, now, this.#stallAfter());
		if (step.stalled && !this.#stalled) this.#probe();
		this.#setStalled(step.stalled);
		this.#livenessTimer = setTimeout(() => this.#liveness(), Math.max(1, Math.ceil(step.wakeAt - now)));
	}

	/** The one question a stall asks (`beat`, answered with an empty ack): heard as soon as the server reads it. */
	#probe() {
		const socket = this.#socket;
		if (!socket?.connected) return;
		socket.timeout(30_000).emit('beat', (err: Error | null) => {
			if (!err) this.#heard();
		});
	}

	#stopLiveness() {
		this.#watching = false;
		if (this.#livenessTimer !== null) clearTimeout(this.#livenessTimer);
		this.#livenessTimer = null;
		this.#offVisibility?.();
		this.#offVisibility = null;
		this.#setStalled(false);
	}

	#setStalled(stalled: boolean) {
		if (this.#stalled === stalled) return;
		this.#stalled = stalled;
		this.#emit('stalled', stalled);
	}

	/**
	 * A command's patch: applied to the last snapshot, checked against the server's checksum, and the
	 * derived fields (segment, timing) computed from the run-sheet as the server does. A patch that
	 * does not parse, is not against this screen's version, ends on another checksum, or finds no
	 * run-sheet of its version fetches the full state again (`resync`).
	 */
	#applyPatch(raw: unknown) {
		this.#applyReadPatch(readLivePatch(raw));
	}

	/** A patch as `readLivePatch` read it (null: it did not read), from a push or a command's ack. */
	#applyReadPatch(patch: LivePatch | null) {
		this.#partRead('snapshot', patch !== null);
		const current = this.#snapshot;
		if (!patch) return this.#recover();
		// Already there (a resync overtook it): only the checksum of the same version says whether it is the same state.
		if (current && patch.v <= current.version) {
			if (patch.v === current.version && liveChecksum(current) !== patch.sum) this.#recover();
			return;
		}
		const applied = current ? applyLivePatch(current, patch, this.#hashes ?? undefined) : null;
		const sheet = this.#sheet;
		if (!applied?.ok || applied.serverNow === null || !sheet || sheet.showId !== applied.state.showId || sheet.sheetVersion !== applied.state.sheetVersion)
			return this.#recover();
		this.#setSnapshot(liveSnapshot(applied.state, applied.state, sheet, applied.serverNow), false, applied.hashes);
	}

	/** The alerts a command's patch carried (`inlineAlerts`), after the patch: announced like pushed ones. */
	#patchAlerts(read: PatchAlertsRead | null) {
		if (!read) return;
		if (read.unread) this.#partRead('alerts', false);
		for (const alert of read.alerts) this.#alert(alert);
	}

	/** An alert heard (each key once): kept in `alerts`, announced. */
	#alert(alert: LiveAlertEvent) {
		if (this.#alerts.some((a) => a.key === alert.key)) return;
		this.#alerts = [...this.#alerts, alert].slice(-MAX_ALERTS);
		this.#emit('alert', alert);
	}

	/** Fetches the full state once (patches arriving meanwhile wait for it). */
	#recover() {
		if (this.#recovering) return;
		this.#resyncs++;
		this.#recovering = this.resync().finally(() => (this.#recovering = null));
	}

	/** `hashes`: the snapshot's field hashes when a patch made it. */
	#setSnapshot(snapshot: LiveWireSnapshot, force: boolean, hashes: LiveFieldHashes | null = null) {
		// Pushes arrive in order; an older one (a late ack's broadcast after a resync) is ignored.
		if (!force && this.#snapshot && snapshot.showId === this.#snapshot.showId && snapshot.version < this.#snapshot.version) return;
		// Another run (a start, a rehearsal reset): the last run's alerts go.
		if (this.#snapshot && this.#snapshot.startedAt !== snapshot.startedAt) this.#alerts = [];
		this.#snapshot = snapshot;
		this.#hashes = hashes;
		this.#emit('snapshot', snapshot);
		if (this.#versionWaiters.size > 0) for (const waiter of [...this.#versionWaiters]) if (snapshot.version >= waiter.version) waiter.done();
	}

	/** Resolves when a snapshot of `version` or later is here (or the connection drops, or 2 s pass). */
	#versionReached(version: number): Promise<void> {
		if ((this.#snapshot?.version ?? -1) >= version) return Promise.resolve();
		return new Promise((resolve) => {
			const waiter = {
				version,
				done: () => {
					clearTimeout(timer);
					offStatus();
					this.#versionWaiters.delete(waiter);
					resolve();
				}
			};
			const timer = setTimeout(waiter.done, 2_000);
			const offStatus = this.on('status', () => waiter.done());
			this.#versionWaiters.add(waiter);
		});
	}

	/** Alerts missed while away join the list without being announced again. */
	#catchUp(recent: LiveAlertEvent[]) {
		const run = this.#snapshot?.startedAt ?? null;
		// Another run's alerts (a rehearsal reset since) are dropped.
		const kept = this.#alerts.filter((a) => run !== null && a.at >= run);
		const known = new Set(kept.map((a) => a.key));
		this.#alerts = [...kept, ...recent.filter((a) => !known.has(a.key))].sort((x, y) => x.firedAt - y.firedAt).slice(-MAX_ALERTS);
	}

	#setMissing(parts: readonly LivePart[]) {
		if (parts.length === this.#missing.length && parts.every((p) => this.#missing.includes(p))) return;
		this.#missing = parts;
		if (parts.length) console.warn('LiveConnection: could not read', parts.join(', '));
		this.#emit('missing', parts);
	}

	/** A push of `part` was read (clears it from `missing`) or not (adds it). */
	#partRead(part: LivePart, ok: boolean) {
		if (ok === !this.#missing.includes(part)) return;
		this.#setMissing(ok ? this.#missing.filter((p) => p !== part) : [...this.#missing, part]);
	}

	#setSheet(sheet: LiveSheetPayload) {
		this.#sheet = sheet;
		this.#emit('sheet', sheet);
	}

	#setPresence(screens: PresenceScreen[]) {
		this.#presence = screens;
		this.#emit('presence', screens);
	}

	#setStatus(status: ConnectionStatus, error: ConnectionError | null) {
		if (this.#status === 'closed' || ((this.#status === 'revoked' || this.#status === 'refused') && status === 'reconnecting')) return;
		if (this.#status === status && this.#error === error) return;
		this.#status = status;
		this.#error = error;
		this.#emit('status', status, error);
	}

	/** Something came from the server: noted, and the liveness timer judges by it when it next fires. */
	#heard() {
		// One clock reading for both when the client clock is the monotonic default (once per push).
		const mono = performance.now();
		this.#lastHeardAt = this.#now === monotonicNow ? timeOrigin + mono : this.#now();
		this.#quietSince = mono;
		if (this.#stalled) this.#setStalled(false);
		this.#emit('heard', this.#lastHeardAt);
	}

	#emit<K extends keyof LiveConnectionEvents>(event: K, ...args: Parameters<LiveConnectionEvents[K]>) {
		const set = this.#listeners.get(event) as Set<(...a: Parameters<LiveConnectionEvents[K]>) => void> | undefined;
		if (!set) return;
		for (const listener of [...set]) {
			try {
				listener(...args);
			} catch (err) {
				console.error(`LiveConnection: a "${event}" listener failed`, err);
			}
		}
	}
}
