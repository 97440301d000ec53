/**
 * The crash suite: the real server process with a live show and 100 screens, a stream of commands
 * from several producer connections, and `kill -9` at seeded random moments — half of them in the
 * middle of a burst, with commands on the wire. After each restart:
 *   - every acknowledged command is in the event log, as sent, and the stored state is the last
 *     logged command's; the versions run 1, 2, 3… without a gap or a repeat;
 *   - `PRAGMA integrity_check` is ok;
 *   - every screen has reconnected by itself within 5 s of the restart and shows the server's state;
 *   - asked about the commands whose ack never came (`commands:outcome`), the server names exactly
 *     those the log has, with their versions: a command committed just before the kill, whose ack
 *     was lost, is known to have taken effect.
 * RELIABILITY_PROFILE=long makes it 25 kills; RELIABILITY_SEED replays a run.
 */
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import { afterAll, describe, expect, it } from 'vitest';
import { commandOutcomeAck, MAX_OUTCOME_IDS, type CommandAck, type LiveClientEvents, type LiveServerEvents, type LiveSheetPayload, type LiveWireSnapshot } from '../../src/lib/contract/live';
import { randomCommand, stable, type StreamCommand } from './support/commands';
import { recordFigures } from './support/figures';
import { auditLog } from './support/log-check';
import { profile, SEED, timeout } from './support/profile';
import { percentile, rng, round } from './support/rng';
import { allWelcomedSince, closeAll, openScreens, type TrackedScreen } from './support/screens';
import { freePort, ServerProcess, tempDir } from './support/server-process';

const PASSWORD = 'crash-suite-password';
/** The product's promise: a screen is back within this long of the server. */
const RECONNECT_BUDGET_MS = 5_000;
const PRODUCER_CONNECTIONS = 4;

type Driver = Socket<LiveServerEvents, LiveClientEvents>;

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

