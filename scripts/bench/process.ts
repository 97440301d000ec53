/**
 * What the benchmark scripts share: starting a process of the project and stopping it, the
 * server's Node flags as `npm start` passes them, and percentiles.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import type { Browser } from 'playwright-core';
import { SERVER_NODE_FLAGS } from '../server-bundle.mjs';

export const ROOT = new URL('../..', import.meta.url).pathname;

/** The server's Node flags as `npm start` passes them (scripts/server-bundle.mjs). */
export { SERVER_NODE_FLAGS };
/** The server as `npm start` runs it: bundled by scripts/build-if-stale.mjs, plain node, no tsx. */
export const SERVER_ENTRY = 'dist/server/index.mjs';

/**
 * Walks a benchmark's command line: `take(arg, value)` for each argument, where `value()` takes the
 * next one as the argument's value (refused with a message when there is none).
 */
export function eachArg(argv: string[], take: (arg: string, value: () => string) => void) {
	for (let i = 0; i < argv.length; i++) {
		const arg = argv[i];
		take(arg, () => {
			const v = argv[++i];
			if (v === undefined) throw new Error(`${arg} needs a value`);
			return v;
		});
	}
}

/** `--screens-niceness N`'s value: a whole number from 0 (not niced) to 19, or refused with a message. */
export function nicenessArg(value: string): number {
	const niceness = Number(value);
	if (!Number.isInteger(niceness) || niceness < 0 || niceness > 19) throw new Error('--screens-niceness is a whole number from 0 to 19');
	return niceness;
}

/** `--json FILE`: a benchmark's result as `{ [key]: value }`, written and said so; nothing without a file. */
export function writeResult(file: string | null, key: string, value: unknown) {
	if (!file) return;
	writeFileSync(file, `${JSON.stringify({ [key]: value }, null, 2)}\n`);
	console.log(`wrote ${file}`);
}

/** The benchmarks' percentile is the one the reliability suites report with. */
export { maximum, percentile } from '../lib/rng';

/** A child process that prints a line matching `ready` once it listens; answers the URL. TypeScript (`args[0]`) runs through tsx. */
export function startProcess(args: string[], env: Record<string, string>, ready: RegExp, ipc = false, nodeFlags: string[] = []) {
	const loader = args[0].endsWith('.ts') ? ['--import', 'tsx'] : [];
	const child = spawn(process.execPath, [...nodeFlags, ...loader, ...args], {
		cwd: ROOT,
		env: { ...process.env, ...env },
		stdio: ipc ? ['ignore', 'pipe', 'pipe', 'ipc'] : ['ignore', 'pipe', 'pipe']
	});
	let out = '';
	let err = '';
	child.stderr!.on('data', (d) => (err += d));
	let up = false;
	const url = new Promise<string>((resolve, reject) => {
		child.stdout!.on('data', (d) => {
			out += d;
			const match = ready.exec(out);
			if (!match) return;
			up = true;
			resolve(`http://127.0.0.1:${match[1]}`);
		});
		child.on('exit', (code) => {
			// Failing once up (a message it could not parse, say): say why, whatever the benchmark was waiting for.
			if (up && code !== 0 && code !== null) console.error(`${args[0]} exited (${code}): ${err.trim()}`);
			reject(new Error(`${args[0]} exited (${code}): ${err.trim()}`));
		});
	});
	url.catch(() => {});
	return { child, url };
}

export async function stop(child: ChildProcess) {
	if (child.exitCode !== null || child.signalCode !== null) return;
	const exited = new Promise((resolve) => child.once('exit', resolve));
	child.kill('SIGTERM');
	const timer = setTimeout(() => child.kill('SIGKILL'), 5_000);
	await exited;
	clearTimeout(timer);
}


/** Builds the UI and the server when stale (scripts/build-if-stale.mjs), as `npm start` does. */
export function buildIfStale() {
	const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('building the UI or the server failed');
}

/** The server as `npm start` runs it, on loopback, on the database file at `databasePath`, logging warnings only. */
export function startServer(databasePath: string) {
	return startProcess(
		[SERVER_ENTRY],
		{ HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: databasePath, LOG_LEVEL: 'warn', ADMIN_PASSWORD: '' },
		/Local:\s+http:\/\/localhost:(\d+)/,
		false,
		SERVER_NODE_FLAGS
	);
}

/** Debian's Chromium (CHROMIUM_PATH to use another), headless, nothing in the background that would take the CPU. */
export async function launchChromium(): Promise<Browser> {
	// Loaded here: the benchmarks without a browser do not load Playwright.
	const { chromium } = await import('playwright-core');
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-dev-shm-usage', '--disable-renderer-backgrounding', '--disable-background-timer-throttling']
	});
}
