/**
 * The monitoring wall's state (runes): the wall's connection, its tiles at `now` (the server's
 * clock, moved every second — nothing ticks over the network), most urgent first (the core's
 * `wallTiles`), and one beep for each new critical condition once sound is on (a click enables
 * it; the choice is remembered on this device).
 */
import { newCriticalKeys, wallTiles, type WallTile } from '../core/wall';
import { WallConnection, type WallStatus } from '../realtime/wall-connection';
import { AlertSound } from './alert-sound.svelte';

export class WallState {
	readonly connection: WallConnection;
	readonly sound = new AlertSound({ key: 'showcall.wall.sound' });
	#now = $state(0);
	#status = $state<WallStatus>('connecting');
	#error = $state<{ code: string; message: string } | null>(null);
	#tiles = $state.raw<WallTile[]>([]);
	readonly #heard = new Set<string>();
	#timer: ReturnType<typeof setTimeout> | null = null;

	constructor(connection = new WallConnection()) {
		this.connection = connection;
	}

	get now() {
		return this.#now;
	}
	get status() {
		return this.#status;
	}
	get error() {
		return this.#error;
	}
	/** Most urgent first. */
	get tiles() {
		return this.#tiles;
	}

	/** Connects and starts the clock; returns the stop function. */
	start(): () => void {
		const off = this.connection.onChange(() => this.#refresh());
		const stopGesture = this.sound.armOnFirstGesture();
		this.connection.connect();
		this.#tick();
		return () => {
			off();
			stopGesture();
			if (this.#timer !== null) clearTimeout(this.#timer);
			this.connection.close();
			this.sound.close();
		};
	}

	#tick() {
		this.#refresh();
		// On the server's next whole second.
		const now = this.connection.serverNow();
		this.#timer = setTimeout(() => this.#tick(), 1000 - (((now % 1000) + 1000) % 1000) + 1);
	}

	#refresh() {
		const now = this.connection.serverNow();
		this.#now = now;
		this.#status = this.connection.status;
		this.#error = this.connection.error;
		const tiles = wallTiles(this.connection.shows(now), now);
		this.#tiles = tiles;
		const fresh = newCriticalKeys(this.#heard, tiles);
		if (!fresh.length) return;
		for (const key of fresh) this.#heard.add(key);
		this.sound.play('danger');
	}
}
