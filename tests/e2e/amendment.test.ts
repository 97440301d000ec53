/**
 * Changing an approved show in Chromium: the Enshi coordinator edits the title of their approved
 * show; the editor warns that the change needs approving again, and asks before saving (cancelling
 * saves nothing). Saved, the show is 已报备 with 「已修改，待重新审核」 and the change in its trail;
 * the province sees the marker in the shows list and approves it again, which clears it.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Dialog } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { hashPassword } from '../../server/accounts/password';
import { launchBrowser, newPage, screenshot, signInAs, startApp, watchErrors } from './support';

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

describe('changing an approved show in Chromium', () => {
	it('warns the city before saving, marks the show for the province, and approving again clears the mark', async () => {
		const now = app.deps.clock();
		app.deps.repos.accounts.create({ username: 'enshi', passwordHash: await hashPassword('enshi-password'), unitCode: 'enshi', role: 'coordinator', displayName: '恩施州团委', createdAt: now });
		const seeded = app.deps.repos.shows.list({ unitCode: 'enshi' })[0];
		expect(seeded.status).toBe('reported');
		app.deps.repos.shows.update(seeded.id, null, { status: 'approved', approvedAt: now, approvedBy: '团省委宣传部' }, undefined, now);

		const page = await newPage(browser);
		const errors = watchErrors(page);
		await signInAs(page, base, 'enshi', 'enshi-password');
		await page.goto(`${base}/shows/${seeded.id}`);
		await expect.poll(() => page.getByTestId('show-status').textContent()).toBe('已审核');
		await page.getByTestId('tab-details').click();

		// The title is content: the editor warns, naming it.
		const title = page.locator('#show-title');
		await title.fill(`${seeded.title}（改期版）`);
		const warning = page.getByTestId('reapproval-warning');
		await warning.waitFor();
		expect(await warning.textContent()).toContain('需省级重新审核');
		expect(await warning.textContent()).toContain('「标题」');

		// Cancelling the confirmation saves nothing.
		const dialogs: string[] = [];
		const answer = (accept: boolean) => (dialog: Dialog) => {
			dialogs.push(dialog.message());
			void (accept ? dialog.accept() : dialog.dismiss());
		};
		page.once('dialog', answer(false));
		await page.getByTestId('save').click();
		await expect.poll(() => dialogs.length).toBe(1);
		expect(dialogs[0]).toContain('需省级重新审核');
		expect(app.deps.repos.shows.get(seeded.id)).toMatchObject({ status: 'approved', title: seeded.title });

		page.once('dialog', answer(true));
		await page.getByTestId('save').click();
		await expect.poll(() => page.getByTestId('save-state').textContent()).toContain('已全部保存');
		expect(await page.getByTestId('show-status').textContent()).toBe('已报备');
		expect(await page.getByTestId('amended-marker').textContent()).toBe('已修改，待重新审核');
		const trail = await page.getByTestId('amendment-trail').textContent();
		expect(trail).toContain('修改：恩施州团委');
		expect(trail).toContain('标题');
		expect(trail).toContain('原已审核通过');
		expect(await page.getByTestId('reapproval-warning').count()).toBe(0);
		expect(app.deps.repos.shows.get(seeded.id)).toMatchObject({ status: 'reported', approvedAt: null, amendment: { by: '恩施州团委', parts: ['title'], from: 'approved' } });
		await screenshot(page, 'amendment-city-saved');

		// The province: the marker in the shows list, then approved again from the show page.
		const province = await newPage(browser);
		const provinceErrors = watchErrors(province);
		await signInAs(province, base);
		await province.goto(`${base}/shows?unit=enshi`);
		const row = province.getByTestId('show-list').locator('tr', { hasText: '（改期版）' });
		await row.getByTestId('amended-marker').waitFor();
		expect(await row.getByTestId('amended-marker').textContent()).toContain('已修改，待重新审核');
		await screenshot(province, 'amendment-province-list');
		await row.getByRole('link').first().click();
		await province.getByTestId('approve').click();
		await expect.poll(() => province.getByTestId('show-status').textContent()).toBe('已审核');
		expect(await province.getByTestId('amended-marker').count()).toBe(0);
		expect(app.deps.repos.shows.get(seeded.id)).toMatchObject({ status: 'approved', amendment: null });

		expect(errors).toEqual([]);
		expect(provinceErrors).toEqual([]);
	});
});
