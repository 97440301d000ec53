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
		if (path !== ':memory:') {
			sqlite.pragma('journal_mode = WAL');
			checkpointOffTheCommandPath(sqlite);
		}
		// With WAL, NORMAL syncs at checkpoints, not at every commit: a commit is in the WAL file
		// (the OS's page cache) when it returns, so it survives the process being killed (kill -9,
		// a crash), not a power cut or kernel crash (docs/reliability.md).
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

/** How often the WAL is copied back into the database file, ms. */
export const CHECKPOINT_INTERVAL_MS = 1_000;
/** Pages in the WAL after which a commit checkpoints anyway (a safety net: about 32 MB). */
const AUTOCHECKPOINT_PAGES = 8_000;

/**
 * SQLite's automatic checkpoint runs inside the commit that crosses wal_autocheckpoint (1,000
 * pages by default, every few hundred live commands) and syncs the WAL and the database file
 * there: that commit takes milliseconds instead of a tenth of one (the p99 of the command path).
 * Here a timer runs a PASSIVE checkpoint (it never waits for readers or writers) every
 * CHECKPOINT_INTERVAL_MS between commands instead, and the automatic one is kept only as a safety
 * net far above what a second of commands writes.
 */
function checkpointOffTheCommandPath(sqlite: Database.Database) {
	sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
	const timer = setInterval(() => {
		if (!sqlite.open) return clearInterval(timer);
		try {
			sqlite.pragma('wal_checkpoint(PASSIVE)');
		} catch {
			// Busy or closing: the next tick (or the safety net) checkpoints.
		}
	}, CHECKPOINT_INTERVAL_MS);
	timer.unref();
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
