/**
 * Reading JSON columns back: every one is parsed with the contract's schema at the repository
 * boundary, never cast. A value that does not parse (a corrupted row, text that is not JSON, a shape
 * an older build wrote) is logged with its table, column and row id (never the value: it may hold
 * personal data) and the row is left out, or the column repaired to its empty value where that is
 * sensible (a segment's cues, a product's catalogues).
 */
import type { FastifyBaseLogger } from 'fastify';
import type { z } from 'zod';

/** Where unreadable rows are reported: the app's pino logger (`app.log`), or nothing in bare tests. */
export type RowLog = Pick<FastifyBaseLogger, 'warn'>;

export const silentRowLog: RowLog = { warn: () => undefined };

export interface RowRef {
	table: string;
	column: string;
	id: string | number;
}

/** The value parsed by `schema`, or undefined (logged) when it does not parse. */
export function readJson<S extends z.ZodType>(log: RowLog, schema: S, value: unknown, ref: RowRef, outcome: 'skipped' | 'repaired' = 'skipped'): z.output<S> | undefined {
	const parsed = schema.safeParse(value);
	if (parsed.success) return parsed.data;
	const issues = parsed.error.issues.slice(0, 3).map((i) => ({ path: i.path.map(String).join('.'), code: i.code }));
	log.warn({ table: ref.table, column: ref.column, rowId: ref.id, issues, outcome }, `stored ${ref.table}.${ref.column} does not parse; row ${outcome}`);
	return undefined;
}

/** The value parsed by `schema`, or `fallback` (logged as repaired) when it does not parse. */
export function readJsonOr<S extends z.ZodType>(log: RowLog, schema: S, value: unknown, ref: RowRef, fallback: z.output<S>): z.output<S> {
	const parsed = readJson(log, schema, value, ref, 'repaired');
	return parsed === undefined ? fallback : parsed;
}
