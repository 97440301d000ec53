import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppInstance } from '../../server/app';
import { launchBrowser, newPage, screenshot, signInAs, startApp } from './support';

let browser: Browser;
let app: AppInstance;
let base: string;

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('the shell in Chromium', () => {
	it('renders the sign-in page and refuses a wrong password with a message', async () => {
		const page = await newPage(browser);
		await page.goto(`${base}/shows`);
		await page.waitForURL(/\/login\?next=%2Fshows/);
		await expect.poll(() => page.locator('h1').textContent()).toContain('场控台');
		await screenshot(page, 'login-zh');
		await page.getByLabel('用户名').fill('admin');
		await page.getByLabel('密码').fill('wrong-password');
		await page.getByRole('button', { name: '登录' }).click();
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('用户名或密码错误');
		await page.context().close();
	});

	it('signs in, lists the demo show, opens it, switches language and signs out', async () => {
		const page = await newPage(browser);
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
		await signInAs(page, base);
		await page.waitForURL(/\/shows$/);
		const list = page.getByTestId('show-list');
		await expect.poll(() => list.textContent()).toContain('荆楚好味道');
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('直播场次');
		await screenshot(page, 'shows-zh');

		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Shows');
		expect(await page.evaluate(() => document.documentElement.lang)).toBe('en');
		await screenshot(page, 'shows-en');
		// The choice is remembered.
		await page.reload();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Shows');

		await page.getByRole('link', { name: /荆楚好味道/ }).click();
		await expect.poll(() => page.getByTestId('runsheet').textContent()).toContain('Warm-up');
		await screenshot(page, 'show-en', { fullPage: true });

		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
