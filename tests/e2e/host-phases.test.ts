/**
 * The host's cue cards as a person at arm's length sees them, in every phase of a show (ready,
 * warm-up, a product on air, the last minutes, over time, paused, a flash sale running, a message)
 * on the tablet sizes in both orientations (1024×768, 1280×800, 800×1280, 768×1024, at 2×): a
 * screenshot of each (test-results/screenshots/host-<phase>-<w>x<h>-zh.png), no page scroll, every
 * item a host reads inside the viewport, nothing spilling out of its box, and the countdown's
 * digits at 4.5:1 or more against what is behind them — sampled through a second over time, with no
 * animation on their colour, opacity or background. The producer's countdown keeps the same
 * contrast over time and paused. Flash-sale cues follow the live state: never "about to start"
 * while the sale runs or once it has ended.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startApp } from './support';
import {
	command,
	countdownContrast,
	demoTokens,
	digitAnimations,
	hostTitle,
	openHost,
	openProducer,
	outsideViewport,
	overflowing,
	pageScroll,
	screenPage,
	type ShowTokens
} from './screens-support';

const SIZES = [
	{ width: 1024, height: 768 },
	{ width: 1280, height: 800 },
	{ width: 800, height: 1280 },
	{ width: 768, height: 1024 }
] as const;
const MIN_CONTRAST = 4.5;

let browser: Browser;
let app: FastifyInstance;
let base: string;
let show: ShowTokens;
let hosts: { page: Page; errors: string[]; tag: string }[] = [];
let producer: { page: Page; errors: string[] };

beforeAll(async () => {
	browser = await launchBrowser();
	({ app, base } = await startApp());
	show = demoTokens(app);
	hosts = await Promise.all(
		SIZES.map(async (viewport) => ({
			...(await screenPage(browser, 'host', { context: { viewport, deviceScaleFactor: 2 } })),
			tag: `${viewport.width}x${viewport.height}`
		}))
	);
	producer = await screenPage(browser, 'producer');
	await Promise.all(hosts.map((h) => openHost(h.page, base, show.hostToken)));
	await openProducer(producer.page, base, show.producerToken);
});
afterAll(async () => {
	for (const h of hosts) await h.page.context().close();
	await producer?.page.context().close();
	await browser?.close();
	await app?.close();
});

const segments = () => app.deps.repos.shows.get(show.showId)!.segments;
const live = async () =>
	(await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${show.producerToken}` } })).json() as { status: string; segmentId: string | null; adjustMs: number };

/** What a host reads while a segment is on air (the product's items when it has one). */
const ON_AIR = ['countdown', 'clock-state', 'host-segment-title', 'host-next', 'host-cues?'];
const PRODUCT = ['host-product', 'product-name', 'live-price', 'link-number'];

/** Every host screen: no page scroll, `visible` inside the viewport, nothing spilling, the digits legible; a screenshot. */
async function checkHosts(phase: string, visible: string[]) {
	for (const { page, tag } of hosts) {
		const where = `${phase} at ${tag}`;
		expect(await pageScroll(page), where).toEqual({ x: 0, y: 0 });
		expect(await outsideViewport(page, visible), where).toEqual([]);
		expect(await overflowing(page, '[data-testid="host-screen"]'), where).toEqual([]);
		expect(await digitAnimations(page), where).toEqual([]);
		expect(await countdownContrast(page), where).toBeGreaterThanOrEqual(MIN_CONTRAST);
		// A banner (an alert, or the paused strip) as legible as the digits once it has slid in.
		for (const banner of ['host-alert', 'host-paused']) {
			const strip = page.getByTestId(banner);
			if (!(await strip.isVisible())) continue;
			await strip.evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished)));
			expect(await countdownContrast(page, 'body', `[data-testid="${banner}"]`), `${banner} in ${where}`).toBeGreaterThanOrEqual(MIN_CONTRAST);
		}
		await screenshot(page, `host-${phase}-${tag}-zh`);
	}
}

async function onAllHosts(check: (page: Page) => Promise<unknown>) {
	await Promise.all(hosts.map((h) => check(h.page)));
}

