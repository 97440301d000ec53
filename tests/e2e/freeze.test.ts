/**
 * A frozen server as the producer, the host and a coordinator watching see it: the real server as its own process
 * (`npm start`'s), SIGSTOP for 10 s, then SIGCONT. Within 3 s the connection badges say
 * 服务器无响应 with the age of the last contact (`data-state="stalled"`); the producer's → pressed
 * meanwhile shows 未生效 after 3 s and the show does not move, not even when the server resumes;
 * within 1 s of the resume every badge is connected again.
 */
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveWireSnapshot } from '../../src/lib/contract/live';
import { freePort, ServerProcess, tempDir } from '../reliability/support/server-process';
import { launchBrowser, newPage, screenshot, signInAs } from './support';
import { hostTitle, openHost, openProducer, screenPage } from './screens-support';

const PASSWORD = 'freeze-e2e-password';

let browser: Browser;
const cleanup: (() => unknown)[] = [];
beforeAll(async () => {
	browser = await launchBrowser();
});
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
	await browser?.close();
});

const badge = (page: Page) => page.getByTestId('connection-badge').first();
const badgeState = (page: Page) => badge(page).getAttribute('data-state');

describe('a frozen server (SIGSTOP 10 s)', () => {
	it('is shown on the host, producer and watch pages within 3 s, a → pressed meanwhile is 未生效 and never runs, and all are back within 1 s', async () => {
		const dir = tempDir('showcall-freeze-e2e-');
		cleanup.push(() => dir.remove());
		const server = new ServerProcess({ port: await freePort(), databasePath: `${dir.path}/showcall.db`, adminPassword: PASSWORD });
		cleanup.push(async () => {
			if (server.pid) process.kill(server.pid, 'SIGCONT');
			await server.kill9();
		});
		await server.start();
		const show = await server.demoShow(await server.signIn());
		const watcher = await newPage(browser);
		cleanup.push(() => watcher.context().close());
		await signInAs(watcher, server.base, 'admin', PASSWORD);
		await watcher.goto(`${server.base}/shows/${show.showId}/live`);
		const bearer = { authorization: `Bearer ${show.producerToken}` };
		await server.json('/api/live/start', { method: 'POST', headers: bearer });

		const p = await screenPage(browser, 'producer');
		const h = await screenPage(browser, 'host');
		const producer = p.page;
		const host = h.page;
		cleanup.push(() => producer.context().close(), () => host.context().close());
		// Uncaught errors only: the browser logs the websocket's failures while the server is away.
		const pageErrors: string[] = [];
		for (const page of [producer, host, watcher]) page.on('pageerror', (err) => pageErrors.push(err.message));
		await openProducer(producer, server.base, show.producerToken);
		await openHost(host, server.base, show.hostToken);
		const states = () => Promise.all([badgeState(producer), badgeState(host), badgeState(watcher)]);
		await expect.poll(states).toEqual(['online', 'online', 'online']);
		const titleBefore = await hostTitle(host);
		const before = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });

		process.kill(server.pid!, 'SIGSTOP');
		const stoppedAt = Date.now();
		// Every screen says so within 3 s, with the age of the last contact.
		await expect.poll(states, { timeout: 3_000, interval: 50 }).toEqual(['stalled', 'stalled', 'stalled']);
		for (const page of [producer, host, watcher]) await expect.poll(() => badge(page).textContent()).toMatch(/服务器无响应\s*上次联系 \d+ 秒前/);
		// The host's full-width banner too, and the countdown keeps going.
		await expect.poll(() => host.getByTestId('host-strip').getByTestId('connection-badge').getAttribute('data-state')).toBe('stalled');

		// The producer presses → meanwhile: after 3 s without an answer, 未生效.
		await producer.locator('body').click({ position: { x: 5, y: 5 } });
		await producer.keyboard.press('ArrowRight');
		await producer.getByTestId('toast').filter({ hasText: '未生效' }).waitFor({ timeout: 6_000 });
		await screenshot(producer, 'freeze-producer-stalled');
		await screenshot(host, 'freeze-host-stalled');

		await new Promise((resolve) => setTimeout(resolve, Math.max(0, stoppedAt + 10_000 - Date.now())));
		process.kill(server.pid!, 'SIGCONT');
		// Back within 1 s ('restored' is the host's "back online" for a few seconds).
		await expect
			.poll(async () => (await states()).map((s) => (s === 'restored' ? 'online' : s)), { timeout: 1_000, interval: 50 })
			.toEqual(['online', 'online', 'online']);

		// The → never ran: the show did not move, on the server or the screens.
		const after = await server.json<LiveWireSnapshot>('/api/live', { headers: bearer });
		expect({ version: after.version, segmentId: after.segmentId }).toEqual({ version: before.version, segmentId: before.segmentId });
		expect(await hostTitle(host)).toBe(titleBefore);
		expect(pageErrors).toEqual([]);
	});
});
