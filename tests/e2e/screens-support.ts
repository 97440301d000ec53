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

/**
 * WCAG contrast of the countdown's digits (`[data-testid=countdown-text]`, or `target`, inside `scope`) against
 * what is actually behind them, as computed now: the text colour (its alpha and the opacity of
 * every box up to the background folded in) over the first opaque background up the ancestors,
 * with translucent backgrounds composited on the way. A gradient counts by its worst colour stop.
 */
export async function countdownContrast(page: Page, scope = '[data-testid="host-screen"]', target = '[data-testid="countdown-text"]'): Promise<number> {
	return page.evaluate(([scopeSelector, targetSelector]) => {
		type Rgba = [number, number, number, number];
		const el = document.querySelector(`${scopeSelector} ${targetSelector}`);
		if (!el) throw new Error(`no ${targetSelector} in ${scopeSelector}`);
		const colours = (value: string): Rgba[] => {
			const found: Rgba[] = [];
			for (const m of value.matchAll(/rgba?\(([^)]+)\)|color\(srgb ([^)]+)\)/g)) {
				const parts = (m[1] ?? m[2]).split(/[\s,/]+/).filter(Boolean).map(Number);
				const [r, g, b] = m[1] ? parts : parts.slice(0, 3).map((v) => v * 255);
				found.push([r, g, b, parts[3] ?? 1]);
			}
			return found;
		};
		const over = (top: Rgba, under: Rgba): Rgba => [0, 1, 2].map((i) => top[i] * top[3] + under[i] * (1 - top[3])).concat(1) as Rgba;
		// Backgrounds from the text down to the first opaque one.
		const layers: Rgba[][] = [];
		let textAlpha = colours(getComputedStyle(el).color)[0][3];
		for (let node: Element | null = el; node; node = node.parentElement) {
			const style = getComputedStyle(node);
			const gradient = colours(style.backgroundImage);
			const colour = colours(style.backgroundColor)[0] ?? [0, 0, 0, 0];
			if (gradient.length) {
				layers.push(gradient.map((c) => [c[0], c[1], c[2], 1]));
				break;
			}
			if (colour[3] > 0) layers.push([colour]);
			if (colour[3] >= 1) break;
			textAlpha *= Number(style.opacity);
		}
		let backs: Rgba[] = [[255, 255, 255, 1]];
		for (const layer of layers.reverse()) backs = layer.flatMap((top) => backs.map((under) => over(top, under)));
		const text = colours(getComputedStyle(el).color)[0];
		const luminance = ([r, g, b]: Rgba) => {
			const lin = (v: number) => ((v /= 255) <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4);
			return 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
		};
		return Math.min(
			...backs.map((back) => {
				const fg = over([text[0], text[1], text[2], textAlpha], back);
				const [a, b] = [luminance(fg), luminance(back)].sort((x, y) => y - x);
				return (a + 0.05) / (b + 0.05);
			})
		);
	}, [scope, target]);
}

/** Animations running on the countdown's digits or any box behind them that change colour, opacity or background. */
export async function digitAnimations(page: Page, scope = '[data-testid="host-screen"]'): Promise<string[]> {
	return page.evaluate((scopeSelector) => {
		const el = document.querySelector(`${scopeSelector} [data-testid="countdown-text"]`);
		const found: string[] = [];
		const touches = /^(opacity|color|background|backgroundColor|backgroundImage|filter|visibility)$/;
		for (let node: Element | null = el; node; node = node.parentElement) {
			for (const animation of node.getAnimations()) {
				const frames = (animation.effect as KeyframeEffect | null)?.getKeyframes() ?? [];
				const props = new Set(frames.flatMap((f) => Object.keys(f)).filter((k) => touches.test(k)));
				if (props.size) found.push(`${node.tagName.toLowerCase()}.${[...node.classList].join('.')}: ${(animation as CSSAnimation).animationName ?? ''} ${[...props].join(',')}`);
			}
		}
		return found;
	}, scope);
}

/**
 * Of the elements matched by each `[data-testid=…]` given, those not wholly inside the viewport
 * (or not rendered at all); `?` after an id makes it optional (absent is fine, outside is not).
 */
