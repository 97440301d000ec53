/**
 * Races: 20 producers send random commands as fast as they can — 15 screens on the socket (the
 * client library, which adds the version it saw) and 5 Stream Deck–style HTTP clients (with the
 * version of their last answer) — while 20 host screens watch. Afterwards:
 *   - the accepted commands' versions are exactly 2, 3, 4… (1 is the start): no gap, no repeat;
 *   - each producer's acknowledgements come in increasing order;
 *   - the event log is the accepted commands, version by version, as they were sent;
 *   - every screen ends on the server's state.
 * The fast profile runs 5 s; RELIABILITY_PROFILE=long the full 30 s.
 */
import { performance } from 'node:perf_hooks';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveRepository } from '../../server/live/live.repository';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { demoShow } from '../server/live-support';
import { listen, makeApp } from '../server/support';
import { randomCommand, stable, type StreamCommand } from './support/commands';
import { recordFigures } from './support/figures';
import { profile, SEED, timeout } from './support/profile';
import { rng } from './support/rng';
import { closeAll, openScreens } from './support/screens';

const HTTP_PRODUCERS = 5;
const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

interface Accepted {
	producer: number;
	version: number;
	command: StreamCommand;
}

describe('races between producers', () => {
	it(`${profile.races.producers} producers for ${profile.races.seconds} s: one version sequence, the log equals the accepted commands, every screen on the server’s state`, async () => {
		const app = await makeApp();
		cleanup.push(() => app.close());
		const base = await listen(app);
		const show = demoShow(app);
		const start = await app.inject({ method: 'POST', url: '/api/live/start', headers: { authorization: `Bearer ${show.producerToken}` } });
		expect(start.json().version).toBe(1);
		const sheet = app.deps.services.live.sheet(show.showId, 'producer')!;

		const socketProducers = await openScreens(base, show.producerToken, profile.races.producers - HTTP_PRODUCERS, 'producer');
		const hosts = await openScreens(base, show.hostToken, profile.races.screens, 'host');
		cleanup.push(() => closeAll([...socketProducers, ...hosts]));

		const accepted: Accepted[] = [];
		const refused = new Map<string, number>();
		const refuse = (code: string) => refused.set(code, (refused.get(code) ?? 0) + 1);
		const acksOf: number[][] = Array.from({ length: profile.races.producers }, () => []);
		const end = performance.now() + profile.races.seconds * 1000;
		const root = rng(SEED).fork('races');

		async function socketProducer(index: number, conn: LiveConnection) {
			const random = root.fork(`producer-${index}`);
			while (performance.now() < end) {
				const command = randomCommand(random, sheet);
				const ack = await conn.send(command);
				if (ack.ok) {
					accepted.push({ producer: index, version: ack.version, command });
					acksOf[index].push(ack.version);
				} else refuse(ack.code);
			}
		}

		async function httpProducer(index: number) {
			const random = root.fork(`producer-${index}`);
			let seen = 1;
			while (performance.now() < end) {
				const command = randomCommand(random, sheet);
				const { type, ...fields } = command;
				const response = await fetch(`${base}/api/live/${type}`, {
					method: 'POST',
					headers: { authorization: `Bearer ${show.producerToken}`, 'content-type': 'application/json' },
					body: JSON.stringify({ ...fields, expectedVersion: seen })
				});
				const body = await response.json();
				if (response.status === 200) {
					const snapshot = body as LiveWireSnapshot;
					accepted.push({ producer: index, version: snapshot.version, command });
					acksOf[index].push(snapshot.version);
					seen = snapshot.version;
				} else {
					expect(response.status, JSON.stringify(body)).toBeLessThan(500);
					refuse(body.error.code);
					if (body.error.code === 'STALE_VERSION') seen = app.deps.services.live.snapshot(show.showId)!.version;
				}
			}
		}

		const started = performance.now();
		await Promise.all([
			...socketProducers.map((p, i) => socketProducer(i, p.conn)),
			...Array.from({ length: HTTP_PRODUCERS }, (_, i) => httpProducer(socketProducers.length + i))
		]);
		const seconds = (performance.now() - started) / 1000;

		// One sequence: the accepted versions are 2…N, each once.
		const versions = accepted.map((a) => a.version).sort((x, y) => x - y);
		const final = app.deps.services.live.snapshot(show.showId)!;
		expect(versions).toEqual(Array.from({ length: final.version - 1 }, (_, i) => i + 2));
		for (const acks of acksOf) expect(acks).toEqual([...acks].sort((x, y) => x - y));

		// The log is exactly the accepted commands, as sent.
		const log = new LiveRepository(app.deps.db).events(show.showId).filter((e) => e.kind === 'command');
		expect(log.map((e) => e.version)).toEqual(Array.from({ length: final.version }, (_, i) => i + 1));
		const byVersion = new Map(accepted.map((a) => [a.version, a.command]));
		// (A screen's command also carries the id its client library gave it: each logged once.)
		const commandIds = new Set<unknown>();
		for (const event of log.slice(1)) {
			const { commandId, ...payload } = event.payload;
			if (commandId !== undefined) {
				expect(commandIds.has(commandId), `version ${event.version}: command id ${String(commandId)} logged twice`).toBe(false);
				commandIds.add(commandId);
			}
			expect({ type: event.type, payload }, `version ${event.version}`).toEqual({ type: byVersion.get(event.version!)!.type, payload: byVersion.get(event.version!) });
		}

		// Every screen on the server's state.
		const screens = [...socketProducers, ...hosts];
		await expect.poll(() => screens.filter((s) => s.conn.snapshot?.version !== final.version).length).toBe(0);
		const truth = stable(app.deps.services.live.snapshot(show.showId)!);
		for (const s of screens) expect(stable(s.conn.snapshot!)).toEqual(truth);

		recordFigures('races', {
			producers: profile.races.producers,
			socketProducers: socketProducers.length,
			httpProducers: HTTP_PRODUCERS,
			screens: screens.length,
			seconds: Math.round(seconds * 10) / 10,
			attempts: accepted.length + [...refused.values()].reduce((a, b) => a + b, 0),
			accepted: accepted.length,
			acceptedPerSecond: Math.round(accepted.length / seconds),
			finalVersion: final.version,
			refused: Object.fromEntries([...refused].sort((a, b) => b[1] - a[1]))
		});
	}, timeout(60_000, 180_000));
});
