/**
 * `npm run bench [-- --json FILE] [--idle-seconds N] [--commands N] [--warmup N] [--profile DIR] [--only NAME] [--screens-niceness N]`
 * `npm run bench -- --soak 10m [--json FILE]` (the soak: see runSoak)
 *
 * For each scenario: a fresh database with the shows, the server started as its own process (as
 * `npm start` runs it, with the benchmark's diagnostics channel), every show started live, and beside
 * it the two floors, each in its own process: a bare socket.io server (the same heartbeat as
 * Showcall's) and a bare `ws` server, broadcasting a payload of the size of Showcall's push of the
 * same kind of command. From one worker thread, each gets its own set of the scenario's screens over
 * websockets (Showcall's first, timed alone; then the floors'), warm-up commands back to back (not
 * counted), then commands driven one at a time, 110 ms apart, and the time until every screen of the
 * show has the new state. The commands are a show's mix (scripts/bench/mix.ts), each show getting in
 * turn next, add-time +30 s, pause, resume, add-time −30 s, previous (warm-up and measured alike):
 * a floor's command is sized like Showcall's latest push of the same kind. Measured
 * side by side, in blocks of BLOCK_SIZE commands, Showcall, the socket.io floor and the ws floor in
 * turn, the order changed every round (scripts/bench/schedule.ts), until each has had `--commands`.
 * The three are measured in the same minutes, each under the others' background work, so the
 * machine's load moves them alike. Then the floors are closed, every show ends its cycle (back on its
 * opening, not counted) and Showcall's screens idle alone.
 *
 *   connectMs                 all screens connected and welcomed
 *   p50Ms / p99Ms / maxMs     command sent → snapshot received, over every (command, screen)
 *   floorP50Ms / floorP99Ms   the same against the bare socket.io server
 *   wsFloorP50Ms / wsFloorP99Ms  the same against a bare `ws` server (no protocol at all)
 *   ratioToFloor              p99Ms / floorP99Ms (ratioP50ToFloor: p50Ms / floorP50Ms)
 *   ratioToWsFloor            p99Ms / wsFloorP99Ms (ratioP50ToWsFloor: p50Ms / wsFloorP50Ms)
 *   ratioP50ToFloorPlusCommit p50Ms / (floorP50Ms + commitP50Ms): against a floor that also waited
 *                             for the SQLite commit DESIGN.md puts before every ack and broadcast
 *                             (the floor has no database); what is left is the rest of Showcall's path
 *   ratioToFloorCi, ratioP50ToFloorCi, ratioToWsFloorCi, ratioP50ToWsFloorCi
 *                             [lo, hi]: each ratio's 95 % bootstrap interval, resampling commands
 *                             (a command's screens are not independent: one slow command is slow on
 *                             all of them), each target on its own, seeded (scripts/bench/stats.ts)
 *   serverFanoutP50Ms/P99Ms   inside the server: command received → snapshot written to every socket
 *                             (validation, the reducer, the SQLite commit and the ack included)
 *   publishP50Ms/P99Ms        inside the server: the broadcast alone, after the commit and the ack
 *   floorFanoutP50Ms/P99Ms    the bare socket.io server's own broadcast time, the same measurement
 *   commitP50Ms / commitP99Ms inside the server: each command's SQLite transaction
 *   idleBytesPerScreenPerMin  bytes a screen reads in a running segment with nothing happening and
 *                             no alert due (heartbeats, and the periodic clock sync spread over
 *                             its period)
 *   peakRssMb                 the server process's peak resident memory (VmHWM)
 *   p50MsByType               per kind of the mix, the p50 of each target: { showcall, floor, wsFloor }
 *   payloadBytesByType        per kind of the mix, the mean size of Showcall's measured pushes on show
 *                             0's first screen (`floorPayloadBytesByType`: what the floors were sent);
 *                             payloadBytes: the mean of its per-kind means; snapshotBytes: the full
 *                             snapshot a screen rebuilds
 *
 * The JSON's `method` says how: `{ interleaved, blockSize, gapMs, screensNiceness, commands, ci:
 * { level, resamples, seed, over } }` (`commands`: the mix's kinds, in a show's order). With `--profile DIR`, each process's CPU profile
 * (`<scenario>-showcall-server/`, `-floor-server/`, `-ws-floor-server/`) and the screens thread's
 * over the measured commands of all three (`<scenario>-screens.cpuprofile`).
 *
 * Then the wall scenario (scripts/bench/wall.ts; `--only wall` runs it alone): a monitoring wall
 * watching 50 live shows while each gets a command a second — `wall` in the JSON.
 */
