/**
 * The producer's page as a person on a laptop meets it: it fits from 1280×720 up (nothing clipped,
 * long message and alert lists scroll inside their cards), sound is on unless this device turned
 * it off, and a new host tablet is asked its name once.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { makeClock, type TestClock } from '../server/support';
import { dropNextAck } from '../server/live-support';
import { launchBrowser, screenshot, startApp } from './support';
import { command, demoTokens, openHost, openProducer, outsideViewport, overflowing, screenPage, squeezedCells, type ShowTokens } from './screens-support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let show: ShowTokens;
let clock: TestClock;
const pages: Page[] = [];

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});
beforeEach(async () => {
	clock = makeClock();
	({ app, base } = await startApp({ clock }));
	show = demoTokens(app);
});
afterEach(async () => {
	vi.restoreAllMocks();
	for (const page of pages.splice(0)) await page.context().close();
	await app?.close();
});

async function open(kind: 'producer' | 'host', options: Parameters<typeof screenPage>[2] = {}) {
	const { page, errors } = await screenPage(browser, kind, options);
	pages.push(page);
	return { page, errors };
}

/** Elements of the page drawn outside the viewport where nothing scrolls to them. */
function unreachable(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const vw = innerWidth;
		const vh = innerHeight;
		const scrolls = (el: Element | null) => {
			for (let e = el; e && e !== document.documentElement; e = e.parentElement) {
				const s = getComputedStyle(e);
				if (['auto', 'scroll'].includes(s.overflowY) && e.scrollHeight > e.clientHeight) return true;
			}
			// The page itself scrolls to it.
			return document.documentElement.scrollHeight > vh && getComputedStyle(document.documentElement).overflowY !== 'hidden';
		};
		for (const el of document.querySelectorAll('[data-testid="producer-console"] *')) {
			// A closed <details>' content is laid out but not shown (the drawer's settings form).
			if (!(el instanceof HTMLElement) || el.offsetParent === null || el.closest('dialog') || el.closest('details:not([open]) > :not(summary)')) continue;
			const r = el.getBoundingClientRect();
			if (!r.width || !r.height) continue;
			if (r.right > vw + 1 || r.left < -1) out.push(`outside horizontally: ${el.tagName} ${el.className}`);
			else if (r.bottom > vh + 1 && !scrolls(el.parentElement)) out.push(`below the fold, unreachable: ${el.tagName}.${el.className}`);
		}
		return out;
	});
}

describe('the producer page from 1280×720 up', () => {
	for (const [viewport, locale] of [
		[{ width: 1280, height: 720 }, 'zh-CN'],
		[{ width: 1280, height: 720 }, 'en'],
		[{ width: 1440, height: 900 }, 'zh-CN'],
		[{ width: 1440, height: 900 }, 'en']
	] as const) {
		it(`at ${viewport.width}×${viewport.height} in ${locale} with many messages and alerts: nothing clipped, the lists scroll in their cards`, async () => {
			const { page, errors } = await open('producer', { context: { viewport }, locale });
			await openProducer(page, base, show.producerToken);
			await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
			// Alerts: every segment run into overtime (2 min left, 30 s, overtime, cues, behind schedule).
			const segments = app.deps.repos.shows.get(show.showId)!.segments;
			for (const segment of segments.slice(0, 6)) {
				clock.advance(segment.durationSec * 1000 + 5_000);
				await command(app, show.producerToken, 'next');
			}
			for (let i = 1; i <= 30; i++) await command(app, show.producerToken, 'message', { text: `第 ${i} 条消息：请注意节奏，准备下一个产品的讲解与上链接` });
			await expect.poll(() => page.getByTestId('message-log').locator(':scope > li').count()).toBeGreaterThanOrEqual(20);
			await expect.poll(() => page.getByTestId('alert-feed').locator(':scope > li').count()).toBeGreaterThanOrEqual(15);
			await page.evaluate(() => document.fonts.ready);
			await screenshot(page, `producer-many-${viewport.width}x${viewport.height}-${locale}`);

			expect(await overflowing(page, '[data-testid="producer-console"]')).toEqual([]);
			expect(await unreachable(page)).toEqual([]);
			// Every header and cell of the run-sheet whole: no column cut off at the card's edge, no
			// title one character a line (随/州/香/菇) beside the kind, the times and the over/under.
			expect(await squeezedCells(page, '[data-testid="live-runsheet"]')).toEqual([]);
			// The long lists scroll inside their own cards.
			for (const list of ['[data-testid="message-log"]', '[data-testid="alert-feed"]']) {
				const box = await page.evaluate((selector) => {
					const el = document.querySelector(selector)!;
					let e: Element | null = el;
					while (e && !['auto', 'scroll'].includes(getComputedStyle(e).overflowY)) e = e.parentElement;
					return e ? { scrolls: e.scrollHeight > e.clientHeight, inCard: !!e.closest('.card'), bottom: e.getBoundingClientRect().bottom } : null;
				}, list);
				expect(box, list).toMatchObject({ scrolls: true, inCard: true });
				// From 900 px of height both lists are in sight at once; below, the column scrolls to them (checked above).
				if (viewport.height >= 900) expect(box!.bottom, list).toBeLessThanOrEqual(viewport.height + 1);
			}
			// The same with the figures drawer open (D): it takes the run-sheet's place, nothing spills.
			await page.keyboard.press('d');
			await page.getByTestId('figures-drawer').waitFor();
			// Two entries in its table, one with every figure (the widest row).
			for (const [platform, line] of [
				['kuaishou', '3000 - 888'],
				['douyin', '在线 1.2万 累计 45678 成交 3456.5 订单 88 粉丝 120 赞 9999']
			] as const) {
				await page.getByTestId(`figures-line-${platform}`).fill(line);
				await page.getByTestId(`figures-line-${platform}`).press('Enter');
				await expect.poll(() => page.getByTestId(`figures-line-${platform}`).inputValue()).toBe('');
			}
			await expect.poll(() => page.getByTestId('figures-row').count()).toBe(2);
			await screenshot(page, `producer-many-${viewport.width}x${viewport.height}-${locale}-figures`);
			expect(await squeezedCells(page, '[data-testid="figures-drawer"]')).toEqual([]);
			expect(await overflowing(page, '[data-testid="producer-console"]')).toEqual([]);
			expect(await unreachable(page)).toEqual([]);
			expect(await outsideViewport(page, ['figures-drawer', 'countdown', 'ctl-pause', 'ctl-advance'])).toEqual([]);
			expect(errors).toEqual([]);
		});
	}
});

