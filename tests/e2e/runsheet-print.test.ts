/**
 * The printed run-sheet (流程单) in Chromium: followed from the show page, one row per segment with
 * the planned times the editor shows, the product's live price and link numbers, whole scripts
 * (never clipped), the editor's totals; A4 landscape pages with the header repeated; Chinese and
 * English screenshots; an unknown show or a signed-out visit never gives a broken page.
 */
import type { FastifyInstance } from 'fastify';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ProductResponse } from '../../src/lib/contract/products';
import type { ShowResponse } from '../../src/lib/contract/shows';
import { formatDuration, formatFen, formatShanghai } from '../../src/lib/core/format';
import { plannedSchedule } from '../../src/lib/core/schedule';
import { pdfPages } from './qr';
import { ARTIFACTS, launchBrowser, newPage, screenshot, signInAs, startApp, watchErrors } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;

/** A4 landscape in PDF points. */
const A4_LANDSCAPE = { width: 841.89, height: 595.28 };

/** A host script far longer than a cell's first lines, with an unbroken 120-character link in it. */
const LONG_SCRIPT = [
	...Array.from({ length: 36 }, (_, i) => `【要点${i + 1}】恩施玉露产自恩施州芭蕉侗族乡，高山云雾，富硒土壤，蒸青工艺保留鲜爽，汤色嫩绿明亮。`),
	`【店铺】https://shop.example.com/item/${'0123456789'.repeat(9)}`,
	'【结尾】以上全部读完，再报一遍1号链接。'
].join('\n');

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

/** From the show page's action row to the print page, loaded. */
async function followPrintLink(page: Page) {
	await page.getByTestId('runsheet-print-link').click();
	await page.waitForURL(/\/shows\/\d+\/runsheet\/print$/);
	await page.getByTestId('print-table').waitFor();
	await page.evaluate(() => document.fonts.ready);
}

/** Script and notes cells whose text is cut off, or hidden by overflow. */
async function clippedCells(page: Page) {
	return page.locator('[data-testid="print-script"], [data-testid="print-notes"]').evaluateAll((cells) =>
		cells
			.filter((el) => {
				const style = getComputedStyle(el);
				return el.scrollHeight > el.clientHeight + 1 || el.scrollWidth > el.clientWidth + 1 || style.overflow === 'hidden' || style.textOverflow === 'ellipsis';
			})
			.map((el) => el.closest('tr')?.dataset.segmentId)
	);
}

