/**
 * `npm run bench:client [-- --screens N] [--rounds N] [--commands N] [--json FILE]`
 *
 * What a screen spends per received command, from socket.io-client's packet decode to the
 * `snapshot` event, beside a bare socket.io-client receiving the same bytes (the floor's screens:
 * socket.io's own decode and dispatch, nothing else). Deterministic: no network in the timed part.
 *
 *   1. The app as the tests build it (the demo show, an in-memory database) listens on 127.0.0.1
 *      port 0; a raw host socket that asked for patches records the engine.io frames it receives:
 *      its welcome, then the `patch` of each of `--commands` (60) commands run through the live
 *      runtime's one command path (start, then add-time ±30 s, next, pause, resume, … in turn).
 *   2. N (50) screens of each kind connect to the same server for real (a LiveConnection on the
 *      host link, welcomed; a bare socket.io-client with an empty `patch` listener), then take no
 *      more from the server: the recorded frames are fed to each socket's engine.io transport
 *      (`transport.onData(frame)`, what the websocket's `message` handler calls), which decodes the
 *      engine.io packet, then the socket.io packet (JSON), and dispatches it — synchronously.
 *   3. Each round feeds a LiveConnection the recorded welcome (not timed: back to the first
 *      version), then every patch frame to every screen, frame by frame as a broadcast reaches
 *      the bench's one worker thread; the bare clients get the same frames in the same order. The
 *      rounds alternate between the two kinds; the first quarter warms the JIT and is not counted.
 *
 * Prints ns per received patch (median and p90 over the rounds; wall time and the process's CPU
 * time, which moves less with other processes' load) for each and the difference, the
 * patch's mean size, and checks that every LiveConnection emitted a snapshot per patch without a
 * resync (a patch that failed would be measured as a cheap one). `--feed showcall` or `--feed bare`
 * feeds only one kind (the other's figures read 0): for counting instructions under callgrind, two
 * runs that differ only in `--commands` give the instructions per patch by their difference
 * (`--rounds` would not: each round also feeds the welcome). Under callgrind the short runs leave
 * part of the JIT's work in the difference: compare versions with it, not against the wall figures.
 */
import { loadavg } from 'node:os';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { buildApp } from '../../server/app';
import { openDatabase } from '../../server/db/client';
import { seed } from '../../server/seed/seed.service';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { eachArg, percentile, writeResult } from './process';

function parseArgs(argv: string[]) {
	const options = { screens: 50, rounds: 200, commands: 60, json: null as string | null, feed: 'both' as 'both' | 'showcall' | 'bare' };
	eachArg(argv, (arg, value) => {
		if (arg === '--screens') options.screens = Number(value());
		else if (arg === '--rounds') options.rounds = Number(value());
		else if (arg === '--commands') options.commands = Number(value());
		else if (arg === '--json') options.json = value();
		else if (arg === '--feed') {
			const feed = value();
			if (feed !== 'both' && feed !== 'showcall' && feed !== 'bare') throw new Error('--feed takes both, showcall or bare');
			options.feed = feed;
		} else throw new Error(`unknown argument ${arg}; use --screens N, --rounds N, --commands N, --feed both|showcall|bare, --json FILE`);
	});
	for (const key of ['screens', 'rounds', 'commands'] as const) {
		if (!Number.isInteger(options[key]) || options[key] < 1) throw new Error(`--${key} takes a positive whole number`);
	}
	return options;
}

/** The engine.io transport under a socket.io-client socket: `onData` takes a frame as the websocket delivers it. */
type Transport = { onData(frame: string): void };
const transportOf = (socket: Socket | null): Transport => {
	const transport = (socket?.io.engine as unknown as { transport?: Transport } | undefined)?.transport;
	if (!transport) throw new Error('no engine.io transport');
	return transport;
};

const untilEvent = (socket: Socket, event: string) => new Promise<void>((resolve) => socket.once(event, () => resolve()));

/** The commands a producer gives, in turn, after the start: each one's patch is recorded. */
function commandAt(i: number, segments: number, segmentIndex: number): object {
	switch (i % 5) {
		case 0:
			return { type: 'add-time', deltaMs: 30_000 };
		case 1:
			// The last segment: back to the first (a goto), so the run never ends.
			return segmentIndex < segments - 1 ? { type: 'next' } : { type: 'goto', segmentId: null };
		case 2:
			return { type: 'pause' };
		case 3:
			return { type: 'resume' };
		default:
			return { type: 'add-time', deltaMs: -30_000 };
	}
}

