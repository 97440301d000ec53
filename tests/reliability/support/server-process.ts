/**
 * The real server as a child process (`node --import tsx server/index.ts`, as `npm start` runs it)
 * on a fixed port and database file, so it can be killed and started again on the same ones.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

export const ROOT = new URL('../../../', import.meta.url).pathname;

export function freePort(): Promise<number> {
	return new Promise((resolve, reject) => {
		const server = createServer();
		server.once('error', reject);
		server.listen(0, '127.0.0.1', () => {
			const { port } = server.address() as { port: number };
			server.close(() => resolve(port));
		});
	});
}

export function tempDir(prefix: string): { path: string; remove(): void } {
	const path = mkdtempSync(join(tmpdir(), prefix));
	return { path, remove: () => rmSync(path, { recursive: true, force: true }) };
}

export interface ServerProcessOptions {
	port: number;
	databasePath: string;
	adminPassword: string;
	logLevel?: string;
	env?: Record<string, string>;
}

export class ServerProcess {
	readonly base: string;
	#child: ChildProcess | null = null;
	#exited: Promise<NodeJS.Signals | number | null> = Promise.resolve(null);
	/** Everything the processes wrote, stdout and stderr, across restarts. */
	output = '';
	/** performance.now() when the last start printed its banner (it listens from then on). */
	readyAt = 0;
	starts = 0;

	constructor(readonly options: ServerProcessOptions) {
		this.base = `http://127.0.0.1:${options.port}`;
	}

	get pid(): number | undefined {
		return this.#child?.pid;
	}

	get running(): boolean {
		return this.#child !== null && this.#child.exitCode === null && this.#child.signalCode === null;
	}

	/** Starts the server and resolves once it listens. */
	async start(): Promise<void> {
		if (this.running) throw new Error('the server is already running');
		const { port, databasePath, adminPassword, logLevel = 'warn', env = {} } = this.options;
		const child = spawn(process.execPath, ['--import', 'tsx', 'server/index.ts'], {
			cwd: ROOT,
			env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), LOG_LEVEL: logLevel, ADMIN_PASSWORD: adminPassword, DATABASE_PATH: databasePath, ...env },
			stdio: ['ignore', 'pipe', 'pipe']
		});
		this.#child = child;
		this.starts++;
		let banner = '';
		const exited = new Promise<NodeJS.Signals | number | null>((resolve) => child.once('exit', (code, signal) => resolve(signal ?? code)));
		this.#exited = exited;
		await new Promise<void>((resolve, reject) => {
			child.stdout!.on('data', (d: Buffer) => {
				this.output += d;
				if (banner !== null) {
					banner += d;
					if (/Local:/.test(banner)) {
						this.readyAt = performance.now();
						banner = null as unknown as string;
						resolve();
					}
				}
			});
			child.stderr!.on('data', (d: Buffer) => (this.output += d));
			void exited.then((code) => reject(new Error(`the server exited (${code}) before listening:\n${this.output.slice(-2000)}`)));
		});
	}

	/** kill -9, and wait until the process is gone. */
	async kill9(): Promise<void> {
		if (!this.running) return;
		this.#child!.kill('SIGKILL');
		await this.#exited;
	}

	/** A graceful stop (SIGTERM), SIGKILL after 5 s. */
	async stop(): Promise<void> {
		if (!this.running) return;
		const child = this.#child!;
		child.kill('SIGTERM');
		const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
		await this.#exited;
		clearTimeout(timer);
	}

	async json<T>(path: string, init: RequestInit = {}): Promise<T> {
		const response = await fetch(`${this.base}${path}`, init);
		if (!response.ok) throw new Error(`${init.method ?? 'GET'} ${path}: ${response.status} ${await response.text()}`);
		return (await response.json()) as T;
	}

	/** Signs in and answers the Cookie header value. */
	async signIn(username = 'admin', password = this.options.adminPassword): Promise<string> {
		const response = await fetch(`${this.base}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username, password }) });
		if (!response.ok) throw new Error(`sign-in: ${response.status} ${await response.text()}`);
		return response.headers.get('set-cookie')!.split(';')[0];
	}

	/** The demo show (荆楚好味道…) and its link tokens. */
	async demoShow(cookie: string): Promise<{ showId: number; producerToken: string; hostToken: string; recorderToken: string }> {
		const { shows } = await this.json<{ shows: { id: number; title: string }[] }>('/api/shows', { headers: { cookie } });
		const demo = shows.find((s) => s.title.includes('荆楚好味道'));
		if (!demo) throw new Error('no demo show');
		const links = await this.json<{ producer: { token: string }; host: { token: string }; recorder: { token: string } }>(`/api/shows/${demo.id}/links`, { headers: { cookie } });
		return { showId: demo.id, producerToken: links.producer.token, hostToken: links.host.token, recorderToken: links.recorder.token };
	}
}
