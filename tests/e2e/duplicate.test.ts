/**
 * 复制直播 in Chromium: a coordinator opens the demo show, duplicates it from the header's actions
 * to a later date under a new title, and lands on the copy — a draft with the same run-sheet. A
 * start in the past is refused beside the field and saves nothing; the original stays as it was.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RULES } from '../../src/lib/core/checks';
import { parseShanghaiLocal, toShanghaiLocalInput } from '../../src/lib/core/format';
import { launchBrowser, newPage, screenshot, segmentTitles, signInAs, startApp, watchErrors } from './support';

const DAY = 24 * 3600_000;

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


describe('duplicating a show in Chromium', () => {
	it('copies the demo show to a later date from the header’s actions and opens the copy: a draft with the same run-sheet', async () => {
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		const demo = app.deps.repos.shows.list().find((s) => s.title.includes('荆楚好味道'))!;
		expect(demo.status).not.toBe('draft');
		const showsBefore = app.deps.repos.shows.list().length;

		await page.goto(`${base}/shows/${demo.id}`);
		await expect.poll(() => segmentTitles(page)).toEqual(demo.segments.map((s) => s.title));
		await page.getByTestId('show-actions').getByTestId('duplicate-show').click();

		// The dialog: the original's title with the copy suffix, a start weeks later with time to report.
		const dialog = page.getByTestId('duplicate-dialog');
		await dialog.getByRole('heading', { name: '复制直播' }).waitFor();
		expect(await dialog.getByTestId('duplicate-title').inputValue()).toBe(`${demo.title}（副本）`);
		const suggested = parseShanghaiLocal(await dialog.getByTestId('duplicate-start').inputValue());
		expect(suggested).not.toBeNull();
		expect(suggested!).toBeGreaterThan(Date.now() + RULES.leadMs);
		await screenshot(page, 'planning-duplicate-zh');

		// A start already past: refused beside the field, nothing saved.
		await dialog.getByTestId('duplicate-start').fill(toShanghaiLocalInput(Date.now() - DAY));
		await dialog.getByTestId('duplicate-confirm').click();
		await expect.poll(() => dialog.getByTestId('field-issue').allTextContents()).toContain('开播时间不能早于现在');
		await dialog.getByRole('alert').waitFor();
		expect(app.deps.repos.shows.list()).toHaveLength(showsBefore);

		// A later date and a title of its own.
		const startsAt = parseShanghaiLocal(toShanghaiLocalInput(demo.startsAt + 28 * DAY))!;
		await dialog.getByTestId('duplicate-start').fill(toShanghaiLocalInput(startsAt));
		await dialog.getByTestId('duplicate-title').fill('荆楚好味道·第二场');
		await dialog.getByTestId('duplicate-confirm').click();
		await page.waitForURL((url) => /\/shows\/\d+$/.test(url.pathname) && url.pathname !== `/shows/${demo.id}`);
		const copyId = Number(page.url().split('/').at(-1));

		// The copy's page: its title, draft status, and the same run-sheet.
		await expect.poll(() => page.getByTestId('show-title').textContent()).toBe('荆楚好味道·第二场');
		await expect.poll(() => page.getByTestId('show-status').textContent()).toBe('草稿');
		await expect.poll(() => segmentTitles(page)).toEqual(demo.segments.map((s) => s.title));
		expect(await page.getByTestId('duplicate-dialog').count()).toBe(0);

		const copy = app.deps.repos.shows.get(copyId)!;
		expect(copy).toMatchObject({ status: 'draft', startsAt, unitCode: demo.unitCode, hostIds: demo.hostIds, guestIds: demo.guestIds, productIds: demo.productIds });
		expect(copy.segments.map((s) => s.id).filter((id) => demo.segments.some((d) => d.id === id))).toEqual([]);
		expect(app.deps.repos.shows.list()).toHaveLength(showsBefore + 1);
		// The original is as it was.
		expect(app.deps.repos.shows.get(demo.id)).toEqual(demo);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('in English from a row of the shows list: Esc closes the dialog, the suggested start and title go through', async () => {
		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base);
		await page.getByTestId('lang-switch').click();
		const original = app.deps.repos.shows.list().find((s) => s.unitCode === 'wuhan')!;
		await page.goto(`${base}/shows`);
		const row = page.getByTestId('show-list').locator('tr', { hasText: original.title });
		const dialog = page.getByTestId('duplicate-dialog');

		await row.getByRole('button', { name: `Duplicate “${original.title}”` }).click();
		await dialog.getByRole('heading', { name: 'Duplicate show' }).waitFor();
		await page.keyboard.press('Escape');
		await dialog.waitFor({ state: 'detached' });

		await row.getByTestId('duplicate-row').click();
		expect(await dialog.getByTestId('duplicate-title').inputValue()).toBe(`${original.title} (copy)`);
		await screenshot(page, 'planning-duplicate-en');
		await dialog.getByRole('button', { name: 'Duplicate and open' }).click();
		await page.waitForURL((url) => /\/shows\/\d+$/.test(url.pathname));
		await expect.poll(() => page.getByTestId('show-title').textContent()).toBe(`${original.title} (copy)`);
		await expect.poll(() => page.getByTestId('show-status').textContent()).toBe('Draft');
		await expect.poll(() => segmentTitles(page)).toEqual(original.segments.map((s) => s.title));
		const copy = app.deps.repos.shows.get(Number(page.url().split('/').at(-1)))!;
		expect(copy).toMatchObject({ unitCode: 'wuhan', status: 'draft' });
		expect(copy.startsAt).toBeGreaterThan(Date.now() + RULES.leadMs);
		expect(errors).toEqual([]);
		await page.context().close();
	});
});
