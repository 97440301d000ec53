/**
 * Browser-test support for the live screens: the producer console and the host's cue cards in
 * their own browser contexts (own storage, own device), the countdown as rendered, HTTP commands
 * with the producer token, and a check that no text spills out of its box.
 */
import type { Browser, BrowserContextOptions, Page } from 'playwright-core';
import { expect } from 'vitest';
import { VIEWPORTS } from './support';

export type Locale = 'zh-CN' | 'en';

/** The demo show's links, and commands over the HTTP control API: the server tests' helpers. */
export { command, demoShow as demoTokens, type ShowHandle as ShowTokens } from '../server/live-support';

/** A page in a fresh context at a screen's target size, in a UI language, collecting page errors. */
export async function screenPage(
	browser: Browser,
	kind: 'producer' | 'host',
	options: { locale?: Locale; context?: BrowserContextOptions; askName?: boolean } = {}
): Promise<{ page: Page; errors: string[] }> {
	const context = await browser.newContext({
		viewport: kind === 'host' ? VIEWPORTS.hostTablet : VIEWPORTS.producerLaptop,
		locale: 'zh-CN',
		timezoneId: 'Asia/Shanghai',
		...(kind === 'host' ? { hasTouch: true } : {}),
		...options.context
	});
	if (options.locale === 'en') await context.addInitScript(() => localStorage.setItem('showcall.locale', 'en'));
	// A tablet that was asked its name before (the first-visit prompt has its own test).
	if (kind === 'host' && !options.askName) await context.addInitScript(() => localStorage.getItem('showcall.deviceNameAsked') ?? localStorage.setItem('showcall.deviceNameAsked', '1'));
	const page = await context.newPage();
	const errors: string[] = [];
	page.on('pageerror', (err) => errors.push(err.message));
	page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
	return { page, errors };
}

export async function openProducer(page: Page, base: string, token: string) {
	await page.goto(`${base}/producer/${token}`);
	await page.getByTestId('producer-console').waitFor();
}

export async function openHost(page: Page, base: string, token: string) {
	await page.goto(`${base}/host/${token}`);
	await page.getByTestId('host-screen').waitFor();
}

/** The countdown as a screen rendered it. */
export async function countdown(page: Page) {
	const el = page.getByTestId('countdown').first();
	const [remaining, serverNow, clientAt, phase, text] = await Promise.all([
		el.getAttribute('data-remaining-ms'),
		el.getAttribute('data-server-now'),
		el.getAttribute('data-client-at'),
		el.getAttribute('data-phase'),
		page.getByTestId('countdown-text').first().textContent()
	]);
	return { remainingMs: Number(remaining), serverNow: Number(serverNow), clientAt: Number(clientAt), phase, text: text?.trim() ?? '' };
}

/** The host's segment title (the fitted text inside its box). */
export const hostTitle = (page: Page) => page.getByTestId('segment-title-text').textContent();

/**
 * Elements under `root` whose content spills out: wider or taller than their box while not set to
 * scroll or clip, or drawn outside the root's box. Text clipped on purpose with an ellipsis
 * (`text-overflow: ellipsis`) or a line clamp is allowed.
 */
export async function overflowing(page: Page, root: string): Promise<string[]> {
	return page.evaluate((selector) => {
		const rootEl = document.querySelector(selector);
		if (!rootEl) return [`${selector} missing`];
		const bounds = rootEl.getBoundingClientRect();
		const problems: string[] = [];
		const name = (el: Element) => `${el.tagName.toLowerCase()}${el.getAttribute('data-testid') ? `[${el.getAttribute('data-testid')}]` : ''}.${[...el.classList].join('.')} "${(el.textContent ?? '').trim().slice(0, 30)}"`;
		for (const el of [rootEl, ...rootEl.querySelectorAll('*')]) {
			if (!(el instanceof HTMLElement) || el.offsetParent === null) continue;
			// Screen-reader-only text is clipped to a pixel on purpose.
			if (el.clientWidth <= 1 && el.clientHeight <= 1) continue;
			if (el.closest('details:not([open]) > :not(summary)') || el.closest('.settings .panel') || el.closest('.clock-diag .panel')) continue;
			const style = getComputedStyle(el);
			const clips = (v: string) => v === 'hidden' || v === 'auto' || v === 'scroll' || v === 'clip';
			const ellipsis = style.textOverflow === 'ellipsis' || style.webkitLineClamp !== 'none';
			if (!clips(style.overflowX) && el.scrollWidth > el.clientWidth + 1 && el.clientWidth > 0) problems.push(`wider than its box: ${name(el)}`);
			if (!clips(style.overflowY) && el.scrollHeight > el.clientHeight + 1 && el.clientHeight > 0 && style.display !== 'inline') problems.push(`taller than its box (${el.scrollHeight} > ${el.clientHeight}): ${name(el)}`);
			if (clips(style.overflowX) && !ellipsis && style.overflowX === 'hidden' && el.scrollWidth > el.clientWidth + 1) problems.push(`cut off: ${name(el)}`);
			if (clips(style.overflowY) && !ellipsis && style.overflowY === 'hidden' && el.scrollHeight > el.clientHeight + 1 && el.getAttribute('data-fits') !== null) problems.push(`cut off: ${name(el)}`);
			const r = el.getBoundingClientRect();
			if (r.width && r.height && (r.left < bounds.left - 1 || r.right > bounds.right + 1 || r.top < bounds.top - 1 || r.bottom > bounds.bottom + 1)) {
				// Inside a scrolling box, content below the fold is fine.
				let scroller: HTMLElement | null = el.parentElement;
				while (scroller && scroller !== rootEl && !['auto', 'scroll'].includes(getComputedStyle(scroller).overflowY)) scroller = scroller.parentElement;
				if (!scroller || scroller === rootEl) problems.push(`outside ${selector}: ${name(el)}`);
			}
		}
		return problems;
	}, root);
}