import { spawnSync, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readDiagnosticsAnswer, type Diagnostics, type DiagnosticsRequest } from '../../server/diagnostics';
import { prepareDatabase, type BenchShow } from './prepare';
import { eachArg, maximum, nicenessArg, percentile, ROOT, SERVER_ENTRY, SERVER_NODE_FLAGS, startProcess, stop } from './process';
import type { Measured, Target } from './screens';
import { ScreensWorker } from './screens-client';
import { groupByKind, SHOW_MIX, wholeCycles, type MixKind } from './mix';
import { ratioCis, type Ci } from './stats';
import { runWallScenario, type WallResult } from './wall';


interface Scenario {
	name: string;
	shows: number;
	screensPerShow: number;
}
/** Commands of one target before the next target's turn; the gap after every command. */
const BLOCK_SIZE = 10;
const GAP_MS = 110;
/** The ratios' bootstrap confidence intervals (scripts/bench/stats.ts): over commands, seeded. */
const CI = { level: 0.95, resamples: 1000, seed: 1 };
/** Showcall first: the floors' payload is the size of its push of each kind. */
const TARGETS: Target[] = ['showcall', 'floor', 'ws-floor'];

const SCENARIOS: Scenario[] = [
	{ name: '1 screen, 1 show', shows: 1, screensPerShow: 1 },
	{ name: '50 screens, 1 show', shows: 1, screensPerShow: 50 },
	{ name: '200 screens, 1 show', shows: 1, screensPerShow: 200 },
	{ name: '1000 screens, 50 shows', shows: 50, screensPerShow: 20 }
];

export interface ScenarioResult {
	name: string;
	shows: number;
	screens: number;
	connectMs: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	floorP99Ms: number;
	serverFanoutP99Ms: number;
	idleBytesPerScreenPerMin: number;
	peakRssMb: number;
	wsFloorP99Ms: number;
	ratioToFloor: number;
	ratioToWsFloor: number;
	floorP50Ms: number;
	wsFloorP50Ms: number;
	ratioP50ToFloor: number;
	ratioP50ToWsFloor: number;
	ratioP50ToFloorPlusCommit: number;
	serverFanoutP50Ms: number;
	publishP50Ms: number;
	publishP99Ms: number;
	floorFanoutP50Ms: number;
	floorFanoutP99Ms: number;
	commitP50Ms: number;
	commitP99Ms: number;
	ratioToFloorCi: Ci;
	ratioP50ToFloorCi: Ci;
	ratioToWsFloorCi: Ci;
	ratioP50ToWsFloorCi: Ci;
	p50MsByType: Partial<Record<MixKind, { showcall: number; floor: number; wsFloor: number }>>;
	payloadBytesByType: Partial<Record<MixKind, number>>;
	floorPayloadBytesByType: Partial<Record<MixKind, number>>;
	payloadBytes: number;
	snapshotBytes: number;
}

/** `10m`, `90s`, `1h` or plain seconds → seconds. */
function parseDuration(text: string): number {
	const match = /^(\d+(?:\.\d+)?)(s|m|h)?$/.exec(text.trim());
	if (!match) throw new Error(`--soak takes a duration like 10m, 90s or 1h, got "${text}"`);
	return Number(match[1]) * (match[2] === 'h' ? 3600 : match[2] === 'm' ? 60 : 1);
}

