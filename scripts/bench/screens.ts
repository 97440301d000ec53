/**
 * The benchmark's screens, in a worker thread, on websockets. For Showcall they are the client
 * library's `LiveConnection`s on host links (one producer connection per show drives it); for the
 * floors, bare socket.io clients and bare `ws` clients. The thread holds a set of screens per
 * target at once (`npm run bench` measures the three side by side); a request names its target.
 * The main thread sends one request at a time and gets one answer.
 */
import { readlinkSync, writeFileSync } from 'node:fs';
import { Session } from 'node:inspector/promises';
import { setPriority } from 'node:os';
import { performance } from 'node:perf_hooks';
import { parentPort, workerData } from 'node:worker_threads';
import { io, type Socket } from 'socket.io-client';
import WebSocket from 'ws';
import type { LiveCommandInput } from '../../src/lib/core/live';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { readFloorSnapshot, readScreensRequest, readScreensWorkerData, readWsFloorDriverMessage, readWsFloorPush, type Measured, type ScreensAnswer, type Target } from './channels';
import { bytesByKind, floorPayloadBytes, mixAt, turnsToCycleEnd, type MixEntry, type MixKind } from './mix';
import { blockSchedule } from './schedule';

export type { Measured, ScreensAnswer, ScreensRequest, Target } from './channels';

/** A screen's clock sync period in production (LiveConnection's default). */
const CLOCK_INTERVAL_MS = 5 * 60_000;

interface Screen {
	/** Index of the show it watches; -1 for a driver. */
	show: number;
	bytesRead(): number;
	close(): void;
}

/** Sends one command to its show: Showcall's `command`, a floor's `payloadBytes`; resolves with its version once acked. */
type Driver = (seq: number, command: MixEntry['command'], payloadBytes: number) => Promise<number>;

/** One target's screens and what drives them. */
interface Group {
	target: Target;
	screens: Screen[];
	drivers: Driver[];
	/**
	 * Makes `count` extra drivers of show 0 for the warm-up (Showcall's producer connections: the
	 * server lets a connection send 40 events at once, then 10 a second), and closes them after.
	 */
	warmupDrivers: (count: number) => Promise<{ drivers: Driver[]; close: () => void }>;
	/** Showcall's screens (none for the floors). */
	liveScreens: LiveConnection[];
	/** The command waiting for every screen of its show. */
	pending: { show: number; kind: MixKind; version: number; t0: number; left: number; latencies: number[]; done: () => void } | null;
	/** Commands of the mix each show has had so far (warm-up, measured and the cycle's end alike). */
	turns: Map<number, number>;
	/** While measuring: the payload of each command seen (Showcall's: show 0's pushes on its first screen). */
	measuredPayloads: { kind: MixKind; bytes: number }[] | null;
	/** The soak's producers, one per show (Showcall's), and the command of each show waiting for its screens. */
	producers: LiveConnection[];
	screensPerShow: number;
	soakPending: Map<number, { version: number; t0: number; left: number; latencies: number[] }>;
	/** Commands sent to each show in the soak so far, across windows. */
	soakTurns: Map<number, number>;
	/** Showcall's: the size of the last push its first screen received (0 before any). */
	pushBytes: number;
	/** Showcall's: per kind of the mix, the size of the last push of a command of that kind on its first screen. */
	pushBytesByKind: Map<MixKind, number>;
}

const groups = new Map<Target, Group>();

function newGroup(target: Target, screensPerShow: number): Group {
	if (groups.has(target)) throw new Error(`${target}: its screens are already connected`);
	const group: Group = {
		target,
		screens: [],
		drivers: [],
		warmupDrivers: async () => ({ drivers: group.drivers.slice(0, 1), close: () => {} }),
		liveScreens: [],
		pending: null,
		turns: new Map(),
		measuredPayloads: null,
		producers: [],
		screensPerShow,
		soakPending: new Map(),
		soakTurns: new Map(),
		pushBytes: 0,
		pushBytesByKind: new Map()
	};
	groups.set(target, group);
	return group;
}

