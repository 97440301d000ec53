import { or, sql, type SQL } from 'drizzle-orm';
import type { SQLiteColumn } from 'drizzle-orm/sqlite-core';

/** A LIKE pattern matching `text` anywhere, with LIKE's wildcards taken literally. */
export function containsPattern(text: string): string {
	return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/** True when any of `columns` contains `text` (SQLite's LIKE: case-insensitive for ASCII). */
export function anyContains(text: string, columns: SQLiteColumn[]): SQL {
	const pattern = containsPattern(text);
	return or(...columns.map((column) => sql`${column} LIKE ${pattern} ESCAPE '\\'`))!;
}
