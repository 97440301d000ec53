/**
 * Restart without loss, with the real process: a show mid-run, the server killed with SIGKILL and
 * started again on the same database. Same state and version afterwards; the screens reconnect by
 * themselves and resynchronise from the welcome snapshot.
 */
import { afterEach, describe, expect, it } from 'vitest';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { stable } from '../reliability/support/commands';
import { freePort, ServerProcess, tempDir } from '../reliability/support/server-process';
import { closeScreens, next, screen } from './live-support';

const cleanups: (() => unknown)[] = [];

afterEach(async () => {
	closeScreens();
	for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

describe('restart of the server process', () => {
	it('comes back after SIGKILL with the same state and version; screens reconnect by themselves and resync', async () => {
		const dir = tempDir('showcall-restart-');
		cleanups.push(dir.remove);
		const server = new ServerProcess({ port: await freePort(), databasePath: `${dir.path}/showcall.db`, adminPassword: 'restart-test-password' });
		cleanups.push(() => server.kill9());

		await server.start();
		// The first start also seeds the campaign's past shows; drive the demo show.
		const demo = await server.demoShow(await server.signIn());

		const host = await screen(server.base, { token: demo.hostToken, deviceName: '主播平板', reconnect: true });
		const producer = await screen(server.base, { token: demo.producerToken, deviceName: '场控', reconnect: true });
		for (const command of [{ type: 'start', mode: 'live' }, { type: 'next' }, { type: 'add-time', deltaMs: 60_000 }, { type: 'message', text: '注意时间' }] as const) {
			expect(await producer.send(command)).toMatchObject({ ok: true });
		}
		await expect.poll(() => host.snapshot?.version).toBe(4);
		const before = host.snapshot!;
		// A figure the 场记 was told is saved, then a correction of it: both survive the kill.
		const recorder = await screen(server.base, { token: demo.recorderToken, deviceName: '场记', reconnect: true });
		const added = await recorder.writeFigures('add', { platform: 'douyin', line: '在线 12345 成交 678.9' });
		expect(added).toMatchObject({ ok: true, checkpoint: { segmentId: before.segmentId, figures: { viewers: 12_345, gmvFen: 67_890 } } });
		const id = added.ok ? added.checkpoint.id : 0;
		const corrected = await recorder.writeFigures('correct', { id, figures: { viewers: 12_346, gmvFen: 67_890 }, expectedVersion: 1 });
		expect(corrected).toMatchObject({ ok: true, checkpoint: { version: 2 } });

		await server.kill9();
		expect(server.running).toBe(false);
		await expect.poll(() => host.status).toBe('reconnecting');

		const syncedBefore = host.clock?.syncedAt ?? 0;
		const hostBack = next(host, 'welcome');
		const hostResynced = next(host, 'clock', (c) => c.syncedAt > syncedBefore);
		const producerBack = next(producer, 'welcome');
		await server.start();
		const welcome = await hostBack;
		await producerBack;
		expect(stable(welcome.snapshot!)).toEqual(stable(before));
		expect(host.status).toBe('online');
		expect(host.snapshot?.version).toBe(4);
		// The clock is measured again on every reconnection.
		expect((await hostResynced).samples).toBeGreaterThan(0);

		const got = await server.json<LiveWireSnapshot>('/api/live', { headers: { authorization: `Bearer ${demo.producerToken}` } });
		expect(stable(got)).toEqual(stable(before));
		// The downtime counted: the segment kept running while the server was down.
		expect(got.timing.remainingMs).toBeLessThan(before.timing.remainingMs - (got.serverNow - before.serverNow) + 1_000);

		const figures = await server.json<{ checkpoints: { id: number; version: number; figures: object }[] }>('/api/live/figures', { headers: { authorization: `Bearer ${demo.recorderToken}` } });
		expect(figures.checkpoints).toMatchObject([{ id, version: 2, figures: { viewers: 12_346, gmvFen: 67_890 } }]);

		// And the show goes on from there, on one version sequence.
		expect(await producer.send({ type: 'next' })).toEqual({ ok: true, version: 5 });
		await expect.poll(() => host.snapshot?.version).toBe(5);
	});
});
