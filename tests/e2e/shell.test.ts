import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { overflowing } from './screens-support';
import { ADMIN_PASSWORD, launchBrowser, newPage, screenshot, signInAs, startApp, watchErrors } from './support';

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
		// English labels end in ": ", not the full-width colon of Chinese (Host：).
		expect(await page.locator('main').innerText()).toContain('Host:');
		expect(await page.locator('main').innerText()).not.toMatch(/[A-Za-z]：/);

		await page.getByTestId('account-menu').click();
		await page.getByRole('button', { name: 'Sign out' }).click();
		await page.waitForURL(/\/login$/);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('the top bar fits at 1280 and 1440 px in Chinese and English: no scrolling, every link and the account menu in view', async () => {
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		await page.waitForURL(/\/shows$/);
		for (const locale of ['zh-CN', 'en'] as const) {
			if (locale === 'en') await page.getByTestId('lang-switch').click();
			await expect.poll(() => page.evaluate(() => document.documentElement.lang)).toBe(locale);
			for (const width of [1280, 1440]) {
				await page.setViewportSize({ width, height: width === 1280 ? 800 : 900 });
				const bar = await page.evaluate(() => {
					const bar = document.querySelector('header.bar')!;
					const nav = bar.querySelector('nav')!;
					const inView = (el: Element) => {
						const r = el.getBoundingClientRect();
						return r.width > 0 && r.left >= -0.5 && r.right <= innerWidth + 0.5 && r.top >= -0.5 && r.bottom <= bar.getBoundingClientRect().bottom + 0.5;
					};
					const navBox = nav.getBoundingClientRect();
					const inNav = (el: Element) => {
						const r = el.getBoundingClientRect();
						return r.left >= navBox.left - 0.5 && r.right <= navBox.right + 0.5;
					};
					const out = [...bar.querySelectorAll('nav a, .me > :not([popover])')].filter((el) => !inView(el) || (el.closest('nav') && !inNav(el))).map((el) => el.textContent!.trim());
					return { bar: [bar.scrollWidth, bar.clientWidth], nav: [nav.scrollWidth, nav.clientWidth], links: nav.querySelectorAll('a').length, out, page: document.documentElement.scrollWidth - innerWidth };
				});
				const label = `${locale} at ${width}px: ${JSON.stringify(bar)}`;
				expect(bar.bar[0], label).toBeLessThanOrEqual(bar.bar[1]);
				expect(bar.nav[0], label).toBeLessThanOrEqual(bar.nav[1]);
				expect(bar.links, label).toBe(8);
				expect(bar.out, label).toEqual([]);
				expect(bar.page, label).toBeLessThanOrEqual(0);
				expect(await overflowing(page, 'header.bar'), label).toEqual([]);
				await screenshot(page, `top-bar-${locale}-${width}`);
			}
		}
		// The account menu's actions are there when opened.
		await page.getByTestId('account-menu').click();
		await expect.poll(() => page.getByTestId('change-password').isVisible()).toBe(true);
		await screenshot(page, 'top-bar-en-1440-menu');
		await page.keyboard.press('Escape');
		await expect.poll(() => page.getByTestId('change-password').isVisible()).toBe(false);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('changes your own password: wrong and mismatched entries are told in place; the other sign-ins end, this one stays', async () => {
		const page = await newPage(browser);
		const other = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		await signInAs(other, base);
		await page.waitForURL(/\/shows$/);
		await other.waitForURL(/\/shows$/);

		await page.getByTestId('account-menu').click();
		await page.getByTestId('change-password').click();
		const dialog = page.getByTestId('password-dialog');
		await expect.poll(() => page.evaluate(() => document.activeElement?.id)).toBe('password-current');
		await page.getByLabel('当前密码').fill('not-the-password');
		await page.getByLabel('新密码', { exact: true }).fill('a-brand-new-pass');
		await page.getByLabel('再输入一次新密码').fill('a-different-pass');
		await page.getByTestId('password-confirm').click();
		await expect.poll(() => dialog.textContent()).toContain('两次输入的新密码不一致');
		await page.getByLabel('再输入一次新密码').fill('a-brand-new-pass');
		await page.getByTestId('password-confirm').click();
		await expect.poll(() => dialog.textContent()).toContain('当前密码不正确');
		await screenshot(page, 'password-dialog-zh');
		await page.getByLabel('当前密码').fill(ADMIN_PASSWORD);
		await page.getByTestId('password-confirm').click();
		await expect.poll(() => page.getByTestId('password-changed').textContent()).toContain('密码已修改');
		expect(await dialog.count()).toBe(0);

		// This sign-in stays; the other one is sent to sign in again.
		await page.reload();
		await expect.poll(() => page.getByTestId('signed-in-as').count()).toBe(1);
		await other.reload();
		await other.waitForURL(/\/login/);
		expect(errors).toEqual([]);
		await page.context().close();
		await other.context().close();
	});
});
