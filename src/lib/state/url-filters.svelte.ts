/**
 * A list page's filters, kept in the URL so a view can be bookmarked and shared. Each filter reads
 * its value from the query string (or its default); `set()` changes several at once; `searchText`
 * is the search box, applied to the `q` filter after a short pause in typing.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { ApiError } from '$lib/api/client';

const SEARCH_DELAY_MS = 250;

export class UrlFilters<K extends string> {
	readonly #defaults: Record<string, string>;
	/** What the search box holds while typing, until it reaches the URL. */
	#typed = $state<string | null>(null);
	#timer: ReturnType<typeof setTimeout> | undefined;

	constructor(defaults: Record<K, string>) {
		this.#defaults = defaults;
	}

	/** The filter's value: the URL's, or its default. */
	value(key: K): string {
		return page.url.searchParams.get(key) ?? this.#defaults[key];
	}

	/** Changes filters in the URL; null, '' or the default removes one. */
	set(changes: Partial<Record<K, string | null>>): Promise<void> {
		const url = new URL(page.url);
		for (const [key, value] of Object.entries(changes) as [string, string | null][]) {
			if (value === null || value === '' || value === this.#defaults[key]) url.searchParams.delete(key);
			else url.searchParams.set(key, value);
		}
		return goto(url, { replaceState: true, keepFocus: true, noScroll: true });
	}

	/** True when any of `keys` differs from its default. */
	active(keys: readonly K[]): boolean {
		return keys.some((key) => this.value(key) !== this.#defaults[key]);
	}

	/** Puts `keys` back to their defaults. */
	clear(keys: readonly K[]) {
		void this.set(Object.fromEntries(keys.map((key) => [key, null])) as Partial<Record<K, null>>);
	}

	/** The filters among `keys` that differ from their defaults, as query parameters for the API. */
	query(keys: readonly K[]): URLSearchParams {
		const search = new URLSearchParams();
		for (const key of keys) {
			const value = this.value(key);
			if (value !== this.#defaults[key]) search.set(key, value);
		}
		return search;
	}

	/** The search box (bind to it): what is being typed, else the URL's `q`. */
	get searchText(): string {
		return this.#typed ?? page.url.searchParams.get('q') ?? '';
	}

	set searchText(text: string) {
		this.#typed = text;
		clearTimeout(this.#timer);
		this.#timer = setTimeout(() => {
			void this.set({ q: text.trim() } as Partial<Record<K, string>>).then(() => {
				if (this.#typed === text) this.#typed = null;
			});
		}, SEARCH_DELAY_MS);
	}
}

/**
 * What a list page shows for its current filters: each `load` supersedes the ones before it, so an
 * earlier answer (or error) that arrives late never replaces a newer one.
 */
export class ListQuery<T> {
	#data = $state<T | null>(null);
	#error = $state<ApiError | null>(null);
	#generation = 0;

	get data() {
		return this.#data;
	}
	get error() {
		return this.#error;
	}

	async load(fetch: () => Promise<T>) {
		const generation = ++this.#generation;
		this.#error = null;
		try {
			const data = await fetch();
			if (generation === this.#generation) this.#data = data;
		} catch (err) {
			if (generation === this.#generation) this.#error = ApiError.from(err);
		}
	}

	/** Shows the error of an action on the list; answers it. */
	fail(err: unknown): ApiError {
		this.#error = ApiError.from(err);
		return this.#error;
	}
}