function groupOf(target: Target): Group {
	const group = groups.get(target);
	if (!group) throw new Error(`${target}: no screens connected`);
	return group;
}

function onReceived(group: Group, show: number, version: number, at: number) {
	const soak = group.soakPending.get(show);
	if (soak && version >= soak.version) {
		soak.latencies.push(at - soak.t0);
		if (--soak.left === 0) group.soakPending.delete(show);
	}
	const p = group.pending;
	if (!p || p.show !== show || version !== p.version) return;
	p.latencies.push(at - p.t0);
	if (--p.left === 0) p.done();
}

/**
 * Keeps Showcall's push sizes (`pushBytes`, and per kind `pushBytesByKind` for the push of the
 * command under way on show 0, whose screen it is) to the pushes its first screen receives, until
 * the answer is called.
 */
function watchPush(group: Group): () => void {
	const probe = group.liveScreens[0]?.socket;
	const onPatch = (patch: unknown) => {
		const bytes = (group.pushBytes = Buffer.byteLength(JSON.stringify(patch)));
		const version = typeof patch === 'object' && patch !== null && 'v' in patch ? patch.v : undefined;
		const p = group.pending;
		if (!p || p.show !== 0 || version !== p.version) return;
		group.pushBytesByKind.set(p.kind, bytes);
		group.measuredPayloads?.push({ kind: p.kind, bytes });
	};
	probe?.on('patch', onPatch);
	return () => void probe?.off('patch', onPatch);
}

/** Bytes read from the TCP connection under a socket.io client (frames, not TCP/IP headers). */
function socketBytes(socket: Socket | null): number {
	const transport = (socket?.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead: number } } } } | undefined)?.transport;
	return transport?.ws?._socket?.bytesRead ?? 0;
}

function waitAll<T>(items: T[], ready: (item: T) => Promise<void>, timeoutMs: number): Promise<void> {
	return Promise.race([
		Promise.all(items.map(ready)).then(() => undefined),
		new Promise<void>((_, reject) => setTimeout(() => reject(new Error(`not ready after ${timeoutMs} ms`)), timeoutMs))
	]);
}

async function connectShowcall(url: string, shows: { producerToken: string; hostToken: string }[], perShow: number): Promise<number> {
	const group = newGroup('showcall', perShow);
	// The producers first (not timed): they drive the commands.
	const producers = (group.producers = shows.map((s, i) => new LiveConnection({ url, token: s.producerToken, deviceName: `bench-producer-${i}`, socket: { forceNew: true, reconnection: false } })));
	await waitAll(producers, (p) => new Promise<void>((resolve) => (p.on('welcome', () => resolve()), p.connect())), 30_000);
	// A show's connections hear each other's commands: one that has not yet must catch up first.
	const lastVersion = new Map<LiveConnection, number>();
	const driverOf = (p: LiveConnection, show: number): Driver => async (_seq, command) => {
		const known = lastVersion.get(producers[show]) ?? 0;
		if ((p.snapshot?.version ?? 0) < known)
			await new Promise<void>((resolve) => {
				const off = p.on('snapshot', (snapshot) => snapshot.version >= known && (off(), resolve()));
			});
		const expected = (p.snapshot?.version ?? 0) + 1;
		group.pending!.version = expected;
		group.pending!.t0 = performance.now();
		const ack = await p.send(command);
		if (!ack.ok) throw new Error(`${command.type} refused: ${ack.code}`);
		lastVersion.set(producers[show], ack.version);
		return ack.version;
	};
	group.drivers = producers.map((p, show) => driverOf(p, show));
	group.warmupDrivers = async (count) => {
		const extra = Array.from({ length: count }, (_, i) => new LiveConnection({ url, token: shows[0].producerToken, deviceName: `bench-warmup-${i}`, socket: { forceNew: true, reconnection: false } }));
		await waitAll(extra, (p) => new Promise<void>((resolve) => (p.on('welcome', () => resolve()), p.connect())), 30_000);
		return { drivers: extra.map((p) => driverOf(p, 0)), close: () => extra.forEach((p) => p.close()) };
	};

	const started = performance.now();
	const conns: LiveConnection[] = [];
	const screens = group.screens;
	shows.forEach((s, show) => {
		for (let i = 0; i < perShow; i++) {
			const conn = new LiveConnection({ url, token: s.hostToken, deviceName: `bench-${show}-${i}`, deviceId: `bench-${show}-${i}`, socket: { forceNew: true, reconnection: false } });
			conn.on('snapshot', (snapshot) => onReceived(group, show, snapshot.version, performance.now()));
			conns.push(conn);
			screens.push({ show, bytesRead: () => socketBytes(conn.socket), close: () => conn.close() });
		}
	});
	const welcomed = waitAll(conns, (c) => new Promise<void>((resolve) => c.on('welcome', () => resolve())), 60_000);
	for (const c of conns) c.connect();
	await welcomed;
	const connectMs = performance.now() - started;
	// Let the first clock syncs finish before measuring anything.
	await waitAll(conns, (c) => (c.clock ? Promise.resolve() : new Promise<void>((resolve) => c.on('clock', () => resolve()))), 60_000);
	group.liveScreens = conns;
	for (const p of producers) screens.push({ show: -1, bytesRead: () => 0, close: () => p.close() });
	return connectMs;
}

