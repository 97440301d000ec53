/**
 * `npm run bench:route [-- --commands N] [--screens N] [--gap-ms N] [--json FILE] [--screens-niceness N] [--warmup N] [--mix]`
 *
 * Run as production runs the server: bundled with the server build's esbuild options and run by
 * plain node (scripts/bench/bundled.mjs). `node --import tsx scripts/bench/route.ts` runs it
 * through tsx, which renames every named closure (`keepNames`): some 9 % more instructions.
 * The HTTP control route measured inside the server, in this process: a fresh database with the
 * demo show (a file, WAL, as in production), the app built as `npm start` builds it (logging at
 * info into /dev/null), N screens (50) connected from a worker thread, then N commands (2,000,
 * add-time ±30 s, one at a time, 5 ms apart) posted over loopback HTTP with the producer token.
 * The clients stand in for other devices, so they stay out of the server's way: the commands go
 * through `node:http` on one kept-alive connection, head and body in one write (undici's `fetch`,
 * used before the seventh round, allocated about 70 KB a command in the server's own thread and kept
 * V8's compiler busy with its code), and the screens' thread runs at niceness
 * 19 (`--screens-niceness`, 0 to turn it off; Linux), so on a small machine it does not take the
 * core the server's thread is waiting for. It runs with the server's Node flags (scripts/server-bundle.mjs).
 * Each command's time in the server runs from Node's `request` event to the response's `finish`;
 * it is split into
 *
 *   auth       the bearer token resolved to a show and role
 *   validate   the runtime's parse and authorisation, and the zod schemas of path and body when the
 *              route's own checks (a command name, a plain JSON object) hand a request to them
 *   reduce     the core reducer (with the alerts due before it)
 *   commit     the SQLite transaction (the command's event row, which carries its state)
 *   encode     socket.io encoding the snapshot once for the room
 *   fanout     writing it to every screen's socket
 *   other      the rest: Fastify's routing, hooks, headers, body parsing, the answer's JSON and write
 *   unshared   total less encode and fanout: the command's own cost, which grows with nothing else
 *              (the broadcast grows with the screens watching)
 *
 * p50/p99/max of each, ms. The first 200 commands (`--warmup N`) warm up and are not counted. V8 is
 * still optimising the command's code for some 3,000 commands after that (its compiler's jobs run on
 * a thread of their own, which on two cores can take the server's for a millisecond): a larger
 * `--warmup` measures a server that has run a while.
 */
import { mkdtempSync, rmSync, createWriteStream } from 'node:fs';
import { Agent, request } from 'node:http';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance, PerformanceObserver } from 'node:perf_hooks';
import { buildApp } from '../../server/app';
import { openDatabase } from '../../server/db/client';
import type { CommandSplit } from '../../server/live/live.runtime';
import { liveCommandBody, liveCommandParams } from '../../src/lib/contract/live';
import { prepareDatabase } from './prepare';
import { groupByKind, mixAt, type MixKind } from './mix';
import { eachArg, nicenessArg, percentile, writeResult } from './process';
import { ScreensWorker } from './screens-client';

const PARTS = ['total', 'auth', 'validate', 'reduce', 'commit', 'encode', 'fanout', 'other', 'unshared'] as const;
/** The parts that add up to `total` (with `other`). */
const SUMMED = ['auth', 'validate', 'reduce', 'commit', 'encode', 'fanout'] as const;
type Part = (typeof PARTS)[number];

function parseArgs(argv: string[]) {
	const options = { commands: 2000, screens: 50, gapMs: 5, json: null as string | null, niceness: 19, warmup: 200, mix: false };
	eachArg(argv, (arg, value) => {
		if (arg === '--commands') options.commands = Number(value());
		else if (arg === '--screens') options.screens = Number(value());
		else if (arg === '--gap-ms') options.gapMs = Number(value());
		else if (arg === '--json') options.json = value();
		else if (arg === '--screens-niceness') options.niceness = nicenessArg(value());
		else if (arg === '--warmup') options.warmup = Number(value());
		else if (arg === '--mix') options.mix = true;
		else throw new Error(`unknown argument ${arg}; use --commands N, --screens N, --gap-ms N, --json FILE, --screens-niceness N, --warmup N, --mix`);
	});
	if (!(options.commands > 0) || !(options.screens >= 0) || !Number.isInteger(options.warmup) || options.warmup < 0) throw new Error('--commands must be positive, --screens not negative and --warmup a whole number, 0 or more');
	return options;
}

