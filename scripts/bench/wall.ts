/**
 * The wall scenario of `npm run bench` (`--only wall`): 50 live shows, each sent a command a second
 * (add-time, ±1 s in turn) over the HTTP control API and a figure every 10 s (its recorder link,
 * `POST /api/live/figures`), first without a wall, then with one wall (a province account's socket
 * on /wall) watching them all.
 *
 *   wallP50Ms / wallP99Ms / wallMaxMs  command or figure sent → the wall's push carrying that show received
 *   cpuWithoutWallPct / cpuWithWallPct  the server process's CPU (user + system) over each window, % of one core
 *   wallIdleBytesPerMin                 bytes the wall reads a minute with nothing happening (heartbeats, its clock sync)
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { readWallUpdate, type WallUpdate } from '../../src/lib/contract/wall';
import { prepareDatabase, type BenchShow } from './prepare';
import { maximum, percentile, SERVER_NODE_FLAGS, startProcess, stop } from './process';

/** A wall push read as the wall's own client reads it (src/lib/realtime/wall-connection.ts); one that does not parse throws, naming the event. */
function wallUpdate(event: 'wall' | 'shows', raw: unknown): WallUpdate {
	const update = readWallUpdate(raw);
	if (!update) throw new Error(`wall socket: ${event}: malformed message: not a wall update`);
	return update;
}

export interface WallResult {
	name: string;
	shows: number;
	commandsPerSecond: number;
	figuresPerSecond: number;
	seconds: number;
	wallP50Ms: number;
	wallP99Ms: number;
	wallMaxMs: number;
	wallUpdates: number;
	cpuWithoutWallPct: number;
	cpuWithWallPct: number;
	wallIdleBytesPerMin: number;
}

const SHOWS = 50;
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

/** CPU seconds (user + system) the process has used. */
function cpuSeconds(pid: number): number {
	const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').replace(/^.*\) /, '').split(' ');
	// utime and stime: fields 14 and 15 of stat, 12 and 13 after the command name; clock ticks of 1/100 s.
	return (Number(fields[11]) + Number(fields[12])) / 100;
}

function bytesRead(socket: Socket): number {
	const transport = (socket.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead: number } } } } | undefined)?.transport;
	return transport?.ws?._socket?.bytesRead ?? 0;
}

async function post(url: string, token: string, command: string, body?: object) {
	const response = await fetch(`${url}/api/live/${command}`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
		body: body ? JSON.stringify(body) : undefined
	});
	if (!response.ok) throw new Error(`${command}: ${response.status} ${await response.text()}`);
}

async function postFigure(url: string, token: string, viewers: number) {
	const response = await fetch(`${url}/api/live/figures`, {
		method: 'POST',
		headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
		body: JSON.stringify({ platform: 'douyin', figures: { viewers, gmvFen: viewers * 37, orders: Math.round(viewers / 50) } })
	});
	if (!response.ok) throw new Error(`figures: ${response.status} ${await response.text()}`);
}

/**
 * Each show a command a second and, every 10th second (shows in turn, so the figures spread over
 * the ten seconds), a figure, for `seconds`, evenly over time; `sent` hears each one.
 */
async function drive(url: string, shows: BenchShow[], seconds: number, sent: (showId: number, at: number) => void) {
	const spacing = 1000 / shows.length;
	const started = performance.now();
	const inFlight: Promise<void>[] = [];
	for (let tick = 0; tick < seconds * shows.length; tick++) {
		const wait = started + tick * spacing - performance.now();
		if (wait > 0) await new Promise((resolve) => setTimeout(resolve, wait));
		const index = tick % shows.length;
		const show = shows[index];
		const second = Math.floor(tick / shows.length);
		sent(show.showId, performance.now());
		inFlight.push(post(url, show.producerToken, 'add-time', { deltaMs: second % 2 === 0 ? 1000 : -1000 }));
		if (second % 10 === index % 10) {
			sent(show.showId, performance.now());
			inFlight.push(postFigure(url, show.recorderToken, 1000 + tick));
		}
	}
	await Promise.all(inFlight);
}