/** Bare `ws` clients: the same rooms, the same driver pattern (acked command, then a broadcast). */
async function connectWsFloor(url: string, showCount: number, perShow: number): Promise<number> {
	const group = newGroup('ws-floor', perShow);
	const open = (room: string) =>
		new Promise<WebSocket>((resolve, reject) => {
			const ws = new WebSocket(`${url.replace(/^http/, 'ws')}/?room=${room}`, { perMessageDeflate: false });
			ws.once('message', () => resolve(ws));
			ws.once('error', reject);
		});
	const driverSockets = await Promise.all(Array.from({ length: showCount }, (_, i) => open(`room-${i}`)));
	group.drivers = driverSockets.map((ws) => async (seq, _command, payloadBytes) => {
		group.pending!.version = seq;
		group.pending!.t0 = performance.now();
		await new Promise<void>((resolve) => {
			const onAck = (data: WebSocket.RawData) => {
				const heard = readWsFloorDriverMessage(String(data));
				// The driver is in its show's room: it hears the pushes too.
				if (!('ack' in heard) || heard.ack !== seq) return;
				ws.off('message', onAck);
				resolve();
			};
			ws.on('message', onAck);
			ws.send(JSON.stringify({ cmd: seq, bytes: payloadBytes }));
		});
		return seq;
	});
	const started = performance.now();
	const sockets = await Promise.all(
		Array.from({ length: showCount * perShow }, async (_, i) => {
			const show = Math.floor(i / perShow);
			const ws = await open(`room-${show}`);
			ws.on('message', (data) => onReceived(group, show, readWsFloorPush(String(data)), performance.now()));
			return { show, ws };
		})
	);
	const connectMs = performance.now() - started;
	const bytes = (ws: WebSocket) => (ws as unknown as { _socket?: { bytesRead: number } })._socket?.bytesRead ?? 0;
	group.screens = [
		...sockets.map(({ show, ws }) => ({ show, bytesRead: () => bytes(ws), close: () => ws.terminate() })),
		...driverSockets.map((ws) => ({ show: -1, bytesRead: () => 0, close: () => ws.terminate() }))
	];
	return connectMs;
}

/**
 * The soak: for `seconds`, every show gets a command every `intervalMs`, the shows' turns spread
 * evenly over the interval as independent producers' would be (a show whose previous command is not
 * yet on all its screens skips its turn: counted). Latency per command: sent → every screen of the
 * show has it.
 */
