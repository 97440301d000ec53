import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildApp } from '../../server/app';
import { openDatabase } from '../../server/db/client';
import { seed } from '../../server/seed/seed.service';
import { backupDatabase, backupName, defaultBackupPath, parseBackupArgs, rotateBackups } from '../../scripts/backup';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'showcall-backup-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('backup', () => {
	it('copies a database that is being written to, and the copy opens as Showcall', async () => {
		const path = join(dir, 'showcall.db');
		const db = openDatabase(path);
		const app = await buildApp({ db });
		await seed(app.deps, 'backup-password');
		const showId = app.deps.repos.shows.list()[0].id;
		// Keep writing while the backup runs.
		let writes = 0;
		let firstWrite!: () => void;
		const writing = new Promise<void>((resolve) => (firstWrite = resolve));
		const writer = setInterval(() => {
			db.$client.prepare('UPDATE shows SET version = version + 1 WHERE id = ?').run(showId);
			if (++writes === 1) firstWrite();
		}, 1);
		// The backup starts once the writer is under way (on a loaded machine the first tick can come late).
		await writing;
		const target = join(dir, 'copies', 'backup.db');
		const result = await backupDatabase(path, target);
		clearInterval(writer);
		await app.close();
		db.$client.close();
		expect(result.bytes).toBeGreaterThan(0);
		expect(writes).toBeGreaterThan(0);

		const restored = openDatabase(target);
		const copy = await buildApp({ db: restored });
		expect(copy.deps.repos.shows.list().map((s) => s.title)).toContainEqual(expect.stringContaining('荆楚好味道'));
		await copy.close();
		restored.$client.close();
	});

	it('refuses to overwrite, to back up :memory:, or a missing file', async () => {
		const path = join(dir, 'a.db');
		openDatabase(path).$client.close();
		await backupDatabase(path, join(dir, 'b.db'));
		await expect(backupDatabase(path, join(dir, 'b.db'))).rejects.toThrow(/already exists/);
		await expect(backupDatabase(':memory:', join(dir, 'c.db'))).rejects.toThrow(/:memory:/);
		await expect(backupDatabase(join(dir, 'missing.db'), join(dir, 'd.db'))).rejects.toThrow(/does not exist/);
	});

	it('runs as npm run backup with DATABASE_PATH, and names its file by the time', () => {
		const path = join(dir, 'live.db');
		openDatabase(path).$client.close();
		const target = join(dir, 'out.db');
		const run = spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], {
			cwd: new URL('../..', import.meta.url).pathname,
			env: { ...process.env, DATABASE_PATH: path },
			encoding: 'utf8'
		});
		expect(run.status, run.stderr).toBe(0);
		expect(run.stdout).toContain('integrity ok');
		expect(existsSync(target)).toBe(true);
		expect(defaultBackupPath('data/showcall.db', new Date('2026-12-12T11:30:05Z'))).toMatch(/data\/backups\/showcall-20261212-113005\.db$/);
	});

	it('--to DIR --keep N writes a timed copy into DIR and keeps the N newest of its own files', () => {
		const path = join(dir, 'live.db');
		openDatabase(path).$client.close();
		const folder = join(dir, 'rotated');
		const run = () =>
			spawnSync(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', '--to', folder, '--keep', '2'], {
				cwd: new URL('../..', import.meta.url).pathname,
				env: { ...process.env, DATABASE_PATH: path },
				encoding: 'utf8'
			});
		const first = run();
		expect(first.status, first.stderr).toBe(0);
		const [made] = readdirSync(folder);
		expect(made).toMatch(/^showcall-\d{8}-\d{6}\.db$/);
		// Older copies and a file of someone else's beside them.
		for (const stamp of ['2026-01-01T00:00:00Z', '2026-02-01T00:00:00Z', '2026-03-01T00:00:00Z']) writeFileSync(join(folder, backupName(new Date(stamp))), 'old');
		writeFileSync(join(folder, 'notes.txt'), 'keep me');
		const removed = rotateBackups(folder, 2);
		expect(removed.map((p) => p.slice(folder.length + 1))).toEqual(['showcall-20260101-000000.db', 'showcall-20260201-000000.db']);
		expect(readdirSync(folder).sort()).toEqual(['notes.txt', 'showcall-20260301-000000.db', made].sort());
	});

	it('refuses backup arguments it does not understand, with the usage', () => {
		expect(parseBackupArgs([])).toEqual({ file: null, dir: null, keep: null });
		expect(parseBackupArgs(['x.db'])).toEqual({ file: 'x.db', dir: null, keep: null });
		expect(parseBackupArgs(['--to', 'd', '--keep', '7'])).toEqual({ file: null, dir: 'd', keep: 7 });
		for (const bad of [['--keep', '3'], ['--to'], ['--to', 'd', '--keep', '0'], ['--to', 'd', '--keep', 'many'], ['x.db', '--to', 'd'], ['--force']]) {
			expect(() => parseBackupArgs(bad), bad.join(' ')).toThrow(/usage: npm run backup/);
		}
	});
});
