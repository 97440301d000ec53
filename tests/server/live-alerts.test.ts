/**
 * Alerts scheduled by the runtime, driven by a controllable clock (timers fire only as the test
 * moves the clock, each at its own instant): they reach the screens at the right moments, each
 * once, logged; and a restart rebuilds the timers without raising again what was due before it.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { segmentInput, type Segment } from '../../src/lib/core/model';
import type { LiveAlertEvent } from '../../src/lib/contract/live';
import type { LiveConnection } from '../../src/lib/realtime/live-connection';
import { anotherShow, closeScreens, screen, type ShowHandle } from './live-support';
import { listen, makeApp, makeClock, type TestClock } from './support';

const SEC = 1000;
const MIN = 60 * SEC;

/** A short show: warm-up 5 min (a cue at 1 min), opening 3 min, flash sale 5 min (sale planned 90 s in, 60 s long), closing 3 min. */
const shortSheet = (): Segment[] =>
	[
		{ id: 'warm', kind: 'warmup', title: '预热', durationSec: 300, cues: [{ id: 'pin', offsetSec: 60, text: '置顶公告', forHost: true }] },
		{ id: 'open', kind: 'opening', title: '开场', durationSec: 180 },
		{ id: 'flash', kind: 'flash_sale', title: '秒杀', durationSec: 300, productId: 1, flashSale: { priceFen: 990, quantity: 100, windowSec: 60, offsetSec: 90 } },
		{ id: 'close', kind: 'closing', title: '结束', durationSec: 180 }
	].map((s) => segmentInput.parse(s));

let app: FastifyInstance;
let base: string;
let clock: TestClock;
let show: ShowHandle;
let T0: number;

