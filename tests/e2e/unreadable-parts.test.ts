/**
 * A screen given something it cannot render shows the rest and says what is missing: a welcome
 * whose recent alerts include one without a kind (what a restart used to send) still opens the
 * producer console, the host screen and the coordinator's watch page, each with a notice naming
 * the missing alerts, the badge on 已连接, and no page error.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LiveWelcome } from '../../src/lib/contract/live';
import { screenPage } from './screens-support';
import { launchBrowser, signInAs, startApp } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
	({ app, base } = await startApp());
	// Every welcome carries one alert that cannot be read (no kind) besides a good one.
	const live = app.deps.services.live;
	const join = live.join.bind(live);
	live.join = (showId, screen) => {
		const welcome = join(showId, screen);
		if (!welcome) return welcome;
		const at = welcome.snapshot.serverNow;
		const broken = { key: 'broken', at, firedAt: at } as unknown as LiveWelcome['recentAlerts'][number];
		return { ...welcome, recentAlerts: [broken, { key: 'good', kind: 'warmup_opened', at, firedAt: at }] };
	};
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('a welcome with an alert the screen cannot read', () => {
	it('opens every screen with the rest, a notice of what is missing, and the badge on 已连接', async () => {
		const show = app.deps.repos.shows.list()[0];
		const tokens = app.deps.repos.shows.tokensOf(show.id)!;
		const screens = [
			{ kind: 'producer', path: `/producer/${tokens.producerToken}`, root: 'producer-console' },
			{ kind: 'host', path: `/host/${tokens.hostToken}`, root: 'host-screen' },
			{ kind: 'watch', path: `/shows/${show.id}/live`, root: 'on-air' }
		] as const;
		for (const screen of screens) {
			const { page, errors } = await screenPage(browser, screen.kind === 'host' ? 'host' : 'producer');
			if (screen.kind === 'watch') await signInAs(page, base);
			await page.goto(`${base}${screen.path}`);
			await page.getByTestId(screen.root).waitFor();
			await expect.poll(() => page.getByTestId('live-missing').getAttribute('data-parts')).toBe('alerts');
			expect(await page.getByTestId('live-missing').textContent()).toContain('部分提醒');
			expect(await page.getByTestId('connection-badge').first().getAttribute('data-state'), screen.kind).toBe('online');
			// The readable alert is shown where the screen lists alerts.
			if (screen.kind !== 'host') await expect.poll(() => page.getByTestId(screen.kind === 'producer' ? 'alert-feed' : 'alerts').textContent()).toContain('预热开始');
			expect(errors, screen.kind).toEqual([]);
			await page.context().close();
		}
	});
});
