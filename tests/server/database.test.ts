import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DatabaseError, openDatabase } from '../../server/db/client';

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
