import type { FastifyInstance } from 'fastify';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Show } from '../../src/lib/core/model';
import { decodeAllQr, pdfPages, readPng } from './qr';
import { copyShow } from '../server/support';
import { overflowing } from './screens-support';
import { ARTIFACTS, launchBrowser, newPage, screenshot, signInAs, startApp } from './support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let demo: Show;

const TITLE_60 = '「青春为家乡代言·小青优品」湖北省十七个市州联合公益助农示范直播暨恩施玉露秭归脐橙随州香菇神农架蜂蜜孝感麻糖京山桥米专场';
/** A4 and A5 in PDF points. */
const A4 = { width: 595.28, height: 841.89 };
const A5 = { width: 419.53, height: 595.28 };

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
	demo = app.deps.repos.shows.list()[0];
	mkdirSync(ARTIFACTS, { recursive: true });
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

/** A copy of the demo show (new ids), reported unless said otherwise, with other fields overridden. */
function copyOfDemo(overrides: Partial<Pick<Show, 'title' | 'guestIds'>> & { status?: 'draft' | 'reported' } = {}): Show {
	const { status = 'reported', ...fields } = overrides;
	return copyShow(app, { ...fields, status, reportedAt: status === 'draft' ? null : app.deps.clock() });
}

/**
 * What on the printed device card comes closer than 3 mm to its role's box or the sheet's edge, or
 * spills out of its box: each is a problem, named.
 */
async function cardSpills(page: Page): Promise<string[]> {
	const spills = await overflowing(page, '[data-testid="card-sheet"]');
	const margins = await page.evaluate(() => {
		const mm = 96 / 25.4;
		const problems: string[] = [];
		const sheet = document.querySelector('[data-testid="card-sheet"]')!.getBoundingClientRect();
		for (const role of document.querySelectorAll('[data-testid="card-sheet"] .role')) {
			const box = role.getBoundingClientRect();
			if (box.bottom > sheet.bottom - 3 * mm) problems.push(`${role.getAttribute('data-role')}: ${((sheet.bottom - box.bottom) / mm).toFixed(1)} mm from the sheet's foot`);
			for (const text of role.querySelectorAll('.qr, .text p')) {
				const r = text.getBoundingClientRect();
				const gap = Math.min(box.right - r.right, r.left - box.left, r.top - box.top, box.bottom - r.bottom) / mm;
				if (gap < 3) problems.push(`${role.getAttribute('data-role')} ${text.className}: ${gap.toFixed(1)} mm from its box's edge`);
			}
		}
		return problems;
	});
	return [...spills, ...margins];
}

async function signedInPage(options: Parameters<typeof newPage>[1] = {}): Promise<Page> {
	const page = await newPage(browser, options);
	await signInAs(page, base);
	return page;
}

/**
 * Every text block of the inline poster against the frame the layout fitted it into: its glyph
 * box must stay inside (vertical tolerance: the font's ascent/descent beyond the em box, 0.25 em),
 * and no two blocks may overlap.
 */
async function measureText(page: Page) {
	return page.evaluate(() => {
		const svg = document.querySelector<SVGSVGElement>('[data-testid="poster-sheet"] svg')!;
		const blocks = [...svg.querySelectorAll<SVGTextElement>('text[data-frame]')].map((el) => {
			const [x, y, w, h] = el.dataset.frame!.split(' ').map(Number);
			const b = el.getBBox();
			const size = Number(el.getAttribute('font-size'));
			return { role: el.dataset.role!, text: el.textContent!, frame: { x, y, w, h }, box: { x: b.x, y: b.y, w: b.width, h: b.height }, size };
		});
		const problems: string[] = [];
		for (const t of blocks) {
			const tol = 0.25 * t.size;
			// Horizontally a glyph box may pass the planned advance by a hair (side bearings, hinting): 0.1 mm + 0.1 em.
			const htol = 0.1 + 0.1 * t.size;
			if (t.box.x < t.frame.x - htol || t.box.x + t.box.w > t.frame.x + t.frame.w + htol) problems.push(`${t.role} "${t.text}" is wider than its frame: ${JSON.stringify(t)}`);
			if (t.box.y < t.frame.y - tol || t.box.y + t.box.h > t.frame.y + t.frame.h + tol) problems.push(`${t.role} "${t.text}" leaves its frame vertically: ${JSON.stringify(t)}`);
		}
		// Ink boxes (horizontal extent, em box vertically) of different blocks never intersect.
		const ink = blocks.map((t) => ({ ...t, y0: t.box.y + 0.2 * t.size, y1: t.box.y + t.box.h - 0.2 * t.size }));
		for (let i = 0; i < ink.length; i += 1) {
			for (let j = i + 1; j < ink.length; j += 1) {
				const a = ink[i];
				const b = ink[j];
				if (a.box.x < b.box.x + b.box.w && b.box.x < a.box.x + a.box.w && a.y0 < b.y1 && b.y0 < a.y1) problems.push(`${a.role} "${a.text}" overlaps ${b.role} "${b.text}"`);
			}
		}
		const qrs = [...svg.querySelectorAll<SVGGElement>('[data-qr]')].map((g) => ({ url: g.dataset.qr!, side: Number(g.dataset.frame!.split(' ')[2]) }));
		return { count: blocks.length, problems, qrs, titleLines: blocks.filter((b) => b.role === 'title').map((b) => b.text) };
	});
}