function parseArgs(argv: string[]) {
	const options = { json: null as string | null, idleSeconds: 60, commands: 200, warmup: 300, profile: null as string | null, only: null as string | null, soakSeconds: null as number | null, niceness: 0 };
	eachArg(argv, (arg, value) => {
		if (arg === '--json') options.json = value();
		else if (arg === '--idle-seconds') options.idleSeconds = Number(value());
		else if (arg === '--commands') options.commands = Number(value());
		else if (arg === '--warmup') options.warmup = Number(value());
		else if (arg === '--profile') options.profile = value();
		else if (arg === '--only') options.only = value();
		else if (arg === '--soak') options.soakSeconds = parseDuration(value());
		else if (arg === '--screens-niceness') options.niceness = nicenessArg(value());
		else throw new Error(`unknown argument ${arg}; use --json FILE, --idle-seconds N, --commands N, --warmup N, --profile DIR, --only NAME, --soak DURATION, --screens-niceness N`);
	});
	if (!(options.idleSeconds > 0) || !(options.commands > 0)) throw new Error('--idle-seconds and --commands must be positive numbers');
	if (!Number.isInteger(options.warmup) || options.warmup < 0) throw new Error('--warmup must be a whole number, 0 or more');
	return options;
}

const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** Peak resident memory of a process, MB (Linux: VmHWM). */
function peakRssMb(pid: number): number {
	try {
		const match = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
		return match ? Number(match[1]) / 1024 : NaN;
	} catch {
		return NaN;
	}
}

/** `diagnostics:read` answered by `child` (server/diagnostics.ts; the floors answer alike), parsed; rejects on an answer that does not parse or a child that exits first. */
function readDiagnostics(child: ChildProcess, gc = false): Promise<Diagnostics> {
	return new Promise((resolve, reject) => {
		const done = () => {
			clearTimeout(timer);
			child.off('message', onMessage);
			child.off('exit', onExit);
		};
		const timer = setTimeout(() => (done(), reject(new Error('no diagnostics from the server'))), 10_000);
		const onExit = (code: number | null) => (done(), reject(new Error(`the process asked for its diagnostics exited (${code})`)));
		const onMessage = (message: unknown) => {
			try {
				const diagnostics = readDiagnosticsAnswer(message);
				if (!diagnostics) return;
				done();
				resolve(diagnostics);
			} catch (err) {
				done();
				reject(err);
			}
		};
		child.on('message', onMessage);
		child.once('exit', onExit);
		child.send({ type: 'diagnostics:read', gc } satisfies DiagnosticsRequest);
	});
}

type Options = ReturnType<typeof parseArgs>;

/** `--profile DIR`: where a process's or the screens thread's CPU profile goes (null without it). */
function profileFile(options: Options, name: string): string | undefined {
	return options.profile ? join(resolve(options.profile), `${name}.cpuprofile`) : undefined;
}
/** Node flags that write a process's CPU profiles on exit (a folder per process, a file per thread: the main thread's has `.0.` in its name), with `--profile DIR`. */
function profileFlags(options: Options, name: string): string[] {
	return options.profile ? ['--cpu-prof', `--cpu-prof-dir=${join(resolve(options.profile), name)}`, '--cpu-prof-interval=100'] : [];
}

