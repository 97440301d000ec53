/**
 * `npm run backup [-- FILE]` or `npm run backup -- --to DIR [--keep N]`: a consistent copy of the database while the server keeps running
 * (SQLite's online backup API, which copies a snapshot even as shows write to it), checked with
 * `PRAGMA integrity_check`. Without FILE it writes data/backups/showcall-<time>.db beside the
 * database; with `--to DIR` it writes showcall-<time>.db into DIR and, with `--keep N`, then deletes
 * all but the N newest showcall-*.db there (for a timer: docs/deploy.md). Restore: stop the server, copy the backup over DATABASE_PATH (and delete its -wal and
 * -shm files), start it again.
 */
import Database from 'better-sqlite3';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync } from 'node:fs';
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
	// A single file: the copy leaves WAL mode (the server turns it back on when it opens a restored
	// copy), so no -wal and -shm files are left beside it.
	const copy = new Database(target, { fileMustExist: true });
	try {
		copy.pragma('journal_mode = DELETE');
		const check = copy.pragma('integrity_check', { simple: true });
		if (check !== 'ok') throw new Error(`the backup ${target} failed its integrity check: ${check}`);
	} finally {
		copy.close();
	}
	return { target, bytes: statSync(target).size };
}

/** `showcall-YYYYMMDD-HHMMSS.db` (UTC): names that sort by time. */
export function backupName(now = new Date()): string {
	return `showcall-${now.toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15)}.db`;
}

export function defaultBackupPath(databasePath: string, now = new Date()): string {
	return join(dirname(resolve(databasePath)), 'backups', backupName(now));
}

const BACKUP_FILE = /^showcall-\d{8}-\d{6}\.db$/;

/** Deletes all but the `keep` newest backups Showcall named in `dir`; answers the deleted paths. */
export function rotateBackups(dir: string, keep: number): string[] {
	const names = readdirSync(dir).filter((name) => BACKUP_FILE.test(name)).sort();
	const doomed = names.slice(0, Math.max(0, names.length - keep)).map((name) => join(dir, name));
	for (const path of doomed) rmSync(path);
	return doomed;
}

export interface BackupArgs {
	/** A file to write, or null for a folder of timed copies. */
	file: string | null;
	dir: string | null;
	keep: number | null;
}

/** `[FILE]` or `--to DIR [--keep N]`; throws with a usage line on anything else. */
export function parseBackupArgs(args: string[]): BackupArgs {
	const usage = 'usage: npm run backup [-- FILE] | npm run backup -- --to DIR [--keep N]';
	const parsed: BackupArgs = { file: null, dir: null, keep: null };
	for (let i = 0; i < args.length; i++) {
		const arg = args[i];
		if (arg === '--to' || arg === '--keep') {
			const value = args[++i];
			if (value === undefined) throw new Error(`${arg} needs a value; ${usage}`);
			if (arg === '--to') parsed.dir = value;
			else if (/^[1-9]\d{0,4}$/.test(value)) parsed.keep = Number(value);
			else throw new Error(`--keep takes a whole number from 1, got "${value}"; ${usage}`);
		} else if (!arg.startsWith('-') && parsed.file === null) parsed.file = arg;
		else throw new Error(`unexpected "${arg}"; ${usage}`);
	}
	if (parsed.file !== null && (parsed.dir !== null || parsed.keep !== null)) throw new Error(`give a FILE or --to DIR, not both; ${usage}`);
	if (parsed.keep !== null && parsed.dir === null) throw new Error(`--keep goes with --to DIR; ${usage}`);
	return parsed;
}

async function main() {
	try {
		const args = parseBackupArgs(process.argv.slice(2));
		const config = loadConfig();
		const target = resolve(args.file ?? (args.dir !== null ? join(args.dir, backupName()) : defaultBackupPath(config.databasePath)));
		const { bytes } = await backupDatabase(config.databasePath, target);
		console.log(`showcall: backed up ${config.databasePath} to ${target} (${(bytes / 1024).toFixed(0)} KB, integrity ok)`);
		if (args.dir !== null && args.keep !== null) {
			for (const path of rotateBackups(resolve(args.dir), args.keep)) console.log(`showcall: removed the older backup ${path}`);
		}
	} catch (err) {
		console.error(`showcall: backup failed: ${err instanceof ConfigError ? err.message : (err as Error).message}`);
		process.exit(1);
	}
}

if (process.argv[1] && resolve(process.argv[1]) === resolve(new URL(import.meta.url).pathname)) await main();