describe('crash suite: kill -9 under load', () => {
	it(
		`loses no acknowledged command over ${profile.crash.kills} kills, and every screen comes back by itself within 5 s`,
		async () => {
			const random = rng(SEED).fork('crash');
			const dir = tempDir('showcall-crash-');
			cleanup.push(() => dir.remove());
			const databasePath = join(dir.path, 'showcall.db');
			const server = new ServerProcess({ port: await freePort(), databasePath, adminPassword: PASSWORD });
			cleanup.push(() => server.kill9());
			await server.start();
			const cookie = await server.signIn();
			const show = await server.demoShow(cookie);
			const bearer = { authorization: `Bearer ${show.producerToken}` };
			await server.json('/api/live/start', { method: 'POST', headers: bearer });
			const sheet = await server.json<LiveSheetPayload>('/api/live/sheet', { headers: bearer });

			const screens: TrackedScreen[] = await openScreens(server.base, show.hostToken, profile.crash.screens, 'crash');
			cleanup.push(() => closeAll(screens));
			// Producers on raw socket.io connections, so a burst can have many commands on the wire at once.
			const drivers: Driver[] = Array.from({ length: PRODUCER_CONNECTIONS }, (_, i) =>
				io(server.base, { transports: ['websocket'], forceNew: true, reconnectionDelay: 500, reconnectionDelayMax: 2_000, auth: { token: show.producerToken, deviceId: `driver-${i}` } })
			);
			cleanup.push(() => drivers.forEach((d) => d.close()));

			// What the producers were told. Version 1 is the start.
			const acked = new Map<number, StreamCommand>();
			const sent: StreamCommand[] = [];
			const refusals = new Map<string, number>();
			let unanswered = 0;
			/** Ids of the commands whose ack never came, since the last restart. */
			let unansweredIds: string[] = [];
			/** What `commands:outcome` answered for them: id → version. */
			const outcomes = new Map<string, number>();
			let inFlightAtKills = 0;
			let midBurstKills = 0;
			const reconnectMs: number[] = [];

			const driversOnline = () => Promise.all(drivers.map((d) => (d.connected ? undefined : new Promise((resolve) => d.once('connect', () => resolve(undefined))))));

			/** Sends `size` commands without waiting between them; `killAfter` kills the server after that many. */
			async function burst(size: number, killAfter = -1): Promise<void> {
				const answers: Promise<void>[] = [];
				let pending = 0;
				for (let j = 0; j < size; j++) {
					if (j === killAfter) {
						inFlightAtKills += pending;
						midBurstKills++;
						process.kill(server.pid!, 'SIGKILL');
					}
					const driver = drivers[j % drivers.length];
					if (!driver.connected) continue;
					const command = { ...randomCommand(random, sheet), commandId: `crash-${String(sent.length).padStart(6, '0')}` };
					sent.push(command);
					pending++;
					answers.push(
						driver
							.timeout(10_000)
							.emitWithAck('command', command)
							.then(
								(ack: CommandAck) => {
									if (ack.ok) {
										expect(acked.has(ack.version), `version ${ack.version} acknowledged twice`).toBe(false);
										acked.set(ack.version, command);
									} else refusals.set(ack.code, (refusals.get(ack.code) ?? 0) + 1);
								},
								() => {
									unanswered++;
									unansweredIds.push(command.commandId);
								}
							)
							.finally(() => void pending--)
					);
				}
				await Promise.all(answers);
			}

			for (let kill = 0; kill < profile.crash.kills; kill++) {
				await driversOnline();
				// Run a stream of bursts for a while, then kill: in the middle of a burst, or between two.
				const runFor = random.int(150, 1_200);
				const started = performance.now();
				while (performance.now() - started < runFor) {
					await burst(random.int(1, 12));
					await new Promise((resolve) => setTimeout(resolve, random.int(0, 80)));
				}
				if (kill % 2 === 0) {
					const size = random.int(6, 16);
					await burst(size, random.int(1, size - 1));
				} else {
					process.kill(server.pid!, 'SIGKILL');
				}
				await server.kill9();

				await server.start();
				const restartedAt = server.readyAt;

				// The log, read from the file beside the running server.
				const audit = auditLog(databasePath, show.showId);
				expect(audit.integrity, `kill ${kill + 1}: integrity`).toBe('ok');
				expect(audit.problems, `kill ${kill + 1}: version sequence`).toEqual([]);
				const logged = new Map(audit.commands.map((c) => [c.version, c]));
				for (const [version, command] of acked) {
					const entry = logged.get(version);
					expect(entry, `kill ${kill + 1}: acknowledged version ${version} (${command.type}) is missing from the log`).toBeDefined();
					expect({ type: entry!.type, payload: entry!.payload }).toEqual({ type: command.type, payload: command });
				}
				const live = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });
				expect(live.version, `kill ${kill + 1}: the server resumes at the logged version`).toBe(audit.stored?.version);

				// Every screen back by itself, on the server's state.
				await allWelcomedSince(screens, restartedAt);
				for (const s of screens) reconnectMs.push(s.welcomes.find((t) => t >= restartedAt)! - restartedAt);
				await expect.poll(() => screens.filter((s) => s.conn.snapshot?.version !== live.version).length, { timeout: 10_000 }).toBe(0);
				for (const s of screens) expect(stable(s.conn.snapshot!)).toEqual(stable(live));

				// The producers ask which of their unanswered commands took effect.
				await driversOnline();
				for (let i = 0; i < unansweredIds.length; i += MAX_OUTCOME_IDS) {
					const answer = commandOutcomeAck.parse(await drivers[0].timeout(10_000).emitWithAck('commands:outcome', unansweredIds.slice(i, i + MAX_OUTCOME_IDS)));
					for (const [id, version] of Object.entries(answer.applied)) outcomes.set(id, version);
				}
				unansweredIds = [];
			}

			// After the last restart the show goes on, on the same version sequence.
			await driversOnline();
			const last = auditLog(databasePath, show.showId);
			const after = await drivers[0].timeout(10_000).emitWithAck('command', { type: 'message', text: '全部恢复' });
			expect(after).toEqual({ ok: true, version: last.stored!.version + 1 });
			await expect.poll(() => screens.every((s) => s.conn.snapshot?.version === last.stored!.version + 1)).toBe(true);

			const finalAudit = auditLog(databasePath, show.showId);
			expect(finalAudit.problems).toEqual([]);
			const lost = [...acked.keys()].filter((v) => !finalAudit.commands.some((c) => c.version === v)).length;
			const sentById = new Map(sent.map((c) => [c.commandId, c]));
			// Nothing in the log that nobody sent (the start and the last message aside), and each as sent.
			const phantom = finalAudit.commands.slice(1, -1).filter((c) => !sentById.has(String(c.payload.commandId)));
			expect(phantom).toEqual([]);
			for (const c of finalAudit.commands.slice(1, -1)) expect(c.payload).toEqual(sentById.get(String(c.payload.commandId)));
			// Every command logged without an ack was named by commands:outcome, at its version, and
			// nothing else was.
			const ackedIds = new Set([...acked.values()].map((c) => c.commandId));
			const withoutAck = finalAudit.commands.slice(1, -1).filter((c) => !ackedIds.has(String(c.payload.commandId)));
			expect(Object.fromEntries(outcomes)).toEqual(Object.fromEntries(withoutAck.map((c) => [c.payload.commandId, c.version])));
			const overBudget = reconnectMs.filter((ms) => ms > RECONNECT_BUDGET_MS);
			recordFigures('crash', {
				kills: profile.crash.kills,
				midBurstKills,
				commandsInFlightAtMidBurstKills: inFlightAtKills,
				screens: screens.length,
				commandsSent: sent.length,
				acknowledged: acked.size,
				acknowledgedLost: lost,
				committedWithoutAck: withoutAck.length,
				committedWithoutAckNamedByOutcome: outcomes.size,
				unanswered,
				refusals: Object.fromEntries(refusals),
				reconnects: reconnectMs.length,
				reconnectP50Ms: round(percentile(reconnectMs, 50)),
				reconnectP99Ms: round(percentile(reconnectMs, 99)),
				reconnectMaxMs: round(Math.max(...reconnectMs)),
				reconnectsOver5s: overBudget.length
			});
			expect(lost).toBe(0);
			expect(overBudget, 'reconnections slower than 5 s after the restart (ms)').toEqual([]);
		},
		timeout(240_000, 900_000)
	);
});