describe('the printed run-sheet', () => {
	it('prints the demo show from the show page: a row per segment as planned, prices, link numbers, whole scripts, on A4 landscape, in Chinese and English', async () => {
		const page = await newPage(browser, { deviceScaleFactor: 2 });
		const errors = watchErrors(page);
		await signInAs(page, base);

		// The demo show, with one product slot's script made long.
		const demoId = app.deps.repos.shows.list().find((s) => s.title.includes('荆楚好味道'))!.id;
		const before = (await (await page.request.get(`${base}/api/shows/${demoId}`)).json()) as ShowResponse;
		const long = before.segments.find((s) => s.productId !== null && s.kind === 'product')!;
		const patched = await page.request.patch(`${base}/api/shows/${demoId}`, {
			data: { expectedVersion: before.version, segments: before.segments.map((s) => (s.id === long.id ? { ...s, script: LONG_SCRIPT } : s)) }
		});
		expect(patched.status()).toBe(200);
		const show = (await (await page.request.get(`${base}/api/shows/${demoId}`)).json()) as ShowResponse;
		const { products } = (await (await page.request.get(`${base}/api/products?status=all`)).json()) as { products: ProductResponse[] };

		// Open the show from the list, as a coordinator does, and note the editor's totals.
		await page.goto(`${base}/shows`);
		await page.getByRole('link', { name: /荆楚好味道/ }).click();
		await page.getByTestId('runsheet').waitFor();
		const editorBroadcast = await page.getByTestId('runsheet-broadcast').textContent();
		const editorDiff = (await page.getByTestId('runsheet-diff').textContent())?.trim();
		await followPrintLink(page);

		// One row per segment, in order, at the planned times the editor shows; the opening at the announced start.
		const rows = page.getByTestId('print-segment');
		await expect.poll(() => rows.count()).toBe(show.segments.length);
		expect(await page.getByTestId('print-title').allTextContents()).toEqual(show.segments.map((s) => s.title));
		const slots = plannedSchedule(show.startsAt, show.segments);
		expect(await page.getByTestId('print-start').allTextContents()).toEqual(slots.map((s) => formatShanghai(s.startAt, 'time', 'zh-CN')));
		expect(await page.getByTestId('print-end').allTextContents()).toEqual(slots.map((s) => `–${formatShanghai(s.endAt, 'time', 'zh-CN')}`));
		const opening = show.segments.findIndex((s) => s.kind === 'opening');
		expect(await page.getByTestId('print-start').nth(opening).textContent()).toBe(formatShanghai(show.startsAt, 'time', 'zh-CN'));

		// The header: campaign mark, title, start, platforms with their accounts.
		const sheet = page.getByTestId('runsheet-print');
		expect(await sheet.locator('header').textContent()).toContain('「青春为家乡代言」');
		expect(await page.getByTestId('print-show-title').textContent()).toBe(show.title);
		expect(await page.getByTestId('print-starts-at').textContent()).toBe(formatShanghai(show.startsAt, 'datetime', 'zh-CN'));
		for (const p of show.platforms) expect(await page.getByTestId('print-platforms').textContent()).toContain(p.accountName);

		// A product slot: its live price (the slot's, else the library's) and its link number on each platform.
		const slot = show.segments.find((s) => s.productId !== null && Object.keys(s.linkNumbers).length > 0)!;
		const product = products.find((p) => p.id === slot.productId)!;
		const row = page.locator(`[data-testid="print-segment"][data-segment-id="${slot.id}"]`);
		expect(await row.getByTestId('print-live-price').textContent()).toBe(formatFen(slot.livePriceFen ?? product.livePriceFen));
		expect(await row.getByTestId('print-product').textContent()).toContain(product.name);
		const links = await row.getByTestId('print-links').textContent();
		expect(links).toContain(`抖音 ${slot.linkNumbers.douyin}号`);
		expect(links).toContain(`快手 ${slot.linkNumbers.kuaishou}号`);
		// The flash sale with its price and quantity.
		const flash = show.segments.find((s) => s.flashSale)!;
		expect(await page.locator(`[data-segment-id="${flash.id}"]`).getByTestId('print-flash').textContent()).toContain(`${formatFen(flash.flashSale!.priceFen)} × ${flash.flashSale!.quantity}`);

		// Scripts whole: the long one's text entire, and no cell cut off.
		expect(await page.locator(`[data-segment-id="${long.id}"]`).getByTestId('print-script').textContent()).toBe(LONG_SCRIPT);
		expect(await clippedCells(page)).toEqual([]);

		// The footer: every segment added up, and the editor's start-to-end and difference.
		expect(await page.getByTestId('print-total-all').textContent()).toBe(formatDuration(show.segments.reduce((sum, s) => sum + s.durationSec, 0) * 1000));
		expect(await page.getByTestId('print-broadcast').textContent()).toBe(editorBroadcast);
		expect(await page.getByTestId('print-diff').textContent()).toBe(editorDiff);

		await screenshot(page, 'runsheet-print-zh', { fullPage: true });

		// Printed: A4 landscape pages, more than one for this sheet, the table header on each; a
		// row stays on one page unless it is too long to (then it breaks rather than leave a gap).
		expect(await page.locator('thead').evaluate((el) => getComputedStyle(el).display)).toBe('table-header-group');
		const breakInside = (id: string) => page.locator(`[data-segment-id="${id}"]`).evaluate((el) => getComputedStyle(el).breakInside);
		expect(await breakInside(slot.id === long.id ? flash.id : slot.id)).toBe('avoid');
		expect(await breakInside(long.id)).toBe('auto');
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		writeFileSync(join(ARTIFACTS, 'runsheet-print.pdf'), pdf);
		const pages = pdfPages(pdf);
		expect(pages.length).toBeGreaterThan(1);
		for (const p of pages) {
			expect(p.width).toBeCloseTo(A4_LANDSCAPE.width, 0);
			expect(p.height).toBeCloseTo(A4_LANDSCAPE.height, 0);
		}

		// In English: switched on the show page, the print page follows.
		await page.getByRole('link', { name: /返回场次/ }).click();
		await page.getByTestId('runsheet').waitFor();
		await page.getByTestId('lang-switch').click();
		await expect.poll(() => page.getByTestId('runsheet-print-link').textContent()).toBe('Print run-sheet');
		await followPrintLink(page);
		await expect.poll(() => page.getByRole('columnheader').allTextContents()).toContain('Host script');
		expect(await page.getByTestId('print-segment').count()).toBe(show.segments.length);
		expect(await row.getByTestId('print-links').textContent()).toContain(`Douyin #${slot.linkNumbers.douyin}`);
		expect(await row.getByTestId('print-live-price').textContent()).toBe(formatFen(slot.livePriceFen ?? product.livePriceFen));
		expect(await clippedCells(page)).toEqual([]);
		await screenshot(page, 'runsheet-print-en', { fullPage: true });

		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('shows the error notice for an unknown show, and sends a signed-out visitor to sign in', async () => {
		const page = await newPage(browser);
		await signInAs(page, base);
		await page.goto(`${base}/shows/999999/runsheet/print`);
		await expect.poll(() => page.getByRole('alert').textContent()).toContain('找不到该内容');
		expect(await page.getByTestId('print-table').count()).toBe(0);
		expect(await page.getByRole('button', { name: '打印' }).isDisabled()).toBe(true);
		await page.context().close();

		const visitor = await newPage(browser);
		await visitor.goto(`${base}/shows/1/runsheet/print`);
		await visitor.waitForURL(/\/login\?next=%2Fshows%2F1%2Frunsheet%2Fprint$/);
		expect(await visitor.getByTestId('print-table').count()).toBe(0);
		await visitor.context().close();
	});
});
