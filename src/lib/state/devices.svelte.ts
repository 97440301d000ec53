/**
 * The device-setup card's data: the show and its producer and host links, and rotation (a new
 * token at once makes the old card dead).
 */
import { ApiError, call } from '$lib/api/client';
import { endpoints } from '$lib/contract/endpoints';
import type { LinkRole, ShowLinksResponse } from '$lib/contract/links';
import type { ShowResponse } from '$lib/contract/shows';

export type DeviceRole = LinkRole;

export class DeviceCardState {
	#show = $state<Pick<ShowResponse, 'id' | 'title' | 'startsAt' | 'unitCode'> | null>(null);
	#links = $state<ShowLinksResponse | null>(null);
	#loadedAt = $state(0);
	#error = $state<ApiError | null>(null);
	#busy = $state(false);
	#rotated = $state<DeviceRole | null>(null);

	constructor(readonly showId: string) {}

	get show() {
		return this.#show;
	}
	get links() {
		return this.#links;
	}
	/** When the links were fetched (printed on the card). */
	get loadedAt() {
		return this.#loadedAt;
	}
	get error() {
		return this.#error;
	}
	get busy() {
		return this.#busy;
	}
	/** The role whose link was just replaced. */
	get rotated() {
		return this.#rotated;
	}

	async load() {
		this.#error = null;
		try {
			const id = encodeURIComponent(this.showId);
			const [show, links] = await Promise.all([call(endpoints.shows.get, { params: { id } }), call(endpoints.links.get, { params: { id } })]);
			this.#show = { id: show.id, title: show.title, startsAt: show.startsAt, unitCode: show.unitCode };
			this.#links = links;
			this.#loadedAt = Date.now();
		} catch (err) {
			this.#error = ApiError.from(err);
		}
	}

	async rotate(role: DeviceRole) {
		this.#busy = true;
		this.#error = null;
		try {
			this.#links = await call(endpoints.links.rotate, { params: { id: this.showId, role } });
			this.#loadedAt = Date.now();
			this.#rotated = role;
		} catch (err) {
			this.#error = ApiError.from(err);
		} finally {
			this.#busy = false;
		}
	}
}
