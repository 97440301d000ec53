/**
 * The alerts a command makes due at its own instant (a start's warm-up, a cue at 0:00 after a next,
 * a flash sale's 60-second warning when the slot opens a minute before it) are the command's: logged
 * in its transaction and carried in its push — one commit and one frame per screen — to screens
 * that ask for `inlineAlerts`; screens that do not (pages cached before it) get the plain push and
 * then the `alert` events. A host hears only the alerts a host acts on, whichever way they come:
 * a producer cue's text never reaches a host screen.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { readCommandAck, type LiveAlertEvent } from '../../src/lib/contract/live';
import { segmentInput, type Segment } from '../../src/lib/core/model';
import { anotherShow, closeScreens, command, rawSocket, screen, welcomed, type RawSocket, type ShowHandle } from './live-support';
import { listen, makeApp, makeClock, type TestClock } from './support';

const SEC = 1000;
/** Only the producer may read it. */
const PRODUCER_CUE = '场控专用：讲解 3 号链接';

/** Opening (no alerts of its own at 0:00), a product slot whose producer cue is at 0:00 (another at 1:00), a flash-sale slot whose 60-second warning is at 0:00. */
const sheet = (): Segment[] =>
	[
		{ id: 'open', kind: 'opening', title: '开场', durationSec: 600 },
		{
			id: 'p1',
			kind: 'product',
			title: '讲解',
			durationSec: 600,
			productId: 1,
			cues: [
				{ id: 'c0', offsetSec: 0, text: PRODUCER_CUE, forHost: false },
				{ id: 'c1', offsetSec: 60, text: `${PRODUCER_CUE}（第二次）`, forHost: false }
			]
		},
		{ id: 'flash', kind: 'flash_sale', title: '秒杀', durationSec: 600, productId: 1, flashSale: { priceFen: 990, quantity: 100, windowSec: 60, offsetSec: 60 } },
		{ id: 'close', kind: 'closing', title: '结束', durationSec: 4_800 }
	].map((s) => segmentInput.parse(s));

let app: FastifyInstance;
let base: string;
let clock: TestClock;
let show: ShowHandle;

beforeEach(async () => {
	clock = makeClock();
	app = await makeApp({ clock });
	base = await listen(app);
	show = anotherShow(app, { startsAt: clock() + 10 * 60 * SEC, segments: sheet });
});
afterEach(async () => {
	closeScreens();
	await app.close();
});

/** The state pushes and alerts a raw socket receives after the welcome, in order, with their payloads (presence aside). */
function record(socket: RawSocket) {
	const events: [string, unknown][] = [];
	socket.onAny((event: string, payload: unknown) => {
		if (event !== 'presence') events.push([event, payload]);
	});
	return events;
}

/** A raw screen, welcomed, recording what it hears from then on. */
async function rawScreen(auth: Record<string, unknown>) {
	const socket = rawSocket(base, auth);
	const welcome = await welcomed(socket);
	return { socket, welcome, events: record(socket) };
}

const alertsOf = (payload: unknown) => ((payload as { alerts?: LiveAlertEvent[] }).alerts ?? []).map((a) => a.kind);
/** What a screen heard: each event's name, a patch's inline alerts beside it, an alert's kind. */
const heard = (events: [string, unknown][]) =>
	events.map(([event, payload]) => (event === 'alert' ? `alert:${(payload as LiveAlertEvent).kind}` : event === 'patch' && alertsOf(payload).length ? `patch+${alertsOf(payload).join('+')}` : event));

/** The socket's command, answered once committed. */
function send(socket: RawSocket, input: object): Promise<unknown> {
	return socket.timeout(5_000).emitWithAck('command', input as never);
}

