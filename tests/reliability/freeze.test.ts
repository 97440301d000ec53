/**
 * The freeze suite: the real server as a child process, stopped with SIGSTOP for 10 s and resumed
 * with SIGCONT — alive for the kernel (connections stay open, nothing is closed) but answering
 * nothing, the case socket.io's own heartbeat notices only after 15 s. Host, producer and
 * coordinator screens on the client library (`LiveConnection`, as the pages run it) must:
 *   - say so (`stalled`) within 3 s of the stop, and be back (online, not stalled) within 1 s of
 *     the resume;
 *   - not let a command issued during the freeze take effect when the server resumes: over the
 *     socket (the product's client and a raw one that waits for the server's own answer) and over
 *     HTTP with `issuedAt`, each refused COMMAND_EXPIRED, the state, version and log unchanged.
 * Before the freezes, an idle screen's received bytes a minute (the heartbeat's pings) are measured.
 * RELIABILITY_PROFILE=long makes it 20 freezes and a 60 s idle window; RELIABILITY_SEED replays.
 */
import { request } from 'node:http';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import type { CommandAck, LiveClientEvents, LiveServerEvents, LiveWireSnapshot } from '../../src/lib/contract/live';
import { LiveConnection, type SendResult } from '../../src/lib/realtime/live-connection';
import { recordFigures } from './support/figures';
import { auditLog } from './support/log-check';
import { profile, SEED, timeout } from './support/profile';
import { percentile, rng, round } from './support/rng';
import { freePort, ServerProcess, tempDir } from './support/server-process';

const PASSWORD = 'freeze-suite-password';
/** The product's promises. */
const DETECT_BUDGET_MS = 3_000;
const RECOVER_BUDGET_MS = 1_000;
const IDLE_BUDGET_BYTES_PER_MIN = 1_024;

type Raw = Socket<LiveServerEvents, LiveClientEvents>;

interface Watched {
	name: string;
	conn: LiveConnection;
	/** performance.now() of each change of `stalled` and each welcome. */
	stalledAt: number[];
	backAt: number[];
}

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

