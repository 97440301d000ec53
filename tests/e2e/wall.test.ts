/**
 * The monitoring wall in Chromium: twelve shows of twelve units in every state (on air with a
 * host, on air without one for a minute — red, paused, a rehearsal, upcoming, late), laid out
 * without scrolling on a 1920×1080 TV and a 1440×900 laptop with legible contrast; it follows a
 * producer's command within a second, drops a show that ends and adds one that starts without a
 * reload, and beeps once for a new critical condition once sound is on. Screenshots: wall-tv-1920,
 * wall-laptop-1440 and wall-laptop-1440-en.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { UNITS } from '../../src/lib/core/units';
import { anotherShow, closeScreens, command, screen, type ShowHandle } from '../server/live-support';
import { countdownContrast, outsideViewport, overflowing, pageScroll } from './screens-support';
import { launchBrowser, newPage, screenshot, signInAs, startApp, watchErrors } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
/** The server's clock runs `skew` ms off the real one while a show is started "a minute ago". */
let skew = 0;
const shows: ShowHandle[] = [];
const MIN = 60_000;

beforeAll(async () => {
	({ app, base } = await startApp({ clock: () => Date.now() + skew }));
	browser = await launchBrowser({ args: ['--autoplay-policy=no-user-gesture-required'] });
	const cities = UNITS.filter((u) => u.kind === 'city').map((u) => u.code);
	// The demo show moves out of the window; twelve shows of twelve units take the wall.
	const demo = app.deps.repos.shows.list()[0];
	app.deps.repos.shows.update(demo.id, null, { startsAt: Date.now() + 30 * 24 * 60 * MIN }, undefined, Date.now());
	for (let i = 0; i < 12; i++) shows.push(anotherShow(app, { unitCode: cities[i] as never, startsAt: Date.now() + (i - 2) * 10 * MIN }));
	const [onAir, red, paused, rehearsal] = shows;
	await command(app, onAir.producerToken, 'start', { mode: 'live' });
	await command(app, onAir.producerToken, 'next');
	await screen(base, { token: onAir.hostToken, deviceId: 'host-on-air', deviceName: '主播平板' });
	const figures = await app.inject({ method: 'POST', url: '/api/live/figures', headers: { authorization: `Bearer ${onAir.recorderToken}` }, payload: { platform: 'douyin', line: '在线 1.2万 成交 3456.5 订单 88' } });
	expect(figures.statusCode, figures.body).toBe(201);
	skew = -MIN;
	await command(app, red.producerToken, 'start', { mode: 'live' });
	skew = 0;
	await command(app, paused.producerToken, 'start', { mode: 'live' });
	await command(app, paused.producerToken, 'pause');
	await command(app, rehearsal.producerToken, 'start', { mode: 'rehearsal' });
});
afterAll(async () => {
	closeScreens();
	await browser?.close();
	await app?.close();
});

const tile = (page: Page, show: ShowHandle) => page.locator(`[data-testid="wall-tile"][data-show-id="${show.showId}"]`);

async function openWall(page: Page) {
	await signInAs(page, base);
	await page.getByRole('link', { name: '监看墙' }).click();
	await page.waitForURL(/\/wall$/);
	await page.getByTestId('wall-tile').nth(11).waitFor();
}

/** Every tile inside the viewport, the page not scrolling, and the tile texts legible. */
async function checkLayout(page: Page, red: ShowHandle) {
	expect(await page.getByTestId('wall-tile').count()).toBe(12);
	expect(await pageScroll(page)).toEqual({ x: 0, y: 0 });
	expect(await outsideViewport(page, ['wall-tile'])).toEqual([]);
	// Nothing of a tile spills out or is cut off (titles and long lines end in an ellipsis).
	for (const show of shows.slice(0, 5)) expect(await overflowing(page, `[data-show-id="${show.showId}"]`)).toEqual([]);
	for (const scope of ['[data-testid="wall-tile"]', `[data-show-id="${red.showId}"]`]) {
		for (const part of ['h2', '[data-testid="wall-phase"]', '[data-testid="wall-segment"]', '[data-testid="wall-countdown"]', '[data-testid="wall-hosts"]', '[data-testid="wall-alert"]', '[data-testid="wall-figures"]']) {
			expect(await countdownContrast(page, scope, part), `${scope} ${part}`).toBeGreaterThanOrEqual(4.5);
		}
	}
}

