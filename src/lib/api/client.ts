/**
 * The typed fetch client for the HTTP API. Every failure becomes an ApiError carrying the API's
 * code (or NETWORK when the server could not be reached) and, for VALIDATION, the field issues.
 */
import type { ApiErrorBody, FieldIssue } from '$lib/contract/errors';

export class ApiError extends Error {
	constructor(
		readonly status: number,
		readonly code: string,
		message: string,
		readonly fields: FieldIssue[] = []
	) {
		super(message);
	}

	/** Any failure as an ApiError (an unexpected one becomes INTERNAL). */
	static from(err: unknown): ApiError {
		return err instanceof ApiError ? err : new ApiError(0, 'INTERNAL', String(err));
	}

	/** The issue for one field path, if any (`platforms.0.roomUrl`). */
	fieldIssue(path: string): FieldIssue | undefined {
		return this.fields.find((f) => f.path === path);
	}
}

/** Called on every 401 from a session route, so the app can send the user to sign-in. */
let onUnauthenticated: (() => void) | null = null;
export function setUnauthenticatedHandler(handler: () => void) {
	onUnauthenticated = handler;
}

/** `as: 'text'` answers the body of a successful response as text (an SVG); errors are JSON either way. */
async function request<T>(method: string, path: string, body?: unknown, init: RequestInit = {}, as: 'json' | 'text' = 'json'): Promise<T> {
	let response: Response;
	try {
		response = await fetch(path, {
			method,
			credentials: 'same-origin',
			...init,
			headers: {
				accept: 'application/json',
				...(body !== undefined && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
				...init.headers
			},
			body: body === undefined ? undefined : body instanceof FormData ? body : JSON.stringify(body)
		});
	} catch (err) {
		if ((err as Error).name === 'AbortError') throw err;
		throw new ApiError(0, 'NETWORK', 'Cannot reach the server');
	}
	const isJson = response.headers.get('content-type')?.includes('application/json');
	const payload = isJson ? await response.json() : response.ok && as === 'text' ? await response.text() : undefined;
	if (!response.ok) {
		const error = (payload as ApiErrorBody | undefined)?.error;
		if (response.status === 401 && error?.code === 'UNAUTHENTICATED') onUnauthenticated?.();
		throw new ApiError(response.status, error?.code ?? 'INTERNAL', error?.message ?? response.statusText, error?.fields);
	}
	return payload as T;
}

export const api = {
	get: <T>(path: string, init?: RequestInit) => request<T>('GET', path, undefined, init),
	text: (path: string, init?: RequestInit) => request<string>('GET', path, undefined, init, 'text'),
	post: <T>(path: string, body?: unknown, init?: RequestInit) => request<T>('POST', path, body ?? {}, init),
	put: <T>(path: string, body: unknown, init?: RequestInit) => request<T>('PUT', path, body, init),
	patch: <T>(path: string, body: unknown, init?: RequestInit) => request<T>('PATCH', path, body, init),
	delete: <T>(path: string, init?: RequestInit) => request<T>('DELETE', path, undefined, init)
};