/** Bytes read from the TCP connection under a client (frames, not TCP/IP headers), as the benchmark counts them. */
function bytesRead(conn: LiveConnection): number {
	const transport = (conn.socket?.io.engine as unknown as { transport?: { ws?: { _socket?: { bytesRead: number } } } } | undefined)?.transport;
	return transport?.ws?._socket?.bytesRead ?? 0;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** A POST on a connection of its own (a pooled one may be closed by the server as it resumes). */
function post(url: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: { error?: { code: string } } }> {
	return new Promise((resolve, reject) => {
		const req = request(url, { method: 'POST', agent: false, headers: { ...headers, 'content-type': 'application/json', 'content-length': Buffer.byteLength(body) } }, (res) => {
			let text = '';
			res.setEncoding('utf8');
			res.on('data', (d: string) => (text += d));
			res.on('end', () => resolve({ status: res.statusCode ?? 0, body: JSON.parse(text || '{}') }));
		});
		req.on('error', reject);
		req.end(body);
	});
}

describe('freeze suite: SIGSTOP 10 s, then SIGCONT', () => {
	it(
		`notices ${profile.freeze.freezes} frozen servers within 3 s, refuses the commands issued meanwhile, and is back within 1 s`,
		async () => {
			const random = rng(SEED).fork('freeze');
			const dir = tempDir('showcall-freeze-');
			cleanup.push(() => dir.remove());
			const databasePath = join(dir.path, 'showcall.db');
			const server = new ServerProcess({ port: await freePort(), databasePath, adminPassword: PASSWORD });
			cleanup.push(async () => {
				if (server.pid) process.kill(server.pid, 'SIGCONT');
				await server.kill9();
			});
			await server.start();
			const cookie = await server.signIn();
			const show = await server.demoShow(cookie);
			const bearer = { authorization: `Bearer ${show.producerToken}` };
			await server.json('/api/live/start', { method: 'POST', headers: bearer });

			// Every kind of live screen: hosts, a producer, a coordinator watching.
			const open = (name: string, options: { token?: string; showId?: number; cookie?: string }) => {
				const conn = new LiveConnection({
					url: server.base,
					token: options.token,
					showId: options.showId,
					deviceId: `freeze-${name}`,
					deviceName: name,
					socket: { forceNew: true, ...(options.cookie ? { extraHeaders: { cookie: options.cookie } } : {}) }
				});
				const watched: Watched = { name, conn, stalledAt: [], backAt: [] };
				conn.on('stalled', (stalled) => (stalled ? watched.stalledAt : watched.backAt).push(performance.now()));
				conn.on('welcome', () => watched.backAt.push(performance.now()));
				return watched;
			};
			const screens: Watched[] = [
				...Array.from({ length: profile.freeze.hosts }, (_, i) => open(`host-${i}`, { token: show.hostToken })),
				open('producer', { token: show.producerToken }),
				open('coordinator', { showId: show.showId, cookie })
			];
			cleanup.push(() => screens.forEach((s) => s.conn.close()));
			const producer = screens.find((s) => s.name === 'producer')!.conn;
			await Promise.all(screens.map((s) => new Promise<void>((resolve) => (s.conn.on('welcome', () => resolve()), s.conn.connect()))));
			await Promise.all(screens.map((s) => s.conn.clock ?? new Promise((resolve) => s.conn.on('clock', resolve))));
			const raws: Raw[] = [];
			cleanup.push(() => raws.forEach((r) => r.close()));

			// Idle: what a screen receives a minute with nothing happening (a ping a second).
			const idleScreens = screens.filter((s) => s.name.startsWith('host-'));
			const before = idleScreens.map((s) => bytesRead(s.conn));
			await sleep(profile.freeze.idleSeconds * 1000);
			const idleBytes = idleScreens.reduce((sum, s, i) => sum + bytesRead(s.conn) - before[i], 0) / idleScreens.length;
			const idleBytesPerMin = (idleBytes / profile.freeze.idleSeconds) * 60;

			const detectMs: number[] = [];
			const recoverMs: number[] = [];
			const refused: Record<string, number> = {};
			const count = (code: string) => (refused[code] = (refused[code] ?? 0) + 1);
			let lateCommands = 0;
			let applied = 0;

			for (let freeze = 0; freeze < profile.freeze.freezes; freeze++) {
				// Every screen online and heard from, then the stop at a random moment between pings.
				await expect.poll(() => screens.filter((s) => s.conn.status !== 'online' || s.conn.stalled).map((s) => s.name), { timeout: 10_000 }).toEqual([]);
				// A raw producer connection, to see the server's own answer to a command sent during the
				// freeze: its own heartbeat (15 s from the last ping) outlasts the freeze.
				const raw: Raw = io(server.base, { transports: ['websocket'], forceNew: true, reconnection: false, auth: { token: show.producerToken, deviceId: `freeze-raw-${freeze}` } });
				raws.push(raw);
				await new Promise((resolve) => raw.once('welcome', resolve));
				await sleep(random.int(200, 1_200));
				const state = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });
				const loggedBefore = auditLog(databasePath, show.showId).commands.length;
				const stoppedAt = performance.now();
				process.kill(server.pid!, 'SIGSTOP');

				// Each screen says so.
				await expect.poll(() => screens.filter((s) => !s.stalledAt.some((t) => t >= stoppedAt)).map((s) => s.name), { timeout: 10_000, interval: 50 }).toEqual([]);
				for (const s of screens) detectMs.push(s.stalledAt.find((t) => t >= stoppedAt)! - stoppedAt);

				// The producer presses → meanwhile, three ways.
				const issuedAt = Math.round(producer.serverNow());
				const sent: Promise<SendResult> = producer.send({ type: 'next' });
				const rawAck: Promise<CommandAck> = raw.timeout(30_000).emitWithAck('command', { type: 'next', issuedAt });
				const http = post(`${server.base}/api/live/next`, bearer, JSON.stringify({ issuedAt }));
				http.catch(() => undefined);
				rawAck.catch(() => undefined);
				lateCommands += 3;
				// The product's client gives up after 3 s, during the freeze: 未生效.
				const local = await sent;
				expect(local).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
				count(`client:${local.ok ? 'ok' : local.code}`);

				await sleep(Math.max(0, stoppedAt + 10_000 - performance.now()));
				const resumedAt = performance.now();
				process.kill(server.pid!, 'SIGCONT');

				const serverAnswer = await rawAck;
				const { status: httpStatus, body: httpBody } = await http;
				count(`socket:${serverAnswer.ok ? 'ok' : serverAnswer.code}`);
				count(`http:${httpStatus} ${httpBody.error?.code ?? 'ok'}`);
				expect(serverAnswer).toMatchObject({ ok: false, code: 'COMMAND_EXPIRED' });
				expect(httpStatus).toBe(422);
				expect(httpBody.error?.code).toBe('COMMAND_EXPIRED');

				// Each screen back: online and heard from.
				await expect.poll(() => screens.filter((s) => !s.backAt.some((t) => t >= resumedAt)).map((s) => s.name), { timeout: 10_000, interval: 20 }).toEqual([]);
				for (const s of screens) recoverMs.push(s.backAt.find((t) => t >= resumedAt)! - resumedAt);

				// Nothing moved: state, version, log.
				const after = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });
				const { serverNow: _a, timing: _b, ...stateAfter } = after;
				const { serverNow: _c, timing: _d, ...stateBefore } = state;
				expect(stateAfter).toEqual(stateBefore);
				const audit = auditLog(databasePath, show.showId);
				expect(audit.problems).toEqual([]);
				applied += audit.commands.length - loggedBefore;
				expect(audit.commands.length).toBe(loggedBefore);
				await expect.poll(() => screens.filter((s) => s.conn.snapshot?.version !== state.version).map((s) => s.name)).toEqual([]);
				raw.close();
			}

			// The show goes on: the next command in time runs.
			await expect.poll(() => producer.status === 'online' && !producer.stalled).toBe(true);
			const last = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });
			expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: last.version + 1 });

			recordFigures('freeze', {
				freezes: profile.freeze.freezes,
				freezeMs: 10_000,
				screens: screens.length,
				detections: detectMs.length,
				detectP50Ms: round(percentile(detectMs, 50)),
				detectP99Ms: round(percentile(detectMs, 99)),
				detectMaxMs: round(Math.max(...detectMs)),
				recoverP50Ms: round(percentile(recoverMs, 50)),
				recoverP99Ms: round(percentile(recoverMs, 99)),
				recoverMaxMs: round(Math.max(...recoverMs)),
				lateCommands,
				lateCommandsApplied: applied,
				outcomes: refused,
				idleSeconds: profile.freeze.idleSeconds,
				idleBytesPerScreenPerMin: round(idleBytesPerMin)
			});
			expect(applied).toBe(0);
			expect(idleBytesPerMin, 'bytes an idle screen receives a minute').toBeLessThan(IDLE_BUDGET_BYTES_PER_MIN);
			expect(detectMs.filter((ms) => ms > DETECT_BUDGET_MS), 'freezes noticed later than 3 s (ms)').toEqual([]);
			expect(recoverMs.filter((ms) => ms > RECOVER_BUDGET_MS), 'screens back later than 1 s after the resume (ms)').toEqual([]);
		},
		timeout(120_000, 900_000)
	);
});
