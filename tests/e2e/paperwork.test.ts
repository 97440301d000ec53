import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeLayoutFile, problemsFile } from '../fixtures/nominations';
import { declaredSizeBomb, deepNesting } from '../fixtures/zip-bombs';
import { readXlsx, rowTexts } from '../server/paperwork-support';
import { launchBrowser, newPage, screenshot, signInAs, startApp } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let page: Page;
const errors: string[] = [];

beforeAll(async () => {
	({ app, base } = await startApp({ campaign: true }));
	browser = await launchBrowser();
	page = await newPage(browser);
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	await signInAs(page, base);
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('paperwork in Chromium', () => {
	it('shows the campaign\'s progress against its targets, with the late shows and the calendar', async () => {
		await page.goto(`${base}/progress`);
		const kpis = page.getByTestId('progress-kpis');
		await expect.poll(() => kpis.textContent()).toContain('示范直播');
		const held = app.deps.repos.shows.list().filter((s) => s.kind === 'demo' && s.status === 'ended').length;
		expect(await kpis.textContent()).toContain(`${held}/15`);
		await expect.poll(() => page.getByTestId('progress-attention').textContent()).toContain('未报备');
		expect(await page.getByTestId('progress-units').locator('tbody tr').count()).toBe(18);
		expect(await page.getByTestId('calendar').locator('a.show').count()).toBeGreaterThan(0);
		await screenshot(page, 'progress-zh', { fullPage: true });

		// A training session added from the page counts at once.
		await page.getByTestId('training-add').click();
		const editor = page.getByTestId('training');
		await editor.getByLabel('单位').selectOption('ezhou');
		await editor.getByLabel('日期时间').fill('2026-01-10T09:00');
		await editor.getByLabel('地点').fill('鄂州市青年之家');
		await editor.getByLabel('培训方 / 讲师').fill('快手湖北');
		await editor.getByLabel('参训人数').fill('32');
		await editor.getByRole('button', { name: '保存' }).click();
		await expect.poll(() => editor.textContent()).toContain('鄂州市青年之家');
		await expect.poll(() => page.locator('tr[data-unit="ezhou"]').textContent()).toMatch(/1/);

		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.getByRole('heading', { level: 1 }).textContent()).toBe('Campaign progress');
		await screenshot(page, 'progress-en');
		await page.getByTestId('lang-switch').click();
	});

	it('downloads the forms in the notice\'s layout', async () => {
		await page.goto(`${base}/forms`);
		await expect.poll(() => page.getByTestId('form-products').textContent()).toMatch(/\d+ 件产品/);
		await page.getByTestId('unit-select').selectOption('yichang');
		await expect.poll(() => page.getByTestId('download-products').getAttribute('href')).toContain('unit=yichang');
		await screenshot(page, 'forms-zh');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-products').click()]);
		expect(download.suggestedFilename()).toBe('附件3-小青优品推荐产品申报表-宜昌市.xlsx');
		const path = await download.path();
		const { readFileSync } = await import('node:fs');
		const workbook = await readXlsx(readFileSync(path!));
		expect(rowTexts(workbook.worksheets[0], 3).slice(0, 3)).toEqual(['在线店铺名', '平台', '产品名称']);
	});

	it('uploads a 附件3, shows every problem by row and column, and imports what is confirmed', async () => {
		await page.goto(`${base}/imports`);
		await page.getByTestId('unit-select').selectOption('yichang');
		await page.getByTestId('import-file').setInputFiles({ name: '宜昌市-附件3.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await problemsFile() });
		await page.getByTestId('import-upload').click();
		const rows = page.getByTestId('import-rows');
		await expect.poll(() => rows.textContent()).toContain('稻花香白酒');
		await expect.poll(() => page.getByTestId('import-preview').textContent()).toContain('缺少「历史最低价」列');
		const row = (n: number) => rows.locator(`tr[data-row="${n}"]`);
		expect(await row(3).textContent()).toMatch(/F3.*日常零售价.*价格不能为负数/);
		expect(await row(4).textContent()).toMatch(/N4.*联系电话.*不是有效的电话号码/);
		expect(await row(5).textContent()).toMatch(/C5.*产品名称.*杜绝烟、酒/);
		await screenshot(page, 'import-problems', { fullPage: true });
		await page.getByRole('button', { name: '放弃本次导入' }).click();
		await page.waitForURL(/\/imports$/);

		const before = app.deps.repos.products.list({ unitCode: 'yichang' }).length;
		await page.getByTestId('unit-select').selectOption('yichang');
		await page.getByTestId('import-file').setInputFiles({ name: '宜昌市-附件3.xlsx', mimeType: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', buffer: await noticeLayoutFile() });
		await page.getByTestId('import-upload').click();
		await expect.poll(() => rows.textContent()).toContain('秭归伦晚脐橙');
		await page.waitForURL(/\/imports\?preview=/);
		// 宜红工夫茶 is in the library: offered as an update with its price change.
		expect(await rows.textContent()).toContain('产品库已有');
		expect(await page.getByTestId('import-bar').textContent()).toContain('将新增 2 件、更新 1 件');
		await screenshot(page, 'import-preview', { fullPage: true });
		await page.getByTestId('import-confirm').click();
		await expect.poll(() => page.getByTestId('import-result').textContent()).toContain('新增 2 件、更新 1 件');
		expect(app.deps.repos.products.list({ unitCode: 'yichang' }).length).toBe(before + 2);
		expect(app.deps.repos.products.list({ unitCode: 'yichang' }).find((p) => p.name === '宜红工夫茶')!.dailyPriceFen).toBe(12800);
	});

	it('reports a show against its event log, and takes sales figures', async () => {
		const show = app.deps.repos.shows.list().find((s) => s.title.includes('恩施富硒好物'))!;
		await page.goto(`${base}/shows/${show.id}`);
		await page.getByTestId('show-report-link').click();
		await page.waitForURL(new RegExp(`/shows/${show.id}/report`));
		await expect.poll(() => page.getByTestId('report-segments').locator('tbody tr').count()).toBe(show.segments.length);
		expect(await page.getByTestId('report-chart').locator('svg rect').count()).toBeGreaterThan(show.segments.length);
		expect(await page.getByTestId('report-summary').textContent()).toContain('实际开场');
		await screenshot(page, 'report-zh', { fullPage: true });

		const sales = page.getByTestId('report-sales');
		const first = sales.locator('tbody tr').first();
		await first.locator('input').nth(0).fill('500');
		await first.locator('input').nth(1).fill('620');
		await first.locator('input').nth(2).fill('abc');
		await expect.poll(() => page.getByTestId('sales-save').isDisabled()).toBe(true);
		await first.locator('input').nth(2).fill('44,180.00');
		// Past the server's ceiling of 100,000,000 orders: refused before sending.
		await first.locator('input').nth(0).fill('100000001');
		await expect.poll(() => page.getByTestId('sales-save').isDisabled()).toBe(true);
		await first.locator('input').nth(0).fill('500');
		await expect.poll(() => page.getByTestId('sales-save').isDisabled()).toBe(false);
		await page.getByTestId('sales-save').click();
		await expect.poll(() => app.deps.services.sales.list(show).rows.find((r) => r.orders === 500)?.gmvFen).toBe(4418000);

		await page.emulateMedia({ media: 'print' });
		await screenshot(page, 'report-print', { fullPage: true });
		await page.emulateMedia({ media: 'screen' });
		expect(errors).toEqual([]);
	});

	it('says in words why a bomb of a file is refused, for a product import and a sales file', async () => {
		const xlsx = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
		await page.goto(`${base}/imports`);
		await page.getByTestId('unit-select').selectOption('yichang');
		// 4 MB whose sheet declares 1,000 bytes and inflates to 4.2 GB.
		await page.getByTestId('import-file').setInputFiles({ name: '附件3.xlsx', mimeType: xlsx, buffer: declaredSizeBomb(await noticeLayoutFile(), 4200 * 1024 * 1024) });
		await page.getByTestId('import-upload').click();
		await expect.poll(() => page.getByTestId('import-error').textContent()).toContain('文件解压后太大');

		const show = app.deps.repos.shows.list().find((s) => s.title.includes('恩施富硒好物'))!;
		await page.goto(`${base}/shows/${show.id}/report`);
		await page.getByTestId('sales-file').setInputFiles({ name: '订单.xlsx', mimeType: xlsx, buffer: deepNesting(await noticeLayoutFile()) });
		await expect.poll(() => page.getByTestId('report-sales-error').textContent()).toContain('无法读取这个工作簿');
		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.getByTestId('report-sales-error').textContent()).toContain('This workbook cannot be read');
		await page.getByTestId('lang-switch').click();
		expect(errors.filter((e) => !/status of 4\d\d/.test(e))).toEqual([]);
	});
});
