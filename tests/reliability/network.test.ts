/**
 * Network faults between the screens and the server, through a TCP proxy the test controls:
 *   - connections cut without a close (only heartbeats can tell) and connections reset;
 *   - consumers that stop reading, which must not hold up the other screens;
 *   - a tablet asleep for 30 minutes (its process stopped while the server's clock moves on).
 * Every screen ends on the server's state by itself, without a reload, and messages the producer
 * sent while a host screen was away are in what it shows when it is back.
 * The fast profile shortens the Engine.IO heartbeat to 1 s + 0.5 s; the long one keeps the
 * product's 10 s + 5 s.
 */
import type { FastifyInstance } from 'fastify';
import { fork, type ChildProcess } from 'node:child_process';
import { performance } from 'node:perf_hooks';
import { isDeepStrictEqual } from 'node:util';
import { afterEach, describe, expect, it } from 'vitest';
import { MAX_UNSENT_BYTES, unsentBytes } from '../../server/live/gateway';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { command, demoShow, type ShowHandle } from '../server/live-support';
import { listen, makeApp, makeClock } from '../server/support';
import { stable } from './support/commands';
import { FaultProxy } from './support/fault-proxy';
import { recordFigures } from './support/figures';
import { profile, timeout } from './support/profile';
import { percentile, round } from './support/rng';
import { ROOT } from './support/server-process';
import { allWelcomedSince, closeAll, openScreens, type TrackedScreen } from './support/screens';
import type { TabletReport } from './support/tablet';

const heartbeat = profile.network.heartbeat ?? undefined;
const cleanup: (() => unknown)[] = [];
afterEach(async () => {
	for (const step of cleanup.splice(0).reverse()) await step();
});

async function serve(clock?: ReturnType<typeof makeClock>, options: { productHeartbeat?: boolean } = {}) {
	const app = await makeApp({ clock, heartbeat: options.productHeartbeat ? undefined : heartbeat });
	cleanup.push(() => app.close());
	const base = await listen(app);
	const show = demoShow(app);
	return { app, base, show, port: Number(new URL(base).port) };
}

const serverState = (app: FastifyInstance, show: ShowHandle) => app.deps.services.live.snapshot(show.showId)!;
const onServerState = (app: FastifyInstance, show: ShowHandle, screens: TrackedScreen[]) => {
	const truth = stable(serverState(app, show));
	// Deep equality, not the JSON text: the client's snapshot is what its schema parsed, keys in the schema's order.
	return screens.every((s) => s.conn.status === 'online' && isDeepStrictEqual(stable(s.conn.snapshot!), truth));
};

