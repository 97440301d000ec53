/**
 * Opening the database: checks first (read-only, so a bad file is left untouched), then WAL,
 * foreign keys and the migrations in drizzle/.
 */
import Database from 'better-sqlite3';
import { drizzle, type BetterSQLite3Database } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { readMigrationFiles } from 'drizzle-orm/migrator';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Worker } from 'node:worker_threads';
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
 * Keeps the WAL's syncs out of the commits, and off the server's thread. SQLite's automatic
 * checkpoint runs *inside* the commit that takes the WAL past wal_autocheckpoint (1,000 pages,
 * every few hundred live commands) and syncs the WAL and the database file there; and the first
 * commit after any complete checkpoint restarts the WAL, which syncs its header. Either makes that
 * one commit take milliseconds instead of a tenth of one: the p99 of the command path. Here a timer
 * decides, every CHECKPOINT_TICK_MS, to checkpoint when nothing was written since the last tick
 * (the show is idle) or when the WAL has grown past CHECKPOINT_WAL_BYTES; the checkpoint itself (a
 * PASSIVE one, which never waits for readers or writers) and then a no-op write (user_version set
 * to itself) that restarts the WAL, so the header's sync is paid there too, run in a worker thread
 * on a connection of its own: copying a thousand pages and syncing both files takes tens of
 * milliseconds, during which the server's thread goes on answering commands instead of waiting.
 * The automatic checkpoint stays only as a safety net.
 */
function checkpointOffTheCommandPath(sqlite: Database.Database, path: string) {
	sqlite.pragma(`wal_autocheckpoint = ${AUTOCHECKPOINT_PAGES}`);
	const changes = sqlite.prepare('SELECT total_changes() AS n').pluck();
	const walPath = `${path}-wal`;
	const checkpointer = new Checkpointer(path);
	checkpointers.set(sqlite, checkpointer);
	let seen = -1;
	// Written since the last complete checkpoint (the WAL holds frames the database file does not).
	let dirty = true;
	const tick = () => {
		if (!sqlite.open) return stop();
		if (checkpointer.busy) return;
		try {
			const now = changes.get() as number;
			const wrote = now !== seen;
			seen = now;
			dirty ||= wrote;
			if (!dirty || (wrote && walBytes(walPath) < CHECKPOINT_WAL_BYTES)) return;
			void checkpointer.run().then((complete) => {
				// Complete, and nothing written meanwhile (that could still be in the WAL only).
				if (complete && sqlite.open && changes.get() === now) dirty = false;
			});
		} catch {
			// Closing: the next tick stops.
		}
	};
	const timer = setInterval(tick, CHECKPOINT_TICK_MS);
	timer.unref();
	const stop = () => {
		clearInterval(timer);
		checkpointer.stop();
	};
	// Closing the database ends the worker's connection too.
	const close = sqlite.close.bind(sqlite);
	sqlite.close = () => {
		stop();
		return close();
	};
}

/**
 * The worker's code (CommonJS, evaluated: the same in the bundled server and under tsx): on each
 * message a PASSIVE checkpoint and, when it copied the whole WAL, the no-op write that restarts it;
 * answers whether the checkpoint was complete.
 */
const CHECKPOINT_WORKER = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require(workerData.driver);
const db = new Database(workerData.path, { fileMustExist: true, timeout: 5000 });
parentPort.on('message', (message) => {
	if (message === 'stop') {
		db.close();
		parentPort.close();
		return;
	}
	let complete = false;
	try {
		const [result] = db.pragma('wal_checkpoint(PASSIVE)');
		if (result && result.busy === 0 && result.checkpointed === result.log) {
			if (result.log > 0) db.pragma('user_version = ' + Number(db.pragma('user_version', { simple: true })));
			complete = true;
		}
	} catch {
		// Busy: the next tick (or the safety net) checkpoints.
	}
	parentPort.postMessage(complete);
});
`;

/** The checkpoint's worker thread: one checkpoint at a time; started on the first. */
class Checkpointer {
	#worker: Worker | null = null;
	#pending: Promise<boolean> | null = null;
	#stopped = false;

	constructor(private readonly path: string) {}

	get busy(): boolean {
		return this.#pending !== null;
	}

	/** Runs a checkpoint; answers whether it was complete (false when it failed or the worker stopped). */
	run(): Promise<boolean> {
		if (this.#stopped) return Promise.resolve(false);
		if (this.#pending) return this.#pending;
		const worker = (this.#worker ??= this.#start());
		this.#pending = new Promise<boolean>((resolve) => {
			const done = (complete: boolean) => {
				worker.off('message', done);
				worker.off('exit', failed);
				this.#pending = null;
				resolve(complete);
			};
			const failed = () => done(false);
			worker.on('message', done);
			worker.once('exit', failed);
			worker.postMessage('run');
		});
		return this.#pending;
	}

	/** Resolves once no checkpoint is running (tests). */
	async settled(): Promise<void> {
		while (this.#pending) await this.#pending;
	}

	stop() {
		this.#stopped = true;
		this.#worker?.postMessage('stop');
		this.#worker = null;
	}

	#start(): Worker {
		const worker = new Worker(CHECKPOINT_WORKER, {
			eval: true,
			workerData: { driver: createRequire(import.meta.url).resolve('better-sqlite3'), path: this.path },
			// Plain Node (no TypeScript loader), and a small heap: it holds one statement.
			execArgv: [],
			resourceLimits: { maxOldGenerationSizeMb: 16, maxYoungGenerationSizeMb: 2 },
			stdout: false,
			stderr: false
		});
		worker.on('error', () => {}); // a failed checkpoint is retried by a later tick
		worker.once('exit', () => {
			if (this.#worker === worker) this.#worker = null;
		});
		worker.unref();
		return worker;
	}
}

const checkpointers = new WeakMap<Database.Database, Checkpointer>();

/** The checkpointer of a database file opened by openDatabase (tests wait for it to settle). */
export function checkpointerOf(sqlite: Database.Database): Pick<Checkpointer, 'settled' | 'busy'> | undefined {
	return checkpointers.get(sqlite);
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
