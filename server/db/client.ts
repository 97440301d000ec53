/**
 * Opening the database: checks first (read-only, so a bad file is left untouched), then WAL,
 * foreign keys and the migrations in drizzle/.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as schema from './schema';

export type Db = BetterSQLite3Database<typeof schema> & { $client: Database.Database };

/** Start-up stops with this; the message is one line a person can act on. */
export class DatabaseError extends Error {}

export const MIGRATIONS_FOLDER = fileURLToPath(new URL('../../drizzle', import.meta.url));

export function openDatabase(path: string): Db {
	const migrations = readMigrationFiles({ migrationsFolder: MIGRATIONS_FOLDER });
	if (path !== ':memory:') {
		if (existsSync(path)) inspectExisting(path, migrations);
		else mkdirSync(dirname(path), { recursive: true });
	}

	const sqlite = new Database(path);
	try {
		if (path !== ':memory:') sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('synchronous = NORMAL');
		sqlite.pragma('foreign_keys = ON');
		sqlite.pragma('busy_timeout = 5000');
		const db = drizzle(sqlite, { schema });
		migrate(db, { migrationsFolder: MIGRATIONS_FOLDER });
		return db;
	} catch (err) {
		sqlite.close();
		throw err;
	}
}

/** Refuses a file that is not a healthy SQLite database, or one written by a newer Showcall. */
function inspectExisting(path: string, migrations: { folderMillis: number }[]) {
	let probe: Database.Database;
	try {
		probe = new Database(path, { readonly: true, fileMustExist: true });
	} catch (err) {
		throw new DatabaseError(`DATABASE_PATH ${path} cannot be opened: ${(err as Error).message}`);
	}
	try {
		let check: string;
		try {
			check = String(probe.pragma('quick_check', { simple: true }));
		} catch (err) {
			throw new DatabaseError(`DATABASE_PATH ${path} is not a usable SQLite database (${(err as Error).message}); it was left untouched`);
		}
		if (check !== 'ok') throw new DatabaseError(`DATABASE_PATH ${path} is corrupt (${check}); it was left untouched — restore a backup`);

		const table = probe.prepare("SELECT name FROM sqlite_master WHERE type = 'table' AND name = '__drizzle_migrations'").get();
		if (!table) return;
		const known = new Set(migrations.map((m) => m.folderMillis));
		const applied = probe.prepare('SELECT created_at AS createdAt FROM __drizzle_migrations').all() as { createdAt: number }[];
		const unknown = applied.filter((m) => !known.has(Number(m.createdAt)));
		if (unknown.length > 0) {
			throw new DatabaseError(
				`DATABASE_PATH ${path} was written by a newer version of Showcall (${unknown.length} unknown migration(s)); it was left untouched — update Showcall or use another file`
			);
		}
	} finally {
		probe.close();
	}
}
