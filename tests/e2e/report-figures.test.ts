/**
 * After the show in Chromium (issue 14): the 抖音 minute-data fixture uploaded on a report page,
 * previewed with its column mapping, confirmed; the report then draws the viewers and GMV curves
 * under the segment chart and lists the audience per segment and per product. Screenshots at
 * 1440×900 and of the print view on A4.
 */
import { readFileSync } from 'node:fs';
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { VIEWPORTS, launchBrowser, newPage, screenshot, signInAs, startApp, watchErrors } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let page: Page;
let errors: string[];

beforeAll(async () => {
	// The server's clock on 2026-12-24: the campaign's show of 34 days before ran on 2026-11-20, the fixture's evening.
	const offset = Date.UTC(2026, 11, 24, 2) - Date.now();
	({ app, base } = await startApp({ campaign: true, clock: () => Date.now() + offset }));
	browser = await launchBrowser();
	page = await newPage(browser, { viewport: VIEWPORTS.coordinatorLaptop });
	errors = watchErrors(page);
	await signInAs(page, base);
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

describe('the report’s audience half', () => {
	it('imports the 抖音 export on the report page and shows the curves and the per-segment table', async () => {
		const show = app.deps.repos.shows.list().find((s) => s.title.includes('长江三峡鲜甜季'))!;
		await page.goto(`${base}/shows/${show.id}/report`);
		const audience = page.getByTestId('report-audience');
		await expect.poll(() => audience.textContent()).toContain('本场还没有数据');
		expect(await page.getByTestId('curve-viewers').count()).toBe(0);

		await page.getByTestId('figure-import-platform').selectOption('douyin');
		const file = readFileSync(new URL('../fixtures/platform-exports/抖音-直播间分钟级数据-20261120.csv', import.meta.url));
		await page.getByTestId('figure-import-file').setInputFiles({ name: '抖音-直播间分钟级数据-20261120.csv', mimeType: 'text/csv', buffer: file });
		const preview = page.getByTestId('figure-import-preview');
		await expect.poll(() => preview.textContent()).toContain('120 个时间点');
		const mapping = await page.getByTestId('figure-import-columns').textContent();
		expect(mapping).toContain('在线人数 ← 实时在线人数');
		expect(mapping).toContain('成交额 ← 成交金额(元)');
		await preview.scrollIntoViewIfNeeded();
		await screenshot(page, 'report-figures-import-preview');
		await page.getByTestId('figure-import-confirm').click();
		await expect.poll(() => page.getByTestId('figure-import-done').textContent()).toContain('已导入 120 个时间点');
		expect(app.deps.repos.figures.list(show.id, app.deps.repos.live.runs(show.id)[0].id).filter((c) => c.source === 'import')).toHaveLength(120);

		// The curves under the segment chart, on its axis (inside the axis, not past its ends).
		const viewers = page.getByTestId('curve-viewers');
		await expect.poll(() => viewers.count()).toBe(1);
		const points = ((await viewers.getAttribute('points')) ?? '').split(' ');
		expect(points.length).toBeGreaterThan(60);
		expect(await page.getByTestId('curve-gmv').count()).toBe(1);
		const chartBox = await page.getByTestId('report-chart').locator('svg').boundingBox();
		const curveBox = await viewers.boundingBox();
		expect(curveBox!.y).toBeGreaterThan(chartBox!.y + chartBox!.height / 3);

		// The per-segment table: every segment on air, the best and weakest called out; the per-product table.
		const rows = page.getByTestId('audience-segments').locator('tbody tr');
		const ran = (await (await page.request.get(`${base}/api/shows/${show.id}/report`)).json()).audience.segments.filter((s: { visits: number }) => s.visits > 0).length;
		await expect.poll(() => rows.count()).toBe(ran);
		const table = await page.getByTestId('audience-segments').textContent();
		expect(table).toContain('成交额最高');
		expect(table).toContain('成交额最低');
		expect(await page.getByTestId('audience-products').locator('tbody tr').count()).toBe(show.productIds.length);
		expect(await page.getByTestId('audience-sources').textContent()).toContain('抖音（录入 0，导入 120）');
		await page.getByTestId('report-chart').scrollIntoViewIfNeeded();
		await page.evaluate(() => window.scrollTo(0, document.querySelector('[data-testid="report-chart"]')!.getBoundingClientRect().top + window.scrollY - 130));
		await screenshot(page, 'report-figures-zh');
		await screenshot(page, 'report-figures-zh-full', { fullPage: true });

		await page.getByTestId('lang-switch').click();
		await expect.poll(() => audience.locator('h2').textContent()).toBe('Audience and sales by segment');
		expect(await page.getByTestId('audience-segments').textContent()).toContain('Top GMV');
		await page.getByTestId('lang-switch').click();

		// Printed on A4 (portrait, 96 dpi): the chart with its curves stays, the import panel goes.
		await page.setViewportSize({ width: 794, height: 1123 });
		await page.emulateMedia({ media: 'print' });
		expect(await viewers.isVisible()).toBe(true);
		expect(await page.getByTestId('figure-import').isVisible()).toBe(false);
		await screenshot(page, 'report-figures-print', { fullPage: true });
		await page.emulateMedia({ media: 'screen' });
		await page.setViewportSize(VIEWPORTS.coordinatorLaptop);
		expect(errors).toEqual([]);
	});

	it('says in words why a file is refused, and stores nothing', async () => {
		const show = app.deps.repos.shows.list().find((s) => s.title.includes('恩施富硒好物'))!;
		await page.goto(`${base}/shows/${show.id}/report`);
		await page.getByTestId('figure-import-file').setInputFiles({ name: '名单.csv', mimeType: 'text/csv', buffer: Buffer.from('姓名,年龄\n张三,20\n') });
		await expect.poll(() => page.getByTestId('figure-import-error').textContent()).toContain('无法识别');
		expect(app.deps.repos.figures.list(show.id, app.deps.repos.live.runs(show.id)[0].id)).toEqual([]);
	});
});
