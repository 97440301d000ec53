/**
 * The producer console and a host's cue cards in two browser contexts against the real server:
 * space moves the host on, both countdowns agree, +1 min reaches the host, a message covers the
 * host until tapped and the producer sees it acknowledged, a flash sale and live stock reach the
 * host, and the demo show runs from warm-up to closing on the keyboard alone.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { launchBrowser, screenshot, startApp } from './support';
import { countdown, demoTokens, hostTitle, openHost, openProducer, screenPage, type ShowTokens } from './screens-support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let show: ShowTokens;
let producer: Page;
let host: Page;
let errors: string[][];

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});
beforeEach(async () => {
	({ app, base } = await startApp());
	show = demoTokens(app);
	const p = await screenPage(browser, 'producer');
	const h = await screenPage(browser, 'host');
	producer = p.page;
	host = h.page;
	errors = [p.errors, h.errors];
	await openProducer(producer, base, show.producerToken);
	await openHost(host, base, show.hostToken);
});
afterEach(async () => {
	await producer?.context().close();
	await host?.context().close();
	await app?.close();
	expect(errors).toEqual([[], []]);
});

/** Starts a rehearsal from the keyboard: space asks, Enter takes the suggested answer (a rehearsal, the show being a week away). */
async function startRehearsalByKeys() {
	await producer.keyboard.press('Space');
	await producer.getByTestId('console-dialog').getByTestId('dialog-rehearsal').waitFor();
	await producer.keyboard.press('Enter');
	await expect.poll(() => producer.getByTestId('onair-title').textContent()).toBe('活动预热');
	await expect.poll(() => hostTitle(host)).toBe('活动预热');
}

