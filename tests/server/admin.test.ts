/**
 * `npm run admin -- reset-password <user>`: the recovery for a lost password, on the server's
 * database while the server keeps running.
 */
import type { FastifyInstance } from 'fastify';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeApp, signIn } from './support';

const ROOT = new URL('../..', import.meta.url).pathname;
let dir: string;
let app: FastifyInstance | undefined;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'showcall-admin-'));
});
afterEach(async () => {
	await app?.close();
	app = undefined;
	rmSync(dir, { recursive: true, force: true });
});

function admin(args: string[], databasePath: string) {
	return spawnSync(process.execPath, ['--import', 'tsx', 'scripts/admin.ts', ...args], { cwd: ROOT, env: { ...process.env, DATABASE_PATH: databasePath }, encoding: 'utf8' });
}

describe('npm run admin -- reset-password', () => {
	it('prints a new password that signs in, and signs the account out of its open sessions', async () => {
		const databasePath = join(dir, 'showcall.db');
		app = await makeApp({ databasePath });
		const oldSession = await signIn(app);
		expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: oldSession } })).statusCode).toBe(200);

		const run = admin(['reset-password', 'admin'], databasePath);
		expect(run.status, run.stderr).toBe(0);
		const password = run.stdout.match(/new password for admin \(shown once\): (\S+)/)?.[1];
		expect(password).toMatch(/^\S{16}$/);

		expect((await app.inject({ method: 'GET', url: '/api/session', headers: { cookie: oldSession } })).statusCode).toBe(401);
		await expect(signIn(app)).rejects.toThrow(/401/);
		expect(await signIn(app, 'admin', password)).toMatch(/^showcall_session=/);
	});

	it('refuses an unknown account, a missing database and a wrong call, changing nothing', async () => {
		const databasePath = join(dir, 'showcall.db');
		app = await makeApp({ databasePath });
		const unknown = admin(['reset-password', 'nobody'], databasePath);
		expect(unknown.status).toBe(1);
		expect(unknown.stderr).toContain('there is no account named "nobody"');
		expect(await signIn(app)).toMatch(/^showcall_session=/);

		const missing = admin(['reset-password', 'admin'], join(dir, 'missing.db'));
		expect(missing.status).toBe(1);
		expect(missing.stderr).toContain('does not exist');

		for (const args of [[], ['reset-password'], ['delete', 'admin'], ['reset-password', 'admin', 'extra']]) {
			const wrong = admin(args, databasePath);
			expect(wrong.status, args.join(' ')).toBe(2);
			expect(wrong.stderr).toContain('usage: npm run admin -- reset-password <username>');
		}
	});
});
