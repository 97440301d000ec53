/**
 * Failed link-token and session attempts per client address, over HTTP (`Authorization: Bearer`)
 * and the socket handshake together: past `perMinute` failures in a minute an address is refused
 * (`RATE_LIMITED`) without its token being looked up, until the minute is over. Successful
 * connections cost nothing, so a studio of fifty tablets behind one address reconnecting at once
 * after a restart is never slowed down; guessing tokens is. In memory, bounded in size.
 */

/** Failures an address may make in a minute. */
export const AUTH_FAILURES_PER_MINUTE = 30;
const WINDOW_MS = 60_000;
const MAX_ADDRESSES = 10_000;

export class AuthFailures {
	readonly #windows = new Map<string, { start: number; count: number }>();

	constructor(readonly perMinute = AUTH_FAILURES_PER_MINUTE) {}

	/** Whether `address` has used up its failures for the current minute. */
	blocked(address: string, now: number): boolean {
		const window = this.#windows.get(address);
		return window !== undefined && now - window.start < WINDOW_MS && window.count >= this.perMinute;
	}

	failed(address: string, now: number) {
		const window = this.#windows.get(address);
		if (window && now - window.start < WINDOW_MS) window.count++;
		else {
			this.#windows.delete(address);
			this.#windows.set(address, { start: now, count: 1 });
			// The oldest windows go first (insertion order).
			while (this.#windows.size > MAX_ADDRESSES) this.#windows.delete(this.#windows.keys().next().value!);
		}
	}
}