describe('producer and host together', () => {
	it('space on the producer moves the host to the next segment, and both countdowns agree within 100 ms', async () => {
		// The host sees that the producer console is there.
		await expect.poll(() => producer.getByTestId('host-count').getAttribute('data-count')).toBe('1');
		await startRehearsalByKeys();
		await expect.poll(() => host.getByTestId('rehearsal-banner').isVisible()).toBe(true);
		await producer.keyboard.press('Space');
		await expect.poll(() => producer.getByTestId('onair-title').textContent()).toBe('开场介绍');
		await expect.poll(() => hostTitle(host)).toBe('开场介绍');

		// Both screens as rendered, brought to one instant of this machine's clock (both contexts share it).
		await expect.poll(async () => {
			const [p, h] = await Promise.all([countdown(producer), countdown(host)]);
			if (!p.clientAt || !h.clientAt) return Infinity;
			const at = Math.max(p.clientAt, h.clientAt);
			return Math.abs(p.remainingMs - (at - p.clientAt) - (h.remainingMs - (at - h.clientAt)));
		}).toBeLessThanOrEqual(100);
		const [p, h] = await Promise.all([countdown(producer), countdown(host)]);
		expect(h.phase).toBe('normal');
		// The same state gives the same segment end on both (server clock).
		expect(Math.abs(p.remainingMs + p.serverNow - (h.remainingMs + h.serverNow))).toBeLessThanOrEqual(2);
	});

	it('+1 min on the producer adds a minute on the host; − takes it back', async () => {
		await startRehearsalByKeys();
		const before = await countdown(host);
		const endBefore = before.remainingMs + before.serverNow;
		await producer.keyboard.press('+');
		await expect.poll(async () => {
			const now = await countdown(host);
			return now.remainingMs + now.serverNow - endBefore;
		}).toBeGreaterThan(59_000);
		const after = await countdown(host);
		expect(Math.abs(after.remainingMs + after.serverNow - endBefore - 60_000)).toBeLessThanOrEqual(2);
		expect(after.text).toMatch(/^1[56]:\d\d$/);
		await expect.poll(() => host.getByTestId('host-screen').textContent()).toContain('已调整 +1:00');
		// The producer's own move confirmed: the other screens hear a command before its sender's ack,
		// and a press while one is on its way is not sent twice.
		await expect.poll(() => producer.getByTestId('ctl-pause').isEnabled()).toBe(true);
		await producer.keyboard.press('-');
		await expect.poll(async () => {
			const now = await countdown(host);
			return Math.abs(now.remainingMs + now.serverNow - endBefore);
		}).toBeLessThanOrEqual(2);
	});

	it('a message covers the host until tapped, and the producer sees it acknowledged', async () => {
		await startRehearsalByKeys();
		// Typing in the message box does not drive the show (the space and the P stay in the text).
		const box = producer.getByTestId('message-input');
		await box.click();
		await box.pressSequentially('Please speed up');
		await producer.keyboard.press('Enter');
		const overlay = host.getByTestId('message-overlay');
		await overlay.waitFor();
		expect(await overlay.getByTestId('message-text').textContent()).toContain('Please speed up');
		expect(await hostTitle(host)).toBe('活动预热');
		// It covers the whole screen (once its short entrance is over).
		await expect.poll(async () => {
			const box = await overlay.boundingBox();
			return box && [box.x, box.y, box.width, box.height].map(Math.round);
		}).toEqual([0, 0, 1280, 800]);
		await expect.poll(() => producer.getByTestId('message-waiting').count()).toBe(1);

		// A preset, in one click.
		await producer.getByTestId('preset-camera').click();
		await expect.poll(() => overlay.getByTestId('message-text').textContent()).toContain('注意镜头');
		await screenshot(host, 'host-message-zh');
		await overlay.tap();
		await overlay.waitFor({ state: 'detached' });
		await expect.poll(() => producer.getByTestId('message-acked').count()).toBe(2);
		expect(await producer.getByTestId('message-waiting').count()).toBe(0);
		expect(await producer.getByTestId('message-log').textContent()).toContain('已确认');
	});

	it('a flash sale shows its countdown overlay on the host, and stock 80 shows 仅剩 80 件', async () => {
		await startRehearsalByKeys();
		// Jump to the flash-sale segment by clicking it (the console asks first).
		const sale = app.deps.repos.shows.get(show.showId)!.segments.find((s) => s.flashSale)!;
		await producer.getByTestId(`goto-${sale.id}`).click();
		await producer.getByTestId('console-dialog').getByTestId('dialog-confirm').click();
		await expect.poll(() => hostTitle(host)).toBe(sale.title);

		await producer.getByTestId('flash-start').click();
		const overlay = host.getByTestId('flash-sale-overlay');
		await overlay.waitFor();
		expect(await overlay.textContent()).toContain('秒杀进行中');
		expect(await overlay.textContent()).toContain('¥19.90');
		const first = await host.getByTestId('flash-countdown').textContent();
		expect(first).toMatch(/^0[12]:\d\d$/);
		// It counts down on its own.
		await expect.poll(() => host.getByTestId('flash-countdown').textContent(), { timeout: 3_000 }).not.toBe(first);

		await producer.getByTestId('stock-input').fill('80');
		await producer.getByTestId('stock-input').press('Enter');
		await expect.poll(() => host.getByTestId('flash-stock').textContent()).toBe('仅剩 80 件');
		await expect.poll(() => producer.getByTestId('stock-now').textContent()).toContain('仅剩 80 件');
		// The strip keeps no alert of an earlier segment (预热开始 was the warm-up's).
		expect(await producer.getByTestId('alert-flash').textContent()).not.toContain('预热开始');
		await screenshot(host, 'host-flash-sale-zh');
		await screenshot(producer, 'producer-flash-sale-zh');

		await producer.getByTestId('flash-stop').click();
		await overlay.waitFor({ state: 'detached' });
		// Without the overlay the product card says it too.
		expect(await host.getByTestId('stock-left').textContent()).toBe('仅剩 80 件');
	});

	it('produces the whole demo show, ready to ended, flash sale and messages included, on the keyboard alone while the host follows', async () => {
		const segments = app.deps.repos.shows.get(show.showId)!.segments;
		const titles = segments.map((s) => s.title);
		const saleAt = segments.findIndex((s) => s.flashSale);
		const keys = producer.keyboard;
		const focusedTag = () => producer.evaluate(() => document.activeElement?.tagName);
		const hostStatus = () => host.getByTestId('host-screen').getAttribute('data-status');
		const hostMessage = () => host.getByTestId('message-overlay').getByTestId('message-text').allTextContents();
		/** The host taps the message away (the host's own gesture, not the producer's). */
		const acknowledge = async () => {
			await host.getByTestId('message-overlay').tap();
			await host.getByTestId('message-overlay').waitFor({ state: 'detached' });
		};
		/** The producer's last move is confirmed (a press while one is on its way is not sent twice). */
		const settled = () => expect.poll(() => producer.getByTestId('ctl-pause').isEnabled()).toBe(true);
		producer.on('dialog', (d) => errors[0].push(`unexpected dialog: ${d.message()}`));

		// ? lists every key; Esc closes it.
		await keys.press('Shift+Slash');
		await producer.getByTestId('key-help').getByText('开始 / 结束秒杀').waitFor();
		await screenshot(producer, 'producer-key-help-zh');
		await keys.press('Escape');
		await expect.poll(() => producer.getByTestId('key-help').isVisible()).toBe(false);

		await startRehearsalByKeys();
		// A refusal is a short toast in the producer's language, not an alert box.
		await keys.press('ArrowLeft');
		await expect.poll(() => producer.getByTestId('toast').textContent()).toContain('已是第一个环节');

		// J: the jump list, ↓ to the segment after next, Enter picks it, Enter confirms.
		await keys.press('j');
		await producer.getByTestId('jump-list').waitFor();
		await keys.press('ArrowDown');
		await keys.press('Enter');
		await producer.getByTestId('console-dialog').getByTestId('dialog-confirm').waitFor();
		await keys.press('Enter');
		await expect.poll(() => hostTitle(host)).toBe(titles[2]);
		await settled();
		await keys.press('ArrowLeft');
		await expect.poll(() => hostTitle(host)).toBe(titles[1]);
		await settled();

		// P pauses and resumes; + and − move the host's countdown by a minute.
		await keys.press('p');
		await expect.poll(hostStatus).toBe('paused');
		await settled();
		const before = (await countdown(host)).remainingMs;
		await keys.press('+');
		await expect.poll(async () => (await countdown(host)).remainingMs - before).toBeGreaterThan(55_000);
		await settled();
		await keys.press('-');
		await expect.poll(async () => Math.abs((await countdown(host)).remainingMs - before)).toBeLessThan(5_000);
		await settled();
		await keys.press('p');
		await expect.poll(hostStatus).toBe('live');
		await settled();

		// A preset by its number.
		await keys.press('3');
		await expect.poll(hostMessage).toEqual([expect.stringContaining('注意镜头')]);
		await acknowledge();
		// M: the message box; Enter sends and gives the keys back to the console at once.
		await keys.press('m');
		expect(await focusedTag()).toBe('INPUT');
		await keys.type('Please speed up');
		await keys.press('Enter');
		await expect.poll(hostMessage).toEqual([expect.stringContaining('Please speed up')]);
		expect(await focusedTag()).toBe('BODY');
		await acknowledge();
		// Esc leaves the box, the draft kept; on a focused preset Space sends it and the show stays put.
		await keys.press('m');
		await keys.type('draft');
		await keys.press('Escape');
		expect(await focusedTag()).toBe('BODY');
		expect(await producer.getByTestId('message-input').inputValue()).toBe('draft');
		await keys.press('m');
		await keys.press('Shift+Tab');
		expect(await producer.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('preset-timeUp');
		await keys.press('Space');
		await expect.poll(hostMessage).toEqual([expect.stringContaining('时间到')]);
		expect(await hostTitle(host)).toBe(titles[1]);
		await acknowledge();
		await keys.press('Escape');

		for (let i = 2; i < titles.length; i++) {
			await keys.press(i % 2 ? 'ArrowRight' : 'Space');
			// The producer's own screen first (a press while the last one is still on its way is not sent twice).
			await expect.poll(() => producer.getByTestId('onair-title').textContent()).toBe(titles[i]);
			await expect.poll(() => hostTitle(host)).toBe(titles[i]);
			await settled();
			if (i !== saleAt) continue;
			// F starts the sale; ↑ and ↓ move its stock by one; F stops it.
			await keys.press('f');
			const overlay = host.getByTestId('flash-sale-overlay');
			await overlay.waitFor();
			await settled();
			await keys.press('ArrowUp');
			await expect.poll(() => host.getByTestId('flash-stock').textContent()).toBe('仅剩 201 件');
			await keys.press('ArrowDown');
			await expect.poll(() => host.getByTestId('flash-stock').textContent()).toBe('仅剩 200 件');
			await keys.press('ArrowDown');
			await expect.poll(() => host.getByTestId('flash-stock').textContent()).toBe('仅剩 199 件');
			await screenshot(producer, 'producer-flash-sale-keys-zh');
			await keys.press('f');
			await overlay.waitFor({ state: 'detached' });
			await settled();
		}
		expect(await host.getByTestId('segment-position').textContent()).toBe(`第 ${titles.length}/${titles.length} 环节`);
		// On the last segment space asks to end; Enter confirms.
		await keys.press('Space');
		await producer.getByTestId('console-dialog').getByTestId('dialog-confirm').waitFor();
		await keys.press('Enter');
		await host.getByTestId('host-ended').waitFor();
		await expect.poll(() => producer.getByTestId('live-status').textContent()).toBe('已结束');
		// The rehearsal stripe no longer says 彩排中; the host drops its 彩排 tag.
		await expect.poll(() => producer.getByTestId('rehearsal-banner').textContent()).toContain('彩排已结束');
		expect(await host.getByTestId('rehearsal-banner').count()).toBe(0);
		// Every segment has its actual start on the run-sheet.
		expect(await producer.locator('tr[data-state="past"]').count()).toBe(titles.length);
		// Nothing of the run holds once it is over: no 距直播结束还有 10 分钟 above 本场已结束.
		await expect.poll(() => producer.getByTestId('alert-flash').textContent()).toBe('当前没有待处理的提醒。');
		await screenshot(producer, 'producer-ended-zh');
	});
});