async function record(commands: number) {
	const app = await buildApp({ db: openDatabase(':memory:'), logger: false });
	await seed(app.deps, 'bench-client-password', { campaign: false });
	await app.listen({ port: 0, host: '127.0.0.1' });
	const { port } = app.server.address() as { port: number };
	const url = `http://127.0.0.1:${port}`;
	const live = app.deps.services.live;
	const show = app.deps.repos.shows.list()[0];
	const tokens = app.deps.repos.shows.tokensOf(show.id)!;
	const run = (input: object) => {
		const result = live.execute(show.id, 'producer', 'bench', input);
		if (!result.ok) throw new Error(`${JSON.stringify(input)} refused: ${result.code}`);
		return result;
	};
	run({ type: 'start', mode: 'live' });

	const recorder: Socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: tokens.hostToken, patches: true } });
	const frames: string[] = [];
	/** The command each frame is the patch of, in order. */
	const kinds: string[] = [];
	let welcome: string | null = null;
	recorder.io.engine.on('packet', (packet: { type: string; data?: unknown }) => {
		if (packet.type !== 'message' || typeof packet.data !== 'string') return;
		const frame = `4${packet.data}`;
		if (packet.data.startsWith('2["welcome"')) welcome = frame;
		else if (packet.data.startsWith('2["patch"')) frames.push(frame);
	});
	await untilEvent(recorder, 'welcome');
	const segments = live.welcome(show.id, 'producer', 'bench')!.sheet.segments;
	for (let i = 0; i < commands; i++) {
		const state = live.welcome(show.id, 'producer', 'bench')!.snapshot;
		const input = commandAt(i, segments.length, state.segmentIndex);
		kinds.push((input as { type: string }).type);
		run('segmentId' in input ? { ...input, segmentId: segments[0].id } : input);
	}
	while (frames.length < commands) await untilEvent(recorder, 'patch');
	recorder.close();
	if (!welcome) throw new Error('no welcome recorded');
	return { app, url, hostToken: tokens.hostToken, welcome: welcome as string, frames, kinds };
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	const { app, url, hostToken, welcome, frames, kinds } = await record(options.commands);
	try {
		const screens = Array.from({ length: options.screens }, (_, i) => {
			// No stall watch, no periodic clock sync: nothing but what is fed to it.
			const conn = new LiveConnection({ url, token: hostToken, deviceId: `bench-client-${i}`, stallAfterMs: 0, clockIntervalMs: 3_600_000, clockSamples: 1, socket: { forceNew: true, reconnection: false } });
			let snapshots = 0;
			conn.on('snapshot', () => void snapshots++);
			return { conn, snapshots: () => snapshots };
		});
		await Promise.all(screens.map(({ conn }) => new Promise<void>((resolve) => (conn.on('welcome', () => resolve()), conn.connect()))));
		const bare = Array.from({ length: options.screens }, () => {
			const socket: Socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: hostToken, patches: true } });
			let patches = 0;
			socket.on('patch', () => void patches++);
			return { socket, patches: () => patches };
		});
		await Promise.all(bare.map(({ socket }) => untilEvent(socket, 'welcome')));
		// Let the first clock syncs answer before anything is timed.
		await Promise.all(screens.map(({ conn }) => (conn.clock ? undefined : new Promise<void>((resolve) => conn.on('clock', () => resolve())))));

		const showcallTransports = screens.map(({ conn }) => transportOf(conn.socket));
		const bareTransports = bare.map(({ socket }) => transportOf(socket));
		const perPatch = { showcall: [] as { wallNs: number; cpuNs: number }[], bare: [] as { wallNs: number; cpuNs: number }[] };
		const received = frames.length * options.screens;
		const warmup = Math.floor(options.rounds / 4);
		// socket.io-client hands a decoded packet to its socket on the next tick (process.nextTick in
		// Node): a frame is done once a tick queued after its deliveries has run.
		const ticked = () => new Promise<void>((resolve) => process.nextTick(resolve));
		// Wall time and this process's CPU time (user + system: it counts no time another process
		// had the core, so it moves less with the machine's load), ns per received patch.
		const kindNames = [...new Set(kinds)];
		/** Per round, wall ns per received patch of each command kind (a frame at a time: each is a broadcast's worth). */
		const perKind = { showcall: new Map(kindNames.map((k) => [k, [] as number[]])), bare: new Map(kindNames.map((k) => [k, [] as number[]])) };
		const feed = async (transports: Transport[], byKind?: Map<string, number[]>) => {
			const kindNs = new Map(kindNames.map((k) => [k, 0]));
			const cpu0 = process.cpuUsage();
			const t0 = performance.now();
			for (let f = 0; f < frames.length; f++) {
				const f0 = performance.now();
				for (const transport of transports) transport.onData(frames[f]);
				await ticked();
				kindNs.set(kinds[f], kindNs.get(kinds[f])! + (performance.now() - f0) * 1e6);
			}
			if (byKind) for (const k of kindNames) byKind.get(k)!.push(kindNs.get(k)! / (kinds.filter((x) => x === k).length * transports.length));
			const wallNs = ((performance.now() - t0) * 1e6) / received;
			const cpu = process.cpuUsage(cpu0);
			return { wallNs, cpuNs: ((cpu.user + cpu.system) * 1e3) / received };
		};
		for (let round = 0; round < warmup + options.rounds; round++) {
			for (const transport of showcallTransports) transport.onData(welcome);
			await ticked();
			const before = screens.map((s) => s.snapshots());
			const counted = round >= warmup;
			const showcall = options.feed === 'bare' ? { wallNs: 0, cpuNs: 0 } : await feed(showcallTransports, counted ? perKind.showcall : undefined);
			screens.forEach((s, i) => {
				if (options.feed === 'bare') return;
				if (s.snapshots() - before[i] !== frames.length || s.conn.resyncs > 0) throw new Error(`screen ${i}: ${s.snapshots() - before[i]} snapshots for ${frames.length} patches, ${s.conn.resyncs} resyncs`);
			});
			const bareOnly = options.feed === 'showcall' ? { wallNs: 0, cpuNs: 0 } : await feed(bareTransports, counted ? perKind.bare : undefined);
			if (round >= warmup) {
				perPatch.showcall.push(showcall);
				perPatch.bare.push(bareOnly);
			}
			// The clock pings a welcome starts are answered between rounds, as on a live screen.
			await new Promise((resolve) => setImmediate(resolve));
		}
		bare.forEach((b, i) => {
			if (options.feed !== 'showcall' && b.patches() !== (warmup + options.rounds) * frames.length) throw new Error(`bare client ${i} received ${b.patches()} patches`);
		});
		for (const { conn } of screens) conn.close();
		for (const { socket } of bare) socket.close();

		const figures = (values: number[]) => ({ p50Ns: Math.round(percentile(values, 50)), p90Ns: Math.round(percentile(values, 90)) });
		const both = (rounds: { wallNs: number; cpuNs: number }[]) => ({ wall: figures(rounds.map((r) => r.wallNs)), cpu: figures(rounds.map((r) => r.cpuNs)) });
		const over = perPatch.showcall.map((r, i) => ({ wallNs: r.wallNs - perPatch.bare[i].wallNs, cpuNs: r.cpuNs - perPatch.bare[i].cpuNs }));
		const result = {
			screens: options.screens,
			patchesPerRound: frames.length,
			rounds: options.rounds,
			meanPatchBytes: Math.round(frames.reduce((sum, f) => sum + Buffer.byteLength(f), 0) / frames.length),
			showcall: both(perPatch.showcall),
			bare: both(perPatch.bare),
			showcallOverBare: both(over),
			/** Wall ns per received patch by the command it carries: p50 over the rounds. */
			byCommand: Object.fromEntries(kindNames.map((k) => [k, { showcallP50Ns: Math.round(percentile(perKind.showcall.get(k)!, 50)), bareP50Ns: Math.round(percentile(perKind.bare.get(k)!, 50)) }])),
			loadAverage: loadavg()[0]
		};
		const row = (label: string, f: ReturnType<typeof both>) =>
			`  ${label.padEnd(26)}${[f.wall.p50Ns, f.wall.p90Ns, f.cpu.p50Ns, f.cpu.p90Ns].map((n) => String(n).padStart(8)).join('')}`;
		console.log(
			`${options.screens} screens × ${frames.length} patches (mean ${result.meanPatchBytes} B) × ${options.rounds} rounds (+${warmup} warm-up), load ${result.loadAverage.toFixed(2)}\n` +
				`ns per received patch         wall p50     p90 cpu p50     p90\n` +
				`${row('Showcall (LiveConnection)', result.showcall)}\n${row('bare socket.io-client', result.bare)}\n${row('Showcall − bare', result.showcallOverBare)}\n` +
				`by command (wall p50, ns per patch: Showcall / bare): ${kindNames.map((k) => `${k} ${result.byCommand[k].showcallP50Ns || '-'} / ${result.byCommand[k].bareP50Ns || '-'}`).join(', ')}`
		);
		writeResult(options.json, 'client', result);
	} finally {
		await app.close();
		app.deps.db.$client.close();
	}
}

await main();