describe('the figures drawer (D) at 1280×720', () => {
	/** Of the given test ids, those covered (the element at their centre is not theirs) or outside the viewport. */
	function hidden(page: Page, testids: string[]): Promise<string[]> {
		return page.evaluate((ids) => {
			const out: string[] = [];
			for (const id of ids) {
				const el = document.querySelector(`[data-testid="${id}"]`);
				if (!el) {
					out.push(`${id}: missing`);
					continue;
				}
				const r = el.getBoundingClientRect();
				if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) out.push(`${id}: outside the viewport`);
				const top = document.elementFromPoint(r.left + r.width / 2, r.top + r.height / 2);
				if (!top || !el.contains(top)) out.push(`${id}: covered by ${top?.closest('[data-testid]')?.getAttribute('data-testid') ?? top?.tagName}`);
			}
			return out;
		}, testids);
	}

	for (const locale of ['zh-CN', 'en'] as const) {
		it(`in ${locale}: the drawer fits beside the countdown and the run controls, which stay in sight and work with the mouse while a figure is typed`, async () => {
			const { page, errors } = await open('producer', { context: { viewport: { width: 1280, height: 720 } }, locale });
			await openProducer(page, base, show.producerToken);
			await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
			await expect.poll(() => page.getByTestId('live-status').getAttribute('class')).toContain('red');
			await page.keyboard.press('d');
			const drawer = page.getByTestId('figures-drawer');
			await drawer.waitFor();
			const line = page.getByTestId('figures-line-douyin');
			await expect.poll(() => line.evaluate((el) => el === document.activeElement)).toBe(true);
			await page.evaluate(() => document.fonts.ready);
			await screenshot(page, `producer-figures-drawer-1280x720-${locale}`);

			expect(await overflowing(page, '[data-testid="figures-drawer"]')).toEqual([]);
			expect(await overflowing(page, '[data-testid="producer-console"]')).toEqual([]);
			expect(await unreachable(page)).toEqual([]);
			expect(await outsideViewport(page, ['figures-drawer'])).toEqual([]);
			const controls = ['countdown', 'onair-title', 'live-status', 'run-end', 'ctl-previous', 'ctl-pause', 'ctl-advance', 'ctl-minus-minute', 'ctl-plus-minute'];
			expect(await hidden(page, controls)).toEqual([]);

			// Half a figure typed, the producer moves the show on with the mouse: the drawer and the line stay.
			await line.pressSequentially('在线 1.2万');
			const before = app.deps.services.live.snapshot(show.showId)!.version;
			await page.getByTestId('ctl-advance').click();
			await expect.poll(() => app.deps.services.live.snapshot(show.showId)!.version).toBeGreaterThan(before);
			await page.getByTestId('ctl-plus-minute').click();
			await expect.poll(() => app.deps.services.live.snapshot(show.showId)!.adjustMs).toBe(60_000);
			expect(await drawer.isVisible()).toBe(true);
			expect(await line.inputValue()).toBe('在线 1.2万');
			await line.click();
			await line.pressSequentially(' 成交 88');
			await line.press('Enter');
			await expect.poll(() => app.deps.services.figures.list(show.showId).length).toBe(1);
			await expect.poll(() => line.inputValue()).toBe('');
			await expect.poll(() => page.getByTestId('figures-row').count()).toBe(1);
			await screenshot(page, `producer-figures-drawer-1280x720-${locale}-entered`);
			expect(await overflowing(page, '[data-testid="figures-drawer"]')).toEqual([]);
			expect(await squeezedCells(page, '[data-testid="figures-drawer"]')).toEqual([]);
			expect(await hidden(page, controls)).toEqual([]);
			// Esc on the emptied line closes the drawer; the run-sheet is back in its place.
			await page.keyboard.press('Escape');
			await expect.poll(() => drawer.count()).toBe(0);
			expect(await page.locator('.sheet').isVisible()).toBe(true);
			expect(errors).toEqual([]);
		});
	}
});