async function openPrint(page: Page, showId: number, design: string) {
	await page.goto(`${base}/shows/${showId}/poster/print?design=${design}`);
	await page.locator('[data-testid="poster-sheet"] svg').waitFor();
	// Fonts are in before measuring or printing.
	await page.evaluate(() => document.fonts.ready);
}

describe('preheat posters in Chromium', () => {
	it('prints the demo poster in both designs: every QR code decodes to a live-room URL, and the PDF is one A4 page', async () => {
		const page = await signedInPage({ deviceScaleFactor: 2 });
		await page.goto(`${base}/shows/${demo.id}/poster`);
		await expect.poll(() => page.getByTestId('poster-deadline').getAttribute('data-state')).toBe('open');
		await expect.poll(() => page.getByTestId('poster-preview').evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth > 0)).toBe(true);
		await screenshot(page, 'poster-page');

		const rooms = demo.platforms.map((p) => p.roomUrl).sort();
		for (const design of ['festive', 'fresh']) {
			await openPrint(page, demo.id, design);
			const sheet = page.getByTestId('poster-sheet');
			const shot = await sheet.screenshot({ path: join(ARTIFACTS, `poster-a4-${design}.png`) });
			expect(decodeAllQr(readPng(shot)).sort()).toEqual(rooms);

			const measured = await measureText(page);
			expect(measured.problems).toEqual([]);
			expect(measured.count).toBeGreaterThan(30);
			// ≥ 25 mm: the A4 poster is drawn in millimetres; the symbol is the side less the quiet zone.
			for (const q of measured.qrs) expect(q.side).toBeGreaterThanOrEqual(30);

			const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
			writeFileSync(join(ARTIFACTS, `poster-a4-${design}.pdf`), pdf);
			const pages = pdfPages(pdf);
			expect(pages).toHaveLength(1);
			expect(pages[0].width).toBeCloseTo(A4.width, 0);
			expect(pages[0].height).toBeCloseTo(A4.height, 0);
		}
		await page.context().close();
	});

	it('keeps a 60-character title and six 扶贫大使 guests inside their frames, with nothing overlapping', async () => {
		const guests = ['欧阳娜娜娜', '司马相如', 'Alexander Hamilton', '上官婉儿', '诸葛孔明明', '慕容雪'].map((name) =>
			app.deps.repos.people.create({ unitCode: 'hubei', name, gender: '', ethnicity: '', birthMonth: '', politicalStatus: '', position: '', contact: '', platforms: [], intro: '', reason: '', unitOpinion: '' }, Date.now(), {
				ambassador: 'awarded',
				ambassadorAwardedAt: Date.now(),
				ambassadorAwardedBy: 'admin'
			})
		);
		const show = copyOfDemo({ title: TITLE_60, guestIds: guests.map((g) => g.id) });
		expect([...show.title]).toHaveLength(60);
		const page = await signedInPage({ deviceScaleFactor: 2 });
		for (const design of ['festive', 'fresh']) {
			await openPrint(page, show.id, design);
			const measured = await measureText(page);
			expect(measured.problems).toEqual([]);
			expect(measured.titleLines.join('')).toBe(TITLE_60);
			const text = await page.getByTestId('poster-sheet').textContent();
			for (const g of guests) expect(text).toContain(g.name);
			expect(text?.match(/扶贫大使/g)?.length).toBeGreaterThanOrEqual(6);
			const shot = await page.getByTestId('poster-sheet').screenshot({ path: join(ARTIFACTS, `poster-a4-${design}-long-title.png`) });
			expect(decodeAllQr(readPng(shot)).sort()).toEqual(demo.platforms.map((p) => p.roomUrl).sort());
		}
		await page.context().close();
	});

	it('downloads the 1080×1920 phone image as PNG, its QR codes readable', async () => {
		const page = await signedInPage();
		await page.goto(`${base}/shows/${demo.id}/poster`);
		await page.getByTestId('design-fresh').click();
		await expect.poll(() => page.getByTestId('design-fresh').getAttribute('aria-checked')).toBe('true');
		const [download] = await Promise.all([page.waitForEvent('download'), page.getByTestId('download-png').click()]);
		expect(download.suggestedFilename()).toMatch(/^海报-.*-fresh-1080x1920\.png$/);
		const file = join(ARTIFACTS, 'poster-phone.png');
		await download.saveAs(file);
		const png = readPng(readFileSync(file));
		expect([png.width, png.height]).toEqual([1080, 1920]);
		expect(decodeAllQr(png).sort()).toEqual(demo.platforms.map((p) => p.roomUrl).sort());
		// The choice is saved: the server now draws the fresh design by default.
		expect(app.deps.repos.posters.settings(demo.id).design).toBe('fresh');
		app.deps.repos.posters.saveSettings(demo.id, { design: 'festive', qrTarget: 'rooms' }, Date.now(), 'test');
		await page.context().close();
	});

	it('marks the poster published with its date, and warns when it is overdue', async () => {
		const late = copyOfDemo();
		// Starts in two days: the poster was due yesterday.
		app.deps.db.$client.prepare('UPDATE shows SET starts_at = ? WHERE id = ?').run(Date.now() + 2 * 24 * 3600_000, late.id);
		const page = await signedInPage();
		await page.goto(`${base}/shows/${late.id}/poster`);
		const card = page.getByTestId('poster-deadline');
		await expect.poll(() => card.getAttribute('data-state')).toBe('overdue');
		await expect.poll(() => card.getByRole('alert').textContent()).toMatch(/已逾期/);
		await screenshot(page, 'poster-overdue');
		// A cleared date publishes nothing: the field says so and the button waits.
		const publishedAt = card.getByTestId('poster-published-at');
		const typed = await publishedAt.inputValue();
		await publishedAt.fill('');
		await expect.poll(() => card.getByTestId('field-issue').textContent()).toMatch(/请选择有效的日期和时间/);
		expect(await card.getByTestId('poster-publish').isDisabled()).toBe(true);
		await card.getByTestId('poster-publish').click({ force: true });
		expect(app.deps.repos.shows.get(late.id)!.posterPublishedAt).toBeNull();
		await publishedAt.fill(typed);
		await expect.poll(() => card.getByTestId('field-issue').count()).toBe(0);
		await card.getByRole('button', { name: '标记为已发布' }).click();
		await expect.poll(() => card.getAttribute('data-state')).toBe('published_late');
		expect(app.deps.repos.shows.get(late.id)!.posterPublishedAt).not.toBeNull();
		await page.goto(`${base}/shows/${late.id}`);
		await expect.poll(() => page.getByTestId('show-poster-links').textContent()).toMatch(/海报迟发/);
		await page.context().close();
	});
});