const round = (n: number) => Math.round(n * 1000) / 1000;

/** Replaces `object[key]` (a function) by one that adds its duration to `sink()`. */
function timed<T extends object>(object: T, key: keyof T, sink: (ms: number) => void) {
	const original = object[key] as unknown as (...args: unknown[]) => unknown;
	(object as Record<keyof T, unknown>)[key] = function (this: unknown, ...args: unknown[]) {
		const t = performance.now();
		try {
			return original.apply(this, args);
		} finally {
			sink(performance.now() - t);
		}
	};
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const dir = mkdtempSync(join(tmpdir(), 'showcall-route-'));
	const worker = new ScreensWorker({ niceness: options.niceness });
	try {
		const path = join(dir, 'route.db');
		const [show] = await prepareDatabase(path, 1);
		const db = openDatabase(path);
		// The current command's parts; null outside a measured request.
		let current: Record<Part, number> | null = null;
		const add = (part: Part) => (ms: number) => {
			if (current) current[part] += ms;
		};
		let split: CommandSplit | null = null;
		const app = await buildApp({
			db,
			logger: { level: 'info', stream: createWriteStream('/dev/null') },
			diagnostics: { fanout: () => {}, command: (s) => (split = s) }
		});
		timed(app.deps.repos.shows, 'findByToken', add('auth'));
		timed(liveCommandParams, 'safeParse', add('validate'));
		timed(liveCommandBody, 'safeParse', add('validate'));
		timed(app.io.encoder, 'encode', add('encode'));
		const samples: Record<Part, number>[] = [];
		// When V8 collected garbage, to tell a slow command that met a GC pause from one slow on its own.
		const gcs: { start: number; end: number }[] = [];
		const gcObserver = new PerformanceObserver((list) => {
			for (const e of list.getEntries()) gcs.push({ start: e.startTime, end: e.startTime + e.duration });
		});
		gcObserver.observe({ entryTypes: ['gc'] });
		// Each sample's span (to tell the GC pauses it met) and its command's kind (`--mix`; null without).
		const spans = new Map<Record<Part, number>, { start: number; end: number; kind: MixKind | null }>();
		let sending: MixKind | null = null;
		app.server.prependListener('request', (_req, res) => {
			const t0 = performance.now();
			const kind = sending;
			const parts = Object.fromEntries(PARTS.map((p) => [p, 0])) as Record<Part, number>;
			current = parts;
			split = null;
			res.once('finish', () => {
				parts.total = performance.now() - t0;
				current = null;
				const s = split as CommandSplit | null;
				if (s) {
					parts.validate += s.validateMs;
					parts.reduce = s.reduceMs;
					parts.commit = s.commitMs;
					parts.fanout = s.publishMs - parts.encode;
				}
				parts.other = parts.total - SUMMED.reduce((sum, p) => sum + parts[p], 0);
				parts.unshared = parts.total - parts.encode - parts.fanout;
				samples.push(parts);
				spans.set(parts, { start: t0, end: performance.now(), kind });
			});
		});
		await app.listen({ port: 0, host: '127.0.0.1' });
		const { port } = app.server.address() as { port: number };
		const url = `http://127.0.0.1:${port}`;
		// One kept-alive connection, the request's head and body in one write (Content-Length known).
		const agent = new Agent({ keepAlive: true, maxSockets: 1 });
		const post = (command: string, body?: unknown) =>
			new Promise<void>((resolve, reject) => {
				const payload = body ? JSON.stringify(body) : '';
				const headers: Record<string, string | number> = { authorization: `Bearer ${show.producerToken}`, 'content-length': Buffer.byteLength(payload) };
				if (body) headers['content-type'] = 'application/json';
				const req = request({ host: '127.0.0.1', port, path: `/api/live/${command}`, method: 'POST', agent, headers }, (res) => {
					const chunks: Buffer[] = [];
					res.on('data', (chunk: Buffer) => chunks.push(chunk));
					res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`${command}: ${res.statusCode} ${Buffer.concat(chunks)}`))));
					res.on('error', reject);
				});
				req.on('error', reject);
				req.end(payload);
			});
		await post('start');
		// The mix starts on the opening, as `npm run bench`'s shows do; add-time in the first product slot.
		if (!options.mix) await post('next');
		if (options.screens > 0) await worker.ask({ type: 'connect', target: 'showcall', url, shows: [show], screensPerShow: options.screens }, 'connected');
		console.log(`Showcall route benchmark: ${options.commands} commands over HTTP, ${options.screens} screens, ${cpus().length} CPU(s), load ${loadavg()[0].toFixed(2)}`);
		samples.length = 0;
		for (let i = 0; i < options.warmup + options.commands; i++) {
			if (options.mix) {
				const { kind, command } = mixAt(i);
				const { type, ...body } = command;
				sending = kind;
				await post(type, Object.keys(body).length ? body : undefined);
			} else await post('add-time', { deltaMs: i % 2 ? -30_000 : 30_000 });
			await new Promise((resolve) => setTimeout(resolve, options.gapMs));
		}
		const measured = samples.filter((s) => s.commit > 0).slice(options.warmup);
		const result = Object.fromEntries(
			PARTS.map((part) => {
				const sorted = measured.map((s) => s[part]).sort((a, b) => a - b);
				return [part, { p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted[sorted.length - 1]) }];
			})
		) as Record<Part, { p50Ms: number; p99Ms: number; maxMs: number }>;
		console.log(`\n${'part'.padEnd(10)}${'p50 ms'.padStart(10)}${'p99 ms'.padStart(10)}${'max ms'.padStart(10)}`);
		for (const part of PARTS) console.log(`${part.padEnd(10)}${String(result[part].p50Ms).padStart(10)}${String(result[part].p99Ms).padStart(10)}${String(result[part].maxMs).padStart(10)}`);
		let byKind: Record<string, Record<Part, number>> | undefined;
		if (options.mix) {
			// Each kind's p50 of each part (the mix's kinds in its order).
			const measuredKinds = measured.map((s) => {
				const kind = spans.get(s)?.kind;
				if (!kind) throw new Error('a measured command of no kind of the mix');
				return kind;
			});
			byKind = Object.fromEntries(
				groupByKind(measuredKinds, measured).map(([kind, own]) => [kind, Object.fromEntries(PARTS.map((part) => [part, round(percentile(own.map((s) => s[part]), 50))])) as Record<Part, number>])
			);
			console.log(`\np50 ms by kind\n${'kind'.padEnd(16)}${PARTS.map((p) => p.padStart(10)).join('')}`);
			for (const [kind, parts] of Object.entries(byKind)) console.log(`${kind.padEnd(16)}${PARTS.map((p) => String(parts[p]).padStart(10)).join('')}`);
		}
		gcObserver.disconnect();
		const metGc = (s: Record<Part, number>) => {
			const span = spans.get(s)!;
			return gcs.some((g) => g.start < span.end && g.end > span.start);
		};
		const slow = measured.filter((s) => s.total > 1);
		const clean = measured.filter((s) => !metGc(s)).map((s) => s.total).sort((a, b) => a - b);
		console.log(
			`${slow.length} commands over 1 ms, ${slow.filter(metGc).length} of them during a GC pause; without the ${measured.length - clean.length} that met one: total p50 ${round(percentile(clean, 50))} / p99 ${round(percentile(clean, 99))} ms`
		);
		console.log(`(${measured.length} commands; load average at the end ${loadavg().map((l) => l.toFixed(2)).join(' ')})`);
		writeResult(options.json, 'route', { commands: measured.length, screens: options.screens, mix: options.mix, parts: result, ...(byKind ? { p50MsByKind: byKind } : {}) });
		await worker.close();
		agent.destroy();
		await app.close();
		db.$client.close();
	} finally {
		await worker.close().catch(() => {});
		rmSync(dir, { recursive: true, force: true });
	}
}

main().then(
	() => process.exit(0),
	(err) => {
		console.error(`bench:route: ${(err as Error).stack ?? err}`);
		process.exit(1);
	}
);
