/**
 * `npm run bench:keys [-- --json FILE] [--presses N]`
 *
 * Key to pixels: how long from the producer's key press to the host tablet's page showing the
 * result. A fresh demo database, the server started as its own process on loopback (as `npm start`
 * runs it), Debian's Chromium with the producer console and the host's cue cards in two contexts of
 * one browser, so both pages read the same clock (performance.timeOrigin + performance.now()).
 *
 * The producer page stamps each keydown (the event's own timeStamp); the host page stamps the first
 * DOM mutation after which its page shows the result (a MutationObserver checking the action's
 * condition: the new segment title, the countdown a minute longer, the paused state, the flash-sale
 * overlay there or gone). For each of next, previous, add time, pause and flash sale: N presses
 * (100), one at a time (the next 150 ms after the producer's own screen has settled: a person's
 * pace, within the server's 10 events a second per screen), and p50/p99/max.
 */
import { writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import type { Page } from 'playwright-core';
import { z } from 'zod';
import { withDemoServerAndBrowser } from './prepare';
import { eachArg, percentile, writeResult } from './process';

type Action = 'next' | 'previous' | 'add time' | 'pause' | 'flash sale';
const ACTIONS: Action[] = ['next', 'previous', 'add time', 'pause', 'flash sale'];
/** Between presses, ms. */
const GAP_MS = 150;

interface Row {
	action: Action;
	presses: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
}

function parseArgs(argv: string[]) {
	const options = { json: null as string | null, presses: 100, profile: null as string | null };
	eachArg(argv, (arg, value) => {
		if (arg === '--json') options.json = value();
		else if (arg === '--presses') options.presses = Number(value());
		else if (arg === '--profile') options.profile = value();
		else throw new Error(`unknown option ${arg}: takes --json FILE, --presses N and --profile DIR`);
	});
	if (!Number.isInteger(options.presses) || options.presses < 1) throw new Error('--presses wants a whole number');
	return options;
}

const round = (n: number) => Math.round(n * 10) / 10;

/** Host page: the time (shared clock) of the first mutation after which `condition` holds. */
declare global {
	interface Window {
		__keyAt?: number;
		__armed?: { check: () => boolean; at: number | null };
	}
}

/** The condition, evaluated in the host page, that shows an action's result. */
function arm(host: Page, action: Action, expect: { paused?: boolean; overlay?: boolean }) {
	return host.evaluate(
		({ action, expect }) => {
			const q = (id: string) => document.querySelector(`[data-testid="${id}"]`);
			const remaining = () => Number(q('countdown')?.getAttribute('data-remaining-ms') ?? NaN);
			const title = () => q('segment-title-text')?.textContent?.trim();
			const before = remaining();
			const titleBefore = title();
			const checks: Record<string, () => boolean> = {
				next: () => title() !== titleBefore,
				previous: () => title() !== titleBefore,
				'add time': () => remaining() - before > 50_000,
				pause: () => (q('host-screen')?.getAttribute('data-status') === 'paused') === expect.paused,
				'flash sale': () => !!q('flash-sale-overlay') === expect.overlay
			};
			window.__armed = { check: checks[action], at: null };
		},
		{ action, expect }
	);
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	await withDemoServerAndBrowser('keys', async ({ base, show, browser }) => {
		const context = (viewport: { width: number; height: number }) =>
			browser.newContext({ viewport, locale: 'zh-CN', timezoneId: 'Asia/Shanghai' }).then(async (c) => {
				// tsx keeps function names with a helper the page lacks: give the page one.
				await c.addInitScript('globalThis.__name = (f) => f;');
				await c.addInitScript(() => {
					localStorage.setItem('showcall.deviceNameAsked', '1');
					localStorage.setItem('showcall.sound', 'off');
				});
				return c.newPage();
			});
		const producer = await context({ width: 1440, height: 900 });
		const host = await context({ width: 1280, height: 800 });
		await producer.goto(`${base}/producer/${show.producerToken}`);
		await producer.getByTestId('producer-console').waitFor();
		await host.goto(`${base}/host/${show.hostToken}`);
		await host.getByTestId('host-screen').waitFor();

		// Stamps: the producer's keydown, the host's DOM showing the result.
		await producer.evaluate(() => window.addEventListener('keydown', (e) => (window.__keyAt = performance.timeOrigin + e.timeStamp), true));
		await host.evaluate(() => {
			new MutationObserver(() => {
				const armed = window.__armed;
				if (armed && armed.at === null && armed.check()) armed.at = performance.timeOrigin + performance.now();
			}).observe(document.body, { subtree: true, childList: true, attributes: true, characterData: true });
		});

		const settled = () => producer.waitForFunction(() => !(document.querySelector('[data-testid="ctl-pause"]') as HTMLButtonElement | null)?.disabled);
		const press = async (key: string, action: Action, expect: Parameters<typeof arm>[2]): Promise<number> => {
			await arm(host, action, expect);
			await producer.keyboard.press(key);
			const handle = await host.waitForFunction(() => window.__armed?.at ?? null, null, { timeout: 2_500 }).catch(async (error) => {
				const toast = await producer.getByTestId('toast').allTextContents();
				const state = await host.evaluate(() => document.querySelector('[data-testid="countdown"]')?.getAttribute('data-remaining-ms'));
				throw new Error(`${action} (${key}) never showed on the host; producer toasts: ${toast.join(' / ') || 'none'}; host: ${state}`, { cause: error });
			});
			const shownAt = z.number().parse(await handle.jsonValue());
			const keyAt = await producer.evaluate(() => window.__keyAt!);
			await settled();
			// A person's pace, and under the server's limit of 10 events a second per screen.
			await producer.waitForTimeout(GAP_MS);
			return shownAt - keyAt;
		};

		// Start a rehearsal on the keyboard, then go to the segment before the flash sale's.
		await producer.keyboard.press('Space');
		await producer.getByTestId('dialog-rehearsal').waitFor();
		await producer.getByTestId('dialog-rehearsal').click();
		await producer.waitForFunction(() => document.querySelector('[data-testid="console-dialog"]')?.getAttribute('data-kind') === '');
		await settled();

		const samples: Record<Action, number[]> = { next: [], previous: [], 'add time': [], pause: [], 'flash sale': [] };
		// --profile DIR: CPU profiles of both pages over the measured presses (open in Chrome DevTools).
		const profilers = options.profile ? await Promise.all([producer, host].map((p) => p.context().newCDPSession(p))) : [];
		for (const cdp of profilers) {
			await cdp.send('Profiler.enable');
			await cdp.send('Profiler.setSamplingInterval', { interval: 100 });
			await cdp.send('Profiler.start');
		}
		// Warm up both pages (JIT, first renders) with a few presses not counted.
		for (let i = 0; i < 3; i++) {
			await press('ArrowRight', 'next', {});
			await press('ArrowLeft', 'previous', {});
		}
		for (let i = 0; i < options.presses; i++) {
			samples.next.push(await press('ArrowRight', 'next', {}));
			samples.previous.push(await press('ArrowLeft', 'previous', {}));
		}
		for (let i = 0; i < options.presses; i++) samples['add time'].push(await press('+', 'add time', {}));
		for (let i = 0; i < options.presses; i++) samples.pause.push(await press('p', 'pause', { paused: i % 2 === 0 }));
		if ((await host.getByTestId('host-screen').getAttribute('data-status')) === 'paused') await press('p', 'pause', { paused: false });
		// The flash-sale segment: jump there with J (the console asks), then F starts and stops the sale.
		const sale = await producer.evaluate(() => {
			const rows = [...document.querySelectorAll('[data-testid^="goto-"]')];
			const row = rows.find((r) => r.closest('tr')?.textContent?.includes('秒杀'));
			return row?.getAttribute('data-testid')?.slice('goto-'.length) ?? null;
		});
		if (!sale) throw new Error('the demo show has no flash-sale segment');
		await producer.keyboard.press('j');
		await producer.getByTestId(`jump-${sale}`).focus();
		await producer.keyboard.press('Enter');
		await producer.getByTestId('dialog-confirm').waitFor();
		await producer.keyboard.press('Enter');
		await producer.waitForFunction(() => document.querySelector('[data-testid="console-dialog"]')?.getAttribute('data-kind') === '');
		await settled();
		for (let i = 0; i < options.presses; i++) samples['flash sale'].push(await press('f', 'flash sale', { overlay: i % 2 === 0 }));

		for (const [i, cdp] of profilers.entries()) {
			const { profile } = await cdp.send('Profiler.stop');
			writeFileSync(join(options.profile!, `keys-${i === 0 ? 'producer' : 'host'}.cpuprofile`), JSON.stringify(profile));
		}
		const rows: Row[] = ACTIONS.map((action) => {
			const sorted = [...samples[action]].sort((a, b) => a - b);
			return { action, presses: sorted.length, p50Ms: round(percentile(sorted, 50)), p99Ms: round(percentile(sorted, 99)), maxMs: round(sorted.at(-1)!) };
		});
		console.log(`\nkey → host page showing the result, ms (load ${loadavg()[0].toFixed(2)})`);
		console.table(Object.fromEntries(rows.map((r) => [r.action, { presses: r.presses, p50: r.p50Ms, p99: r.p99Ms, max: r.maxMs }])));
		writeResult(options.json, 'keys', rows);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
