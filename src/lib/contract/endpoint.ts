/**
 * What one HTTP endpoint is: method, path, the zod schemas of its params, query, body and answer,
 * who may call it, and the error codes it can answer. The table of all of them is endpoints.ts;
 * the server registers its routes from it, the client calls by it, the OpenAPI document and
 * docs/api.md are generated from it.
 */
import type { z } from 'zod';
import type { ErrorCode } from './errors';

export type HttpMethod = 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
/** `public`: anyone; `session`: a signed-in coordinator (cookie); `token`: a show link's token (`Authorization: Bearer`). */
export type AuthKind = 'public' | 'session' | 'token';

export interface EndpointSpec {
	method: HttpMethod;
	/** Fastify's syntax: `/api/shows/:id`. */
	path: string;
	auth: AuthKind;
	/** One line for docs/api.md and the OpenAPI summary. */
	summary: string;
	params?: z.ZodType;
	query?: z.ZodType;
	/** The JSON body; an upload (`upload: true`) takes a multipart `file` field instead. */
	body?: z.ZodType;
	upload?: boolean;
	/** Status of success; 200 when absent. */
	status?: 200 | 201 | 204;
	/** JSON answer; absent for 204 and for non-JSON answers (`contentType`). */
	response?: z.ZodType;
	/** Non-JSON answers: the content type sent (xlsx, svg, the CA certificate, HTML). */
	contentType?: string;
	/** Error codes besides the ones every endpoint of its kind can answer (see `errorsOf`). */
	errors?: readonly ErrorCode[];
	/** Present only when the UI is built (the page routes). */
	ui?: boolean;
}

export type Endpoint<S extends EndpointSpec = EndpointSpec> = S & { name: string };

/**
 * An endpoint's address only (method, path, content type), typed as its whole entry `E`: what the
 * client needs at run time, for pages that must not load the entries' zod schemas.
 */
export type EndpointRef<E extends EndpointSpec> = Pick<EndpointSpec, 'method' | 'path' | 'contentType'> & { readonly entry?: E };

/** Every error code the endpoint can answer: its own plus the ones its kind, method and inputs bring. */
export function errorsOf(endpoint: EndpointSpec): ErrorCode[] {
	const codes = new Set<ErrorCode>();
	if (endpoint.auth === 'session') codes.add('UNAUTHENTICATED');
	if (endpoint.method !== 'GET' && endpoint.path.startsWith('/api/')) codes.add('CROSS_SITE_REQUEST');
	if (endpoint.params || endpoint.query || endpoint.body) codes.add('VALIDATION');
	if (endpoint.body) for (const code of ['INVALID_JSON', 'UNSUPPORTED_MEDIA_TYPE', 'BODY_TOO_LARGE'] as const) codes.add(code);
	if (endpoint.upload) for (const code of ['NO_FILE', 'UNSUPPORTED_MEDIA_TYPE', 'FILE_TOO_LARGE'] as const) codes.add(code);
	for (const code of endpoint.errors ?? []) codes.add(code);
	return [...codes];
}

/** An area of the table (`shows`), each entry named `area.key` (`shows.get`). */
export function area<const T extends Record<string, EndpointSpec>>(name: string, specs: T): { [K in keyof T]: T[K] & { name: string } } {
	return Object.fromEntries(Object.entries(specs).map(([key, spec]) => [key, { ...spec, name: `${name}.${key}` }])) as { [K in keyof T]: T[K] & { name: string } };
}
