/**
 * Fresh screens after a restart: the real server process on a file database (the crash suite's
 * ServerProcess), a show brought to a moment (an alert just raised, a message to the host, a flash
 * sale just started, a pause), the process killed (SIGKILL) or stopped (SIGTERM) and started again,
 * then a *new* producer page, host page, recorder page, coordinator watch page and monitoring wall opened in Chromium, one after another. Each must
 * show the server's segment and countdown within 3 s, with no page error. Shared by the browser
 * test (tests/e2e/restart-fresh.test.ts) and the reliability suite (its long profile repeats it).
 */
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { LiveSheetPayload, LiveWireSnapshot } from '../../src/lib/contract/live';
import { freePort, ROOT, ServerProcess, tempDir } from '../reliability/support/server-process';
import { launchBrowser, signInAs, VIEWPORTS } from './support';

export const RESTART_SIGNALS = ['SIGKILL', 'SIGTERM'] as const;
export type RestartSignal = (typeof RESTART_SIGNALS)[number];
export const RESTART_MOMENTS = ['alert', 'message', 'flash-sale', 'pause'] as const;
export type RestartMoment = (typeof RESTART_MOMENTS)[number];
export const SCREEN_KINDS = ['producer', 'host', 'watch', 'recorder', 'wall'] as const;
export type ScreenKind = (typeof SCREEN_KINDS)[number];

/** A fresh screen must show the show within this long of being opened. */
export const FRESH_SCREEN_BUDGET_MS = 3_000;
/** A rendered countdown may differ from the server's by a tick and a little. */
const COUNTDOWN_TOLERANCE_MS = 1_500;
const MESSAGE = '重启后请看这条消息';
/** A figure the recorder entered before every restart: a fresh recorder page lists it. */
const FIGURE_LINE = '在线 4321';

export interface FreshScreen {
	kind: ScreenKind;
	/** From opening the page to showing the right segment and countdown, ms; null when it did not within the budget. */
	shownMs: number | null;
	/** What it showed last (for a failure message). */
	seen: Rendered | null;
	/** The moment's own sign (the alert, the message, the sale, the pause) was shown. */
	momentShown: boolean;
	errors: string[];
}

interface Rendered {
	title: string | null;
	remainingMs: number | null;
	serverNow: number | null;
	status: string | null;
	text: string;
}

/** Builds the UI when it is missing or stale (the e2e global setup does the same). */
export function buildUi() {
	const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: ROOT, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('building the UI failed');
}

export class FreshScreensRig {
	readonly server: ServerProcess;
	readonly #dir: { path: string; remove(): void };
	#browser: Browser | null = null;
	#contexts: Partial<Record<ScreenKind, BrowserContext>> = {};
	#show: { showId: number; producerToken: string; hostToken: string; recorderToken: string } | null = null;

	private constructor(port: number) {
		this.#dir = tempDir('showcall-fresh-');
		this.server = new ServerProcess({ port, databasePath: join(this.#dir.path, 'showcall.db'), adminPassword: 'fresh-screens-password' });
	}

	/** Starts the server and one browser, signs a coordinator in (the session survives restarts). */
	static async open(): Promise<FreshScreensRig> {
		const rig = new FreshScreensRig(await freePort());
		await rig.server.start();
		rig.#show = await rig.server.demoShow(await rig.server.signIn());
		rig.#browser = await launchBrowser();
		const context = (kind: ScreenKind) =>
			rig.#browser!.newContext({
				viewport: kind === 'host' || kind === 'recorder' ? VIEWPORTS.hostTablet : VIEWPORTS.producerLaptop,
				locale: 'zh-CN',
				timezoneId: 'Asia/Shanghai',
				...(kind === 'host' ? { hasTouch: true } : {})
			});
		for (const kind of SCREEN_KINDS) rig.#contexts[kind] = await context(kind);
		for (const kind of ['watch', 'wall'] as const) {
			const signIn = await rig.#contexts[kind]!.newPage();
			await signInAs(signIn, rig.server.base, 'admin', rig.server.options.adminPassword);
			await signIn.close();
		}
		return rig;
	}

	async close() {
		await this.#browser?.close();
		await this.server.kill9();
		this.#dir.remove();
	}

	get #bearer() {
		return { authorization: `Bearer ${this.#show!.producerToken}`, 'content-type': 'application/json' };
	}

