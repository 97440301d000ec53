/**
 * The producer console's and the host screen's state classes in node against the real server:
 * keys to commands (and not while typing), confirmations, one move at a time, refusals as toasts,
 * the stock, time and message fields, and the host's messages, acknowledgements, live stock and
 * flash sale.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { LiveShowState } from '../../src/lib/state/live-show.svelte';
import { HostScreen } from '../../src/lib/state/host-screen.svelte';
import { ProducerConsole } from '../../src/lib/state/producer-console.svelte';
import { demoShow, type ShowHandle } from './live-support';
import { listen, makeApp } from './support';

let app: FastifyInstance;
let base: string;
let show: ShowHandle;
const stops: (() => void)[] = [];

beforeEach(async () => {
	app = await makeApp();
	base = await listen(app);
	show = demoShow(app);
});
afterEach(async () => {
	for (const stop of stops.splice(0)) stop();
	await app.close();
});

async function screen(token: string) {
	const live = new LiveShowState({ url: base, token, deviceId: `d${stops.length}`, deviceName: 'test', socket: { forceNew: true, reconnection: false } });
	stops.push(live.start());
	await expect.poll(() => live.status).toBe('online');
	await expect.poll(() => live.sheet !== null && live.snapshot !== null).toBe(true);
	return live;
}

async function producer() {
	const live = await screen(show.producerToken);
	const console = new ProducerConsole(live);
	stops.push(console.start());
	return console;
}

const key = (k: string, extra: Record<string, unknown> = {}) => {
	const event = { key: k, target: null, defaultPrevented: false, preventDefault() {
		event.defaultPrevented = true;
	}, ...extra };
	return event;
};
const title = (c: ProducerConsole) => c.live.segment?.title;

describe('the producer console', () => {
	it('runs the show from the keyboard: space asks how to start, then moves on; P pauses; arrows; ± a minute', async () => {
		const c = await producer();
		const space = key(' ');
		expect(c.keydown(space)).toBe(true);
		expect(space.defaultPrevented).toBe(true);
		// The demo show is a week away: space suggests a rehearsal.
		expect(c.dialog).toEqual({ kind: 'start', suggested: 'rehearsal' });
		// Keys are off while a question is open.
		expect(c.keydown(key(' '))).toBe(false);
		expect(await c.confirm()).toBe(true);
		expect(c.live.snapshot).toMatchObject({ status: 'live', mode: 'rehearsal' });
		expect(title(c)).toBe('活动预热');

		c.keydown(key(' '));
		await expect.poll(() => title(c)).toBe('开场介绍');
		c.keydown(key('p'));
		await expect.poll(() => c.live.snapshot?.status).toBe('paused');
		c.keydown(key('P'));
		await expect.poll(() => c.live.snapshot?.status).toBe('live');
		c.keydown(key('+'));
		await expect.poll(() => c.live.snapshot?.adjustMs).toBe(60_000);
		c.keydown(key('-'));
		await expect.poll(() => c.live.snapshot?.adjustMs).toBe(0);
		c.keydown(key('ArrowRight'));
		await expect.poll(() => title(c)).toBe('恩施玉露');
		c.keydown(key('ArrowLeft'));
		await expect.poll(() => title(c)).toBe('开场介绍');
	});

	it('keeps its keys off while the producer types in a field, and leaves browser shortcuts alone', async () => {
		const c = await producer();
		expect(c.keydown(key(' '), { tagName: 'INPUT', type: 'text' })).toBe(false);
		expect(c.keydown(key('p', { target: { tagName: 'TEXTAREA' } }))).toBe(false);
		expect(c.keydown(key('p', { ctrlKey: true }))).toBe(false);
		expect(c.dialog).toBeNull();
		// A focused checkbox or button keeps space (it presses that control); other keys still drive the show.
		expect(c.keydown(key(' '), { tagName: 'INPUT', type: 'checkbox' })).toBe(false);
		expect(c.keydown(key(' '), { tagName: 'BUTTON' })).toBe(false);
		expect(c.dialog).toBeNull();
		// J is taken from a focused button too (before the start there is nothing to jump to).
		expect(c.keydown(key('j'), { tagName: 'BUTTON' })).toBe(true);
		expect(c.dialog).toBeNull();
		expect(c.keydown(key(' '))).toBe(true);
		expect(c.dialog?.kind).toBe('start');
	});

	it('sends one move at a time, so a double press never skips a segment', async () => {
		const c = await producer();
		await c.startRehearsal();
		const versions = c.live.snapshot!.version;
		const [a, b] = await Promise.all([c.next(), c.next()]);
		expect([a, b]).toEqual([true, false]);
		expect(c.live.snapshot!.version).toBe(versions + 1);
		expect(title(c)).toBe('开场介绍');
	});

	it('shows a refusal as a toast with its code, and never throws', async () => {
		const c = await producer();
		await c.startRehearsal();
		expect(await c.previous()).toBe(false);
		expect(c.toasts.items.map((t) => t.key)).toEqual(['live.error.AT_FIRST_SEGMENT']);
		// Another producer moved the show first: the stale version is refused.
		const other = await producer();
		await other.next();
		const stale = await c.live.send({ type: 'next' }, { expectedVersion: 1 });
		expect(stale).toMatchObject({ ok: false, code: 'STALE_VERSION' });
	});

	it('asks before going live, jumping, ending and resetting', async () => {
		const c = await producer();
		expect(c.askGoLive()).toBe(true);
		c.closeDialog();
		expect(c.live.snapshot?.status).toBe('ready');
		await c.startRehearsal();
		const closing = c.segments.at(-1)!;
		expect(c.askGoto(closing.id)).toBe(true);
		expect(c.dialog).toMatchObject({ kind: 'goto', segment: { id: closing.id } });
		expect(await c.confirm()).toBe(true);
		expect(title(c)).toBe('活动结束');
		// On the last segment space asks to end.
		c.keydown(key(' '));
		expect(c.dialog).toEqual({ kind: 'end' });
		await c.confirm();
		expect(c.live.snapshot?.status).toBe('ended');
		expect(c.askReset()).toBe(true);
		await c.confirm();
		expect(c.live.snapshot).toMatchObject({ status: 'ready', mode: null });
	});

	it('adds any amount, sets live stock from what is typed, and says what is wrong with bad input', async () => {
		const c = await producer();
		await c.startRehearsal();
		c.adjustDraft = '1:30';
		expect(await c.submitAdjust(1)).toBe(true);
		expect(c.live.snapshot?.adjustMs).toBe(90_000);
		expect(c.adjustDraft).toBe('');
		c.adjustDraft = '2';
		await c.submitAdjust(-1);
		expect(c.live.snapshot?.adjustMs).toBe(-30_000);
		c.adjustDraft = 'soon';
		expect(await c.submitAdjust()).toBe(false);
		expect(c.adjustIssue).toBe('invalid');

		// No product in the warm-up.
		c.stockDraft = '80';
		expect(await c.submitStock()).toBe(false);
		await c.next();
		await c.next();
		const product = c.live.product!;
		c.stockDraft = '8.5';
		expect(await c.submitStock()).toBe(false);
		expect(c.stockIssue).toBe('invalid');
		c.stockDraft = '80';
		expect(await c.submitStock()).toBe(true);
		expect(c.live.snapshot?.stock[String(product.id)]).toBe(80);
		c.stockDraft = '-5';
		await c.submitStock();
		expect(c.live.product?.slotStock.live).toBe(75);
	});

	it('ticks cues, and lists them with their countdowns', async () => {
		const c = await producer();
		await c.startRehearsal();
		const cue = c.cues[0];
		expect(cue.status === 'upcoming' || cue.status === 'due').toBe(true);
		expect(await c.toggleCue(cue.cue.id, true)).toBe(true);
		expect(c.cues.find((r) => r.cue.id === cue.cue.id)?.status).toBe('done');
	});
});

describe('the host screen', () => {
	it("covers the screen with the producer's messages until a tap acknowledges them all; the producer sees it", async () => {
		const c = await producer();
		const hostLive = await screen(show.hostToken);
		const host = new HostScreen(hostLive);
		stops.push(host.start());
		await c.startRehearsal();
		c.messageDraft = '   ';
		expect(await c.sendMessage()).toBe(false);
		expect(c.messageIssue).toBe('empty');
		await c.sendMessage('加快节奏');
		c.messageDraft = '注意镜头，往左一点';
		await c.sendMessage();
		expect(c.messageDraft).toBe('');
		await expect.poll(() => host.pendingMessages.map((m) => m.text)).toEqual(['加快节奏', '注意镜头，往左一点']);
		expect(c.unacknowledgedCount).toBe(2);
		expect(await host.acknowledge()).toBe(true);
		expect(host.pendingMessages).toEqual([]);
		await expect.poll(() => c.unacknowledgedCount).toBe(0);
		expect(c.messages.every((m) => m.ackedAt !== null)).toBe(true);
	});

	it('shows the live stock and the open flash sale with its countdown', async () => {
		const c = await producer();
		const hostLive = await screen(show.hostToken);
		const host = new HostScreen(hostLive);
		stops.push(host.start());
		await c.startRehearsal();
		const sale = c.segments.find((s) => s.flashSale)!;
		c.askGoto(sale.id);
		await c.confirm();
		await expect.poll(() => host.product?.name).toBe('蔡林记热干面');
		expect(host.flashSale).toBeNull();
		expect(await c.startFlashSale()).toBe(true);
		c.stockDraft = '80';
		await c.submitStock();
		await expect.poll(() => host.flashSale?.stock).toBe(80);
		expect(host.flashSale).toMatchObject({ priceFen: 1990, quantity: 200, productName: '蔡林记热干面' });
		expect(host.flashSale!.remainingMs).toBeGreaterThan(100_000);
		expect(host.product).toMatchObject({ liveStock: 80, flashPriceFen: 1990 });
		await c.stopFlashSale();
		await expect.poll(() => host.flashSale).toBeNull();
	});

	it('puts the alerts a host acts on in its banner', async () => {
		const c = await producer();
		const hostLive = await screen(show.hostToken);
		const host = new HostScreen(hostLive);
		stops.push(host.start());
		await c.startRehearsal();
		await expect.poll(() => host.banner?.kind).toBe('warmup_opened');
	});
});
