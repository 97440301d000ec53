/**
 * Short notices at the edge of a live screen ("the show just changed; try again"): each holds a
 * message key and the server's English as a fallback, so it shows in the language of the moment,
 * and goes by itself after a few seconds.
 */

export type ToastTone = 'error' | 'info' | 'success';

export interface Toast {
	id: number;
	tone: ToastTone;
	/** A catalog key (e.g. `live.error.STALE_VERSION`); `fallback` shows when the catalog has none. */
	key: string;
	fallback: string;
	params?: Record<string, string | number>;
}

export interface ToastTimers {
	setTimeout: (fn: () => void, ms: number) => unknown;
	clearTimeout: (handle: unknown) => void;
}

/** At most this many at once; the oldest goes first. */
const MAX_TOASTS = 3;

export class Toasts {
	#items = $state.raw<Toast[]>([]);
	#next = 1;
	readonly #timers: ToastTimers;
	readonly #handles = new Map<number, unknown>();

	constructor(
		readonly ttlMs = 4_000,
		timers: ToastTimers = { setTimeout: (fn, ms) => setTimeout(fn, ms), clearTimeout: (h) => clearTimeout(h as ReturnType<typeof setTimeout>) }
	) {
		this.#timers = timers;
	}

	get items(): readonly Toast[] {
		return this.#items;
	}

	push(toast: Omit<Toast, 'id'>): number {
		const id = this.#next++;
		// The same notice twice in a row is shown once, for longer.
		const same = this.#items.find((t) => t.key === toast.key && t.tone === toast.tone);
		if (same) this.dismiss(same.id);
		const items = [...this.#items, { ...toast, id }];
		for (const old of items.slice(0, Math.max(0, items.length - MAX_TOASTS))) this.#clearTimer(old.id);
		this.#items = items.slice(-MAX_TOASTS);
		this.#handles.set(
			id,
			this.#timers.setTimeout(() => this.dismiss(id), this.ttlMs)
		);
		return id;
	}

	dismiss(id: number) {
		this.#clearTimer(id);
		this.#items = this.#items.filter((t) => t.id !== id);
	}

	clear() {
		for (const t of this.#items) this.#clearTimer(t.id);
		this.#items = [];
	}

	#clearTimer(id: number) {
		const handle = this.#handles.get(id);
		if (handle !== undefined) this.#timers.clearTimeout(handle);
		this.#handles.delete(id);
	}
}