/** A producer page on a rehearsal just started, showing its first segment; the run-sheet's titles. */
async function rehearsingProducer() {
	const { page, errors } = await open('producer');
	await openProducer(page, base, show.producerToken);
	await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
	const titles = app.deps.repos.shows.get(show.showId)!.segments.map((s) => s.title);
	await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[0]);
	return { page, errors, titles };
}

describe('one key, one thing', () => {
	it('a button or cue clicked with the mouse gives the keys back: Space then moves the show on', async () => {
		const { page, errors, titles } = await rehearsingProducer();
		/** The console's last move is confirmed (a press while one is on its way is not sent twice). */
		const settled = () => expect.poll(() => page.getByTestId('ctl-pause').isEnabled()).toBe(true);
		await page.getByTestId('ctl-plus-30').click();
		await expect.poll(() => app.deps.repos.live.load(show.showId)?.state.adjustMs).toBe(30_000);
		await settled();
		await page.keyboard.press('Space');
		await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[1]);
		await settled();
		await page.keyboard.press('Space');
		await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[2]);
		await settled();
		// A producer cue ticked with the mouse.
		const cue = page.locator('[data-cue-id] input[type="checkbox"]:not(:disabled)').first();
		await cue.click();
		await expect.poll(() => cue.isChecked()).toBe(true);
		await page.keyboard.press('Space');
		await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[3]);
		expect(errors).toEqual([]);
	});
});

describe('an answer lost with the connection', () => {
	it('a move the server committed just before the connection dropped shows as done once back, not 未生效', async () => {
		const { page, errors, titles } = await rehearsingProducer();
		// The server commits the console's next command and, instead of answering, drops the
		// console's connection: a crash between the commit and the ack, as this screen meets it.
		const drop = dropNextAck(app);
		await page.keyboard.press('Space');
		await expect.poll(drop.dropped).toBe(true);
		await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[1]);
		// Settled (the controls take presses again) as done: no 未生效, and the show moves on from it.
		await expect.poll(() => page.getByTestId('ctl-pause').isEnabled()).toBe(true);
		expect(await page.getByText('未生效').count()).toBe(0);
		await page.keyboard.press('Space');
		await expect.poll(() => page.getByTestId('onair-title').textContent()).toBe(titles[2]);
		expect(app.deps.repos.live.load(show.showId)?.state.version).toBe(3);
		expect(errors).toEqual([]);
	});
});

describe('per device', () => {
	it('sound is on by default on the producer, starts at the first key, and a choice survives a reload', async () => {
		const { page, errors } = await open('producer');
		await openProducer(page, base, show.producerToken);
		const toggle = page.getByTestId('sound-toggle');
		expect(await toggle.getAttribute('data-wanted')).toBe('true');
		expect(await toggle.textContent()).toContain('按任意键开启');
		await page.keyboard.press('Shift');
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('true');
		await toggle.click();
		await expect.poll(() => toggle.getAttribute('aria-pressed')).toBe('false');
		await page.reload();
		await page.getByTestId('producer-console').waitFor();
		expect(await toggle.getAttribute('data-wanted')).toBe('false');
		await page.keyboard.press('Shift');
		expect(await toggle.getAttribute('aria-pressed')).toBe('false');
		expect(await toggle.textContent()).toContain('开启提示音');
		expect(errors).toEqual([]);
	});

	it('a new tablet is asked its name once; the producer sees it by that name', async () => {
		const { page, errors } = await open('host', { askName: true });
		await openHost(page, base, show.hostToken);
		const prompt = page.getByTestId('device-name-prompt');
		await prompt.waitFor();
		await screenshot(page, 'host-device-name-prompt-zh');
		await page.getByTestId('device-name-input').fill('主播平板 A');
		await page.getByTestId('device-name-input').press('Enter');
		await page.waitForURL(`${base}/host/${show.hostToken}`);
		await page.getByTestId('host-screen').waitFor();
		expect(await prompt.count()).toBe(0);

		const { page: producer } = await open('producer');
		await openProducer(producer, base, show.producerToken);
		await expect.poll(() => producer.getByTestId('screens').textContent()).toContain('主播平板 A');

		// Another tablet says 以后再说: never asked again.
		const other = await open('host', { askName: true });
		await openHost(other.page, base, show.hostToken);
		await other.page.getByTestId('device-name-later').click();
		expect(await other.page.getByTestId('device-name-prompt').count()).toBe(0);
		await other.page.reload();
		await other.page.getByTestId('host-screen').waitFor();
		expect(await other.page.getByTestId('device-name-prompt').count()).toBe(0);
		expect([...errors, ...other.errors]).toEqual([]);
	});
});
