/**
 * The typed fetch client for the HTTP API: `call(endpoints.shows.get, { params: { id } })` calls an
 * endpoint of the table (src/lib/contract/endpoints.ts) with typed inputs and result. Every failure becomes an ApiError carrying the API's
 * code (or NETWORK when the server could not be reached) and, for VALIDATION, the field issues.
 */
import type { z } from 'zod';
import type { EndpointRef, EndpointSpec } from '$lib/contract/endpoint';
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


type In<E, K extends string> = E extends { [P in K]: infer S extends z.ZodType } ? z.input<S> : never;

/** The entry behind an endpoint or an EndpointRef. */
type Entry<E> = E extends { readonly entry?: infer F extends EndpointSpec } ? F : E;

/** What `call` takes for an endpoint: its path params, query, JSON body or upload, as its schemas say. */
export type CallInput<R> = CallInputOf<Entry<R>>;
type CallInputOf<E> = ([In<E, 'params'>] extends [never] ? unknown : { params: In<E, 'params'> }) &
	([In<E, 'query'>] extends [never] ? unknown : { query?: In<E, 'query'>; search?: string }) &
	([In<E, 'body'>] extends [never] ? unknown : { body: In<E, 'body'> }) &
	(E extends { upload: true } ? { upload: FormData } : unknown) & { init?: RequestInit };

/** What `call` answers: the response schema's type; text for non-JSON answers; nothing for a 204. */
export type CallResult<R> = CallResultOf<Entry<R>>;
type CallResultOf<E> = E extends { response: infer R extends z.ZodType } ? z.output<R> : E extends { contentType: string } ? string : void;

/**
 * The URL of an endpoint: its path with the params filled in, and the query's defined values (or
 * `search`, a query string as a page's filters hold it).
 */
export function urlOf(endpoint: Pick<EndpointSpec, 'path'>, input: { params?: object; query?: object; search?: string } = {}): string {
	const params = (input.params ?? {}) as Record<string, unknown>;
	const path = endpoint.path.replace(/:(\w+)/g, (_match, name: string) => encodeURIComponent(String(params[name])));
	const query = new URLSearchParams(input.search ?? '');
	for (const [key, value] of Object.entries(input.query ?? {})) if (value !== undefined && value !== null) query.set(key, String(value));
	const search = query.toString();
	return search ? `${path}?${search}` : path;
}

/**
 * Calls an endpoint of the table by name: `call(endpoints.shows.get, { params: { id } })`; the
 * input and the answer are typed from the endpoint's schemas.
 */
export function call<const E extends EndpointSpec | EndpointRef<EndpointSpec>>(endpoint: E, ...[input]: {} extends CallInput<E> ? [input?: CallInput<E>] : [input: CallInput<E>]): Promise<CallResult<E>> {
	const given = (input ?? {}) as { params?: object; query?: object; search?: string; body?: unknown; upload?: FormData; init?: RequestInit };
	const body = given.upload ?? given.body ?? (endpoint.method === 'POST' ? {} : undefined);
	return request<CallResult<E>>(endpoint.method, urlOf(endpoint, given), body, given.init, endpoint.contentType ? 'text' : 'json');
}
