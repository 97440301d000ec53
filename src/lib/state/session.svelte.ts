/**
 * Who is signed in. Loaded once by the coordinator layout; sign-in and sign-out go through here.
 */
import { goto } from '$app/navigation';
import { page } from '$app/state';
import { ApiError, call } from '$lib/api/client';
import { sessionCalls } from '$lib/contract/endpoints/session.calls';
import type { SessionAccount } from '$lib/contract/session';

class SessionState {
	#account = $state<SessionAccount | null>(null);
	#loaded = $state(false);

	get account() {
		return this.#account;
	}

	get loaded() {
		return this.#loaded;
	}

	/** Asks the server who is signed in; null when nobody is. */
	async load(): Promise<SessionAccount | null> {
		try {
			this.#account = (await call(sessionCalls.get)).account;
		} catch (err) {
			if (!(err instanceof ApiError) || err.status !== 401) throw err;
			this.#account = null;
		} finally {
			this.#loaded = true;
		}
		return this.#account;
	}

	async signIn(username: string, password: string) {
		this.#account = (await call(sessionCalls.signIn, { body: { username, password } })).account;
		this.#loaded = true;
	}

	async signOut() {
		await call(sessionCalls.signOut);
		this.#account = null;
	}

	/** Forget the account locally (the server said the session is gone). */
	expire() {
		this.#account = null;
	}
}

export const session = new SessionState();

/** The session is gone (or never was): to sign-in, and back to this page afterwards. */
export function toSignIn() {
	session.expire();
	void goto(`/login?next=${encodeURIComponent(page.url.pathname + page.url.search)}`, { replaceState: true });
}
