/**
 * The figures on air as people meet them: a 场记 types lines on a recorder tablet (1280×800) and
 * a producer in the console's D drawer (1280×720); each entry appears on the other panel, a bad
 * line is marked before it is sent, a correction and a deletion reach both, and the host sees
 * only the figure the producer chose. Screenshots of the recorder panel in test-results/screenshots/.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeClock, type TestClock } from '../server/support';
import { launchBrowser, screenshot, startApp } from './support';
import { command, demoTokens, openHost, openProducer, overflowing, screenPage, squeezedCells, type ShowTokens } from './screens-support';

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
	for (const page of pages.splice(0)) await page.context().close();
	await app?.close();
});

async function open(kind: 'producer' | 'host', viewport?: { width: number; height: number }) {
	const { page, errors } = await screenPage(browser, kind, viewport ? { context: { viewport } } : {});
	pages.push(page);
	return { page, errors };
}

const rows = (page: Page) => page.getByTestId('figures-row');

describe('figures on air', () => {
	it('typed on a recorder tablet and on the producer console, each appears on the other panel; corrections and deletions too', async () => {
		await command(app, show.producerToken, 'start');
		const { page: recorder, errors: recorderErrors } = await open('producer', { width: 1280, height: 800 });
		await recorder.goto(`${base}/recorder/${show.recorderToken}`);
		await recorder.getByTestId('recorder-page').waitFor();
		const { page: producer, errors: producerErrors } = await open('producer', { width: 1280, height: 720 });
		await openProducer(producer, base, show.producerToken);

		// The recorder types a line: previewed as typed, saved with Enter.
		const douyin = recorder.getByTestId('figures-line-douyin');
		await douyin.click();
		await douyin.pressSequentially('在线 1.2万 成交 3456.5 订单 88');
		await expect.poll(() => recorder.getByTestId('figures-preview-douyin').textContent()).toContain('¥3,456.50');
		await douyin.press('Enter');
		await expect.poll(() => rows(recorder).count()).toBe(1);
		await expect.poll(() => douyin.inputValue()).toBe('');

		// The producer opens the drawer with D: the recorder's entry is there.
		await producer.keyboard.press('d');
		await producer.getByTestId('figures-drawer').waitFor();
		await expect.poll(() => rows(producer).count()).toBe(1);
		expect(await rows(producer).first().textContent()).toContain('1.2万');
		// The keyboard is in the first line: the producer types one for 快手.
		const kuaishou = producer.getByTestId('figures-line-kuaishou');
		await kuaishou.click();
		await kuaishou.pressSequentially('3000 - 888');
		await kuaishou.press('Enter');
		await expect.poll(() => rows(recorder).count()).toBe(2);
		expect(await rows(recorder).first().getAttribute('data-platform')).toBe('kuaishou');

		// A bad line is marked and not sent; Esc clears it.
		await douyin.click();
		await douyin.pressSequentially('在线 12 温度 30');
		await expect.poll(() => recorder.locator('[data-testid="figures-preview-douyin"] mark').textContent()).toBe('温度');
		expect(await douyin.getAttribute('aria-invalid')).toBe('true');
		await screenshot(recorder, 'figures-recorder-error');
		await douyin.press('Enter');
		expect(await rows(recorder).count()).toBe(2);
		await douyin.press('Escape');
		expect(await douyin.inputValue()).toBe('');

		// The producer corrects the 抖音 entry; the recorder's list follows.
		await rows(producer).nth(1).getByTestId('figures-correct').click();
		const edit = producer.getByTestId('figures-edit-line');
		await edit.fill('在线 13000 成交 3456.5 订单 88');
		await edit.press('Enter');
		await expect.poll(() => rows(recorder).nth(1).textContent()).toContain('1.3万');
		// The recorder deletes the 快手 entry after confirming.
		recorder.once('dialog', (d) => void d.accept());
		await rows(recorder).first().getByTestId('figures-delete').click();
		await expect.poll(() => rows(producer).first().getAttribute('class')).toContain('deleted');

		await screenshot(recorder, 'figures-recorder');
		await screenshot(producer, 'figures-producer-drawer');
		// The drawer's table whole in a 1280×720 console: 平台, 抖音, 手动 on one line, nothing cut off.
		for (const [page, root] of [[producer, '[data-testid="figures-drawer"]'], [recorder, '[data-testid="figures-list"]']] as const) {
			expect(await overflowing(page, root), root).toEqual([]);
			expect(await squeezedCells(page, root), root).toEqual([]);
		}
		expect(recorderErrors).toEqual([]);
		expect(producerErrors).toEqual([]);
		const stored = app.deps.services.figures.list(show.showId);
		expect(stored.map((c) => [c.platform, c.version, c.deleted])).toEqual([
			['kuaishou', 2, true],
			['douyin', 2, false]
		]);
	});

	it('the host sees only the figure the producer chose; the reminder shows on both panels', async () => {
		await command(app, show.producerToken, 'start');
		const { page: host } = await open('host');
		await openHost(host, base, show.hostToken);
		const { page: producer } = await open('producer', { width: 1280, height: 720 });
		await openProducer(producer, base, show.producerToken);
		await producer.keyboard.press('d');
		await producer.getByTestId('figures-drawer').waitFor();
		await producer.getByTestId('figures-settings').locator('summary').click();
		await producer.getByTestId('figures-host-choice').selectOption('douyin:viewers');
		await producer.getByTestId('figures-settings-save').click();
		await host.getByTestId('host-figure').waitFor();
		const line = producer.getByTestId('figures-line-douyin');
		await line.click();
		await line.pressSequentially('在线 23456 成交 100');
		await line.press('Enter');
		await expect.poll(() => host.getByTestId('host-figure').textContent()).toContain('2.3万');
		expect(await host.getByTestId('host-figure').textContent()).not.toContain('¥');

		// Five quiet minutes (the default interval) on the server's clock, which screens opened now
		// read: both panels remind (the console without its drawer open, too).
		clock.advance(5 * 60_000 + 1_000);
		const { page: recorder } = await open('producer', { width: 1280, height: 800 });
		await recorder.goto(`${base}/recorder/${show.recorderToken}`);
		await recorder.getByTestId('figures-reminder').waitFor();
		await expect.poll(() => recorder.getByTestId('figures-reminder').textContent()).toContain('已经 5 分钟');
		await openProducer(producer, base, show.producerToken);
		await producer.getByTestId('figures-reminder-console').waitFor();
		await screenshot(recorder, 'figures-recorder-reminder');
		// A new figure ends it.
		const next = recorder.getByTestId('figures-line-kuaishou');
		await next.click();
		await next.pressSequentially('在线 500');
		await next.press('Enter');
		await expect.poll(() => recorder.getByTestId('figures-reminder').count()).toBe(0);
	});
});
