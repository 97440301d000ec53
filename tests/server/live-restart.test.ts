/**
 * Restart without loss, with the real process: a show mid-run, the server killed with SIGKILL and
 * started again on the same database. Same state and version afterwards; the screens reconnect by
 * themselves and resynchronise from the welcome snapshot.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { closeScreens, next, screen } from './live-support';

const ROOT = new URL('../..', import.meta.url).pathname;
const PASSWORD = 'restart-test-password';
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

afterEach(() => {
	closeScreens();
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

function startServer(port: number, databasePath: string) {
	const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: 'warn', ADMIN_PASSWORD: PASSWORD, DATABASE_PATH: databasePath }
	});
	children.push(child);
	let stdout = '';
	let stderr = '';
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.on('exit', (code, signal) => resolve(signal ?? code)));
	const ready = new Promise<void>((resolve, reject) => {
		child.stdout.on('data', (d) => {
			stdout += d;
			if (/Local:/.test(stdout)) resolve();
		});
		void exited.then((code) => reject(new Error(`server exited (${code}): ${stderr}`)));
	});
	return { child, ready, exited };
}

async function json<T>(response: Response): Promise<T> {
	if (!response.ok) throw new Error(`${response.status} ${await response.text()}`);
	return (await response.json()) as T;
}

describe('restart of the server process', () => {
	it('comes back after SIGKILL with the same state and version; screens reconnect by themselves and resync', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'showcall-restart-'));
		dirs.push(dir);
		const databasePath = join(dir, 'showcall.db');
		const port = await freePort();
		const base = `http://127.0.0.1:${port}`;

		const first = startServer(port, databasePath);
		await first.ready;
		const signIn = await fetch(`${base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password: PASSWORD }) });
		const cookie = signIn.headers.get('set-cookie')!.split(';')[0];
		const { shows } = await json<{ shows: { id: number; title: string }[] }>(await fetch(`${base}/api/shows`, { headers: { cookie } }));
		// The first start also seeds the campaign's past shows; drive the demo show.
		const demo = shows.find((s) => s.title.includes('荆楚好味道'))!;
		const links = await json<{ producer: { token: string }; host: { token: string } }>(await fetch(`${base}/api/shows/${demo.id}/links`, { headers: { cookie } }));

		const host = await screen(base, { token: links.host.token, deviceName: '主播平板', reconnect: true });
		const producer = await screen(base, { token: links.producer.token, deviceName: '场控', reconnect: true });
		for (const command of [{ type: 'start', mode: 'live' }, { type: 'next' }, { type: 'add-time', deltaMs: 60_000 }, { type: 'message', text: '注意时间' }] as const) {
			expect(await producer.send(command)).toMatchObject({ ok: true });
		}
		await expect.poll(() => host.snapshot?.version).toBe(4);
		const before = host.snapshot!;

		first.child.kill('SIGKILL');
		expect(await first.exited).toBe('SIGKILL');
		await expect.poll(() => host.status).toBe('reconnecting');

		const syncedBefore = host.clock?.syncedAt ?? 0;
		const hostBack = next(host, 'welcome');
		const hostResynced = next(host, 'clock', (c) => c.syncedAt > syncedBefore);
		const producerBack = next(producer, 'welcome');
		const second = startServer(port, databasePath);
		await second.ready;
		const welcome = await hostBack;
		await producerBack;
		const stable = (s: LiveWireSnapshot) => {
			const { serverNow: _now, timing: _timing, ...rest } = s;
			return rest;
		};
		expect(stable(welcome.snapshot)).toEqual(stable(before));
		expect(host.status).toBe('online');
		expect(host.snapshot?.version).toBe(4);
		// The clock is measured again on every reconnection.
		expect((await hostResynced).samples).toBeGreaterThan(0);

		const got = await json<LiveWireSnapshot>(await fetch(`${base}/api/live`, { headers: { authorization: `Bearer ${links.producer.token}` } }));
		expect(stable(got)).toEqual(stable(before));
		// The downtime counted: the segment kept running while the server was down.
		expect(got.timing.remainingMs).toBeLessThan(before.timing.remainingMs - (got.serverNow - before.serverNow) + 1_000);

		// And the show goes on from there, on one version sequence.
		expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: 5 });
		await expect.poll(() => host.snapshot?.version).toBe(5);
	});
});
