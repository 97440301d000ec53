/**
 * How the live screens look and behave at their target sizes: screenshots of the producer console
 * (1440×900) and the host's cue cards (1280×800) in Chinese and English; no text out of its box
 * with the longest demo script (and a far longer one, which scrolls inside its box); a dead or
 * replaced link shows a plain message; the host tablet remembers its link for the installed app;
 * the manifest and icons; the link's secret never in the page title.
 */
import type { FastifyInstance } from 'fastify';
import { PNG } from 'pngjs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { signIn } from '../server/support';
import { launchBrowser, screenshot, signInAs, startApp } from './support';
import { command, demoTokens, hostTitle, openHost, openProducer, overflowing, screenPage, type Locale, type ShowTokens } from './screens-support';

let browser: Browser;
let app: FastifyInstance;
let base: string;
let show: ShowTokens;

beforeAll(async () => {
	browser = await launchBrowser();
	({ app, base } = await startApp());
	show = demoTokens(app);
});
afterAll(async () => {
	await browser?.close();
	await app?.close();
});

/** The demo show's segments, and the one with the longest host script. */
function sheet() {
	const segments = app.deps.repos.shows.get(show.showId)!.segments;
	const longest = [...segments].sort((a, b) => b.script.length - a.script.length)[0];
	return { segments, longest };
}

/** Back to ready: ends and resets a rehearsal under way. */
async function resetRun() {
	const state = (await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${show.producerToken}` } })).json() as { status: string };
	if (state.status === 'live' || state.status === 'paused') await command(app, show.producerToken, 'end');
	if (state.status !== 'ready') await command(app, show.producerToken, 'reset');
}

/** Puts `id` on air (starting a rehearsal first when the show is ready). */
async function gotoSegment(id: string) {
	const state = (await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${show.producerToken}` } })).json() as { status: string; segmentId: string | null };
	if (state.status === 'ready') await command(app, show.producerToken, 'start', { mode: 'rehearsal' });
	if (state.segmentId !== id) await command(app, show.producerToken, 'goto', { segmentId: id });
}

async function expectNoOverflow(page: Page, root: string) {
	expect(await overflowing(page, root)).toEqual([]);
}