describe('the monitoring wall', () => {
	it('lays twelve shows out, most urgent first, on a TV and a laptop', async () => {
		const [onAir, red, paused] = shows;
		const page = await newPage(browser, { viewport: { width: 1920, height: 1080 } });
		const errors = watchErrors(page);
		await openWall(page);
		// Red (no host screen for a minute during a live run) and critical: first.
		const first = page.getByTestId('wall-tile').first();
		expect(await first.getAttribute('data-show-id')).toBe(String(red.showId));
		expect(await first.getAttribute('data-red')).toBe('true');
		expect(await first.getAttribute('data-critical')).toContain('host_offline');
		await expect.poll(() => tile(page, onAir).getByTestId('wall-hosts').textContent()).toContain('主播屏 1 台在线');
		expect(await tile(page, paused).textContent()).toContain('已暂停');
		expect(await tile(page, onAir).getByTestId('wall-figures').textContent()).toMatch(/抖音.*在线人数 1\.2万.*成交额 ¥3,456\.50/);
		expect(await tile(page, red).getByTestId('wall-figures').textContent()).toContain('暂无数据');
		await checkLayout(page, red);
		await screenshot(page, 'wall-tv-1920');

		await page.setViewportSize({ width: 1440, height: 900 });
		await checkLayout(page, red);
		await screenshot(page, 'wall-laptop-1440');

		// In English too, still without scrolling or spilling.
		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.locator('h1').textContent()).toContain('Monitoring wall');
		expect(await tile(page, onAir).getByTestId('wall-hosts').textContent()).toContain('Host screens online: 1');
		await checkLayout(page, red);
		await screenshot(page, 'wall-laptop-1440-en');
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('follows a producer’s command within a second; shows leave and join without a reload, and a new critical condition beeps once', async () => {
		const [onAir, , , rehearsal] = shows;
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await openWall(page);
		const sound = page.getByTestId('wall-sound');
		await sound.click();
		await expect.poll(() => sound.getAttribute('aria-pressed')).toBe('true');
		// The click's confirmation chime only: the condition already on the wall was there before.
		await expect.poll(() => sound.getAttribute('data-played')).toBe('1');

		const before = await tile(page, onAir).getByTestId('wall-segment').textContent();
		const moved = await command(app, onAir.producerToken, 'next');
		await expect.poll(() => tile(page, onAir).getByTestId('wall-segment').textContent(), { timeout: 1_000, interval: 20 }).toBe(moved.segmentTitle);
		expect(moved.segmentTitle).not.toBe(before);

		await command(app, rehearsal.producerToken, 'end');
		await expect.poll(() => tile(page, rehearsal).count()).toBe(0);

		// A show of another week starts live "a minute ago" with no host: it joins the wall, red, and beeps once.
		const late = anotherShow(app, { unitCode: 'enshi', startsAt: Date.now() + 7 * 24 * 60 * MIN });
		skew = -MIN;
		await command(app, late.producerToken, 'start', { mode: 'live' });
		skew = 0;
		await expect.poll(() => tile(page, late).getAttribute('data-red')).toBe('true');
		await expect.poll(() => sound.getAttribute('data-played')).toBe('2');
		// The next second's tick hears the same condition again and stays quiet.
		const countdown = await tile(page, late).getByTestId('wall-countdown').textContent();
		await expect.poll(() => tile(page, late).getByTestId('wall-countdown').textContent(), { timeout: 3_000 }).not.toBe(countdown);
		expect(await sound.getAttribute('data-played')).toBe('2');

		await tile(page, onAir).click();
		await page.waitForURL(new RegExp(`/shows/${onAir.showId}/live$`));
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