describe('network faults', () => {
	it('screens whose connection is cut without a close notice by the heartbeat, come back by themselves and show what they missed', async () => {
		const { app, base, show, port } = await serve();
		const proxy = await new FaultProxy({ host: '127.0.0.1', port }).listen();
		cleanup.push(() => proxy.close());
		await command(app, show.producerToken, 'start');
		const cut = await openScreens(proxy.url, show.hostToken, profile.network.proxiedScreens, 'cut');
		const direct = await openScreens(base, show.hostToken, profile.network.directScreens, 'direct');
		cleanup.push(() => closeAll([...cut, ...direct]));
		const before = cut[0].conn.snapshot!.version;

		const cutAt = performance.now();
		proxy.cut();
		await command(app, show.producerToken, 'next');
		await command(app, show.producerToken, 'message', { text: '断线期间的消息一' });
		await command(app, show.producerToken, 'set-stock', { productId: app.deps.services.live.sheet(show.showId, 'producer')!.products[0].id, stock: 7 });
		await command(app, show.producerToken, 'message', { text: '断线期间的消息二' });
		// The screens that still have a network follow at once; the cut ones hear nothing.
		await expect.poll(() => onServerState(app, show, direct)).toBe(true);
		expect(cut.every((s) => s.conn.snapshot!.version === before)).toBe(true);

		// Only the heartbeat can tell: the screens notice, and so does the server (presence).
		await expect.poll(() => cut.every((s) => s.drops.some((t) => t > cutAt)), { timeout: 30_000 }).toBe(true);
		const detectMs = cut.map((s) => s.drops.find((t) => t > cutAt)! - cutAt);
		await expect.poll(() => app.deps.services.live.presence(show.showId).filter((p) => p.deviceName.startsWith('cut')).length, { timeout: 30_000 }).toBe(0);

		// The network is back: each screen reconnects, resynchronises and shows what it missed.
		const healedAt = performance.now();
		proxy.heal();
		await allWelcomedSince(cut, healedAt);
		const recoverMs = cut.map((s) => s.welcomes.find((t) => t >= healedAt)! - healedAt);
		await expect.poll(() => onServerState(app, show, cut)).toBe(true);
		for (const s of cut) expect(s.conn.snapshot!.messages.map((m) => m.text)).toEqual(expect.arrayContaining(['断线期间的消息一', '断线期间的消息二']));

		// A reset connection (the side that notices at once) comes back the same way.
		const resetAt = performance.now();
		proxy.reset();
		await command(app, show.producerToken, 'message', { text: '重连后的消息' });
		await allWelcomedSince(cut, resetAt);
		const resetRecoverMs = cut.map((s) => s.welcomes.find((t) => t >= resetAt)! - resetAt);
		await expect.poll(() => onServerState(app, show, cut)).toBe(true);

		recordFigures('network-cut', {
			heartbeatMs: heartbeat ? heartbeat.intervalMs + heartbeat.timeoutMs : 15_000,
			screensCut: cut.length,
			detectP50Ms: round(percentile(detectMs, 50)),
			detectMaxMs: round(Math.max(...detectMs)),
			recoverAfterHealP50Ms: round(percentile(recoverMs, 50)),
			recoverAfterHealMaxMs: round(Math.max(...recoverMs)),
			recoverAfterResetP50Ms: round(percentile(resetRecoverMs, 50)),
			recoverAfterResetMaxMs: round(Math.max(...resetRecoverMs))
		});
	}, timeout(60_000, 180_000));

	it('a consumer that stops reading does not hold up the other screens, is dropped past 1 MB unsent, and catches up when it reads again', async () => {
		// The product's heartbeat: here only the unsent-bytes limit may drop the stalled screens.
		const { app, base, show, port } = await serve(undefined, { productHeartbeat: true });
		const proxy = await new FaultProxy({ host: '127.0.0.1', port }).listen();
		cleanup.push(() => proxy.close());
		const reasons = new Map<string, string>();
		app.io.on('connection', (socket) => socket.on('disconnect', (reason) => reasons.set(socket.data.live?.deviceName ?? '', reason)));
		await command(app, show.producerToken, 'start');
		const slow = await openScreens(proxy.url, show.hostToken, profile.network.stalled, 'slow');
		const healthy = await openScreens(base, show.hostToken, profile.network.healthy, 'healthy');
		cleanup.push(() => closeAll([...slow, ...healthy]));

		// Messages of 500 characters make every snapshot large (the last 20 messages ride along).
		const long = '请注意直播节奏，'.repeat(62).slice(0, 500);
		/** Latencies (ms) from each command until each healthy screen has it. */
		async function drive(count: number): Promise<number[]> {
			const latencies: number[] = [];
			for (let i = 0; i < count; i++) {
				const version = serverState(app, show).version + 1;
				const sent = performance.now();
				const heard = healthy.map(
					(s) =>
						new Promise<void>((resolve) => {
							const off = s.conn.on('snapshot', (snapshot) => {
								if (snapshot.version < version) return;
								latencies.push(performance.now() - sent);
								off();
								resolve();
							});
						})
				);
				await command(app, show.producerToken, 'message', { text: `${i} ${long}`.slice(0, 500) });
				await Promise.all(heard);
			}
			return latencies;
		}

		const baseline = await drive(profile.network.commands);
		await expect.poll(() => onServerState(app, show, slow)).toBe(true);
		const stalledAt = serverState(app, show).version;
		proxy.stall();
		const during = await drive(profile.network.commands);
		// Every healthy screen got every command while the slow ones hold what they had.
		expect(onServerState(app, show, healthy)).toBe(true);
		expect(slow.every((s) => s.conn.snapshot!.version <= stalledAt)).toBe(true);
		const snapshotBytes = Buffer.byteLength(JSON.stringify(serverState(app, show)));

		// The show goes on; once more than MAX_UNSENT_BYTES wait for a stalled screen, the server drops it.
		const slowSockets = () => [...app.io.of('/').sockets.values()].filter((s) => s.data.live?.deviceName.startsWith('slow'));
		let maxUnsent = 0;
		let extra = 0;
		while (slowSockets().length > 0 && extra < 2_000) {
			await drive(1);
			extra++;
			for (const socket of slowSockets()) maxUnsent = Math.max(maxUnsent, unsentBytes(socket));
			// The sweep runs every second: give it its turn when the limit is passed.
			if (maxUnsent > MAX_UNSENT_BYTES) await expect.poll(() => slowSockets().filter((s) => unsentBytes(s) > MAX_UNSENT_BYTES).length, { timeout: 5_000 }).toBe(0);
		}
		expect(slowSockets()).toHaveLength(0);
		expect([...reasons].filter(([name]) => name.startsWith('slow')).map(([, reason]) => reason)).toEqual(slow.map(() => 'transport error'));
		expect(onServerState(app, show, healthy)).toBe(true);

		proxy.resume();
		await expect.poll(() => onServerState(app, show, slow), { timeout: 30_000 }).toBe(true);
		recordFigures('network-slow-consumer', {
			healthyScreens: healthy.length,
			stalledScreens: slow.length,
			commands: profile.network.commands,
			snapshotBytes,
			baselineP50Ms: round(percentile(baseline, 50), 2),
			baselineP99Ms: round(percentile(baseline, 99), 2),
			withStalledP50Ms: round(percentile(during, 50), 2),
			withStalledP99Ms: round(percentile(during, 99), 2),
			commandsUntilDropped: profile.network.commands + extra,
			maxUnsentBytesSeen: maxUnsent,
			stalledDroppedByServer: slow.filter((s) => s.drops.length > 0).length
		});
	}, timeout(60_000, 180_000));

	it('a tablet asleep for 30 minutes wakes on the server’s state and clock, with the messages sent meanwhile', async () => {
		const clock = makeClock(Date.UTC(2026, 11, 12, 11, 0));
		const { app, base, show } = await serve(clock);
		await command(app, show.producerToken, 'start');
		const producer = new LiveConnection({ url: base, token: show.producerToken, deviceName: '场控', socket: { forceNew: true } }).connect();
		cleanup.push(() => producer.close());

		const tablet: ChildProcess = fork(new URL('./support/tablet.ts', import.meta.url).pathname, [base, show.hostToken, 'sleepy-tablet'], {
			cwd: ROOT,
			execArgv: ['--import', 'tsx'],
			stdio: ['ignore', 'inherit', 'inherit', 'ipc']
		});
		cleanup.push(() => {
			tablet.kill('SIGCONT');
			tablet.kill('SIGKILL');
		});
		const report = () =>
			new Promise<TabletReport>((resolve) => {
				const onMessage = (message: TabletReport) => {
					if (message?.type !== 'report') return;
					tablet.off('message', onMessage);
					resolve(message);
				};
				tablet.on('message', onMessage);
				tablet.send({ type: 'report' });
			});
		const online = () => app.deps.services.live.presence(show.showId).some((p) => p.role === 'host');
		await expect.poll(async () => (await report()).status, { timeout: 20_000 }).toBe('online');
		expect(online()).toBe(true);

		// Asleep: the process stops (no timers, no reads); the server drops it by the heartbeat.
		tablet.kill('SIGSTOP');
		const asleepAt = performance.now();
		await expect.poll(online, { timeout: 30_000 }).toBe(false);
		const noticedMs = performance.now() - asleepAt;

		// Thirty minutes on the server: alerts fall due, the producer moves on and writes to the host.
		clock.advance(30 * 60_000);
		await command(app, show.producerToken, 'next');
		await command(app, show.producerToken, 'message', { text: '欢迎回来，现在是开场' });
		await command(app, show.producerToken, 'message', { text: '3号链接已上' });
		await expect.poll(() => producer.alerts.some((a) => a.kind === 'host_offline')).toBe(true);
		const truth = serverState(app, show);

		// It wakes: reconnects by itself, shows the server's state and clock, and the messages.
		const wokeAt = performance.now();
		tablet.kill('SIGCONT');
		await expect.poll(async () => (await report()).version, { timeout: 30_000 }).toBe(truth.version);
		const wokeMs = performance.now() - wokeAt;
		const awake = await report();
		expect(awake.status).toBe('online');
		expect(awake.welcomes).toBe(2);
		expect(awake.segmentId).toBe(truth.segmentId);
		expect(awake.messages).toEqual(expect.arrayContaining(['欢迎回来，现在是开场', '3号链接已上']));
		// Its clock was 30 minutes behind the server's on waking; the resync on reconnection fixes it.
		await expect.poll(async () => Math.abs((await report()).serverNow - clock()), { timeout: 10_000 }).toBeLessThan(2_000);
		const synced = await report();
		expect(Math.abs(synced.remainingMs! - truth.timing.remainingMs)).toBeLessThan(2_000);

		recordFigures('network-sleep', {
			asleepServerMinutes: 30,
			serverNoticedMs: round(noticedMs),
			backOnStateAfterWakeMs: round(wokeMs)
		});
	}, timeout(60_000, 180_000));
});
