/**
 * The host tablet remembers the last host link it opened, so the installed app (whose start URL
 * cannot carry a secret) opens `/host` and goes straight back to the show. Kept in this browser's
 * localStorage only; a refused or replaced link is forgotten.
 */
const KEY = 'showcall.host.lastToken';
const TOKEN = /^[A-Za-z0-9_-]{8,200}$/;

function storage(): Storage | null {
	try {
		return typeof localStorage === 'undefined' ? null : localStorage;
	} catch {
		return null;
	}
}

/** Whether a path segment looks like a link token at all (anything else is refused without asking). */
export function looksLikeToken(token: string): boolean {
	return TOKEN.test(token);
}

export function rememberHostToken(token: string) {
	if (looksLikeToken(token)) storage()?.setItem(KEY, token);
}

/** The host token this device last opened successfully, or null. */
export function lastHostToken(): string | null {
	const token = storage()?.getItem(KEY) ?? null;
	return token && looksLikeToken(token) ? token : null;
}

/** Forgets `token` if it is the one remembered (a dead link must not reopen). */
export function forgetHostToken(token: string) {
	const store = storage();
	if (store?.getItem(KEY) === token) store.removeItem(KEY);
}
