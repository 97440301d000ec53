/**
 * Sign-in throttling per account and per client address, with exponential backoff: the first
 * FREE_FAILURES wrong passwords cost nothing, each one after that doubles the wait (1 s, 2 s, 4 s …
 * up to 15 minutes) before that account, or that address, may try again. A good sign-in clears the
 * account's count and the address's. Kept in memory (a restart forgets it), bounded in size.
 */

export const FREE_FAILURES = 5;
const BASE_MS = 1000;
export const MAX_WAIT_MS = 15 * 60 * 1000;
/** Failures older than this are forgotten. */
const FORGET_MS = 60 * 60 * 1000;
const MAX_KEYS = 10_000;

interface Record {
	failures: number;
	lastAt: number;
	until: number;
}

export class SignInThrottle {
	readonly #records = new Map<string, Record>();

	/** ms until `username` from `address` may try again; 0 when it may now. */
	waitMs(username: string, address: string, now: number): number {
		return Math.max(0, ...this.#keys(username, address).map((key) => (this.#records.get(key)?.until ?? now) - now));
	}

	failed(username: string, address: string, now: number) {
		for (const key of this.#keys(username, address)) {
			const previous = this.#records.get(key);
			const failures = previous && now - previous.lastAt < FORGET_MS ? previous.failures + 1 : 1;
			const wait = failures <= FREE_FAILURES ? 0 : Math.min(MAX_WAIT_MS, BASE_MS * 2 ** (failures - FREE_FAILURES - 1));
			this.#records.delete(key);
			this.#records.set(key, { failures, lastAt: now, until: now + wait });
		}
		// The oldest go first (a Map keeps insertion order, and a key is re-inserted on every failure).
		while (this.#records.size > MAX_KEYS) this.#records.delete(this.#records.keys().next().value!);
	}

	succeeded(username: string, address: string) {
		for (const key of this.#keys(username, address)) this.#records.delete(key);
	}

	#keys(username: string, address: string): string[] {
		return [`account:${username.trim().toLowerCase()}`, `address:${address}`];
	}
}
