/**
 * Field issues from zod errors, shaped like the API's `fields` (dotted paths, params for the UI's
 * messages), and the patch schemas of the API: every field optional, no defaults filled in, so a
 * PATCH changes only what it names.
 */
import { z } from 'zod';
import type { FieldIssue } from './errors';

/** Field-level issues from a zod error, paths dotted (`platforms.0.roomUrl`). */
export function zodFieldIssues(error: z.ZodError): FieldIssue[] {
	return error.issues.map((issue) => {
		const params: Record<string, string | number | boolean> = {};
		for (const key of ['minimum', 'maximum', 'expected', 'format', 'origin', 'inclusive'] as const) {
			const v = (issue as unknown as Record<string, unknown>)[key];
			if (typeof v === 'string' || typeof v === 'number' || typeof v === 'boolean') params[key] = v;
			else if (typeof v === 'bigint') params[key] = Number(v);
		}
		if (issue.code === 'unrecognized_keys') params.keys = issue.keys.join(', ');
		if (issue.code === 'custom' && issue.params && typeof issue.params.reason === 'string') params.reason = issue.params.reason;
		return { path: issue.path.map(String).join('.'), code: issue.code, message: issue.message, ...(Object.keys(params).length ? { params } : {}) };
	});
}

/** The value at a dotted path (`platforms.0.roomUrl`) of an object, or undefined: where a field issue's path points. */
export function valueAt(root: unknown, path: string): unknown {
	let at: unknown = root;
	for (const part of path.split('.')) {
		if (at === null || typeof at !== 'object') return undefined;
		at = (at as Record<string, unknown>)[part];
	}
	return at;
}

type Unwrapped<T> = T extends z.ZodDefault<infer Inner> ? Inner : T;
export type PatchShape<S extends Record<string, z.ZodType>> = { [K in keyof S]: z.ZodOptional<Unwrapped<S[K]>> };

/**
 * The shape of a PATCH body: each field of `shape` optional and without its default (zod 4's
 * `.partial()` would fill defaults in and so overwrite fields the request did not name).
 */
export function patchShape<S extends Record<string, z.ZodType>>(shape: S): PatchShape<S> {
	return Object.fromEntries(
		Object.entries(shape).map(([key, schema]) => [key, (schema instanceof z.ZodDefault ? (schema.unwrap() as z.ZodType) : schema).optional()])
	) as PatchShape<S>;
}

/** `expectedVersion`: the version the editor loaded; a save naming an older one is refused (409 STALE_VERSION). */
export const expectedVersion = z.number().int().positive();