	async #command(name: string, body: object = {}) {
		await this.server.json(`/api/live/${name}`, { method: 'POST', headers: this.#bearer, body: JSON.stringify(body) });
	}

	snapshot(): Promise<LiveWireSnapshot> {
		return this.server.json<LiveWireSnapshot>('/api/live', { headers: this.#bearer });
	}

	/** A rehearsal from the start (ending and resetting the last one), then the moment. */
	async #bringTo(moment: RestartMoment) {
		const now = await this.snapshot();
		if (now.status === 'live' || now.status === 'paused') await this.#command('end');
		if (now.status !== 'ready') await this.#command('reset');
		// The start raises the warm-up alert (预热开始) at once: every moment has an alert behind it.
		await this.#command('start', { mode: 'rehearsal' });
		// A figure acknowledged before the restart (the recorder's link writes it, as on its tablet).
		await this.server.json('/api/live/figures', {
			method: 'POST',
			headers: { authorization: `Bearer ${this.#show!.recorderToken}`, 'content-type': 'application/json' },
			body: JSON.stringify({ platform: 'douyin', line: FIGURE_LINE })
		});
		if (moment === 'message') await this.#command('message', { text: MESSAGE });
		if (moment === 'flash-sale') {
			const sheet = await this.server.json<LiveSheetPayload>('/api/live/sheet', { headers: this.#bearer });
			const sale = sheet.segments.find((s) => s.flashSale);
			if (!sale) throw new Error('the demo show has no flash-sale segment');
			await this.#command('goto', { segmentId: sale.id });
			await this.#command('flash-sale-start');
		}
		if (moment === 'pause') await this.#command('pause');
	}

	/**
	 * Brings the show to `moment`, restarts the server with `signal`, and opens a fresh producer,
	 * host, recorder and watch page and a wall, the first as soon as the server listens, each as the
	 * one before has shown the show. Answers what each showed, and the server's snapshot after the restart.
	 *
	 * One after another, not at once: each page costs its Chromium about 0.9 s of CPU to open
	 * (Chromium 156, 2026-12-06: 0.6 s on the page's main thread, 0.25 s in the browser's), so five at
	 * once on this machine's two cores, beside the server and the test runner, measure the machine
	 * (2.5–3.5 s each) rather than what a person meets on a device of their own (0.7–0.9 s here).
	 * `npm run bench:open` still reports five pages loading together.
	 */
	async run(signal: RestartSignal, moment: RestartMoment): Promise<{ screens: FreshScreen[]; snapshot: LiveWireSnapshot }> {
		await this.#bringTo(moment);
		if (signal === 'SIGKILL') await this.server.kill9();
		else await this.server.stop();
		await this.server.start();
		const snapshot = await this.snapshot();
		const screens: FreshScreen[] = [];
		for (const kind of SCREEN_KINDS) screens.push(await this.#fresh(kind, moment, snapshot));
		return { screens, snapshot };
	}

	async #fresh(kind: ScreenKind, moment: RestartMoment, expected: LiveWireSnapshot): Promise<FreshScreen> {
		const page = await this.#contexts[kind]!.newPage();
		const errors: string[] = [];
		page.on('pageerror', (err) => errors.push(err.message));
		page.on('console', (msg) => msg.type() === 'error' && errors.push(msg.text()));
		const show = this.#show!;
		const url = {
			producer: `/producer/${show.producerToken}`,
			host: `/host/${show.hostToken}`,
			recorder: `/recorder/${show.recorderToken}`,
			watch: `/shows/${show.showId}/live`,
			wall: '/wall'
		}[kind];
		const openedAt = performance.now();
		let shownMs: number | null = null;
		let seen: Rendered | null = null;
		try {
			await page.goto(`${this.server.base}${url}`, { waitUntil: 'commit' });
			while (performance.now() - openedAt < FRESH_SCREEN_BUDGET_MS) {
				seen = await rendered(page, kind, show.showId);
				if (showsTheShow(seen, expected)) {
					shownMs = Math.round(performance.now() - openedAt);
					break;
				}
				await page.waitForTimeout(25);
			}
			const momentShown = shownMs !== null && (await momentVisible(page, kind, moment, show.showId));
			return { kind, shownMs, seen, momentShown, errors };
		} finally {
			await page.close();
		}
	}
}

/** What the page renders now: its segment title, countdown and status. */
function rendered(page: Page, kind: ScreenKind, showId: number): Promise<Rendered> {
	return page.evaluate(([k, id]) => {
		// The wall lists several shows: read the show's own tile.
		const scope = k === 'wall' ? document.querySelector(`[data-testid="wall-tile"][data-show-id="${id}"]`) : document;
		const q = (testId: string) => scope?.querySelector(`[data-testid="${testId}"]`) ?? null;
		const title = q({ host: 'segment-title-text', wall: 'wall-segment' }[k as string] ?? 'onair-title')?.textContent?.trim() ?? null;
		const countdown = q(k === 'wall' ? 'wall-countdown' : 'countdown');
		const num = (name: string) => {
			const v = countdown?.getAttribute(name);
			return v === null || v === undefined ? null : Number(v);
		};
		const root = k === 'wall' ? (scope as Element | null) : q({ producer: 'producer-console', host: 'host-screen', recorder: 'recorder-page', watch: 'on-air' }[k]);
		return { title, remainingMs: num('data-remaining-ms'), serverNow: num('data-server-now'), status: root?.getAttribute('data-status') ?? null, text: document.body.innerText.slice(0, 200) };
	}, [kind, showId] as const);
}

/** The server's segment, and a countdown within a tick of the server's (standing still while paused). */
function showsTheShow(seen: Rendered, expected: LiveWireSnapshot): boolean {
	if (seen.title !== expected.segmentTitle || seen.remainingMs === null || seen.serverNow === null) return false;
	const elapsed = expected.status === 'paused' ? 0 : seen.serverNow - expected.serverNow;
	return Math.abs(seen.remainingMs - (expected.timing.remainingMs - elapsed)) <= COUNTDOWN_TOLERANCE_MS;
}

/** The moment's own sign on this screen, where it shows one. */
async function momentVisible(page: Page, kind: ScreenKind, moment: RestartMoment, showId: number): Promise<boolean> {
	const visible = (id: string) => page.getByTestId(id).first().isVisible();
	const text = async (id: string) => (await page.getByTestId(id).first().textContent({ timeout: 1_000 }).catch(() => null)) ?? '';
	// The recorder's and the wall's sign, whatever the moment: the figure acknowledged before the restart.
	if (kind === 'recorder' || kind === 'wall') {
		const where = kind === 'recorder' ? page.getByTestId('figures-row') : page.locator(`[data-testid="wall-tile"][data-show-id="${showId}"] [data-testid="wall-figures"]`);
		const listed = await where.filter({ hasText: /4,?321|4321/ }).first().waitFor({ timeout: 1_500 }).then(() => true, () => false);
		if (!listed) return false;
	}
	switch (moment) {
		case 'alert':
			// The alerts caught up with the welcome: the lockout's cause.
			return kind === 'host' || kind === 'recorder' || kind === 'wall' ? true : (await text(kind === 'producer' ? 'alert-feed' : 'alerts')).includes('预热开始');
		case 'message':
			return kind === 'host' ? (await text('message-text')).includes(MESSAGE) : true;
		case 'flash-sale':
			return kind === 'host' ? visible('flash-sale-overlay') : true;
		case 'pause':
			return (await rendered(page, kind, showId)).status === 'paused';
	}
}
