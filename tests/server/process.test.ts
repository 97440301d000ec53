/**
 * The real process, as `npm start` runs it (the server bundled by scripts/build-if-stale.mjs into
 * dist/server/, plain node): start-up output, health, graceful shutdown, the one-line refusals of
 * bad configuration, and the bundled spreadsheet worker.
 */
import { spawn, spawnSync, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { afterEach, beforeAll, describe, expect, it } from 'vitest';
import { SERVER_NODE_FLAGS } from '../../scripts/server-bundle.mjs';
import { READER_LIMITS, type SheetsReply, type SheetsRequest } from '../../server/paperwork/spreadsheet-reader';
import { noticeLayoutFile } from '../fixtures/nominations';

const ROOT = new URL('../..', import.meta.url).pathname;
const children: ChildProcessWithoutNullStreams[] = [];
const dirs: string[] = [];

beforeAll(() => {
	const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs', '--server'], { cwd: ROOT, encoding: 'utf8' });
	expect(build.status, build.stderr).toBe(0);
});

afterEach(() => {
	for (const child of children.splice(0)) if (child.exitCode === null) child.kill('SIGKILL');
	for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

function startServer(env: Record<string, string>) {
	const child = spawn(process.execPath, [...SERVER_NODE_FLAGS, 'dist/server/index.mjs'], {
		cwd: ROOT,
		env: { ...process.env, HOST: '127.0.0.1', PORT: '0', LOG_LEVEL: 'warn', ADMIN_PASSWORD: '', ...env }
	});
	children.push(child);
	let stdout = '';
	let stderr = '';
	child.stdout.on('data', (d) => (stdout += d));
	child.stderr.on('data', (d) => (stderr += d));
	const exited = new Promise<number | null>((resolve) => child.on('exit', (code) => resolve(code)));
	const url = new Promise<string>((resolve, reject) => {
		child.stdout.on('data', () => {
			const match = stdout.match(/Local:\s+(http:\/\/\S+)/);
			if (match) resolve(match[1].replace('localhost', '127.0.0.1').replace(/\/$/, ''));
		});
		exited.then((code) => reject(new Error(`exited ${code}: ${stderr}`)));
	});
	url.catch(() => {});
	return { child, url, exited, output: () => ({ stdout, stderr }) };
}

function tempDb() {
	const dir = mkdtempSync(join(tmpdir(), 'showcall-proc-'));
	dirs.push(dir);
	return join(dir, 'showcall.db');
}

describe('server process', () => {
	it('runs with the same Node flags wherever it is started: npm start, the deploy guide\'s unit, these tests and the benchmarks', () => {
		const command = `node ${[...SERVER_NODE_FLAGS, 'dist/server/index.mjs'].join(' ')}`;
		const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> };
		expect(pkg.scripts.start).toBe(`node scripts/build-if-stale.mjs && ${command}`);
		expect(readFileSync(join(ROOT, 'docs/deploy.md'), 'utf8')).toContain(`ExecStart=/usr/bin/${command}\n`);
	});

	it('leaves a core to the server\'s thread: V8 starts one background thread fewer than the cores (at least one), not always four', () => {
		// A thread is a task under /proc/self/task (Linux, where the server is deployed); V8's pool is started with the process, before any code runs.
		const threads = (flags: string[]) => {
			const run = spawnSync(process.execPath, [...flags, '-e', "process.stdout.write(String(require('node:fs').readdirSync('/proc/self/task').length))"], { encoding: 'utf8' });
			expect(run.status, run.stderr).toBe(0);
			return Number(run.stdout);
		};
		const withDefaults = threads([]);
		const asServed = threads(SERVER_NODE_FLAGS);
		// Node's default pool is four threads whatever the machine.
		expect(withDefaults - asServed).toBe(4 - Math.max(1, availableParallelism() - 1));
	});

	it('prints its URLs and the sign-in, answers health, and closes on SIGTERM within 5 s', async () => {
		const server = startServer({ DATABASE_PATH: tempDb(), LOG_LEVEL: 'info' });
		const base = await server.url;
		const health = await fetch(`${base}/healthz`);
		expect(health.status).toBe(200);
		expect(await health.json()).toEqual({ ok: true });

		// The sign-in is the last block printed, after the log's start lines; health checks are not logged at info.
		const { stdout } = server.output();
		const signIn = stdout.slice(stdout.indexOf('  Sign in as: admin'));
		expect(stdout).toContain('Server listening at');
		expect(signIn).toMatch(/^  Sign in as: admin\n  Password \(shown once\): \S{16}\n.*ADMIN_PASSWORD counts on the first start only\.\n  Lost the password\? npm run admin -- reset-password admin\n\n$/);
		expect(stdout).not.toContain('/healthz');

		const started = Date.now();
		server.child.kill('SIGTERM');
		expect(await server.exited).toBe(0);
		expect(Date.now() - started).toBeLessThan(5000);
	});

	it('keeps its data and does not print a password on the second start', async () => {
		const path = tempDb();
		const first = startServer({ DATABASE_PATH: path, ADMIN_PASSWORD: 'chosen-password' });
		await first.url;
		expect(first.output().stdout).toContain('the ADMIN_PASSWORD you set');
		first.child.kill('SIGINT');
		expect(await first.exited).toBe(0);

		const second = startServer({ DATABASE_PATH: path });
		const base = await second.url;
		expect(second.output().stdout).not.toMatch(/Password/);
		const signIn = await fetch(`${base}/api/session`, {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ username: 'admin', password: 'chosen-password' })
		});
		expect(signIn.status).toBe(200);
	});

	it.each([
		[{ PORT: 'abc' }, /^showcall: PORT must be/],
		[{ LOG_LEVEL: 'chatty' }, /^showcall: LOG_LEVEL must be/],
		[{ TLS_CERT: '/nonexistent/server.crt', TLS_KEY: '/nonexistent/server.key' }, /^showcall: TLS_CERT cannot be read: \/nonexistent\/server\.crt/]
	])('stops on bad configuration %o with one line naming the variable', async (env, message) => {
		const server = startServer({ DATABASE_PATH: tempDb(), ...env });
		expect(await server.exited).toBe(1);
		const { stderr } = server.output();
		expect(stderr.trim()).toMatch(message);
		expect(stderr.trim().split('\n')).toHaveLength(1);
	});

	it('reads a workbook in the bundled spreadsheet worker, without a TypeScript loader', async () => {
		const buffer = new Uint8Array(await noticeLayoutFile());
		const request: SheetsRequest = { buffer, limits: READER_LIMITS, maxRows: 100 };
		const worker = new Worker(join(ROOT, 'dist/server/spreadsheet-worker.mjs'), { workerData: request, transferList: [buffer.buffer as ArrayBuffer], execArgv: [] });
		const reply = await new Promise<SheetsReply>((resolve, reject) => {
			worker.once('message', resolve);
			worker.once('error', reject);
		});
		await worker.terminate();
		expect(reply.ok && reply.sheets.map((s) => [s.name, s.rowCount, s.grid?.length])).toEqual([['附件3', 8, 9]]);
	});
});
