import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { CHECKPOINT_TICK_MS, checkpointerOf, DatabaseError, openDatabase } from '../../server/db/client';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'showcall-db-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

const digest = (path: string) => createHash('sha256').update(readFileSync(path)).digest('hex');

describe('openDatabase', () => {
	it('creates the file, migrates it, and turns on WAL and foreign keys', () => {
		const path = join(dir, 'nested', 'showcall.db');
		const db = openDatabase(path);
		expect(db.$client.pragma('journal_mode', { simple: true })).toBe('wal');
		expect(db.$client.pragma('foreign_keys', { simple: true })).toBe(1);
		const tables = db.$client.prepare("SELECT name FROM sqlite_master WHERE type = 'table'").all() as { name: string }[];
		expect(tables.map((t) => t.name)).toEqual(expect.arrayContaining(['shows', 'segments', 'products', 'people', 'accounts', 'live_events']));
		db.$client.close();
		// A second open finds everything applied and changes nothing.
		const again = openDatabase(path);
		expect(again.$client.prepare('SELECT count(*) AS n FROM __drizzle_migrations').get()).toEqual({ n: expect.any(Number) });
		again.$client.close();
	});

	it('refuses a database written by a newer version and leaves it untouched', () => {
		const path = join(dir, 'newer.db');
		openDatabase(path).$client.close();
		const raw = new Database(path);
		raw.prepare('INSERT INTO __drizzle_migrations (hash, created_at) VALUES (?, ?)').run('future', 9_999_999_999_999);
		raw.pragma('wal_checkpoint(TRUNCATE)');
		raw.close();
		const before = digest(path);
		expect(() => openDatabase(path)).toThrow(DatabaseError);
		expect(() => openDatabase(path)).toThrow(/newer version/);
		expect(digest(path)).toBe(before);
	});

	it('refuses a file that is not a database and leaves it untouched', () => {
		const path = join(dir, 'corrupt.db');
		writeFileSync(path, 'this is not a database, just some text that someone saved here by mistake'.repeat(100));
		const before = digest(path);
		expect(() => openDatabase(path)).toThrow(/not a usable SQLite database/);
		expect(digest(path)).toBe(before);
	});
});

describe('WAL checkpoints off the command path', () => {
	afterEach(() => vi.useRealTimers());

	it('checkpoints between writes, when idle or when the WAL grows large, and restarts the WAL there, in a worker thread', async () => {
		vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
		const path = join(dir, 'wal.db');
		const sqlite = openDatabase(path).$client;
		const checkpointer = checkpointerOf(sqlite)!;
		expect(sqlite.pragma('wal_autocheckpoint', { simple: true })).toBe(8000);
		sqlite.exec('CREATE TABLE t (v TEXT)');
		const insert = sqlite.prepare('INSERT INTO t (v) VALUES (?)');
		const fileSize = () => statSync(path).size;
		/** Frames in the WAL (checkpointing what is there, which the assertions then look at). */
		const walFrames = () => (sqlite.pragma('wal_checkpoint(PASSIVE)') as { log: number }[])[0].log;

		// Writes between every tick and a small WAL: nothing is checkpointed.
		const before = fileSize();
		for (let tick = 0; tick < 3; tick++) {
			for (let i = 0; i < 20; i++) insert.run('x'.repeat(1000));
			vi.advanceTimersByTime(CHECKPOINT_TICK_MS);
			expect(checkpointer.busy).toBe(false);
		}
		expect(fileSize()).toBe(before);

		// A tick with nothing written: checkpointed by the worker (the tick returns at once, the
		// checkpoint still running), and the WAL restarted (one frame: the restart's own write).
		vi.advanceTimersByTime(CHECKPOINT_TICK_MS);
		expect(checkpointer.busy).toBe(true);
		await checkpointer.settled();
		expect(fileSize()).toBeGreaterThan(before);
		expect(walFrames()).toBe(1);

		// Idle again: nothing more to do.
		vi.advanceTimersByTime(CHECKPOINT_TICK_MS);
		expect(checkpointer.busy).toBe(false);

		// Writes keep coming but the WAL passes 4 MB: checkpointed at the next tick all the same.
		for (let i = 0; i < 6000; i++) insert.run('y'.repeat(1000));
		const grown = fileSize();
		vi.advanceTimersByTime(CHECKPOINT_TICK_MS);
		expect(checkpointer.busy).toBe(true);
		await checkpointer.settled();
		expect(fileSize()).toBeGreaterThan(grown);
		expect(walFrames()).toBe(1);
		expect(sqlite.prepare('SELECT count(*) FROM t').pluck().get()).toBe(6060);
		sqlite.close();
	});
});
