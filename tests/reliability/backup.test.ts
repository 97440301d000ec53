/**
 * Backups under fire: `npm run backup` (scripts/backup.ts, SQLite's online backup) runs while a
 * show is live and a producer keeps sending commands; then the server is lost (kill -9) and the
 * backup restored as the README says (stop, copy over DATABASE_PATH, delete -wal and -shm, start).
 * The show resumes from the copy: the same state and version as in the backup, the screens go back
 * to it by themselves, and the next command takes the next version — one sequence, no gap.
 */
import { spawn } from 'node:child_process';
import { copyFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import type { LiveSheetPayload, LiveWireSnapshot } from '../../src/lib/contract/live';
import { randomCommand } from './support/commands';
import { recordFigures } from './support/figures';
import { auditLog } from './support/log-check';
import { profile, SEED } from './support/profile';
import { rng } from './support/rng';
import { allWelcomedSince, closeAll, openScreens } from './support/screens';
import { freePort, ROOT, ServerProcess, tempDir } from './support/server-process';

const PASSWORD = 'backup-suite-password';
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

/** `npm run backup -- <file>` with DATABASE_PATH, as an operator runs it beside the server. */
function runBackup(databasePath: string, target: string): Promise<{ code: number | null; output: string }> {
	return new Promise((resolve) => {
		const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/backup.ts', target], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath } });
		let output = '';
		child.stdout.on('data', (d) => (output += d));
		child.stderr.on('data', (d) => (output += d));
		child.on('exit', (code) => resolve({ code, output }));
	});
}

describe('backup taken mid-show, restored', () => {
	it('resumes the show from the backup: same state and version, screens follow, the next command takes the next version', async () => {
		const random = rng(SEED).fork('backup');
		const dir = tempDir('showcall-backup-suite-');
		cleanup.push(() => dir.remove());
		const databasePath = join(dir.path, 'showcall.db');
		const backupPath = join(dir.path, 'backups', 'mid-show.db');
		const server = new ServerProcess({ port: await freePort(), databasePath, adminPassword: PASSWORD });
		cleanup.push(() => server.kill9());
		await server.start();
		const show = await server.demoShow(await server.signIn());
		const bearer = { authorization: `Bearer ${show.producerToken}`, 'content-type': 'application/json' };
		await server.json('/api/live/start', { method: 'POST', headers: { authorization: bearer.authorization } });
		const sheet = await server.json<LiveSheetPayload>('/api/live/sheet', { headers: { authorization: bearer.authorization } });
		const screens = await openScreens(server.base, show.hostToken, 10, 'backup');
		cleanup.push(() => closeAll(screens));

		let acknowledged = 1;
		const command = async () => {
			const { type, ...fields } = randomCommand(random, sheet);
			const response = await fetch(`${server.base}/api/live/${type}`, { method: 'POST', headers: bearer, body: JSON.stringify(fields) });
			if (response.status === 200) acknowledged = ((await response.json()) as LiveWireSnapshot).version;
			else expect(response.status).toBeLessThan(500);
		};
		for (let i = 0; i < profile.backup.commandsBefore; i++) await command();

		// The backup runs while commands keep coming.
		const backup = runBackup(databasePath, backupPath);
		let during = 0;
		let finished = false;
		void backup.then(() => (finished = true));
		while (!finished || during < profile.backup.commandsDuring) {
			await command();
			during++;
		}
		const { code, output } = await backup;
		expect(code, output).toBe(0);
		expect(output).toContain('integrity ok');
		const copy = auditLog(backupPath, show.showId);
		expect(copy.integrity).toBe('ok');
		expect(copy.problems).toEqual([]);
		const backedUp = copy.stored!;
		expect(backedUp.version).toBeGreaterThanOrEqual(profile.backup.commandsBefore > 0 ? 2 : 1);
		expect(acknowledged).toBeGreaterThan(backedUp.version);

		// The server is lost; restore as the README says.
		await server.kill9();
		copyFileSync(backupPath, databasePath);
		rmSync(`${databasePath}-wal`, { force: true });
		rmSync(`${databasePath}-shm`, { force: true });
		await server.start();

		const live = await server.json<LiveWireSnapshot>('/api/live', { headers: { authorization: bearer.authorization } });
		expect(live.version).toBe(backedUp.version);
		for (const [key, value] of Object.entries(backedUp.state)) expect((live as unknown as Record<string, unknown>)[key], key).toEqual(value);
		expect(live.status).toMatch(/^(live|paused)$/);
		// The screens had a later version; they go back to the server's, by themselves.
		await allWelcomedSince(screens, server.readyAt);
		await expect.poll(() => screens.every((s) => s.conn.snapshot?.version === backedUp.version)).toBe(true);

		// One version sequence from the backup on.
		const next = await server.json<LiveWireSnapshot>('/api/live/message', { method: 'POST', headers: bearer, body: JSON.stringify({ text: '从备份恢复后继续' }) });
		expect(next.version).toBe(backedUp.version + 1);
		await expect.poll(() => screens.every((s) => s.conn.snapshot?.version === backedUp.version + 1)).toBe(true);
		const after = auditLog(databasePath, show.showId);
		expect(after.integrity).toBe('ok');
		expect(after.problems).toEqual([]);
		expect(after.commands.map((c) => c.version)).toEqual(Array.from({ length: backedUp.version + 1 }, (_, i) => i + 1));

		recordFigures('backup', { versionAtBackup: backedUp.version, acknowledgedWhenLost: acknowledged, commandsDuringBackup: during, resumedAt: next.version });
	}, 90_000);
});