describe('the alerts a command makes due at once', () => {
	it('travel in its patch to screens that ask for inlineAlerts, one frame each; apart, after the push, to the others', async () => {
		const inline = { patches: true, inlineAlerts: true };
		const sender = await rawScreen({ token: show.producerToken, ...inline, ackPatch: true });
		const producer = await rawScreen({ token: show.producerToken, ...inline });
		const oldProducer = await rawScreen({ token: show.producerToken, patches: true });
		const fullProducer = await rawScreen({ token: show.producerToken, inlineAlerts: true });
		const host = await rawScreen({ token: show.hostToken, ...inline });
		const oldHost = await rawScreen({ token: show.hostToken, patches: true });
		const watchers = [producer, oldProducer, fullProducer, host, oldHost];

		// An HTTP start: the warm-up alert is for everyone.
		await command(app, show.producerToken, 'start', { mode: 'live' });
		await expect.poll(() => heard(sender.events)).toEqual(['patch+warmup_opened']);
		await expect.poll(() => watchers.map((s) => heard(s.events))).toEqual([
			['patch+warmup_opened'],
			['patch', 'alert:warmup_opened'],
			['snapshot', 'alert:warmup_opened'],
			['patch+warmup_opened'],
			['patch', 'alert:warmup_opened']
		]);

		// A socket's next into the product slot: its cue at 0:00 is the producer's.
		for (const s of [sender, ...watchers]) s.events.length = 0;
		clock.advance(10 * SEC);
		const at = clock();
		const ack = readCommandAck(await send(sender.socket, { type: 'next' }));
		expect(ack).toMatchObject({ ok: true, alerts: { unread: false, alerts: [{ kind: 'cue_due', cueId: 'c0', at, firedAt: at, data: { text: PRODUCER_CUE } }] } });
		await expect.poll(() => watchers.map((s) => heard(s.events))).toEqual([['patch+cue_due'], ['patch', 'alert:cue_due'], ['snapshot', 'alert:cue_due'], ['patch'], ['patch']]);
		expect(sender.events).toEqual([]);
		const pushed = producer.events[0][1] as { v: number; alerts: LiveAlertEvent[] };
		expect(pushed.alerts).toEqual([{ key: expect.stringContaining('cue_due:p1:'), kind: 'cue_due', at, firedAt: at, segmentId: 'p1', cueId: 'c0', data: { text: PRODUCER_CUE } }]);
		expect(oldProducer.events[1][1]).toEqual(pushed.alerts[0]);

		// One transaction: the command's row, then its alert's, at the same instant.
		const rows = app.deps.db.$client
			.prepare("SELECT kind, type, version, at FROM live_events WHERE show_id = ? ORDER BY id DESC LIMIT 2")
			.all(show.showId)
			.reverse();
		expect(rows).toEqual([
			{ kind: 'command', type: 'next', version: pushed.v, at },
			{ kind: 'alert', type: 'cue_due', version: null, at }
		]);

		// The flash-sale slot opens a minute before its sale: that warning is for hosts too.
		for (const s of [sender, ...watchers]) s.events.length = 0;
		await send(sender.socket, { type: 'next' });
		await expect.poll(() => watchers.map((s) => heard(s.events))).toEqual([
			['patch+flash_sale_soon_60s'],
			['patch', 'alert:flash_sale_soon_60s'],
			['snapshot', 'alert:flash_sale_soon_60s'],
			['patch+flash_sale_soon_60s'],
			['patch', 'alert:flash_sale_soon_60s']
		]);

		// Raised once: the timer does not raise them again, nor does a later command.
		clock.advance(SEC);
		await send(sender.socket, { type: 'add-time', deltaMs: 30_000 });
		await expect.poll(() => heard(producer.events)).toEqual(['patch+flash_sale_soon_60s', 'patch']);
		const logged = app.deps.db.$client
			.prepare("SELECT COUNT(*) AS alerts, COUNT(DISTINCT json_extract(payload, '$.key')) AS keys FROM live_events WHERE show_id = ? AND kind = 'alert'")
			.get(show.showId);
		expect(logged).toEqual({ alerts: 3, keys: 3 });
	});

	it('reach a screen on the client library once, after the state they belong to', async () => {
		const producer = await screen(base, { token: show.producerToken, now: clock });
		const watcher = await screen(base, { token: show.producerToken, now: clock });
		const seen: [string, number][] = [];
		watcher.on('alert', (a) => seen.push([a.kind, watcher.snapshot!.version]));
		const own: [string, number][] = [];
		producer.on('alert', (a) => own.push([a.kind, producer.snapshot!.version]));

		const started = await producer.send({ type: 'start', mode: 'live' });
		const nexted = await producer.send({ type: 'next' });
		if (!started.ok || !nexted.ok) throw new Error('refused');
		const expected = [
			['warmup_opened', started.version],
			['cue_due', nexted.version]
		];
		// The sender's own copy came in its acks, before `send` resolved.
		expect(own).toEqual(expected);
		await expect.poll(() => seen).toEqual(expected);
		expect(watcher.alerts.map((a) => a.kind)).toEqual(['warmup_opened', 'cue_due']);
		expect(watcher.missing).toEqual([]);
		expect(watcher.resyncs).toBe(0);
	});

	it('never show a host a producer cue’s text: not in a push, an alert, a welcome or a sync', async () => {
		const host = await rawScreen({ token: show.hostToken, patches: true, inlineAlerts: true });
		const oldHost = await rawScreen({ token: show.hostToken, patches: true });
		const fullHost = await rawScreen({ token: show.hostToken });
		const producer = await rawScreen({ token: show.producerToken, patches: true });
		await command(app, show.producerToken, 'start', { mode: 'live' });
		await command(app, show.producerToken, 'next');
		// The second cue falls due on the timer, a minute in.
		clock.advance(60 * SEC);
		await expect.poll(() => heard(producer.events)).toEqual(['patch', 'alert:warmup_opened', 'patch', 'alert:cue_due', 'alert:cue_due']);
		const late = await rawScreen({ token: show.hostToken, patches: true, inlineAlerts: true });
		const synced = await late.socket.timeout(5_000).emitWithAck('sync');
		const lateProducer = await rawScreen({ token: show.producerToken, patches: true, inlineAlerts: true });

		// The producer's screens have the cues' text, and the hosts' never.
		expect(JSON.stringify([producer.events, lateProducer.welcome])).toContain(PRODUCER_CUE);
		expect(lateProducer.welcome.recentAlerts.map((a) => a.kind)).toEqual(['warmup_opened', 'cue_due', 'cue_due']);
		expect(late.welcome.recentAlerts.map((a) => a.kind)).toEqual(['warmup_opened']);
		for (const s of [host, oldHost, fullHost]) expect(s.events.length).toBeGreaterThan(0);
		const toHosts = JSON.stringify([host.events, oldHost.events, fullHost.events, host.welcome, late.welcome, synced]);
		expect(toHosts).not.toContain(PRODUCER_CUE);
		expect(toHosts).not.toContain('cue_due');
	});
});