describe('the public countdown page', () => {
	it('shows a reported show on a phone: countdown and QR codes, and neither token nor script in the HTML or the API', async () => {
		const page = await newPage(browser, { viewport: { width: 390, height: 844 }, deviceScaleFactor: 2, isMobile: true, hasTouch: true });
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		const api = page.waitForResponse((r) => r.url().endsWith(`/api/public/shows/${demo.slug}`));
		await page.goto(`${base}/s/${demo.slug}`);
		const response = await api;
		expect(response.status()).toBe(200);
		const countdown = page.getByTestId('countdown');
		await expect.poll(() => countdown.getAttribute('data-phase')).toBe('upcoming');
		await expect.poll(() => countdown.textContent()).toMatch(/距离开播还有\s*\d+天\d\d时\d\d分\d\d秒/);
		await expect.poll(() => page.getByTestId('room').count()).toBe(demo.platforms.length);
		await page.evaluate(() => document.fonts.ready);
		await screenshot(page, 'public-phone', { fullPage: true });

		for (const room of await page.getByTestId('room').all()) {
			const decoded = decodeAllQr(readPng(await room.screenshot()));
			expect(decoded).toHaveLength(1);
			expect(demo.platforms.map((p) => p.roomUrl)).toContain(decoded[0]);
			expect(await room.getByRole('link').getAttribute('href')).toBe(decoded[0]);
		}

		const tokens = app.deps.repos.shows.tokensOf(demo.id)!;
		const secrets = [tokens.producerToken, tokens.hostToken, ...demo.segments.flatMap((s) => [s.script, s.notes]).filter(Boolean), '0718-8221234', '13800000003'];
		const html = await page.content();
		const body = await response.text();
		for (const secret of secrets) {
			expect(html).not.toContain(secret);
			expect(body).not.toContain(secret);
		}
		expect(body).not.toMatch(/script|notes|token/i);
		expect(errors).toEqual([]);
		await page.context().close();
	});

	it('answers 404 for a draft, on the page and in the API', async () => {
		const draft = copyOfDemo({ status: 'draft' });
		const page = await newPage(browser, { viewport: { width: 390, height: 844 } });
		const api = page.waitForResponse((r) => r.url().includes('/api/public/shows/'));
		await page.goto(`${base}/s/${draft.slug}`);
		expect((await api).status()).toBe(404);
		await expect.poll(() => page.getByTestId('public-error').textContent()).toContain('找不到这场直播');
		expect(await page.content()).not.toContain(draft.title);
		await screenshot(page, 'public-draft-404');
		await page.context().close();
	});
});

