/**
 * Opening a page, as a tablet does the first time it opens its link: the page names every script
 * and style its route needs, so none is discovered after the router starts (no second round trip),
 * and the files come compressed.
 */
import type { FastifyInstance } from 'fastify';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, signInAs, startApp } from './support';
import { demoTokens, screenPage } from './screens-support';

let browser: Browser;
let app: FastifyInstance;
let base: string;

beforeAll(async () => {
	browser = await launchBrowser();
	({ app, base } = await startApp());
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

interface Loaded {
	name: string;
	transferSize: number;
	decodedBodySize: number;
}

/** The scripts and styles the page loaded. */
const loaded = (page: Page): Promise<Loaded[]> =>
	page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((r) => /\/_app\/immutable\/.+\.(js|css)$/.test(new URL(r.name).pathname))
			.map((r) => ({ name: new URL(r.name).pathname, transferSize: r.transferSize, decodedBodySize: r.decodedBodySize }))
	);

/** Opens `path` and answers the page as the server sent it, and the files the page loaded that it did not name. */
async function open(page: Page, path: string, ready: string) {
	const response = await page.goto(`${base}${path}`);
	const html = (await response!.text()) ?? '';
	await page.getByTestId(ready).first().waitFor();
	const named = new Set([...html.matchAll(/<link href="([^"]+)" rel="(?:modulepreload|preload|stylesheet)"/g)].map((m) => m[1]));
	const files = await loaded(page);
	return { files, unnamed: files.filter((f) => !named.has(f.name)).map((f) => f.name) };
}

describe('a page opened for the first time', () => {
	for (const kind of ['producer', 'host'] as const) {
		it(`the ${kind} page's scripts and styles are all named by the page, and come compressed`, async () => {
			const { page, errors } = await screenPage(browser, kind);
			try {
				const show = demoTokens(app);
				const { files, unnamed } = await open(page, `/${kind}/${kind === 'host' ? show.hostToken : show.producerToken}`, 'countdown');
				expect(files.filter((f) => f.name.endsWith('.js')).length).toBeGreaterThan(10);
				// A file the page did not name was found by the router after it started: one more round trip.
				expect(unnamed).toEqual([]);
				const sent = files.reduce((sum, f) => sum + f.transferSize, 0);
				const decoded = files.reduce((sum, f) => sum + f.decodedBodySize, 0);
				expect(sent).toBeLessThan(decoded / 2);
				expect(errors).toEqual([]);
			} finally {
				await page.context().close();
			}
		});
	}

	it('a coordinator page too, after signing in', async () => {
		const context = await browser.newContext({ locale: 'zh-CN' });
		const page = await context.newPage();
		try {
			await signInAs(page, base);
			// A fresh document: the page loaded from its address, not reached by the router.
			const { files, unnamed } = await open(page, `/shows/${demoTokens(app).showId}`, 'show-title');
			expect(files.some((f) => f.name.includes('/nodes/'))).toBe(true);
			expect(unnamed).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
