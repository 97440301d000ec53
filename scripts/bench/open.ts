/**
 * `npm run bench:open [-- --json FILE] [--opens N]`
 *
 * Opening a device page for the first time, as a tablet does when it scans its link: from the
 * navigation's start to the page showing the show (the countdown with the server's remaining time).
 * A fresh demo database, the server started as its own process on loopback (as `npm start` runs
 * it), Debian's Chromium; each open in a new browser context (nothing cached), one at a time, N
 * times (10) for each page and network:
 *
 *   loopback  the machine itself
 *   wifi      a venue's Wi-Fi as Chromium emulates it: 30 ms round trip, 20 Mbit/s down, 10 up
 *   4g        a phone's hotspot: 60 ms round trip, 8 Mbit/s down, 3 up
 *
 * and then five pages opened at once on loopback (two producer consoles, three host screens), as
 * after a restart when everyone reloads. Per row: shown p50/p99/max ms, the bytes the page took over
 * the network (compressed, headers included), its requests, and the scripts the page did not name
 * in its HTML (found by the app after it started: each costs a round trip).
 */
import { loadavg } from 'node:os';
import type { Browser } from 'playwright-core';
import { withDemoServerAndBrowser } from './prepare';
import { eachArg, percentile, writeResult } from './process';

const NETWORKS = {
	loopback: null,
	wifi: { latency: 30, downloadThroughput: (20e6 / 8) | 0, uploadThroughput: (10e6 / 8) | 0 },
	'4g': { latency: 60, downloadThroughput: (8e6 / 8) | 0, uploadThroughput: (3e6 / 8) | 0 }
} as const;
type Network = keyof typeof NETWORKS;
type Kind = 'producer' | 'host';
const VIEWPORT: Record<Kind, { width: number; height: number }> = {
	producer: { width: 1440, height: 900 },
	host: { width: 1280, height: 800 }
};

export interface OpenRow {
	page: string;
	network: string;
	opens: number;
	p50Ms: number;
	p99Ms: number;
	maxMs: number;
	kilobytes: number;
	requests: number;
	unnamedScripts: number;
}

function parseArgs(argv: string[]) {
	const options = { json: null as string | null, opens: 10 };
	eachArg(argv, (arg, value) => {
		if (arg === '--json') options.json = value();
		else if (arg === '--opens') options.opens = Number(value());
		else throw new Error(`unknown option ${arg}: takes --json FILE and --opens N`);
	});
	if (!Number.isInteger(options.opens) || options.opens < 1) throw new Error('--opens wants a whole number of at least 1');
	return options;
}

const round = (n: number) => Math.round(n * 10) / 10;

interface Opened {
	shownMs: number;
	bytes: number;
	requests: number;
	unnamedScripts: number;
}

/** One page opened in a fresh context on `network`: when it showed the show, and what it took. */
async function openOnce(browser: Browser, url: string, kind: Kind, network: Network): Promise<Opened> {
	const context = await browser.newContext({ viewport: VIEWPORT[kind], locale: 'zh-CN', timezoneId: 'Asia/Shanghai' });
	try {
		await context.addInitScript(() => {
			localStorage.setItem('showcall.deviceNameAsked', '1');
			localStorage.setItem('showcall.sound', 'off');
			// The first moment the countdown carries the server's time: the page shows the show.
			const observer = new MutationObserver(() => {
				if (document.querySelector('[data-testid="countdown"][data-remaining-ms]')) {
					(window as unknown as { __shownAt: number }).__shownAt = performance.now();
					observer.disconnect();
				}
			});
			observer.observe(document, { subtree: true, childList: true, attributes: true });
		});
		const page = await context.newPage();
		const conditions = NETWORKS[network];
		if (conditions) {
			const cdp = await context.newCDPSession(page);
			await cdp.send('Network.enable');
			await cdp.send('Network.emulateNetworkConditions', { offline: false, ...conditions });
		}
		const response = await page.goto(url);
		const html = (await response?.text()) ?? '';
		const named = new Set([...html.matchAll(/<link href="([^"]+)" rel="modulepreload"/g)].map((m) => m[1]));
		await page.waitForFunction(() => (window as unknown as { __shownAt?: number }).__shownAt !== undefined, undefined, { timeout: 30_000 });
		return await page.evaluate((named) => {
			const nav = performance.getEntriesByType('navigation')[0] as PerformanceNavigationTiming;
			const resources = performance.getEntriesByType('resource') as PerformanceResourceTiming[];
			const scripts = resources.filter((r) => new URL(r.name).pathname.endsWith('.js'));
			return {
				shownMs: (window as unknown as { __shownAt: number }).__shownAt - nav.startTime,
				bytes: nav.transferSize + resources.reduce((sum, r) => sum + r.transferSize, 0),
				requests: 1 + resources.length,
				unnamedScripts: scripts.filter((r) => !named.includes(new URL(r.name).pathname)).length
			};
		}, [...named]);
	} finally {
		await context.close();
	}
}

function row(page: string, network: string, opened: Opened[]): OpenRow {
	const shown = opened.map((o) => o.shownMs).sort((a, b) => a - b);
	return {
		page,
		network,
		opens: opened.length,
		p50Ms: round(percentile(shown, 50)),
		p99Ms: round(percentile(shown, 99)),
		maxMs: round(shown.at(-1)!),
		kilobytes: round(percentile(opened.map((o) => o.bytes / 1024), 50)),
		requests: percentile(opened.map((o) => o.requests), 50),
		unnamedScripts: percentile(opened.map((o) => o.unnamedScripts), 50)
	};
}

async function main() {
	const options = parseArgs(process.argv.slice(2));
	await withDemoServerAndBrowser('open', async ({ base, show, browser }) => {
		const urls: Record<Kind, string> = {
			producer: `${base}/producer/${show.producerToken}`,
			host: `${base}/host/${show.hostToken}`
		};
		// Not counted: the server's first answers and Chromium's first process start.
		await openOnce(browser, urls.producer, 'producer', 'loopback');
		const rows: OpenRow[] = [];
		for (const network of Object.keys(NETWORKS) as Network[]) {
			for (const kind of ['producer', 'host'] as const) {
				const opened: Opened[] = [];
				for (let i = 0; i < options.opens; i++) opened.push(await openOnce(browser, urls[kind], kind, network));
				rows.push(row(kind, network, opened));
				console.log(`  ${kind} on ${network}: p50 ${rows.at(-1)!.p50Ms} ms (load ${loadavg()[0].toFixed(2)})`);
			}
		}
		const together: Opened[] = [];
		const five: Kind[] = ['producer', 'host', 'host', 'host', 'producer'];
		for (let i = 0; i < options.opens; i++) together.push(...(await Promise.all(five.map((kind) => openOnce(browser, urls[kind], kind, 'loopback')))));
		rows.push(row('5 pages at once', 'loopback', together));

		console.log(`\nopening a page → it shows the show, ms (load ${loadavg()[0].toFixed(2)})`);
		console.table(
			Object.fromEntries(rows.map((r) => [`${r.page} · ${r.network}`, { opens: r.opens, p50: r.p50Ms, p99: r.p99Ms, max: r.maxMs, KB: r.kilobytes, requests: r.requests, 'unnamed scripts': r.unnamedScripts }]))
		);
		writeResult(options.json, 'open', rows);
	});
}

main().catch((error) => {
	console.error(error);
	process.exit(1);
});