beforeEach(async () => {
	clock = makeClock();
	T0 = clock();
	app = await makeApp({ clock });
	base = await listen(app);
	// The announced start is when the 5-minute warm-up that opens now ends.
	show = anotherShow(app, { startsAt: T0 + 5 * MIN, segments: shortSheet });
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

/** Collects every alert a screen hears. */
function recorder(conn: LiveConnection) {
	const heard: LiveAlertEvent[] = [];
	conn.on('alert', (a) => heard.push(a));
	return heard;
}
const kinds = (alerts: LiveAlertEvent[]) => alerts.map((a) => [a.kind, a.at - T0]);

describe('alerts', () => {
	it('arrive at the right moments, each once, to producers, and to hosts those a host acts on, and are logged', async () => {
		const producer = await screen(base, { token: show.producerToken, now: clock });
		const host = await screen(base, { token: show.hostToken });
		const producerHeard = recorder(producer);
		const heard = recorder(host);

		expect(await producer.send({ type: 'start', mode: 'live' })).toMatchObject({ ok: true });
		await expect.poll(() => kinds(heard)).toEqual([['warmup_opened', 0]]);

		clock.advance(4 * MIN + 30 * SEC);
		// A producer cue is the producer's: the host reads its own cues on the card, and never a cue's text meant for the producer.
		await expect.poll(() => kinds(producerHeard)).toEqual([
			['warmup_opened', 0],
			['cue_due', 1 * MIN],
			['segment_ending_2m', 3 * MIN],
			['segment_ending_30s', 4 * MIN + 30 * SEC]
		]);
		await expect.poll(() => kinds(heard)).toEqual([
			['warmup_opened', 0],
			['segment_ending_2m', 3 * MIN],
			['segment_ending_30s', 4 * MIN + 30 * SEC]
		]);
		// Raised by the timer at the instant they were due, not later.
		for (const a of producerHeard) expect(a.firedAt).toBe(a.at);
		expect(producerHeard.find((a) => a.kind === 'cue_due')).toMatchObject({ cueId: 'pin', data: { text: '置顶公告' } });

		clock.advance(30 * SEC);
		await expect.poll(() => kinds(heard).slice(3)).toEqual([
			['announced_start', 5 * MIN],
			['segment_overtime', 5 * MIN]
		]);

		// Ten seconds over, the producer moves on: the opening's own alerts follow it.
		clock.advance(10 * SEC);
		await producer.send({ type: 'next' });
		clock.advance(1 * MIN);
		// Then 8 min of show are left after the opening: the 10-minute warning of the show's end comes with it.
		await expect.poll(() => kinds(heard).slice(5)).toEqual([
			['segment_ending_2m', 5 * MIN + 10 * SEC + 1 * MIN],
			['show_end_10m', 5 * MIN + 10 * SEC + 1 * MIN]
		]);

		// The flash-sale slot: warnings 60 s and 10 s before its planned start, the end of the sale it starts.
		await producer.send({ type: 'goto', segmentId: 'flash' });
		const flashAt = clock() - T0;
		clock.advance(85 * SEC);
		await expect.poll(() => kinds(heard).slice(7)).toEqual([
			['flash_sale_soon_60s', flashAt + 30 * SEC],
			['flash_sale_soon_10s', flashAt + 80 * SEC]
		]);
		await producer.send({ type: 'flash-sale-start' });
		const saleAt = clock() - T0;
		clock.advance(60 * SEC);
		await expect.poll(() => kinds(heard).slice(9)).toEqual([['flash_sale_ended', saleAt + 60 * SEC]]);

		// A pause postpones the segment's alerts: the 2-minute warning comes 1 min later than planned.
		await producer.send({ type: 'pause' });
		clock.advance(1 * MIN);
		await producer.send({ type: 'resume' });
		clock.advance(35 * SEC);
		// 3 min into the 5-min slot, not counting the pause: 2 min left, at 4 min on the wall clock.
		await expect.poll(() => kinds(heard).slice(10)).toEqual([['segment_ending_2m', flashAt + 4 * MIN]]);

		// Producers hear the same alerts, and the cue.
		await expect.poll(() => producerHeard.filter((a) => a.kind !== 'cue_due').map((a) => a.key)).toEqual(heard.map((a) => a.key));
		const logged = app.deps.db.$client.prepare("SELECT type, json_extract(payload, '$.key') AS key, at FROM live_events WHERE show_id = ? AND kind = 'alert' ORDER BY id").all(show.showId) as {
			type: string;
			key: string;
			at: number;
		}[];
		expect(logged.map((l) => l.key)).toEqual(producerHeard.map((a) => a.key));
		expect(new Set(logged.map((l) => l.key)).size).toBe(logged.length);
	});

	it('raises "behind schedule" once the show runs more than 5 minutes late', async () => {
		const producer = await screen(base, { token: show.producerToken, now: clock });
		const heard = recorder(producer);
		await producer.send({ type: 'start', mode: 'live' });
		// The warm-up runs over: every minute over is a minute behind.
		clock.advance(5 * MIN + 5 * MIN - SEC);
		await expect.poll(() => heard.length).toBeGreaterThan(5);
		expect(heard.some((a) => a.kind === 'behind_schedule')).toBe(false);
		clock.advance(SEC);
		await expect.poll(() => heard.filter((a) => a.kind === 'behind_schedule').map((a) => a.at - T0)).toEqual([10 * MIN]);
		expect(heard.find((a) => a.kind === 'behind_schedule')?.data).toEqual({ driftMs: 5 * MIN });
	});

	it('come with the welcome of a screen that (re)connects: the last minutes of them', async () => {
		const producer = await screen(base, { token: show.producerToken, now: clock });
		await producer.send({ type: 'start', mode: 'live' });
		clock.advance(1 * MIN);
		await expect.poll(() => producer.alerts.length).toBe(2);
		const late = await screen(base, { token: show.producerToken });
		expect(late.alerts.map((a) => a.kind)).toEqual(['warmup_opened', 'cue_due']);
		expect(late.alerts).toEqual(producer.alerts);
		// A host's welcome leaves out the producer's cue, as its pushes do.
		const host = await screen(base, { token: show.hostToken });
		expect(host.alerts).toEqual(producer.alerts.filter((a) => a.kind !== 'cue_due'));
	});
});

describe('alerts of another run', () => {
	it('are dropped when a rehearsal is reset and the show starts again', async () => {
		const producer = await screen(base, { token: show.producerToken, now: clock });
		await producer.send({ type: 'start', mode: 'rehearsal' });
		clock.advance(1 * MIN);
		await expect.poll(() => producer.alerts.map((a) => a.kind)).toEqual(['warmup_opened', 'cue_due']);
		await producer.send({ type: 'end' });
		await producer.send({ type: 'reset' });
		const fresh = await screen(base, { token: show.hostToken });
		expect(fresh.alerts).toEqual([]);
		clock.advance(1 * MIN);
		await producer.send({ type: 'start', mode: 'live' });
		await expect.poll(() => producer.alerts.map((a) => [a.kind, a.at - T0])).toEqual([['warmup_opened', 2 * MIN]]);
	});
});

describe('restart', () => {
	let dir: string;
	beforeEach(() => {
		dir = mkdtempSync(join(tmpdir(), 'showcall-alerts-'));
	});
	afterEach(() => rmSync(dir, { recursive: true, force: true }));

	it('rebuilds the timers from the stored state: downtime counts as elapsed, what fell due meanwhile is not raised late', async () => {
		const path = join(dir, 'showcall.db');
		const first = await makeApp({ clock, databasePath: path });
		const handle = anotherShow(first, { startsAt: T0 + 5 * MIN, segments: shortSheet });
		first.deps.services.live.execute(handle.showId, 'producer', 'test', { type: 'start', mode: 'live' });
		clock.advance(90 * SEC); // warm-up opened and cue raised
		const before = first.deps.services.live.snapshot(handle.showId)!;
		await first.close();

		// Down for 2 minutes: the 2-minute warning (3 min in) falls due meanwhile.
		clock.advance(2 * MIN);
		const second = await makeApp({ clock, databasePath: path });
		try {
			const after = second.deps.services.live.snapshot(handle.showId)!;
			expect(after).toMatchObject({ version: before.version, segmentId: 'warm', segmentStartedAt: before.segmentStartedAt, status: 'live' });
			expect(after.timing.remainingMs).toBe(before.timing.remainingMs - 2 * MIN);
			clock.advance(60 * SEC);
			const alerts = second.deps.db.$client
				.prepare("SELECT type, at FROM live_events WHERE show_id = ? AND kind = 'alert' ORDER BY id")
				.all(handle.showId) as { type: string; at: number }[];
			expect(alerts.map((a) => [a.type, a.at - T0])).toEqual([
				['warmup_opened', 0],
				['cue_due', 1 * MIN],
				// segment_ending_2m (3 min) fell due while down: not raised. The 30-second one is on time.
				['segment_ending_30s', 4 * MIN + 30 * SEC]
			]);
		} finally {
			await second.close();
		}
	});
});
