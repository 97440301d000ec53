/**
 * Opening a page, as a tablet does the first time it opens its link: the app's code comes as one
 * script and one stylesheet, both named in the page (fetched at once, none found after the app has
 * started), and compressed.
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

/** Opens `path`; answers the scripts and styles the page loaded, and those its HTML did not name. */
async function open(page: Page, path: string, ready: string) {
	const response = await page.goto(`${base}${path}`);
	const html = (await response!.text()) ?? '';
	await page.getByTestId(ready).first().waitFor();
	const named = new Set([...html.matchAll(/<link href="([^"]+)" rel="(?:modulepreload|stylesheet)"/g)].map((m) => m[1]));
	const files: Loaded[] = await page.evaluate(() =>
		(performance.getEntriesByType('resource') as PerformanceResourceTiming[])
			.filter((r) => /\/_app\/.+\.(js|css)$/.test(new URL(r.name).pathname))
			.map((r) => ({ name: new URL(r.name).pathname, transferSize: r.transferSize, decodedBodySize: r.decodedBodySize }))
	);
	return { files, unnamed: files.filter((f) => !named.has(f.name)).map((f) => f.name) };
}

describe('a page opened for the first time', () => {
	for (const kind of ['producer', 'host'] as const) {
		it(`the ${kind} page loads one script and one stylesheet, both named by the page, compressed`, async () => {
			const { page, errors } = await screenPage(browser, kind);
			try {
				const show = demoTokens(app);
				const { files, unnamed } = await open(page, `/${kind}/${kind === 'host' ? show.hostToken : show.producerToken}`, 'countdown');
				expect(files.filter((f) => f.name.endsWith('.js')).length).toBe(1);
				expect(files.filter((f) => f.name.endsWith('.css')).length).toBe(1);
				expect(unnamed).toEqual([]);
				for (const file of files) expect(file.transferSize, file.name).toBeLessThan(file.decodedBodySize / 2);
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
			expect(files.map((f) => f.name.split('.').pop()).sort()).toEqual(['css', 'js']);
			expect(unnamed).toEqual([]);
		} finally {
			await context.close();
		}
	});
});