async function soak(seconds: number, intervalMs: number) {
	const { producers, soakPending, soakTurns, screensPerShow } = groupOf('showcall');
	const latencies: number[] = [];
	let sent = 0;
	let refused = 0;
	const refusedCodes: Record<string, number> = {};
	let skipped = 0;
	let late = 0;
	const busy = new Set<number>();
	const end = performance.now() + seconds * 1000;
	const commandFor = (show: number, i: number): LiveCommandInput => {
		switch (i % 4) {
			case 0:
				return { type: 'next' };
			case 1: {
				const products = producers[show].sheet?.products ?? [];
				return products.length ? { type: 'set-stock', productId: products[i % products.length].id, stock: i % 500 } : { type: 'add-time', deltaMs: 15_000 };
			}
			case 2:
				return { type: 'previous' };
			default:
				return i % 40 === 3 ? { type: 'message', text: `第 ${i} 条提醒：注意节奏` } : { type: 'add-time', deltaMs: 15_000 };
		}
	};
	const slotMs = intervalMs / producers.length;
	const started = performance.now();
	for (let k = 0; performance.now() < end; k++) {
		const show = k % producers.length;
		const producer = producers[show];
		if (busy.has(show)) skipped++;
		else {
			busy.add(show);
			// next, set-stock, previous, add-time (or a message): the show stays between two segments.
			const i = soakTurns.get(show) ?? 0;
			soakTurns.set(show, i + 1);
			const expected = (producer.snapshot?.version ?? 0) + 1;
			const entry = { version: expected, t0: performance.now(), left: screensPerShow, latencies };
			soakPending.set(show, entry);
			sent++;
			void producer.send(commandFor(show, i)).then((ack) => {
				if (!ack.ok) {
					refused++;
					refusedCodes[ack.code] = (refusedCodes[ack.code] ?? 0) + 1;
					soakPending.delete(show);
				} else if (ack.version !== expected) entry.version = ack.version;
				busy.delete(show);
			});
		}
		const wait = started + (k + 1) * slotMs - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		else late++;
	}
	// Let the last commands reach their screens.
	const drained = performance.now() + 10_000;
	while ((soakPending.size > 0 || busy.size > 0) && performance.now() < drained) await new Promise((resolve) => setTimeout(resolve, 20));
	soakPending.clear();
	return { latenciesMs: latencies, sent, refused, refusedCodes, skipped, late };
}

async function connectFloor(url: string, showCount: number, perShow: number): Promise<number> {
	const group = newGroup('floor', perShow);
	const open = (room: string) =>
		new Promise<Socket>((resolve, reject) => {
			const socket = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { room } });
			socket.once('ready', () => resolve(socket));
			socket.once('connect_error', reject);
		});
	const producerSockets = await Promise.all(Array.from({ length: showCount }, (_, i) => open(`room-${i}`)));
	group.drivers = producerSockets.map((socket) => async (seq, _command, payloadBytes) => {
		group.pending!.version = seq;
		group.pending!.t0 = performance.now();
		await socket.timeout(10_000).emitWithAck('cmd', { seq, bytes: payloadBytes });
		return seq;
	});
	const started = performance.now();
	const sockets = await Promise.all(
		Array.from({ length: showCount * perShow }, async (_, i) => {
			const show = Math.floor(i / perShow);
			const socket = await open(`room-${show}`);
			socket.on('snapshot', (payload: unknown) => onReceived(group, show, readFloorSnapshot(payload), performance.now()));
			return { show, socket };
		})
	);
	const connectMs = performance.now() - started;
	group.screens = [
		...sockets.map(({ show, socket }) => ({ show, bytesRead: () => socketBytes(socket), close: () => socket.close() })),
		...producerSockets.map((socket) => ({ show: -1, bytesRead: () => 0, close: () => socket.close() }))
	];
	return connectMs;
}

/** Commands a warm-up connection sends (within the server's burst of 40 per connection). */
const WARMUP_PER_DRIVER = 30;

/** The floors' command numbers (their screens match a push by it), across warm-up and measure. */
let seq = 0;

/**
 * The show's next command of the mix through `drive` (a floor's payload sized like Showcall's push
 * of its kind); resolves with its kind when every screen of the show has it (latencies into `into`).
 */