describe('the screens at their target sizes, in Chinese and English', () => {
	it.each<[Locale, string]>([
		['zh-CN', 'zh'],
		['en', 'en']
	])('%s: producer console mid-show and host cue cards on a product and on the longest script', async (locale, tag) => {
		const producer = await screenPage(browser, 'producer', { locale });
		const host = await screenPage(browser, 'host', { locale });
		try {
			await resetRun();
			await openProducer(producer.page, base, show.producerToken);
			await openHost(host.page, base, show.hostToken);
			await expect.poll(() => host.page.getByTestId('host-screen').getAttribute('data-status')).toBe('ready');
			await screenshot(host.page, `host-ready-${tag}`);
			await expectNoOverflow(host.page, '[data-testid="host-screen"]');

			const { segments, longest } = sheet();

			// The longest script of the demo fits its box: the text shrinks, it never spills or scrolls.
			await gotoSegment(longest.id);
			await expect.poll(() => hostTitle(host.page)).toBe(longest.title);
			const script = host.page.getByTestId('script-text');
			await expect.poll(() => script.getAttribute('data-fits')).toBe('true');
			expect(await script.evaluate((el) => el.scrollHeight <= el.clientHeight + 1)).toBe(true);
			expect(Number(await script.getAttribute('data-font-size'))).toBeGreaterThanOrEqual(22);
			await expectNoOverflow(host.page, '[data-testid="host-screen"]');
			await screenshot(host.page, `host-longest-script-${tag}`);

			// A product slot, with live stock and a message waiting on the producer's side.
			const tea = segments.find((s) => s.productId !== null && s.cues.length)!;
			await gotoSegment(tea.id);
			await command(app, show.producerToken, 'set-stock', { productId: tea.productId, stock: 80 });
			await command(app, show.producerToken, 'add-time', { deltaMs: 60_000 });
			await expect.poll(() => host.page.getByTestId('stock-left').textContent()).toBe(locale === 'en' ? 'Only 80 left' : '仅剩 80 件');
			await expect.poll(() => hostTitle(host.page)).toBe(tea.title);
			await expectNoOverflow(host.page, '[data-testid="host-screen"]');
			await screenshot(host.page, `host-${tag}`);

			await producer.page.getByTestId('message-input').fill(locale === 'en' ? 'Closer to the camera, please' : '靠近镜头一点');
			await producer.page.getByTestId('message-send').click();
			await host.page.getByTestId('message-overlay').waitFor();
			await producer.page.getByTestId('message-waiting').first().waitFor();
			await expect.poll(() => producer.page.getByTestId('onair-title').textContent()).toBe(tea.title);
			await expectNoOverflow(producer.page, '[data-testid="producer-console"]');
			await screenshot(producer.page, `producer-${tag}`);
			await host.page.getByTestId('message-overlay').tap();
			await host.page.getByTestId('message-overlay').waitFor({ state: 'detached' });

			// The console's own words in the language chosen.
			const text = await producer.page.getByTestId('producer-console').textContent();
			if (locale === 'en') {
				expect(text).toContain('Run-sheet');
				expect(text).toContain('Message the hosts');
			} else {
				expect(text).toContain('流程单');
				expect(text).toContain('给主播的消息');
			}
			expect(producer.errors).toEqual([]);
			expect(host.errors).toEqual([]);
		} finally {
			await producer.page.context().close();
			await host.page.context().close();
		}
	});

	it('a script far longer than the box scrolls inside it, smoothly, and nothing spills', async () => {
		const cookie = await signIn(app);
		const current = app.deps.repos.shows.get(show.showId)!;
		const { longest } = sheet();
		const long = Array.from({ length: 14 }, (_, i) => `第${i + 1}段：${longest.script.replace(/\n/g, '')}`).join('\n').slice(0, 5000);
		const segments = current.segments.map((s) => (s.id === longest.id ? { ...s, script: long } : s));
		const patched = await app.inject({ method: 'PATCH', url: `/api/shows/${show.showId}`, headers: { cookie }, payload: { expectedVersion: current.version, segments } });
		expect(patched.statusCode, patched.body).toBe(200);

		const host = await screenPage(browser, 'host');
		try {
			await openHost(host.page, base, show.hostToken);
			await gotoSegment(longest.id);
			await expect.poll(() => hostTitle(host.page)).toBe(longest.title);
			const script = host.page.getByTestId('script-text');
			await expect.poll(() => script.getAttribute('data-fits')).toBe('false');
			const box = await script.evaluate((el) => ({ overflowY: getComputedStyle(el).overflowY, scrolls: el.scrollHeight > el.clientHeight, fontSize: Number(getComputedStyle(el).fontSize.replace('px', '')) }));
			expect(box).toEqual({ overflowY: 'auto', scrolls: true, fontSize: 22 });
			// It follows the segment's progress: at the top as the segment opens, near the end once
			// most of the time is gone (the segment cut to a few seconds, then run out).
			const scrolled = () => script.evaluate((el) => el.scrollTop / (el.scrollHeight - el.clientHeight));
			expect(await scrolled()).toBeLessThan(0.1);
			await command(app, show.producerToken, 'add-time', { deltaMs: -(longest.durationSec * 1000 - 3000) });
			await expect.poll(scrolled, { timeout: 10_000 }).toBeGreaterThan(0.9);
			// The box stays inside the screen.
			const rect = await script.boundingBox();
			expect(rect!.y + rect!.height).toBeLessThanOrEqual(800);
			await expectNoOverflow(host.page, '[data-testid="host-screen"]');
			await screenshot(host.page, 'host-very-long-script-zh');
		} finally {
			await host.page.context().close();
			const now = app.deps.repos.shows.get(show.showId)!;
			await app.inject({ method: 'PATCH', url: `/api/shows/${show.showId}`, headers: { cookie }, payload: { expectedVersion: now.version, segments: current.segments } });
		}
	});
});

