/**
 * The host's countdown against time itself, without waiting: the colour phases at 2 min and 30 s
 * and overtime as +mm:ss, driven with the browser's controllable clock (and the server's test
 * clock kept in step, so its alerts come at the same instants); and the link dropping — the server
 * stopped, the countdown going on, the offline badge saying how long ago the server was heard —
 * and coming back on the same port and database file without a reload.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, makeClock } from '../server/support';
import { launchBrowser, screenshot, startApp } from './support';
import { command, countdown, countdownContrast, demoTokens, digitAnimations, hostTitle, openHost, overflowing, screenPage } from './screens-support';

let browser: Browser;

beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
});

describe('colour phases on the browser clock', () => {
	it('turns warning at 2:00, danger at 0:30 and +mm:ss on a red field in overtime, with the alerts', async () => {
		const clock = makeClock();
		const { app, base } = await startApp({ clock });
		const show = demoTokens(app);
		const { page: host, errors } = await screenPage(browser, 'host');
		try {
			// The tablet's clock stands still unless the test moves it: nothing happens by waiting.
			const t0 = Date.now();
			await host.clock.install({ time: t0 });
			await host.clock.pauseAt(t0 + 1_000);
			await openHost(host, base, show.hostToken);
			// Sound on with one tap, so the alerts below chime.
			await host.getByTestId('sound-toggle').tap();
			await expect.poll(() => host.getByTestId('sound-toggle').getAttribute('aria-pressed')).toBe('true');

			await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
			await expect.poll(() => hostTitle(host)).toBe('活动预热');
			expect(await countdown(host)).toMatchObject({ text: '15:00', phase: 'normal' });

			// Screens re-render just after each whole second of the server's clock: each step below
			// moves both clocks by 1.5 s, over one such second.
			// Take time so 2:01 is left; a second later the warning colour.
			await command(app, show.producerToken, 'add-time', { deltaMs: -(15 * 60 - 121) * 1000 });
			await expect.poll(async () => (await countdown(host)).text).toBe('02:01');
			expect((await countdown(host)).phase).toBe('normal');
			await host.clock.runFor(1_500);
			clock.advance(1_500);
			await expect.poll(() => countdown(host)).toMatchObject({ text: '02:00', phase: 'warning' });
			await expect.poll(() => host.getByTestId('host-alert').getAttribute('data-kind')).toBe('segment_ending_2m');
			expect(await host.getByTestId('host-screen').getAttribute('data-phase')).toBe('warning');
			await screenshot(host, 'host-phase-warning-zh');

			// 0:30.5 left: still warning; past 0:30 danger.
			await command(app, show.producerToken, 'add-time', { deltaMs: -89_000 });
			await expect.poll(() => countdown(host)).toMatchObject({ text: '00:31', phase: 'warning' });
			await host.clock.runFor(1_500);
			clock.advance(1_500);
			await expect.poll(() => countdown(host)).toMatchObject({ text: '00:30', phase: 'danger' });
			await expect.poll(() => host.getByTestId('host-alert').getAttribute('data-kind')).toBe('segment_ending_30s');
			await screenshot(host, 'host-phase-danger-zh');

			// 0:01 left; a second over: +00:01, white on red.
			await command(app, show.producerToken, 'add-time', { deltaMs: -28_000 });
			await expect.poll(() => countdown(host)).toMatchObject({ text: '00:01', phase: 'danger' });
			await host.clock.runFor(2_500);
			clock.advance(2_500);
			await expect.poll(() => countdown(host)).toMatchObject({ text: '+00:01', phase: 'overtime' });
			await expect.poll(() => host.getByTestId('host-alert').getAttribute('data-kind')).toBe('segment_overtime');
			// Over time is signalled by the ring pulsing round the clock's red field, never by the digits.
			expect(await host.getByTestId('host-clock').evaluate((el) => getComputedStyle(el).animationName)).toMatch(/ring$/);
			expect(await digitAnimations(host)).toEqual([]);
			expect(await countdownContrast(host)).toBeGreaterThanOrEqual(4.5);
			// +mm:ss still fills the clock's box and no more; the state is said beneath it.
			expect(await overflowing(host, '[data-testid="host-screen"]')).toEqual([]);
			expect(await host.getByTestId('clock-state').textContent()).toBe('超时');
			await screenshot(host, 'host-phase-overtime-zh');
			// Each alert chimed (the tap's own confirmation chime first).
			expect(Number(await host.getByTestId('sound-toggle').getAttribute('data-played'))).toBeGreaterThanOrEqual(4);
			expect(errors).toEqual([]);
		} finally {
			await host.context().close();
			await app.close();
		}
	});
});

describe('the link drops and comes back', () => {
	it('keeps counting offline, says when the server was last heard, and resyncs by itself when the server is back', async () => {
		const dir = mkdtempSync(join(tmpdir(), 'showcall-screens-'));
		const file = join(dir, 'showcall.db');
		const uiDir = new URL('../../build', import.meta.url).pathname;
		const boot = async (port: number) => {
			const app = await makeApp({ databasePath: file, uiDir });
			await app.listen({ port, host: '127.0.0.1' });
			return app;
		};
		let app: FastifyInstance | null = await boot(0);
		const port = (app.server.address() as AddressInfo).port;
		const base = `http://127.0.0.1:${port}`;
		const show = demoTokens(app);
		const { page: host, errors } = await screenPage(browser, 'host');
		try {
			await openHost(host, base, show.hostToken);
			await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
			await command(app, show.producerToken, 'next');
			await expect.poll(() => hostTitle(host)).toBe('开场介绍');
			await expect.poll(() => host.getByTestId('connection-badge').getAttribute('data-state')).toBe('online');
			await host.evaluate(() => ((window as unknown as { sameDocument: boolean }).sameDocument = true));

			// The server stops.
			await app.close();
			app = null;
			await expect.poll(() => host.getByTestId('connection-badge').first().getAttribute('data-state')).toBe('offline');
			const offline = host.getByTestId('offline-detail').last();
			await expect.poll(() => offline.textContent()).toMatch(/\d+ 秒前最后收到服务器消息/);
			const before = (await countdown(host)).text;
			// The countdown keeps going without the server.
			await expect.poll(async () => (await countdown(host)).text, { timeout: 4_000 }).not.toBe(before);
			await expect.poll(async () => Number(/(\d+) 秒前/.exec((await offline.textContent()) ?? '')?.[1] ?? 0), { timeout: 5_000 }).toBeGreaterThanOrEqual(2);
			expect(await hostTitle(host)).toBe('开场介绍');
			await screenshot(host, 'host-offline-zh');

			// Back on the same port with the same database file: the host comes back by itself.
			app = await boot(port);
			await expect.poll(() => host.getByTestId('connection-badge').first().getAttribute('data-state'), { timeout: 15_000 }).toMatch(/^(restored|online)$/);
			expect(await host.getByTestId('offline-detail').count()).toBe(0);
			// The state it resynced is the server's: a command after the restart reaches it.
			await command(app, show.producerToken, 'next');
			await expect.poll(() => hostTitle(host)).toBe('恩施玉露');
			expect(await host.evaluate(() => (window as unknown as { sameDocument?: boolean }).sameDocument)).toBe(true);
			expect(errors.filter((e) => !/WebSocket|ERR_CONNECTION_REFUSED|Failed to load resource/.test(e))).toEqual([]);
		} finally {
			await host.context().close();
			await app?.close();
			rmSync(dir, { recursive: true, force: true });
		}
	});
});