describe('the host in every phase, in both orientations', () => {
	it('ready: the countdown to the warm-up, with both 预热 19:15 and 开播 19:30', async () => {
		await onAllHosts((page) => expect.poll(() => page.getByTestId('host-screen').getAttribute('data-status')).toBe('ready'));
		for (const { page } of hosts) {
			expect(await page.getByTestId('host-warmup-at').textContent()).toBe('预热 19:15');
			expect(await page.getByTestId('host-start-at').textContent()).toBe('开播 19:30');
			// A week ahead the countdown shows the date, and its label says what starts then (not 距预热开始 + a date).
			expect(await page.getByTestId('countdown-text').textContent()).toMatch(/^\d+月\d+日（周.）19:15$/);
			expect(await page.getByTestId('countdown-label').textContent()).toBe('预热开始时间');
		}
		// The producer's on-air panel alike: its countdown also shows the warm-up's date and time (19:15, not the 19:30 start).
		expect(await producer.page.getByTestId('countdown-text').textContent()).toMatch(/^\d+月\d+日（周.）19:15$/);
		expect(await producer.page.getByTestId('countdown-label').textContent()).toBe('预热开始时间');
		await screenshot(producer.page, 'producer-ready-week-ahead-zh');
		await checkHosts('ready', ['countdown', 'host-warmup-at', 'host-start-at']);
	});

	it('warm-up, a product on air and the last minutes', async () => {
		await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
		await onAllHosts((page) => expect.poll(() => hostTitle(page)).toBe('活动预热'));
		await checkHosts('warmup', ON_AIR);

		const tea = segments().find((s) => s.productId !== null && s.cues.some((c) => c.forHost))!;
		await command(app, show.producerToken, 'goto', { segmentId: tea.id });
		await command(app, show.producerToken, 'set-stock', { productId: tea.productId, stock: 80 });
		await onAllHosts((page) => expect.poll(() => page.getByTestId('stock-left').textContent()).toBe('仅剩 80 件'));
		await checkHosts('normal', [...ON_AIR, ...PRODUCT, 'stock-left']);

		// 1:30 left: the warning colour.
		await command(app, show.producerToken, 'add-time', { deltaMs: -(tea.durationSec - 90) * 1000 });
		await onAllHosts((page) => expect.poll(() => page.getByTestId('countdown').getAttribute('data-phase')).toBe('warning'));
		await checkHosts('last-minutes', [...ON_AIR, ...PRODUCT]);
	});

	it('over time: white digits on a solid red field at every instant, the + sign, 超时; the producer’s digits as legible', async () => {
		const { segmentId, adjustMs } = await live();
		const segment = segments().find((s) => s.id === segmentId)!;
		// Down to nothing planned: over time at once.
		await command(app, show.producerToken, 'add-time', { deltaMs: -(segment.durationSec * 1000 + adjustMs) });
		await onAllHosts((page) => expect.poll(() => page.getByTestId('countdown-text').textContent()).toMatch(/^\+\d\d:\d\d$/));
		for (const { page } of hosts) {
			expect(await page.getByTestId('countdown').getAttribute('data-phase')).toBe('overtime');
			expect(await page.getByTestId('clock-state').textContent()).toBe('超时');
		}
		// Through a whole second (the ring pulses once a second): the contrast never drops.
		const samples: number[] = [];
		for (let i = 0; i < 6; i++) {
			samples.push(await countdownContrast(hosts[0].page), await countdownContrast(producer.page, '[data-testid="on-air"]'));
			await new Promise((resolve) => setTimeout(resolve, 180));
		}
		expect(Math.min(...samples)).toBeGreaterThanOrEqual(MIN_CONTRAST);
		expect(await digitAnimations(producer.page, '[data-testid="on-air"]')).toEqual([]);
		await checkHosts('overtime', [...ON_AIR, ...PRODUCT]);
		// Asked for less motion, the ring stands still (a solid ring instead).
		const [first] = hosts;
		await first.page.emulateMedia({ reducedMotion: 'reduce' });
		expect(await first.page.getByTestId('host-clock').evaluate((el) => getComputedStyle(el).animationName)).toBe('none');
		expect(await first.page.locator('.stage').evaluate((el) => el.getAnimations({ subtree: true }).length)).toBe(0);
		expect(await countdownContrast(first.page)).toBeGreaterThanOrEqual(MIN_CONTRAST);
		await first.page.emulateMedia({ reducedMotion: 'no-preference' });
		await screenshot(producer.page, 'producer-overtime-zh');
	});

	it('paused: its own colour, a big 已暂停 and the strip', async () => {
		await command(app, show.producerToken, 'pause');
		await onAllHosts((page) => page.getByTestId('host-paused').waitFor());
		for (const { page } of hosts) {
			expect(await page.getByTestId('clock-state').textContent()).toBe('已暂停');
			expect(Number.parseFloat(await page.getByTestId('clock-state').evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(30);
			expect(await page.getByTestId('host-clock').evaluate((el) => getComputedStyle(el).backgroundColor)).toBe('rgb(23, 64, 126)');
		}
		expect(await countdownContrast(producer.page, '[data-testid="on-air"]')).toBeGreaterThanOrEqual(MIN_CONTRAST);
		await checkHosts('paused', [...ON_AIR, ...PRODUCT, 'host-paused']);
		await command(app, show.producerToken, 'resume');
	});

	it('a flash sale running, then stopped: its price, countdown and quantity in view; never "about to start"', async () => {
		const sale = segments().find((s) => s.flashSale !== null)!;
		const saleCue = sale.cues.find((c) => c.forHost && c.offsetSec === sale.flashSale!.offsetSec)!;
		await command(app, show.producerToken, 'goto', { segmentId: sale.id });
		await onAllHosts((page) => expect.poll(() => hostTitle(page)).toBe(sale.title));
		// As the slot opens its sale is a minute away: the lead-in and the cue say so.
		const cue = (page: Page) => page.locator(`[data-testid="host-cues"] li`, { hasText: saleCue.text });
		await onAllHosts((page) => expect.poll(() => cue(page).getAttribute('data-status')).toBe('upcoming'));
		await onAllHosts((page) => expect.poll(() => page.getByTestId('host-alert').getAttribute('data-kind')).toBe('flash_sale_soon_60s'));
		const leadIn = (page: Page) => page.locator('[data-testid="host-alert"][data-kind^="flash_sale_soon"]').count();

		await command(app, show.producerToken, 'flash-sale-start');
		await onAllHosts((page) => page.getByTestId('flash-sale-overlay').waitFor());
		for (const { page } of hosts) {
			await expect.poll(() => cue(page).getAttribute('data-status')).toBe('done');
			expect(await leadIn(page)).toBe(0);
		}
		expect(await producer.page.getByTestId('alert-flash').textContent()).not.toContain('秒后开始');
		await checkHosts('flash-sale', [...ON_AIR, 'flash-sale-overlay', 'flash-countdown', 'flash-sale-price', 'flash-sale-qty', 'flash-link-number']);

		await command(app, show.producerToken, 'flash-sale-stop');
		await onAllHosts((page) => page.getByTestId('flash-sale-overlay').waitFor({ state: 'detached' }));
		for (const { page } of hosts) {
			expect(await cue(page).getAttribute('data-status')).toBe('done');
			expect(await cue(page).textContent()).not.toMatch(/后：|即将/);
			expect(await leadIn(page)).toBe(0);
		}
		expect(await producer.page.getByTestId('alert-flash').textContent()).not.toContain('秒后开始');
		expect(await producer.page.getByTestId('flash-sale-panel').textContent()).not.toMatch(/后开始|到点/);
	});

	it('a message: the newest message large, the countdown legible above it', async () => {
		await command(app, show.producerToken, 'message', { text: '下一个产品提前，准备切链接 5 号' });
		await onAllHosts((page) => page.getByTestId('message-overlay').waitFor());
		// Once it has faded in.
		await onAllHosts((page) => page.getByTestId('message-overlay').evaluate((el) => Promise.all(el.getAnimations().map((a) => a.finished))));
		for (const { page, tag } of hosts) {
			const where = `message at ${tag}`;
			expect(await pageScroll(page), where).toEqual({ x: 0, y: 0 });
			expect(await outsideViewport(page, ['message-text', 'message-overlay']), where).toEqual([]);
			expect(await countdownContrast(page, '[data-testid="message-overlay"]'), where).toBeGreaterThanOrEqual(MIN_CONTRAST);
			expect(await digitAnimations(page, '[data-testid="message-overlay"]'), where).toEqual([]);
			await screenshot(page, `host-message-${tag}-zh`);
		}
		await hosts[0].page.getByTestId('message-overlay').tap();
		await onAllHosts((page) => page.getByTestId('message-overlay').waitFor({ state: 'detached' }));
		for (const h of [...hosts, producer]) expect(h.errors).toEqual([]);
	});
});
