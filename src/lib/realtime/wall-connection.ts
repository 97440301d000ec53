/**
 * The monitoring wall's connection (framework-free: browser and node): one socket to the namespace
 * `/wall` with the session cookie, the list on every (re)connection, then each show that changed.
 * Everything received is read with the contract's schemas (a push that does not parse is dropped
 * and counted). Keeps each show with the server instant it was pushed at, and the clock offset
 * (synced like the live screens'), so the wall derives every countdown at its own `serverNow()`.
 */
import { io, type ManagerOptions, type Socket, type SocketOptions } from 'socket.io-client';
import { estimateClockOffset, type ClockSample } from '../core/live/clock';
import { wallShowAt } from '../core/wall-time';
import type { WallShowInput } from '../core/wall';
import { readWallUpdate, type WallUpdate } from '../contract/wall';
import { wallGoneSchema, type WallClientEvents, type WallServerEvents } from '../contract/wall-socket';

export type WallStatus = 'connecting' | 'online' | 'reconnecting' | 'refused' | 'revoked' | 'closed';

export interface WallConnectionOptions {
	/** Server origin; the page's own when absent. */
	url?: string;
	deviceId?: string;
	/** socket.io options (tests: reconnection off, extra headers). */
	socket?: Partial<ManagerOptions & SocketOptions>;
	/** The client clock, epoch ms (monotonic by default). */
	now?: () => number;
	/** ms between clock syncs (5 minutes). */
	clockIntervalMs?: number;
}

interface Held {
	show: WallShowInput;
	/** Server clock of the push that carried it. */
	pushedAt: number;
}

const monotonicNow = () => performance.timeOrigin + performance.now();

export class WallConnection {
	readonly #options: WallConnectionOptions;
	readonly #now: () => number;
	readonly #shows = new Map<number, Held>();
	readonly #listeners = new Set<() => void>();
	#socket: Socket<WallServerEvents, WallClientEvents> | null = null;
	#status: WallStatus = 'connecting';
	#error: { code: string; message: string } | null = null;
	#offsetMs: number | null = null;
	#clockTimer: ReturnType<typeof setTimeout> | null = null;
	#dropped = 0;
	#updates = 0;

	constructor(options: WallConnectionOptions = {}) {
		this.#options = options;
		this.#now = options.now ?? monotonicNow;
	}

	get status(): WallStatus {
		return this.#status;
	}
	get error() {
		return this.#error;
	}
	/** Pushes that did not parse (left out). */
	get dropped(): number {
		return this.#dropped;
	}
	/** Pushes applied (the list and each change). */
	get updates(): number {
		return this.#updates;
	}
	get socket(): Socket | null {
		return this.#socket as Socket | null;
	}

	/** The server's clock now: the client clock plus the measured offset (or the one the last push implies). */
	serverNow(): number {
		return this.#now() + (this.#offsetMs ?? 0);
	}

	/** Every show held, moved to the server clock `now`. */
	shows(now = this.serverNow()): WallShowInput[] {
		return [...this.#shows.values()].map((h) => wallShowAt(h.show, h.pushedAt, now));
	}

	/** Called after every change of status or shows. */
	onChange(listener: () => void): () => void {
		this.#listeners.add(listener);
		return () => void this.#listeners.delete(listener);
	}

	connect(): this {
		if (this.#socket) return this;
		const options: Partial<ManagerOptions & SocketOptions> = {
			transports: ['websocket'],
			reconnectionDelay: 500,
			reconnectionDelayMax: 2_000,
			...this.#options.socket,
			auth: this.#options.deviceId ? { deviceId: this.#options.deviceId } : {}
		};
		const url = this.#options.url ? `${this.#options.url}/wall` : '/wall';
		const socket: Socket<WallServerEvents, WallClientEvents> = io(url, options);
		this.#socket = socket;
		socket.on('wall', (raw: unknown) => {
			const list = readWallUpdate(raw);
			if (!list) return void (this.#dropped += 1);
			this.#shows.clear();
			this.#apply(list);
			this.#status = 'online';
			this.#error = null;
			this.#changed();
			void this.syncClock();
		});
		socket.on('shows', (raw: unknown) => {
			const update = readWallUpdate(raw);
			if (!update) return void (this.#dropped += 1);
			this.#apply(update);
			this.#changed();
		});
		socket.on('untile', (raw: unknown) => {
			const gone = wallGoneSchema.safeParse(raw);
			if (!gone.success) return void (this.#dropped += 1);
			this.#shows.delete(gone.data.showId);
			this.#updates += 1;
			this.#changed();
		});
		socket.on('revoked', (reason) => {
			this.#status = 'revoked';
			this.#error = reason;
			this.#changed();
		});
		socket.on('connect_error', (err: Error & { data?: { code?: string; message?: string } }) => {
			const code = err.data?.code;
			if (code && code !== 'RATE_LIMITED') {
				this.#status = 'refused';
				this.#error = { code, message: err.data?.message ?? err.message };
			} else {
				if (!socket.active) setTimeout(() => this.#status !== 'closed' && socket.connect(), 2_000);
				this.#status = this.#status === 'online' ? 'reconnecting' : this.#status;
			}
			this.#changed();
		});
		socket.on('disconnect', (reason) => {
			this.#stopClock();
			if (reason === 'io client disconnect' || this.#status === 'revoked') return;
			if (reason === 'io server disconnect') socket.connect();
			this.#status = 'reconnecting';
			this.#changed();
		});
		return this;
	}

	close() {
		this.#stopClock();
		this.#socket?.close();
		this.#status = 'closed';
		this.#changed();
	}

	/** Measures the clock offset (six pings, the shortest round trip wins). */
	async syncClock(): Promise<void> {
		this.#stopClock();
		const samples: ClockSample[] = [];
		for (let i = 0; i < 6; i++) {
			const socket = this.#socket;
			if (!socket?.connected) break;
			const clientSentAt = this.#now();
			try {
				const serverAt = await socket.timeout(5_000).emitWithAck('clock');
				if (typeof serverAt === 'number') samples.push({ clientSentAt, serverAt, clientReceivedAt: this.#now() });
			} catch {
				// A lost ping: the others decide.
			}
		}
		const best = estimateClockOffset(samples);
		if (best) this.#offsetMs = best.offsetMs;
		if (this.#status === 'online') this.#clockTimer = setTimeout(() => void this.syncClock(), this.#options.clockIntervalMs ?? 5 * 60_000);
		this.#changed();
	}

	#apply(update: WallUpdate) {
		// Until a clock sync measures it, the push's own clock is the best guess of the offset.
		this.#offsetMs ??= update.serverNow - this.#now();
		for (const show of update.shows) this.#shows.set(show.showId, { show, pushedAt: update.serverNow });
		this.#updates += 1;
	}

	#stopClock() {
		if (this.#clockTimer !== null) clearTimeout(this.#clockTimer);
		this.#clockTimer = null;
	}

	#changed() {
		for (const listener of this.#listeners) listener();
	}
}