describe('opening a screen', () => {
	it('a bad link shows a plain message to ask the coordinator, in Chinese and English, never a broken page', async () => {
		const { page, errors } = await screenPage(browser, 'host');
		try {
			await page.goto(`${base}/host/${'x'.repeat(32)}`);
			const message = page.getByTestId('dead-link-message');
			await expect.poll(() => message.textContent()).toContain('请向统筹索取新的链接或二维码');
			await page.getByTestId('lang-switch').click();
			await expect.poll(() => message.textContent()).toContain('Ask the coordinator for the new link or QR code');
			await screenshot(page, 'host-dead-link-en');
			await page.goto(`${base}/producer/not a token`);
			await expect.poll(() => page.getByTestId('dead-link').getAttribute('data-code')).toBe('INVALID_TOKEN');
			expect(errors).toEqual([]);
		} finally {
			await page.context().close();
		}
	});

	it('a link replaced while open says so; the tablet remembers its link for the installed app and forgets a dead one', async () => {
		const cookie = await signIn(app);
		const { page, errors } = await screenPage(browser, 'host');
		try {
			// Before any link, /host explains how to open one.
			await page.goto(`${base}/host`);
			await expect.poll(() => page.getByTestId('dead-link').getAttribute('data-code')).toBe('none');
			await openHost(page, base, show.hostToken);
			expect(await page.title()).not.toContain(show.hostToken);
			expect(await page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');
			// The installed app starts at /host and lands on the show.
			await page.goto(`${base}/host`);
			await page.waitForURL(`${base}/host/${show.hostToken}`);
			await page.getByTestId('host-screen').waitFor();

			const rotated = await app.inject({ method: 'POST', url: `/api/shows/${show.showId}/links/host/rotate`, headers: { cookie } });
			expect(rotated.statusCode, rotated.body).toBe(200);
			await expect.poll(() => page.getByTestId('dead-link').getAttribute('data-code')).toBe('TOKEN_ROTATED');
			expect(await page.getByTestId('dead-link-message').textContent()).toContain('统筹刚刚更换了这个链接');
			await screenshot(page, 'host-link-replaced-zh');
			await page.goto(`${base}/host`);
			await expect.poll(() => page.getByTestId('dead-link').getAttribute('data-code')).toBe('none');
			expect(errors).toEqual([]);
		} finally {
			show = demoTokens(app);
			await page.context().close();
		}
	});

	it('never puts the producer link in the title, and keeps the coordinator view free of controls', async () => {
		const producer = await screenPage(browser, 'producer');
		const coordinator = await screenPage(browser, 'producer');
		try {
			await openProducer(producer.page, base, show.producerToken);
			expect(await producer.page.title()).toMatch(/^场控台 · /);
			expect(await producer.page.title()).not.toContain(show.producerToken);
			expect(await producer.page.locator('meta[name="referrer"]').getAttribute('content')).toBe('no-referrer');

			await signInAs(coordinator.page, base);
			await coordinator.page.goto(`${base}/shows/${show.showId}/live`);
			await coordinator.page.getByTestId('live-runsheet').waitFor();
			expect(await coordinator.page.getByTestId('controls').count()).toBe(0);
			expect(await coordinator.page.getByTestId('run-controls').count()).toBe(0);
			expect(await coordinator.page.locator('a[href*="/producer/"]').count()).toBe(0);
			expect(await coordinator.page.locator('button[data-testid^="goto-"]').count()).toBe(0);
		} finally {
			await producer.page.context().close();
			await coordinator.page.context().close();
		}
	});
});

describe('installing the host view on a tablet', () => {
	it('serves a manifest that opens /host fullscreen, with PNG icons of the sizes it names', async () => {
		const manifest = await app.inject({ method: 'GET', url: '/manifest.webmanifest' });
		expect(manifest.statusCode).toBe(200);
		const body = manifest.json() as { start_url: string; display: string; theme_color: string; icons: { src: string; sizes: string; purpose: string }[] };
		expect(body).toMatchObject({ start_url: '/host', display: 'fullscreen', theme_color: '#c8161d' });
		expect(body.icons.map((i) => `${i.sizes} ${i.purpose}`)).toEqual(['192x192 any', '512x512 any', '512x512 maskable']);
		for (const icon of [...body.icons, { src: '/icons/apple-touch-icon.png', sizes: '180x180' }]) {
			const res = await app.inject({ method: 'GET', url: icon.src });
			expect(res.statusCode, icon.src).toBe(200);
			expect(res.headers['content-type']).toBe('image/png');
			const png = PNG.sync.read(res.rawPayload);
			expect(`${png.width}x${png.height}`).toBe(icon.sizes);
		}
	});

	it('keeps the screen awake with a muted video where the Wake Lock API is missing (plain http on a LAN)', async () => {
		const { page, errors } = await screenPage(browser, 'host');
		try {
			await page.context().addInitScript(() => delete (Navigator.prototype as { wakeLock?: unknown }).wakeLock);
			await openHost(page, base, show.hostToken);
			await expect.poll(() => page.getByTestId('wake-status').getAttribute('data-state')).toBe('fallback');
			const video = page.getByTestId('wake-video');
			await expect.poll(() => video.evaluate((v: HTMLVideoElement) => ({ muted: v.muted, loop: v.loop, playing: !v.paused }))).toEqual({ muted: true, loop: true, playing: true });
			expect(errors).toEqual([]);
		} finally {
			await page.context().close();
		}
	});

	it('links the manifest from the host page, keeps the screen awake and turns sound on with one tap', async () => {
		const { page, errors } = await screenPage(browser, 'host');
		try {
			await openHost(page, base, show.hostToken);
			expect(await page.locator('link[rel="manifest"]').getAttribute('href')).toBe('/manifest.webmanifest');
			// (A message left by an earlier test would cover the screen: acknowledge it.)
			if (await page.getByTestId('message-overlay').count()) {
				await page.getByTestId('message-overlay').tap();
				await page.getByTestId('message-overlay').waitFor({ state: 'detached' });
			}
			// localhost is a secure context: the Screen Wake Lock API (or, where refused, the video fallback).
			await expect.poll(() => page.getByTestId('wake-status').getAttribute('data-state')).toMatch(/^(on|fallback)$/);
			await page.getByTestId('sound-toggle').tap();
			await expect.poll(() => page.getByTestId('sound-toggle').getAttribute('aria-pressed')).toBe('true');
			expect(Number(await page.getByTestId('sound-toggle').getAttribute('data-played'))).toBe(1);
			expect(errors).toEqual([]);
		} finally {
			await page.context().close();
		}
	});
});