export async function runWallScenario(dir: string, options: { seconds: number; idleSeconds: number }, log: (text: string) => void): Promise<WallResult> {
	const password = 'bench-wall-password';
	const shows = await prepareDatabase(join(dir, 'wall.db'), SHOWS, password);
	const server = startProcess(
		['server/index.ts'],
		{ HOST: '127.0.0.1', PORT: '0', DATABASE_PATH: join(dir, 'wall.db'), LOG_LEVEL: 'warn', ADMIN_PASSWORD: '' },
		/Local:\s+http:\/\/localhost:(\d+)/,
		false,
		SERVER_NODE_FLAGS
	);
	let wall: Socket | null = null;
	try {
		const url = await server.url;
		const pid = server.child.pid!;
		// Every show live, on its second segment, with 30 minutes added so no alert falls due meanwhile.
		for (const show of shows) {
			await post(url, show.producerToken, 'start', { mode: 'live' });
			await post(url, show.producerToken, 'next');
			await post(url, show.producerToken, 'add-time', { deltaMs: 30 * 60_000 });
		}

		let cpu = cpuSeconds(pid);
		await drive(url, shows, options.seconds, () => undefined);
		const cpuWithout = (cpuSeconds(pid) - cpu) / options.seconds;
		log(`without a wall: server CPU ${round(cpuWithout * 100, 1)} %`);

		const signIn = await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'admin', password }) });
		const cookie = (signIn.headers.get('set-cookie') ?? '').split(';')[0];
		if (!signIn.ok || !cookie) throw new Error(`sign-in failed: ${signIn.status}`);
		// Per show, what was sent and not yet seen on the wall, oldest first (each send makes one push).
		const pending = new Map<number, number[]>();
		const latencies: number[] = [];
		let updates = 0;
		wall = io(`${url}/wall`, { transports: ['websocket'], extraHeaders: { cookie }, reconnection: false });
		const socket = wall;
		const listed = new Promise<number>((resolve, reject) => {
			socket.once('wall', (list: unknown) => {
				try {
					resolve(wallUpdate('wall', list).shows.length);
				} catch (err) {
					reject(err);
				}
			});
			socket.once('connect_error', reject);
		});
		socket.on('shows', (message: unknown) => {
			const at = performance.now();
			// Parsed as the wall's own client parses it (src/lib/realtime/wall-connection.ts); a push that does not parse throws.
			const update = wallUpdate('shows', message);
			updates += 1;
			for (const show of update.shows) {
				const sentAt = pending.get(show.showId)?.shift();
				if (sentAt !== undefined) latencies.push(at - sentAt);
			}
		});
		log(`wall connected: ${await listed} shows listed`);

		cpu = cpuSeconds(pid);
		await drive(url, shows, options.seconds, (showId, at) => pending.set(showId, [...(pending.get(showId) ?? []), at]));
		const cpuWith = (cpuSeconds(pid) - cpu) / options.seconds;
		log(`with the wall: server CPU ${round(cpuWith * 100, 1)} %, ${latencies.length} updates timed`);

		// Idle: nothing happens (no command, no alert due).
		const before = bytesRead(socket);
		await new Promise((resolve) => setTimeout(resolve, options.idleSeconds * 1000));
		const idlePerMin = ((bytesRead(socket) - before) / options.idleSeconds) * 60;

		return {
			name: 'wall: 50 live shows, a command a second and a figure every 10 s each',
			shows: SHOWS,
			commandsPerSecond: SHOWS,
			figuresPerSecond: SHOWS / 10,
			seconds: options.seconds,
			wallP50Ms: round(percentile(latencies, 50)),
			wallP99Ms: round(percentile(latencies, 99)),
			wallMaxMs: round(maximum(latencies)),
			wallUpdates: updates,
			cpuWithoutWallPct: round(cpuWithout * 100, 1),
			cpuWithWallPct: round(cpuWith * 100, 1),
			wallIdleBytesPerMin: Math.round(idlePerMin)
		};
	} finally {
		wall?.close();
		await stop(server.child);
	}
}
