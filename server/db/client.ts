/**
 * Opening the database: checks first (read-only, so a bad file is left untouched), then WAL,
 * foreign keys and the migrations in drizzle/.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync, statSync } from 'node:fs';
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
			checkpointOffTheCommandPath(sqlite, path);
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

/** How often the checkpointer looks at the WAL, ms. */
export const CHECKPOINT_TICK_MS = 250;
/** A WAL larger than this is checkpointed at the next tick even while commands keep coming (about 1,000 pages). */
const CHECKPOINT_WAL_BYTES = 4 * 1024 * 1024;
/** Pages in the WAL after which a commit checkpoints anyway (a safety net: about 32 MB). */
const AUTOCHECKPOINT_PAGES = 8_000;

/**
 * Keeps the WAL's syncs out of the commits. SQLite's automatic checkpoint runs *inside* the commit
 * that takes the WAL past wal_autocheckpoint (1,000 pages, every few hundred live commands) and
 * syncs the WAL and the database file there; and the first commit after any complete checkpoint
 * restarts the WAL, which syncs its header. Either makes that one commit take milliseconds instead
 * of a tenth of one: the p99 of the command path. Here a timer does both between commands: every
 * CHECKPOINT_TICK_MS it runs a PASSIVE checkpoint (which never waits for readers or writers) when
 * nothing was written since the last tick (the show is idle) or when the WAL has grown past
 * CHECKPOINT_WAL_BYTES, and then a no-op write (user_version set to itself) restarts the WAL so
 * the header's sync is paid here too. The automatic checkpoint stays only as a safety net.
 */
function checkpointOffTheCommandPath(sqlite: Database.Database, path: string) {
	sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
	const changes = sqlite.prepare('SELECT total_changes() AS n').pluck();
	const walPath = `${path}-wal`;
	let seen = -1;
	// Written since the last complete checkpoint (the WAL holds frames the database file does not).
	let dirty = true;
	const tick = () => {
		if (!sqlite.open) return clearInterval(timer);
		try {
			const now = changes.get() as number;
			const wrote = now !== seen;
			seen = now;
			dirty ||= wrote;
			if (!dirty || (wrote && walBytes(walPath) < CHECKPOINT_WAL_BYTES)) return;
			const [result] = sqlite.pragma('wal_checkpoint(PASSIVE)') as { busy: number; log: number; checkpointed: number }[];
			if (result && result.busy === 0 && result.checkpointed === result.log) {
				// Complete: restart the WAL now, not in the next command's commit.
				if (result.log > 0) sqlite.pragma(`user_version = ${Number(sqlite.pragma('user_version', { simple: true }))}`);
				seen = changes.get() as number;
				dirty = false;
			}
		} catch {
			// Busy or closing: the next tick (or the safety net) checkpoints.
		}
	};
	const timer = setInterval(tick, CHECKPOINT_TICK_MS);
	timer.unref();
}

function walBytes(walPath: string): number {
	try {
		return statSync(walPath).size;
	} catch {
		return 0;
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
