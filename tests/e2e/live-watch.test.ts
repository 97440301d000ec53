/**
 * A coordinator watching a show live in Chromium: the page runs the client library (socket,
 * clock sync, LiveShowState, ClockDiagnostics) in a real browser, follows commands sent over the
 * HTTP control API, and shows the screens connected.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command as producerCommand } from '../server/live-support';
import { launchBrowser, newPage, screenshot, signInAs, startApp } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('watching a show live', () => {
	it('follows the show as the producer drives it, with the clock diagnostics and the screens online', async () => {
		const show = app.deps.repos.shows.list()[0];
		const { producerToken } = app.deps.repos.shows.tokensOf(show.id)!;
		const command = (name: string, body?: object) => producerCommand(app, producerToken, name, body);

		const page = await newPage(browser);
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
		await signInAs(page, base);
		await page.goto(`${base}/shows/${show.id}`);
		await page.getByTestId('watch-live').click();
		await page.waitForURL(new RegExp(`/shows/${show.id}/live$`));
		await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('未开播');
		await expect.poll(() => page.getByTestId('clock-offset').textContent()).toMatch(/^[+-]?\d+ ms$/);
		await expect.poll(() => page.getByTestId('screens').textContent()).toContain('统筹（只读）');

		await command('start', { mode: 'rehearsal' });
		await expect.poll(() => page.getByTestId('live-status').textContent()).toContain('直播中');
		await expect.poll(() => page.getByTestId('on-air').textContent()).toContain('活动预热');
		const first = await page.getByTestId('countdown-text').textContent();
		expect(first).toMatch(/^1[45]:\d\d$/);
		// The countdown runs in the browser without a message from the server.
		await expect.poll(() => page.getByTestId('countdown-text').textContent(), { timeout: 3_000 }).not.toBe(first);

		await command('next');
		await command('message', { text: '开场准时开始' });
		await expect.poll(() => page.getByTestId('on-air').textContent()).toContain('开场介绍');
		await expect.poll(() => page.getByTestId('alerts').textContent()).toContain('预热开始');
		await page.getByTestId('clock-diagnostics').locator('summary').click();
		await screenshot(page, 'live-watch-zh', { fullPage: true });
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
