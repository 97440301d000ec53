/**
 * The printed run-sheet's data: the show as saved, with the product library and people lists the
 * show page loads (to name products, hosts and guests), and the moment it was printed.
 */
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { PersonResponse } from '$lib/contract/people';
import type { ProductResponse } from '$lib/contract/products';
import type { ShowResponse } from '$lib/contract/shows';
import type { EpochMs } from '$lib/core/model';
import { printedRunSheet, type PrintedRunSheet } from '$lib/core/runsheet-print';

export class RunSheetPrintState {
	#show = $state<ShowResponse | null>(null);
	#products = $state<ProductResponse[]>([]);
	#people = $state<PersonResponse[]>([]);
	#printedAt = $state<EpochMs>(0);
	#error = $state<ApiError | null>(null);

	constructor(
		readonly showId: string,
		readonly clock: () => EpochMs = Date.now
	) {}

	get show(): ShowResponse | null {
		return this.#show;
	}
	get error(): ApiError | null {
		return this.#error;
	}
	/** When the sheet was loaded, or last sent to the printer, epoch ms. */
	get printedAt(): EpochMs {
		return this.#printedAt;
	}

	/** The run-sheet with times, products and totals; null until the show is loaded. */
	readonly sheet: PrintedRunSheet | null = $derived(this.#show ? printedRunSheet(this.#show, this.#products) : null);

	/** Names of the show's hosts and of its guests, in the show's order (#id when the list lacks someone). */
	readonly hosts: string[] = $derived(this.#show ? this.#show.hostIds.map((id) => this.#personName(id)) : []);
	readonly guests: string[] = $derived(this.#show ? this.#show.guestIds.map((id) => this.#personName(id)) : []);

	#personName(id: number): string {
		return this.#people.find((p) => p.id === id)?.name ?? `#${id}`;
	}

	async load() {
		this.#error = null;
		try {
			const [show, { products }, { people }] = await Promise.all([
				call(endpoints.shows.get, { params: { id: this.showId } }),
				call(endpoints.products.list, { query: { status: 'all' } }),
				call(endpoints.people.list, { query: { archived: 'include' } })
			]);
			this.#show = show;
			this.#products = products;
			this.#people = people;
			this.stamp();
		} catch (err) {
			this.#error = ApiError.from(err);
		}
	}

	/** Marks the sheet as printed now (the page calls it before the browser prints). */
	stamp() {
		this.#printedAt = this.clock();
	}
}
