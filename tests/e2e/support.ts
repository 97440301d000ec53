/**
 * Browser-test support: the real app on a free loopback port (fresh in-memory database, demo
 * seeded, built UI) and Debian's Chromium driven by Playwright — never a downloaded browser.
 */
import type { FastifyInstance } from 'fastify';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type BrowserContextOptions, type Page } from 'playwright-core';
import { ADMIN_PASSWORD, listen, makeApp } from '../server/support';

export { ADMIN_PASSWORD };

export const ARTIFACTS = new URL('../../test-results/screenshots/', import.meta.url).pathname;

export const VIEWPORTS = {
	hostTablet: { width: 1280, height: 800 },
	producerLaptop: { width: 1440, height: 900 },
	coordinatorLaptop: { width: 1440, height: 900 }
} as const;

export async function startApp(options: { clock?: () => number; campaign?: boolean } = {}): Promise<{ app: FastifyInstance; base: string }> {
	const app = await makeApp({ clock: options.clock, campaign: options.campaign, uiDir: new URL('../../build', import.meta.url).pathname });
	return { app, base: await listen(app) };
}

/** `extra`: more Chromium flags, and an environment (HOME for an NSS database of trusted CAs). */
export async function launchBrowser(extra: { args?: string[]; env?: Record<string, string> } = {}): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		...(extra.env ? { env: { ...process.env, ...extra.env } } : {}),
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-quic',
			'--no-first-run',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--disable-dev-shm-usage',
			...(extra.args ?? [])
		]
	});
}

/** A new page in its own context (its own cookies and storage). */
export async function newPage(browser: Browser, options: BrowserContextOptions = {}): Promise<Page> {
	const context = await browser.newContext({ viewport: VIEWPORTS.coordinatorLaptop, locale: 'zh-CN', timezoneId: 'Asia/Shanghai', ...options });
	return context.newPage();
}

export async function signInAs(page: Page, base: string, username = 'admin', password = ADMIN_PASSWORD) {
	await page.goto(`${base}/login`);
	await page.getByLabel(/用户名|Username/).fill(username);
	await page.getByLabel(/密码|Password/).fill(password);
	await page.getByRole('button', { name: /^(登录|Sign in)$/ }).click();
	await page.getByTestId('signed-in-as').waitFor();
}

export async function screenshot(page: Page, name: string, options: { fullPage?: boolean } = {}) {
	mkdirSync(ARTIFACTS, { recursive: true });
	// Settled: an entrance (a banner's 0.25 s pop) at its end, a pulse at its start — not caught mid-fade.
	await page.screenshot({ path: join(ARTIFACTS, `${name}.png`), animations: 'disabled', ...options });
}

/** Page errors and console errors (but not the browser's own line for a 4xx answer) as they happen. */
export function watchErrors(page: Page): string[] {
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('console', (msg) => msg.type() === 'error' && !msg.text().includes('status of 4') && errors.push(msg.text()));
	return errors;
}

/** The run-sheet editor's segment titles, top to bottom. */
export const segmentTitles = (page: Page) => page.getByTestId('segment-title').evaluateAll((inputs) => inputs.map((i) => (i as HTMLInputElement).value));
