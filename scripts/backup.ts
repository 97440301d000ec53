/**
 * `npm run backup [-- FILE]`: a consistent copy of the database while the server keeps running
 * (SQLite's online backup API, which copies a snapshot even as shows write to it), checked with
 * `PRAGMA integrity_check`. Without FILE it writes data/backups/showcall-<time>.db beside the
 * database. Restore: stop the server, copy the backup over DATABASE_PATH (and delete its -wal and
 * -shm files), start it again.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, statSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { ConfigError, loadConfig } from '../server/config';

export async function backupDatabase(source: string, target: string): Promise<{ target: string; bytes: number }> {
	if (source === ':memory:') throw new Error('DATABASE_PATH is :memory:; there is nothing on disk to back up');
	if (!existsSync(source)) throw new Error(`DATABASE_PATH ${source} does not exist`);
	if (existsSync(target)) throw new Error(`${target} already exists; choose another file`);
	mkdirSync(dirname(target), { recursive: true });
	const db = new Database(source, { readonly: true, fileMustExist: true });
	try {
		await db.backup(target);
	} finally {
		db.close();
	}
	const copy = new Database(target, { readonly: true });
	try {
		const check = copy.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new Error(`the backup ${target} failed its integrity check: ${check}`);
	} finally {
		copy.close();
	}
	return { target, bytes: statSync(target).size };
}

export function defaultBackupPath(databasePath: string, now = new Date()): string {
	const stamp = now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
	return join(dirname(resolve(databasePath)), 'backups', `showcall-${stamp}.db`);
}

async function main() {
	try {
		const config = loadConfig();
		const target = resolve(process.argv[2] ?? defaultBackupPath(config.databasePath));
		const { bytes } = await backupDatabase(config.databasePath, target);
		console.log(`showcall: backed up ${config.databasePath} to ${target} (${(bytes / 1024).toFixed(0)} KB, integrity ok)`);
	} catch (err) {
		console.error(`showcall: backup failed: ${err instanceof ConfigError ? err.message : (err as Error).message}`);
		process.exit(1);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