export async function outsideViewport(page: Page, testids: string[]): Promise<string[]> {
	return page.evaluate((ids) => {
		const out: string[] = [];
		for (const spec of ids) {
			const optional = spec.endsWith('?');
			const id = spec.replace(/\?$/, '');
			const els = [...document.querySelectorAll(`[data-testid="${id}"]`)];
			if (!els.length && !optional) out.push(`${id}: missing`);
			for (const el of els) {
				const r = el.getBoundingClientRect();
				if (r.width === 0 || r.height === 0) out.push(`${id}: not rendered`);
				else if (r.left < -0.5 || r.top < -0.5 || r.right > innerWidth + 0.5 || r.bottom > innerHeight + 0.5) {
					out.push(`${id}: ${Math.round(r.left)},${Math.round(r.top)}–${Math.round(r.right)},${Math.round(r.bottom)} outside ${innerWidth}×${innerHeight}`);
				}
			}
		}
		return out;
	}, testids);
}

/** The page's own scroll extent beyond the viewport, px (0 when it does not scroll). */
export async function pageScroll(page: Page): Promise<{ x: number; y: number }> {
	return page.evaluate(() => {
		const root = document.scrollingElement ?? document.documentElement;
		return { x: Math.max(0, root.scrollWidth - innerWidth), y: Math.max(0, root.scrollHeight - innerHeight) };
	});
}

/**
 * The table cells (th and td) under `root` whose text is squeezed, measured on the page, as
 * `overflowing` cannot see it (use both: that one finds what is wider than its box, text cut off
 * included): a cell drawn past the edge of the box that scrolls or clips it sideways (the table
 * wider than its card); a Latin word or number broken across lines; a run of Chinese of up to 4
 * characters on more than one line, or a longer one on more lines than one for every 4 characters
 * (限时秒/杀：热/干面 is squeezed, 限时秒杀：/热干面 is not).
 */
export async function squeezedCells(page: Page, root: string): Promise<string[]> {
	return page.evaluate((selector) => {
		const rootEl = document.querySelector(selector);
		if (!rootEl) return [`${selector} missing`];
		const cells = [...rootEl.querySelectorAll('th, td')].filter((c): c is HTMLElement => c instanceof HTMLElement && c.getClientRects().length > 0);
		if (!cells.length) return [`${selector}: no table cells`];
		const problems: string[] = [];
		const text = (el: Element) => (el.textContent ?? '').trim().replace(/\s+/g, ' ').slice(0, 40);
		const name = (el: Element) => `${el.tagName.toLowerCase()}${el.classList.length ? `.${[...el.classList].join('.')}` : ''} "${text(el)}"`;
		const han = /[\p{Script=Han}\u3000-\u303f\uff00-\uffef]/u;
		for (const cell of cells) {
			// The nearest box that scrolls or clips the cell sideways must show all of it.
			let box = cell.parentElement;
			while (box && box !== document.body && getComputedStyle(box).overflowX === 'visible') box = box.parentElement;
			if (box) {
				const b = box.getBoundingClientRect();
				const left = b.left + box.clientLeft;
				const r = cell.getBoundingClientRect();
				if (r.left < left - 1 || r.right > left + box.clientWidth + 1) problems.push(`past the edge of ${box.tagName.toLowerCase()}.${[...box.classList].join('.')} (${Math.round(r.left)}–${Math.round(r.right)} outside ${Math.round(left)}–${Math.round(left + box.clientWidth)}): ${name(cell)}`);
			}
			// Lines each word takes, from where its characters are drawn.
			const walker = document.createTreeWalker(cell, NodeFilter.SHOW_TEXT);
			for (let node = walker.nextNode(); node; node = walker.nextNode()) {
				const value = node.nodeValue ?? '';
				for (const match of value.matchAll(/\S+/g)) {
					const word = match[0];
					let lines = 0;
					let last: DOMRect | null = null;
					for (let i = 0; i < word.length; i++) {
						const range = document.createRange();
						range.setStart(node, match.index + i);
						range.setEnd(node, match.index + i + 1);
						const rect = range.getClientRects()[0];
						if (!rect || !rect.height) continue;
						if (!last || rect.top > last.top + last.height / 2) lines++;
						last = rect;
					}
					const chinese = han.test(word);
					const allowed = chinese ? Math.max(1, Math.ceil([...word].length / 4)) : 1;
					if (lines > allowed) problems.push(`"${word}" on ${lines} lines (at most ${allowed}): ${name(cell)}`);
				}
			}
		}
		return problems;
	}, root);
}
