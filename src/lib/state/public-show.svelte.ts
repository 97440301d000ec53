/**
 * The public countdown page: the show's public view, and a clock corrected by the server's (so a
 * phone whose clock is off still counts down to the right second). No sign-in.
 */
import { ApiError, call } from '$lib/api/client';
import { publicEndpoints } from '$lib/contract/endpoints/public';
import type { PublicShowResponse } from '$lib/contract/posters';
import { publicPhase, splitCountdown } from '$lib/core/poster/countdown';

export class PublicShowState {
	#show = $state<PublicShowResponse | null>(null);
	#error = $state<ApiError | null>(null);
	/** server clock − local clock, ms. */
	#offset = 0;
	#now = $state(Date.now());

	constructor(readonly slug: string) {}

	get show() {
		return this.#show;
	}
	get error() {
		return this.#error;
	}
	/** Server-corrected now, epoch ms; ticks while `tick()` runs. */
	get now() {
		return this.#now;
	}
	get phase() {
		return this.#show ? publicPhase(this.#show, this.#now) : null;
	}
	get countdown() {
		return splitCountdown(this.#show ? this.#show.startsAt - this.#now : 0);
	}

	async load() {
		this.#error = null;
		const sent = Date.now();
		try {
			const show = await call(publicEndpoints.show, { params: { slug: this.slug } });
			// The answer was written about halfway through the round trip.
			this.#offset = show.serverNow - (sent + Date.now()) / 2;
			this.#show = show;
			this.#now = Date.now() + this.#offset;
		} catch (err) {
			this.#error = ApiError.from(err);
		}
	}

	/** Starts the once-a-second clock; answers the function that stops it. */
	tick(): () => void {
		const timer = setInterval(() => (this.#now = Date.now() + this.#offset), 250);
		return () => clearInterval(timer);
	}
}