describe('the device setup card', () => {
	it('shows the producer, host and recorder links as QR codes, to open or copy, prints on one A5 page with margins in Chinese and English, and a rotated link kills the old card', async () => {
		const page = await signedInPage({ deviceScaleFactor: 2, permissions: ['clipboard-read', 'clipboard-write'] });
		await page.goto(`${base}/shows/${demo.id}/devices`);
		const card = page.getByTestId('device-card');
		await card.waitFor();
		await page.evaluate(() => document.fonts.ready);
		await screenshot(page, 'device-card-page');
		const before = app.deps.repos.shows.tokensOf(demo.id)!;
		const read = async () => decodeAllQr(readPng(await card.screenshot()));
		const first = await read();
		expect(first.map((u) => new URL(u).pathname).sort()).toEqual([`/host/${before.hostToken}`, `/producer/${before.producerToken}`, `/recorder/${before.recorderToken}`]);
		await expect.poll(() => card.locator('[data-role="producer"]').textContent()).toContain('场控');
		await expect.poll(() => card.locator('[data-role="host"]').textContent()).toContain('主播');
		await expect.poll(() => card.locator('[data-role="recorder"]').textContent()).toContain('场记');
		// The page's lead names all three roles.
		const lead = await page.locator('.lead').textContent();
		for (const role of ['场控', '主播', '场记']) expect(lead).toContain(role);
		// On the laptop itself: open and copy each link; the link is in readable type.
		for (const role of ['producer', 'host', 'recorder'] as const) {
			const url = await card.getByTestId(`device-url-${role}`).textContent();
			expect(await card.getByTestId(`device-open-${role}`).getAttribute('href')).toBe(url);
			expect(parseFloat(await card.getByTestId(`device-url-${role}`).evaluate((el) => getComputedStyle(el).fontSize))).toBeGreaterThanOrEqual(14);
			await card.getByTestId(`device-copy-${role}`).click();
			await expect.poll(() => card.getByTestId(`device-copied-${role}`).textContent()).toBe('已复制');
			expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(url);
		}

		page.once('dialog', (dialog) => void dialog.accept());
		await page.getByTestId('rotate-host').click();
		await expect.poll(() => page.getByRole('status').textContent()).toContain('旧卡片已失效');
		const after = app.deps.repos.shows.tokensOf(demo.id)!;
		expect(after.hostToken).not.toBe(before.hostToken);
		expect(after.producerToken).toBe(before.producerToken);
		expect(app.deps.repos.shows.findByToken(before.hostToken)).toBeUndefined();
		await expect.poll(async () => (await read()).map((u) => new URL(u).pathname).sort()).toEqual([`/host/${after.hostToken}`, `/producer/${after.producerToken}`, `/recorder/${after.recorderToken}`]);

		await page.goto(`${base}/shows/${demo.id}/devices/print`);
		const sheet = page.getByTestId('card-sheet');
		await sheet.waitFor();
		await page.evaluate(() => document.fonts.ready);
		await sheet.screenshot({ path: join(ARTIFACTS, 'device-card-a5.png') });
		const pdf = await page.pdf({ preferCSSPageSize: true, printBackground: true });
		writeFileSync(join(ARTIFACTS, 'device-card-a5.pdf'), pdf);
		const pages = pdfPages(pdf);
		expect(pages).toHaveLength(1);
		expect(pages[0].width).toBeCloseTo(A5.width, 0);
		expect(pages[0].height).toBeCloseTo(A5.height, 0);
		expect(await cardSpills(page)).toEqual([]);

		// In English too: the longer role texts keep their margins.
		await page.evaluate(() => localStorage.setItem('showcall.locale', 'en'));
		await page.reload();
		await sheet.waitFor();
		await expect.poll(() => sheet.locator('[data-role="recorder"]').textContent()).toContain('Recorder');
		await page.evaluate(() => document.fonts.ready);
		await sheet.screenshot({ path: join(ARTIFACTS, 'device-card-a5-en.png') });
		expect(await cardSpills(page)).toEqual([]);
		await page.context().close();
	});
});
