/**
 * One list page (shows, products, people, accounts): its filters in the URL, its rows loaded with
 * the typed client whenever the filters change (a late answer never replaces a newer one), and the
 * actions on a row, after which the list is loaded again. Construct it while a component
 * initialises: it loads in an `$effect`.
 */
import { untrack } from 'svelte';
import type { ApiError } from '$lib/api/client';
import { ListQuery, UrlFilters } from './url-filters.svelte';

export type ListPageOptions<T, K extends string> = {
	/** Each filter's default; those in `keys` are the ones the user sets (the clear button resets them). */
	filters?: Record<K, string>;
	keys?: readonly K[];
	/** The API query for the current filters (reactive); by default the `keys` that differ from their defaults. */
	search?: (filters: UrlFilters<K>) => string;
	fetch: (search: string) => Promise<T>;
};

export class ListPage<T, K extends string = never> {
	readonly filters: UrlFilters<K>;
	readonly keys: readonly K[];
	readonly #list = new ListQuery<T>();
	readonly #fetch: (search: string) => Promise<T>;
	readonly #search = $derived.by(() => this.#searchOf(this.filters));
	readonly #searchOf: (filters: UrlFilters<K>) => string;

	constructor(options: ListPageOptions<T, K>) {
		this.filters = new UrlFilters<K>(options.filters ?? ({} as Record<K, string>));
		this.keys = options.keys ?? [];
		this.#fetch = options.fetch;
		this.#searchOf = options.search ?? ((filters) => filters.query(this.keys).toString());
		$effect(() => {
			const search = this.#search;
			untrack(() => void this.#load(search));
		});
	}

	/** The rows, null until the first answer. */
	get data(): T | null {
		return this.#list.data;
	}
	get error(): ApiError | null {
		return this.#list.error;
	}
	/** True when the user has narrowed the list (the empty message says "none match" then). */
	get filtered(): boolean {
		return this.filters.active(this.keys);
	}
	clear() {
		this.filters.clear(this.keys);
	}

	#load(search: string) {
		return this.#list.load(() => this.#fetch(search));
	}

	/** Loads the list again for the current filters. */
	reload() {
		return this.#load(this.#search);
	}

	/** Runs an action on the list and reloads it; a refusal is shown as the list's error and answered. */
	async act(action: () => Promise<unknown>): Promise<ApiError | null> {
		try {
			await action();
		} catch (err) {
			return this.#list.fail(err);
		}
		await this.reload();
		return null;
	}
}
