/**
 * Draws the web-app icons into static/icons/ from the Showcall mark (the same drawing as
 * static/favicon.svg), rendered by Debian's Chromium: `any` icons at 192 and 512 px on a
 * transparent ground, a maskable 512 px icon (full-bleed red, the mark inside the safe circle) and
 * the 180 px apple-touch-icon (opaque). The PNGs are committed; run this after changing the mark:
 *
 *   npx tsx scripts/make-icons.ts
 */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const OUT = new URL('../static/icons/', import.meta.url).pathname;

/** The mark on a 64-unit grid (favicon.svg). */
const MARK = (card: string, header: string, stripes: string, clock: string) => `
	<rect x="4" y="10" width="56" height="46" rx="9" fill="${card}"/>
	<rect x="4" y="10" width="56" height="12" rx="6" fill="${header}"/>
	<path d="M14 10l6 12M28 10l6 12M42 10l6 12" stroke="${stripes}" stroke-width="4"/>
	<circle cx="32" cy="40" r="11" fill="none" stroke="${clock}" stroke-width="4"/>
	<path d="M32 33v7l5 3" stroke="${clock}" stroke-width="4" stroke-linecap="round" fill="none"/>`;

const ICONS: { file: string; size: number; svg: string }[] = [
	// The mark alone, centred (its box is 56 × 46 units from y = 10).
	...[192, 512].map((size) => ({
		file: `icon-${size}.png`,
		size,
		svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="2 1 60 60" width="${size}" height="${size}">${MARK('#c8161d', '#9b0f15', '#f6c453', '#fff')}</svg>`
	})),
	{
		// Full bleed; the mark within the central 80 % circle that every mask keeps.
		file: 'icon-maskable-512.png',
		size: 512,
		svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 512 512" width="512" height="512"><rect width="512" height="512" fill="#c8161d"/><g transform="translate(256 262) scale(4.6) translate(-32 -33)">${MARK('#fff7ec', '#9b0f15', '#f6c453', '#c8161d')}</g></svg>`
	},
	{
		file: 'apple-touch-icon.png',
		size: 180,
		svg: `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 180 180" width="180" height="180"><rect width="180" height="180" fill="#f6f2ec"/><g transform="translate(90 92) scale(2.3) translate(-32 -33)">${MARK('#c8161d', '#9b0f15', '#f6c453', '#fff')}</g></svg>`
	}
];

async function main() {
	mkdirSync(OUT, { recursive: true });
	const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--no-sandbox', '--disable-gpu'] });
	try {
		for (const icon of ICONS) {
			const page = await browser.newPage({ viewport: { width: icon.size, height: icon.size } });
			await page.setContent(`<!doctype html><html><body style="margin:0;background:transparent">${icon.svg}</body></html>`);
			await page.screenshot({ path: join(OUT, icon.file), omitBackground: true, clip: { x: 0, y: 0, width: icon.size, height: icon.size } });
			await page.close();
			console.log(`static/icons/${icon.file}`);
		}
	} finally {
		await browser.close();
	}
}

await main();