async function runScenario(scenario: Scenario, options: Options): Promise<ScenarioResult> {
	const profileName = scenario.name.replace(/[^a-z0-9]+/gi, '-').replace(/-$/, '');
	const dir = mkdtempSync(join(tmpdir(), 'showcall-bench-'));
	const log = (text: string) => console.log(`  [${scenario.name}] ${text} (load ${loadavg()[0].toFixed(2)})`);
	try {
		const shows: BenchShow[] = await prepareDatabase(join(dir, 'bench.db'), scenario.shows);
		log(`database ready with ${shows.length} show(s)`);

		// Showcall and the two floors, each as its own process, all up at once.
		const server = startProcess(
			[SERVER_ENTRY],
			{ HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: join(dir, 'bench.db'), LOG_LEVEL: 'warn', ADMIN_PASSWORD: '', SHOWCALL_DIAGNOSTICS: '1' },
			/Local:\s+http:\/\/localhost:(\d+)/,
			true,
			[...SERVER_NODE_FLAGS, ...profileFlags(options, `${profileName}-showcall-server`)]
		);
		const floors = {
			floor: startProcess(['scripts/bench/floor-server.ts'], {}, /listening (\d+)/, true, profileFlags(options, `${profileName}-floor-server`)),
			'ws-floor': startProcess(['scripts/bench/ws-floor-server.ts'], {}, /listening (\d+)/, true, profileFlags(options, `${profileName}-ws-floor-server`))
		};
		const processes = { showcall: server, ...floors };
		const worker = new ScreensWorker({ niceness: options.niceness });
		try {
			const [url, floorUrl, wsFloorUrl] = await Promise.all([server.url, floors.floor.url, floors['ws-floor'].url]);
			// Every show live, on its opening (5 min, no cues): nothing falls due while the screens idle.
			for (const show of shows) {
				for (const command of ['start', 'next']) {
					const response = await fetch(`${url}/api/live/${command}`, { method: 'POST', headers: { authorization: `Bearer ${show.producerToken}` } });
					if (!response.ok) throw new Error(`${command} on show ${show.showId}: ${response.status} ${await response.text()}`);
				}
			}
			// Showcall's screens alone first (the time to connect them, as before the floors ran beside it), then the floors'.
			const { connectMs } = await worker.ask({ type: 'connect', target: 'showcall', url, shows, screensPerShow: scenario.screensPerShow }, 'connected');
			log(`connected ${scenario.shows * scenario.screensPerShow} screens in ${round(connectMs, 0)} ms`);
			await worker.ask({ type: 'connect', target: 'floor', url: floorUrl, shows, screensPerShow: scenario.screensPerShow }, 'connected');
			await worker.ask({ type: 'connect', target: 'ws-floor', url: wsFloorUrl, shows, screensPerShow: scenario.screensPerShow }, 'connected');
			log('the floors\' screens connected');
			if (options.warmup > 0) {
				for (const target of TARGETS) await worker.ask({ type: 'warmup', target, commands: options.warmup }, 'warmed');
				log(`${options.warmup} warm-up commands sent to each (not counted)`);
			}
			for (const { child } of Object.values(processes)) child.send({ type: 'diagnostics:reset' } satisfies DiagnosticsRequest);
			const commands = wholeCycles(options.commands, scenario.shows);
			const measured = await worker.ask(
				{ type: 'measure', targets: TARGETS, commands, blockSize: BLOCK_SIZE, gapMs: GAP_MS, profile: profileFile(options, `${profileName}-screens`) },
				'measured'
			);
			const of = (target: Target) => measured.targets.find((m) => m.target === target)!;
			const latencies = (m: Measured) => ({ p50Ms: round(percentile(m.commandLatenciesMs.flat(), 50)), p99Ms: round(percentile(m.commandLatenciesMs.flat(), 99)) });
			const diagnostics = await readDiagnostics(server.child);
			const fanout = async (target: keyof typeof floors) => {
				const { fanoutMs } = await readDiagnostics(floors[target].child);
				return { fanoutP50Ms: round(percentile(fanoutMs, 50), 3), fanoutP99Ms: round(percentile(fanoutMs, 99), 3) };
			};
			const floor = { ...latencies(of('floor')), ...(await fanout('floor')) };
			const wsFloor = { ...latencies(of('ws-floor')), ...(await fanout('ws-floor')) };
			const showcall = of('showcall');
			const commitMs = diagnostics.commitMs ?? [];
			const publishMs = diagnostics.publishMs ?? [];
			const sizes = (m: Measured) => Object.entries(m.payloadBytesByType).map(([kind, bytes]) => `${kind} ${bytes}`).join(', ');
			log(`${commands} commands measured on each, side by side in blocks of ${BLOCK_SIZE} (push bytes: ${sizes(showcall)}, mean ${showcall.payloadBytes}; the floors': ${sizes(of('floor'))}; the full snapshot a screen rebuilds ${showcall.snapshotBytes} bytes)`);
			const p50sOf = (m: Measured) => new Map(groupByKind(m.commandKinds, m.commandLatenciesMs).map(([kind, own]) => [kind, round(percentile(own.flat(), 50))]));
			const [showcallP50s, floorP50s, wsFloorP50s] = [showcall, of('floor'), of('ws-floor')].map(p50sOf);
			const p50MsByType = Object.fromEntries([...showcallP50s].map(([kind, p50]) => [kind, { showcall: p50, floor: floorP50s.get(kind) ?? NaN, wsFloor: wsFloorP50s.get(kind) ?? NaN }]));
			log(`p50 ms by kind (Showcall / socket.io floor / ws floor): ${Object.entries(p50MsByType).map(([kind, p]) => `${kind} ${p.showcall} / ${p.floor} / ${p.wsFloor}`).join(', ')}`);
			log(`server fan-out ms (arrival → broadcast sent): p50 ${round(percentile(diagnostics.fanoutMs, 50), 3)}, p90 ${round(percentile(diagnostics.fanoutMs, 90), 3)}, max ${round(maximum(diagnostics.fanoutMs), 3)}`);
			log(`its broadcast alone ms: p50 ${round(percentile(publishMs, 50), 3)}, p99 ${round(percentile(publishMs, 99), 3)}`);
			log(`SQLite commit ms: p50 ${round(percentile(commitMs, 50), 3)}, p99 ${round(percentile(commitMs, 99), 3)}, max ${round(maximum(commitMs), 3)}`);
			log(`socket.io floor's own broadcast ms: p50 ${floor.fanoutP50Ms}, p99 ${floor.fanoutP99Ms}; ws floor's: p50 ${wsFloor.fanoutP50Ms}, p99 ${wsFloor.fanoutP99Ms}`);

			// The floors closed: Showcall's screens idle alone.
			for (const target of ['floor', 'ws-floor'] as const) {
				await worker.ask({ type: 'close', target }, 'closed');
				await stop(floors[target].child);
			}
			log(`idle for ${options.idleSeconds} s…`);
			const idle = await worker.ask({ type: 'idle', target: 'showcall', seconds: options.idleSeconds }, 'idled');
			const result = { ...latencies(showcall), maxMs: round(maximum(showcall.commandLatenciesMs.flat())) };
			const cis = (floor: Measured) => {
				const { p50, p99 } = ratioCis(showcall.commandLatenciesMs, floor.commandLatenciesMs, CI);
				return { p50: p50.map((r) => round(r)) as Ci, p99: p99.map((r) => round(r)) as Ci };
			};
			const floorCi = cis(of('floor'));
			const wsFloorCi = cis(of('ws-floor'));
			return {
				name: scenario.name,
				shows: scenario.shows,
				screens: scenario.shows * scenario.screensPerShow,
				connectMs: round(connectMs, 0),
				...result,
				serverFanoutP99Ms: round(percentile(diagnostics.fanoutMs, 99), 3),
				serverFanoutP50Ms: round(percentile(diagnostics.fanoutMs, 50), 3),
				publishP50Ms: round(percentile(publishMs, 50), 3),
				publishP99Ms: round(percentile(publishMs, 99), 3),
				commitP50Ms: round(percentile(commitMs, 50), 3),
				commitP99Ms: round(percentile(commitMs, 99), 3),
				idleBytesPerScreenPerMin: round(idle.bytesPerScreenPerMin, 0),
				peakRssMb: round(peakRssMb(server.child.pid!), 1),
				floorP99Ms: floor.p99Ms,
				wsFloorP99Ms: wsFloor.p99Ms,
				ratioToFloor: round(result.p99Ms / floor.p99Ms),
				ratioToWsFloor: round(result.p99Ms / wsFloor.p99Ms),
				floorP50Ms: floor.p50Ms,
				wsFloorP50Ms: wsFloor.p50Ms,
				ratioP50ToFloor: round(result.p50Ms / floor.p50Ms),
				ratioP50ToWsFloor: round(result.p50Ms / wsFloor.p50Ms),
				ratioP50ToFloorPlusCommit: round(result.p50Ms / (floor.p50Ms + percentile(commitMs, 50))),
				ratioToFloorCi: floorCi.p99,
				ratioP50ToFloorCi: floorCi.p50,
				ratioToWsFloorCi: wsFloorCi.p99,
				ratioP50ToWsFloorCi: wsFloorCi.p50,
				floorFanoutP50Ms: floor.fanoutP50Ms,
				floorFanoutP99Ms: floor.fanoutP99Ms,
				p50MsByType,
				payloadBytesByType: showcall.payloadBytesByType,
				floorPayloadBytesByType: of('floor').payloadBytesByType,
				payloadBytes: showcall.payloadBytes,
				snapshotBytes: showcall.snapshotBytes
			};
		} finally {
			await worker.close();
			await Promise.all(Object.values(processes).map(({ child }) => stop(child)));
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

function printTable(results: ScenarioResult[], screensNiceness: number) {
	const columns: [keyof ScenarioResult, string][] = [
		['name', 'scenario'],
		['shows', 'shows'],
		['screens', 'screens'],
		['connectMs', 'connect ms'],
		['p50Ms', 'p50 ms'],
		['p99Ms', 'p99 ms'],
		['maxMs', 'max ms'],
		['floorP50Ms', 'floor p50'],
		['floorP99Ms', 'floor p99'],
		['wsFloorP50Ms', 'ws floor p50'],
		['wsFloorP99Ms', 'ws floor p99'],
		['serverFanoutP50Ms', 'fan-out p50'],
		['serverFanoutP99Ms', 'fan-out p99'],
		['publishP50Ms', 'broadcast p50'],
		['floorFanoutP50Ms', 'bare bcast p50'],
		['commitP99Ms', 'commit p99'],
		['idleBytesPerScreenPerMin', 'idle B/screen/min'],
		['peakRssMb', 'peak RSS MB']
	];
	const rows = [columns.map(([, label]) => label), ...results.map((r) => columns.map(([key]) => String(r[key])))];
	const widths = columns.map((_, i) => Math.max(...rows.map((row) => row[i].length)));
	const line = (row: string[]) => row.map((cell, i) => (i === 0 ? cell.padEnd(widths[i]) : cell.padStart(widths[i]))).join('  ');
	console.log(`\n${line(rows[0])}\n${widths.map((w) => '-'.repeat(w)).join('  ')}`);
	for (const row of rows.slice(1)) console.log(line(row));
	const ci = ([lo, hi]: Ci) => `[${lo}–${hi}]`;
	for (const r of results) {
		console.log(
			`  ${r.name}: p50 ${r.ratioP50ToFloor}× ${ci(r.ratioP50ToFloorCi)} / p99 ${r.ratioToFloor}× ${ci(r.ratioToFloorCi)} the bare socket.io floor, p50 ${r.ratioP50ToWsFloor}× ${ci(r.ratioP50ToWsFloorCi)} / p99 ${r.ratioToWsFloor}× ${ci(r.ratioToWsFloorCi)} the bare ws floor; p50 ${r.ratioP50ToFloorPlusCommit}× the socket.io floor plus Showcall's commit; fan-out p50 ${round(r.serverFanoutP50Ms / r.floorFanoutP50Ms)}× (its broadcast alone ${round(r.publishP50Ms / r.floorFanoutP50Ms)}×) the bare broadcast`
		);
	}
	console.log(`method: side by side, in blocks of ${BLOCK_SIZE} commands (Showcall, socket.io floor, ws floor, the order changed every round), ${GAP_MS} ms after each; each show's commands in turn: ${SHOW_MIX.map((m) => m.kind).join(', ')}; the screens' thread at niceness ${screensNiceness}; [lo–hi]: ${CI.level * 100} % bootstrap interval over commands`);
	console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

const SOAK_SHOWS = 50;
const SOAK_SCREENS_PER_SHOW = 10;

export interface SoakWindow {
	/** Seconds since the soak began, at the window's end. */
	atS: number;
	commands: number;
	refused: number;
	skipped: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	rssMb: number;
	/** Heap after a full GC in the server. */
	heapMb: number;
	loopDelayP99Ms: number;
	loopDelayMaxMs: number;
}

/**
 * The soak: 500 screens over 50 live shows, each show sent a command every second, the shows' turns
 * spread evenly over the second as independent producers' would be (next,
 * set-stock, previous, add-time, now and then a message) for the whole duration. Every window it
 * reads the server's RSS, its heap after a full GC (the server runs with --expose-gc), the event
 * loop's delay, and the command-to-every-screen latency. At the end: memory flat (heap after GC
 * within 10 MB of the first window's, RSS within 20%) and p99 steady (the last window's within
 * twice the first's, plus 5 ms).
 */
async function runSoak(seconds: number, json: string | null) {
	const windowS = Math.max(10, Math.round(seconds / 30));
	const windows = Math.max(1, Math.round(seconds / windowS));
	const dir = mkdtempSync(join(tmpdir(), 'showcall-soak-'));
	const log = (text: string) => console.log(`  [soak] ${text} (load ${loadavg()[0].toFixed(2)})`);
	console.log(`Showcall soak: ${SOAK_SHOWS * SOAK_SCREENS_PER_SHOW} screens over ${SOAK_SHOWS} live shows, a command per show every second, ${windows} windows of ${windowS} s`);
	console.log(`${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
	try {
		const shows = await prepareDatabase(join(dir, 'soak.db'), SOAK_SHOWS);
		const server = startProcess(
			[SERVER_ENTRY],
			{ HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: join(dir, 'soak.db'), LOG_LEVEL: 'warn', ADMIN_PASSWORD: '', SHOWCALL_DIAGNOSTICS: '1' },
			/Local:\s+http:\/\/localhost:(\d+)/,
			true,
			['--expose-gc', ...SERVER_NODE_FLAGS]
		);
		const worker = new ScreensWorker();
		const rows: SoakWindow[] = [];
		const refusedCodes: Record<string, number> = {};
		let rssConnectedMb = NaN;
		try {
			const url = await server.url;
			for (const show of shows) {
				for (const command of ['start', 'next']) {
					const response = await fetch(`${url}/api/live/${command}`, { method: 'POST', headers: { authorization: `Bearer ${show.producerToken}` } });
					if (!response.ok) throw new Error(`${command} on show ${show.showId}: ${response.status} ${await response.text()}`);
				}
			}
			const { connectMs } = await worker.ask({ type: 'connect', target: 'showcall', url, shows, screensPerShow: SOAK_SCREENS_PER_SHOW }, 'connected');
			rssConnectedMb = round((await readDiagnostics(server.child, true)).rssBytes / 1048576, 1);
			log(`connected ${SOAK_SHOWS * SOAK_SCREENS_PER_SHOW} screens in ${round(connectMs, 0)} ms; RSS ${rssConnectedMb} MB`);
			console.log(`\n${['t s', 'commands', 'refused', 'skipped', 'p50 ms', 'p99 ms', 'max ms', 'RSS MB', 'heap MB', 'loop p99 ms', 'loop max ms'].map((h) => h.padStart(12)).join('')}`);
			const started = Date.now();
			for (let w = 0; w < windows; w++) {
				const soaked = await worker.ask({ type: 'soak', seconds: windowS, intervalMs: 1_000 }, 'soaked');
				const diagnostics = await readDiagnostics(server.child, true);
				const row: SoakWindow = {
					atS: Math.round((Date.now() - started) / 1000),
					commands: soaked.sent,
					refused: soaked.refused,
					skipped: soaked.skipped,
					p50Ms: round(percentile(soaked.latenciesMs, 50)),
					p99Ms: round(percentile(soaked.latenciesMs, 99)),
					maxMs: round(maximum(soaked.latenciesMs)),
					rssMb: round(diagnostics.rssBytes / 1048576, 1),
					heapMb: round((diagnostics.heapUsedBytes ?? NaN) / 1048576, 1),
					loopDelayP99Ms: diagnostics.eventLoopDelayMs?.p99 ?? NaN,
					loopDelayMaxMs: diagnostics.eventLoopDelayMs?.max ?? NaN
				};
				rows.push(row);
				console.log(Object.values(row).map((v) => String(v).padStart(12)).join(''));
				for (const [code, n] of Object.entries(soaked.refusedCodes)) refusedCodes[code] = (refusedCodes[code] ?? 0) + n;
			}
		} finally {
			await worker.close();
			await stop(server.child);
		}
		const first = rows[0];
		const last = rows[rows.length - 1];
		const summary = {
			durationS: seconds,
			shows: SOAK_SHOWS,
			screens: SOAK_SHOWS * SOAK_SCREENS_PER_SHOW,
			windowS,
			commands: rows.reduce((n, r) => n + r.commands, 0),
			refused: rows.reduce((n, r) => n + r.refused, 0),
			refusedCodes,
			rssConnectedMb,
			rssStartMb: first.rssMb,
			rssEndMb: last.rssMb,
			heapStartMb: first.heapMb,
			heapEndMb: last.heapMb,
			p99FirstMs: first.p99Ms,
			p99LastMs: last.p99Ms,
			p99WorstWindowMs: Math.max(...rows.map((r) => r.p99Ms)),
			loopDelayP99WorstMs: Math.max(...rows.map((r) => r.loopDelayP99Ms)),
			memoryFlat: last.heapMb - first.heapMb < 10 && last.rssMb < first.rssMb * 1.2,
			p99Steady: last.p99Ms <= first.p99Ms * 2 + 5,
			windows: rows
		};
		console.log(`\nRSS ${summary.rssStartMb} MB after the first window → ${summary.rssEndMb} MB at the end; heap after GC ${summary.heapStartMb} → ${summary.heapEndMb} MB: ${summary.memoryFlat ? 'flat' : 'GROWING'}`);
		console.log(`p99 ${summary.p99FirstMs} ms in the first window → ${summary.p99LastMs} ms in the last (worst window ${summary.p99WorstWindowMs} ms): ${summary.p99Steady ? 'steady' : 'NOT STEADY'}`);
		console.log(`event-loop delay p99, worst window: ${summary.loopDelayP99WorstMs} ms; ${summary.commands} commands, ${summary.refused} refused ${JSON.stringify(refusedCodes)}`);
		console.log(`load average at the end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
		if (json) {
			writeFileSync(json, `${JSON.stringify({ soak: summary }, null, 2)}\n`);
			console.log(`\nwrote ${json}`);
		}
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	// The server as `npm start` runs it: UI and server built when missing or stale.
	const build = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
	if (build.status !== 0) throw new Error('building the UI or the server failed');
	if (options.profile) mkdirSync(options.profile, { recursive: true });
	if (options.soakSeconds !== null) return runSoak(options.soakSeconds, options.json);
	const scenarios = SCENARIOS.filter((s) => !options.only || s.name.includes(options.only));
	const withWall = !options.only || 'wall'.includes(options.only);
	if (scenarios.length === 0 && !withWall) throw new Error(`no scenario matches "${options.only}"`);
	console.log(`Showcall benchmark: ${scenarios.length} scenario(s), ${options.commands} commands or more (whole cycles of the mix on every show) each to Showcall and its two floors side by side (blocks of ${BLOCK_SIZE}), ${options.idleSeconds} s idle window`);
	// The figures depend on what else the machine runs: say so next to them.
	console.log(`${cpus().length} CPU(s), load average ${loadavg().map((l) => l.toFixed(2)).join(' ')} at the start`);
	const results: ScenarioResult[] = [];
	for (const scenario of scenarios) results.push(await runScenario(scenario, options));
	if (results.length) printTable(results, options.niceness);
	let wall: WallResult | null = null;
	if (withWall) {
		const dir = mkdtempSync(join(tmpdir(), 'showcall-bench-wall-'));
		try {
			wall = await runWallScenario(dir, { seconds: 30, idleSeconds: options.idleSeconds }, (text) => console.log(`  [wall] ${text} (load ${loadavg()[0].toFixed(2)})`));
		} finally {
			rmSync(dir, { recursive: true, force: true });
		}
		console.log(`\n${wall.name}: update p50 ${wall.wallP50Ms} ms, p99 ${wall.wallP99Ms} ms, max ${wall.wallMaxMs} ms (${wall.wallUpdates} pushes); server CPU ${wall.cpuWithoutWallPct} % without the wall, ${wall.cpuWithWallPct} % with it; idle ${wall.wallIdleBytesPerMin} B/min`);
	}
	if (options.json) {
		const method = { interleaved: true, blockSize: BLOCK_SIZE, gapMs: GAP_MS, screensNiceness: options.niceness, commands: SHOW_MIX.map((m) => m.kind), ci: { ...CI, over: 'commands' } };
		writeFileSync(options.json, `${JSON.stringify({ ...(results.length ? { method } : {}), scenarios: results, ...(wall ? { wall } : {}) }, null, 2)}\n`);
		console.log(`\nwrote ${options.json}`);
	}
}

main().then(
	() => process.exit(0),
	(err) => {
		console.error(`bench: ${(err as Error).message}`);
		process.exit(1);
	}
);