async function once(group: Group, show: number, drive: Driver, into: number[], what: string): Promise<MixKind> {
	const turn = group.turns.get(show) ?? 0;
	group.turns.set(show, turn + 1);
	const { kind, command } = mixAt(turn);
	const showcall = groups.get('showcall');
	const payloadBytes = group.target === 'showcall' ? 0 : floorPayloadBytes(showcall?.pushBytesByKind ?? new Map(), kind, showcall?.pushBytes ?? 0);
	if (group.target !== 'showcall') group.measuredPayloads?.push({ kind, bytes: payloadBytes });
	let left = 0;
	for (const s of group.screens) if (s.show === show) left++;
	const done = new Promise<void>((resolve, reject) => {
		const timer = setTimeout(() => reject(new Error(`${what} (${kind}): not every screen heard it within 10 s`)), 10_000);
		group.pending = { show, kind, version: -1, t0: 0, left, latencies: into, done: () => (clearTimeout(timer), resolve()) };
	});
	await drive(++seq, command, payloadBytes);
	await done;
	group.pending = null;
	return kind;
}

/**
 * The warm-up: `commands` not measured. On one show, from extra drivers of it (a connection may send
 * only so many at once). On several, spread over every show in turn, each from its own driver, so
 * that every show is past its first cycle when the measuring starts, as a lone show is (with show 0
 * alone warmed, the others met their first commands while measured).
 */
async function warmUp(target: Target, commands: number) {
	const group = groupOf(target);
	const shows = group.drivers.length;
	if (shows > 1 && Math.ceil(commands / shows) > WARMUP_PER_DRIVER)
		throw new Error(`${commands} warm-up commands over ${shows} shows: at most ${WARMUP_PER_DRIVER * shows} (a show's connection may send only so many at once)`);
	const warm = shows > 1 ? { drivers: group.drivers, close: () => {} } : await group.warmupDrivers(Math.ceil(commands / WARMUP_PER_DRIVER));
	const unwatch = watchPush(group);
	try {
		for (let w = 0; w < commands; w++) {
			const show = w % shows;
			await once(group, show, warm.drivers[w % warm.drivers.length], [], `${target} warm-up command ${w}`);
		}
	} finally {
		unwatch();
		warm.close();
	}
}

async function measure(targets: Target[], commands: number, blockSize: number, gapMs: number): Promise<Measured[]> {
	const runs = new Map(targets.map((target) => [target, { group: groupOf(target), sent: 0, latencies: [] as number[][], kinds: [] as MixKind[], snapshotBytes: 0 }]));
	const showcall = runs.get('showcall');
	const unwatch = showcall ? watchPush(showcall.group) : () => {};
	for (const { group } of runs.values()) group.measuredPayloads = [];
	try {
		for (const block of blockSchedule(targets, commands, blockSize)) {
			const run = runs.get(block.target)!;
			const { group } = run;
			for (let b = 0; b < block.commands; b++, run.sent++) {
				const show = run.sent % group.drivers.length;
				const latencies: number[] = [];
				run.latencies.push(latencies);
				run.kinds.push(await once(group, show, group.drivers[show], latencies, `${block.target} command ${run.sent}`));
				const probe = group.liveScreens[0];
				if (probe && run.sent === 0) run.snapshotBytes = Buffer.byteLength(JSON.stringify(probe.snapshot));
				await new Promise((resolve) => setTimeout(resolve, gapMs));
			}
		}
	} finally {
		unwatch();
	}
	return [...runs.entries()].map(([target, run]) => {
		const { byKind, mean } = bytesByKind(run.group.measuredPayloads ?? []);
		run.group.measuredPayloads = null;
		return { target, commandLatenciesMs: run.latencies, commandKinds: run.kinds, payloadBytesByType: byKind, payloadBytes: mean, snapshotBytes: run.snapshotBytes };
	});
}

