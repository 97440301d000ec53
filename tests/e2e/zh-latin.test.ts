/**
 * No codes or English words in the Chinese UI: every page in zh-CN (the coordinator's as admin,
 * the producer console, the host's cue cards, the live watch, the public page, login, poster and
 * print pages) is read as a person sees it, and a Latin word outside a short allow-list fails.
 * Data people typed (product names, certificates, URLs, usernames) is not UI: the words of the
 * seeded records are allowed as they are.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { command } from './screens-support';
import { launchBrowser, newPage, signInAs, startApp } from './support';

/** Platform and brand names, file formats, units: Latin on purpose in the Chinese UI. */
const ALLOWED = new Set([
	// The product, the language switch (each language in its own name), file formats.
	'Showcall', 'English', 'QR', 'Excel', 'PDF', 'PNG', 'SVG', 'CSV', 'xlsx', 'WPS',
	// Key names as printed on the keys.
	'Alt', 'Ctrl', 'Shift', 'Esc', 'Enter', 'Space', 'Tab',
	// Platforms.
	'App', 'Bilibili', 'bilibili', 'UP', // B站, UP 主 (a Bilibili creator)
	// Units and currency.
	'kg', 'ml', 'ms', 'cm', 'mm', 'km', 'px', 'MB', 'KB',
	// Paper sizes (A5, A4) hold a digit and are not words.
]);

let browser: Browser;
let app: FastifyInstance;
let base: string;
let coordinator: BrowserContext;
let dataWords: Set<string>;

beforeAll(async () => {
	browser = await launchBrowser();
	({ app, base } = await startApp({ campaign: true }));
	const page = await newPage(browser);
	await signInAs(page, base);
	coordinator = page.context();
	const d = app.deps.repos;
	const data = JSON.stringify([d.shows.list().map((s) => d.shows.get(s.id)), d.products.list({ status: 'all' }), d.people.list({ archived: 'include' }), d.accounts.list()]);
	dataWords = new Set(latinWords(data));
});
afterAll(async () => {
	await coordinator?.close();
	await app?.close();
	await browser?.close();
});

function latinWords(text: string): string[] {
	// URLs and e-mail addresses are addresses, not words.
	const bare = text.replace(/\bhttps?:\/\/\S*/g, ' ').replace(/[\w.+-]+@[\w.-]+/g, ' ').replace(/\b[\w.-]+\.(?:com|cn|net|org)\S*/g, ' ');
	return bare.match(/[A-Za-z]{2,}/g) ?? [];
}

/** Visible text, placeholders, labels and titles of the page, without the key caps (<kbd>). */
function visibleText(page: Page): Promise<string[]> {
	return page.evaluate(() => {
		const out: string[] = [];
		const shown = (el: Element | null) => !!el && !el.closest('kbd, script, style, [hidden], [aria-hidden="true"]') && (el as HTMLElement).getClientRects().length > 0;
		const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
		for (let n = walker.nextNode(); n; n = walker.nextNode()) {
			const text = n.textContent?.trim();
			if (text && shown(n.parentElement)) out.push(text);
		}
		for (const el of document.querySelectorAll('[placeholder], [aria-label], [title]')) {
			if (!shown(el)) continue;
			for (const attr of ['placeholder', 'aria-label', 'title']) {
				const v = el.getAttribute(attr);
				if (v) out.push(v);
			}
		}
		out.push(document.title);
		return out;
	});
}

async function check(page: Page, path: string, ready: string): Promise<string[]> {
	await page.goto(`${base}${path}`);
	await page.locator(ready).first().waitFor();
	await page.waitForFunction(() => !document.body.innerText.includes('加载中'));
	const problems: string[] = [];
	for (const text of await visibleText(page)) {
		for (const word of latinWords(text)) if (!ALLOWED.has(word) && !dataWords.has(word)) problems.push(`${path}: "${word}" in "${text.slice(0, 60)}"`);
	}
	return problems;
}

describe('the Chinese UI speaks Chinese', () => {
	it('has no codes or English words on any page', async () => {
		// The first-start demo show (the campaign's past shows have ended).
		const demo = app.deps.repos.shows.list().map((s) => app.deps.repos.shows.get(s.id)!).find((s) => s.title.includes('荆楚好味道'))!;
		const show = app.deps.repos.shows.tokensOf(demo.id)!;
		const product = demo.productIds[0];
		const person = demo.hostIds[0];
		const problems: string[] = [];

		const signedIn = await coordinator.newPage();
		for (const [path, ready] of [
			['/shows', 'main h1'],
			['/shows?view=calendar', 'main h1'],
			['/shows/new', 'main h1'],
			[`/shows/${demo.id}`, 'main h1'],
			[`/shows/${demo.id}/poster`, 'main h1'],
			[`/shows/${demo.id}/devices`, '[data-testid="device-card"]'],
			[`/shows/${demo.id}/report`, 'main h1'],
			['/products', 'main h1'],
			['/products/new', 'main h1'],
			[`/products/${product}`, 'main h1'],
			['/people', 'main h1'],
			['/people/new', 'main h1'],
			[`/people/${person}`, 'main h1'],
			['/progress', 'main h1'],
			['/forms', 'main h1'],
			['/imports', 'main h1'],
			['/accounts', 'main h1']
		] as const) {
			problems.push(...(await check(signedIn, path, ready)));
		}
		// Print pages (their own layout).
		problems.push(...(await check(signedIn, `/shows/${demo.id}/runsheet/print`, 'body *')));
		problems.push(...(await check(signedIn, `/shows/${demo.id}/devices/print`, '[data-testid="device-card"]')));
		problems.push(...(await check(signedIn, `/shows/${demo.id}/poster/print`, 'body *')));

		// Live: the show running, so the screens show their clocks and the watch page its state.
		await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
		await command(app, show.producerToken, 'message', { text: '注意镜头' });
		problems.push(...(await check(signedIn, `/shows/${demo.id}/live`, 'main h1')));
		await signedIn.close();

		const anyone = await newPage(browser);
		problems.push(...(await check(anyone, `/producer/${show.producerToken}`, '[data-testid="producer-console"]')));
		problems.push(...(await check(anyone, `/host/${show.hostToken}`, '[data-testid="host-screen"]')));
		problems.push(...(await check(anyone, `/s/${demo.slug}`, 'main')));
		problems.push(...(await check(anyone, '/login', 'form')));
		problems.push(...(await check(anyone, '/producer', 'main')));
		problems.push(...(await check(anyone, '/host', 'main')));
		await anyone.context().close();

		expect(problems).toEqual([]);
	});
});