/** Each show's remaining commands of its cycle (not counted): every show back on its opening, live. */
async function endCycles(group: Group) {
	for (const [show, drive] of group.drivers.entries()) {
		for (let left = turnsToCycleEnd(group.turns.get(show) ?? 0); left > 0; left--) await once(group, show, drive, [], `${group.target} show ${show}'s cycle end`);
	}
}

async function idle(target: Target, seconds: number) {
	const group = groupOf(target);
	await endCycles(group);
	const { screens, liveScreens } = group;
	const receivers = screens.filter((s) => s.show >= 0);
	const before = receivers.map((s) => s.bytesRead());
	await new Promise((resolve) => setTimeout(resolve, seconds * 1000));
	const windowBytes = receivers.reduce((sum, s, i) => sum + (s.bytesRead() - before[i]), 0) / receivers.length;
	// A clock sync happens every CLOCK_INTERVAL_MS on each screen: measure one on a few screens and spread it over the period.
	const sample = liveScreens.slice(0, 10);
	let syncBytes = 0;
	for (const conn of sample) {
		const b = socketBytes(conn.socket);
		await conn.syncClock();
		syncBytes += socketBytes(conn.socket) - b;
	}
	const syncBytesPerScreen = sample.length ? syncBytes / sample.length : 0;
	const perMin = (windowBytes / seconds) * 60 + syncBytesPerScreen * (60_000 / CLOCK_INTERVAL_MS);
	return { bytesPerScreenPerMin: perMin, windowBytesPerScreen: windowBytes, syncBytesPerScreen, clockIntervalMs: CLOCK_INTERVAL_MS };
}

/** Starts this thread's CPU profiler; the answer stops it and writes the profile to `file`. */
async function startProfile(file: string) {
	const session = new Session();
	session.connect();
	await session.post('Profiler.enable');
	await session.post('Profiler.setSamplingInterval', { interval: 100 });
	await session.post('Profiler.start');
	return async () => {
		const { profile } = await session.post('Profiler.stop');
		writeFileSync(file, JSON.stringify(profile));
		session.disconnect();
	};
}

// A lower priority for this thread alone (ScreensWorker's `niceness`): on Linux a thread is a task
// of its own, named by its id under /proc/thread-self.
const { niceness } = readScreensWorkerData(workerData);
if (niceness > 0) {
	try {
		setPriority(Number(readlinkSync('/proc/thread-self').split('/').pop()), niceness);
	} catch {
		// Not Linux: the screens keep the server's priority.
	}
}

const port = parentPort!;
port.on('message', async (message: unknown) => {
	const answer = (a: ScreensAnswer) => port.postMessage(a);
	try {
		const request = readScreensRequest(message);
		if (request.type === 'connect') {
			const connectMs =
				request.target === 'showcall'
					? await connectShowcall(request.url, request.shows, request.screensPerShow)
					: request.target === 'floor'
						? await connectFloor(request.url, request.shows.length, request.screensPerShow)
						: await connectWsFloor(request.url, request.shows.length, request.screensPerShow);
			answer({ type: 'connected', connectMs });
		} else if (request.type === 'measure') {
			const stopProfile = request.profile ? await startProfile(request.profile) : null;
			const targets = await measure(request.targets, request.commands, request.blockSize, request.gapMs);
			await stopProfile?.();
			answer({ type: 'measured', targets });
		} else if (request.type === 'warmup') {
			await warmUp(request.target, request.commands);
			answer({ type: 'warmed' });
		} else if (request.type === 'idle') {
			answer({ type: 'idled', ...(await idle(request.target, request.seconds)) });
		} else if (request.type === 'soak') {
			answer({ type: 'soaked', ...(await soak(request.seconds, request.intervalMs)) });
		} else {
			for (const target of request.target ? [request.target] : [...groups.keys()]) {
				for (const s of groups.get(target)?.screens ?? []) s.close();
				groups.delete(target);
			}
			answer({ type: 'closed' });
		}
	} catch (err) {
		answer({ type: 'error', message: (err as Error).stack ?? String(err) });
	}
});
