/**
 * Markup typed into the product stays text. Every user-editable text field of the demo show, its
 * run-sheet, products, people, a training session, an account, live messages and a screen's device
 * name is set to `<img src=x onerror=alert(1)>`, `<script>alert(1)</script>` or `<xss>!</xss>`
 * (whichever the field's rules accept; new fields are found by walking the records against their
 * schemas). Then each page of XSS_PAGES is opened in Chromium: the markup shows as text, no element
 * it names exists in the page, no dialog opens, no Content-Security-Policy violation is reported.
 *
 * Adding a page is one line in XSS_PAGES.
 *
 * Also here, because it needs the built UI: no secret and no server code in the browser bundle.
 */
import type { FastifyInstance } from 'fastify';
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { personInput, productInput, segmentInput, showInput } from '../../src/lib/core/model';
import { trainingSessionInput } from '../../src/lib/core/progress';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { ADMIN_PASSWORD, launchBrowser, newPage, screenshot, signInAs, startApp } from './support';

const PAYLOADS = ['<img src=x onerror=alert(1)>', '<script>alert(1)</script>', '<xss>!</xss>'] as const;

/** What a page needs to be opened: ids and tokens of the planted records. */
interface Fixture {
	showId: number;
	slug: string;
	productId: number;
	personId: number;
	producerToken: string;
	hostToken: string;
	month: string;
}

interface XssPage {
	name: string;
	path: (f: Fixture) => string;
	/** Opened signed in as a coordinator (default), or as anyone with the link. */
	signedIn?: boolean;
	/** The page shows none of the planted fields (nothing to find as text); default true. */
	showsText?: boolean;
}

/** Every page to check. One line per page. */
export const XSS_PAGES: XssPage[] = [
	{ name: 'shows list', path: () => '/shows' },
	{ name: 'shows calendar', path: (f) => `/shows?view=calendar&month=${f.month}` },
	{ name: 'show page and run-sheet editor', path: (f) => `/shows/${f.showId}` },
	{ name: 'poster page', path: (f) => `/shows/${f.showId}/poster` },
	{ name: 'poster print', path: (f) => `/shows/${f.showId}/poster/print` },
	{ name: 'device setup', path: (f) => `/shows/${f.showId}/devices` },
	{ name: 'device card print', path: (f) => `/shows/${f.showId}/devices/print` },
	{ name: 'live watch', path: (f) => `/shows/${f.showId}/live` },
	{ name: 'after-show report', path: (f) => `/shows/${f.showId}/report` },
	{ name: 'products', path: () => '/products' },
	{ name: 'product', path: (f) => `/products/${f.productId}` },
	{ name: 'people', path: () => '/people' },
	{ name: 'person', path: (f) => `/people/${f.personId}` },
	{ name: 'progress', path: () => '/progress' },
	{ name: 'accounts', path: () => '/accounts' },
	{ name: 'forms', path: () => '/forms', showsText: false },
	{ name: 'public page', path: (f) => `/s/${f.slug}`, signedIn: false },
	{ name: 'producer console', path: (f) => `/producer/${f.producerToken}`, signedIn: false },
	{ name: 'host cue cards', path: (f) => `/host/${f.hostToken}`, signedIn: false }
];

let browser: Browser;
let app: FastifyInstance;
let base: string;
let fixture: Fixture;
let cookie: string;
/** One signed-in browser context for the coordinator pages (sign-in is limited to 10 a minute). */
let coordinator: BrowserContext;
const planted: string[] = [];
const screens: LiveConnection[] = [];

type Path = (string | number)[];

function stringLeaves(value: unknown, path: Path = []): Path[] {
	if (typeof value === 'string') return [path];
	if (Array.isArray(value)) return value.flatMap((v, i) => stringLeaves(v, [...path, i]));
	if (value && typeof value === 'object') return Object.entries(value).flatMap(([k, v]) => stringLeaves(v, [...path, k]));
	return [];
}

function setAt(root: unknown, path: Path, value: string) {
	let node = root as Record<string | number, unknown>;
	for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
	node[path[path.length - 1]] = value;
}

/**
 * Sets every string of `value` that `schema` accepts a payload in (free text: not ids, URLs,
 * codes or enums) to one of the payloads, in turn. Answers the new value.
 */
function plant<T>(label: string, value: T, schema: z.ZodType): T {
	const current = structuredClone(value);
	// Ids are made by the app, not typed by anyone.
	for (const path of stringLeaves(current).filter((p) => !/(^id|Id)$/.test(String(p[p.length - 1])))) {
		const original = path.reduce<unknown>((node, key) => (node as Record<string | number, unknown>)[key], current) as string;
		const first = planted.length % 2;
		for (const payload of [PAYLOADS[first], PAYLOADS[1 - first], PAYLOADS[2]]) {
			setAt(current, path, payload);
			if (schema.safeParse(current).success) {
				planted.push(`${label}.${path.join('.')}`);
				break;
			}
			setAt(current, path, original);
		}
	}
	return current;
}

const pick = <T extends object>(record: T, schema: z.ZodObject): Partial<T> => Object.fromEntries(Object.keys(schema.shape).filter((k) => k in record).map((k) => [k, (record as Record<string, unknown>)[k]])) as Partial<T>;

async function api(method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) {
	const response = await app.inject({ method, url, headers: { cookie }, ...(payload ? { payload } : {}) });
	expect(response.statusCode, `${method} ${url}: ${response.body.slice(0, 500)}`).toBeLessThan(300);
	return response.json();
}

beforeAll(async () => {
	({ app, base } = await startApp());
	browser = await launchBrowser();
	const signIn = await app.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: ADMIN_PASSWORD } });
	cookie = `showcall_session=${signIn.cookies.find((c) => c.name === 'showcall_session')!.value}`;
	const demo = app.deps.repos.shows.list()[0];

	// The show's own fields and its whole run-sheet.
	const show = await api('GET', `/api/shows/${demo.id}`);
	const fields = plant('show', pick(show, showInput), showInput.partial());
	const segments = plant('segments', show.segments, segmentInput.array());
	const { productIds: _derived, ...changes } = fields as Record<string, unknown>;
	await api('PATCH', `/api/shows/${demo.id}`, { expectedVersion: show.version, ...changes, segments });
	// Its products and people.
	for (const productId of show.productIds as number[]) {
		const product = await api('GET', `/api/products/${productId}`);
		await api('PATCH', `/api/products/${productId}`, plant(`product ${productId}`, pick(product, productInput), productInput.partial()));
	}
	for (const personId of [...show.hostIds, ...show.guestIds] as number[]) {
		const person = await api('GET', `/api/people/${personId}`);
		await api('PATCH', `/api/people/${personId}`, plant(`person ${personId}`, pick(person, personInput), personInput.partial()));
	}
	// A training session and an account.
	await api('POST', '/api/training-sessions', plant('training', { unitCode: 'hubei', title: 't', startsAt: Date.now() + 86_400_000, place: 'p', trainer: 't', attendees: 10, notes: 'n' }, trainingSessionInput));
	await api('POST', '/api/accounts', { username: 'xss-account', displayName: PAYLOADS[0], unitCode: 'wuhan', password: 'xss-account-password' });
	planted.push('account.displayName');

	// Live: messages to the hosts and a screen whose device name is markup.
	const tokens = app.deps.repos.shows.tokensOf(demo.id)!;
	const bearer = { authorization: `Bearer ${tokens.producerToken}` };
	for (const [command, body] of [['start', { mode: 'live' }], ['message', { text: PAYLOADS[0] }], ['message', { text: PAYLOADS[1] }], ['next', undefined]] as const) {
		const response = await app.inject({ method: 'POST', url: `/api/live/${command}`, headers: bearer, ...(body ? { payload: body } : {}) });
		expect(response.statusCode, response.body).toBe(200);
	}
	planted.push('live.messages', 'presence.deviceName');
	const tablet = new LiveConnection({ url: base, token: tokens.hostToken, deviceName: PAYLOADS[0], socket: { forceNew: true } });
	screens.push(tablet);
	await new Promise<void>((resolve) => (tablet.on('welcome', () => resolve()), tablet.connect()));

	const saved = app.deps.repos.shows.get(demo.id)!;
	const month = new Intl.DateTimeFormat('en-CA', { timeZone: 'Asia/Shanghai', year: 'numeric', month: '2-digit' }).format(saved.startsAt);
	fixture = { showId: demo.id, slug: saved.slug, productId: show.productIds[0], personId: show.hostIds[0], ...tokens, month };

	const first = await newPage(browser);
	await signInAs(first, base);
	coordinator = first.context();
	await first.close();
});
afterAll(async () => {
	for (const s of screens) s.close();
	await browser?.close();
	await app?.close();
});

/** What the page made of the payloads. */
function inspect(page: Page) {
	return page.evaluate((payloads) => {
		const text = document.documentElement.textContent ?? '';
		return {
			shown: payloads.filter((p) => text.includes(p)),
			onerror: document.querySelectorAll('[onerror]').length,
			imgX: document.querySelectorAll('img[src="x"]').length,
			xssElements: document.querySelectorAll('xss').length,
			injectedScripts: [...document.querySelectorAll('script')].filter((s) => (s.textContent ?? '').includes('alert(1)')).length
		};
	}, [...PAYLOADS]);
}

describe('markup in every field shows as text', () => {
	it('plants the payloads in the records’ free-text fields', () => {
		// The walk found the fields; a handful per record at least.
		expect(planted.filter((p) => p.startsWith('show.')).length).toBeGreaterThanOrEqual(4);
		expect(planted.filter((p) => p.startsWith('segments.')).length).toBeGreaterThanOrEqual(20);
		expect(planted.filter((p) => p.startsWith('product ')).length).toBeGreaterThanOrEqual(20);
		expect(planted.filter((p) => p.startsWith('person ')).length).toBeGreaterThanOrEqual(5);
	});

	for (const target of XSS_PAGES) {
		it(`on the ${target.name}`, async () => {
			const page = target.signedIn !== false ? await coordinator.newPage() : await newPage(browser);
			const problems: string[] = [];
			page.on('dialog', (dialog) => {
				problems.push(`dialog: ${dialog.message()}`);
				void dialog.dismiss();
			});
			page.on('pageerror', (err) => problems.push(`page error: ${err.message}`));
			page.on('console', (msg) => {
				if (/Content Security Policy/i.test(msg.text())) problems.push(`CSP: ${msg.text()}`);
			});
			await page.goto(`${base}${target.path(fixture)}`);
			if (target.showsText !== false) await expect.poll(async () => (await inspect(page)).shown.length, { timeout: 15_000 }).toBeGreaterThan(0);
			else await page.waitForLoadState('networkidle');
			const seen = await inspect(page);
			expect({ ...seen, shown: undefined }).toEqual({ shown: undefined, onerror: 0, imgX: 0, xssElements: 0, injectedScripts: 0 });
			expect(problems).toEqual([]);
			await screenshot(page, `xss-${target.name.replace(/\W+/g, '-')}`, { fullPage: true });
			if (target.signedIn === false) await page.context().close();
			else await page.close();
		});
	}

	it('the poster SVG escapes it', async () => {
		for (const format of ['a4', 'phone']) {
			const svg = (await app.inject({ method: 'GET', url: `/api/shows/${fixture.showId}/poster.svg?format=${format}`, headers: { cookie } })).body;
			expect(svg).toContain('&lt;');
			expect(svg).not.toMatch(/<(img|script|xss)\b/i);
		}
	});
});

describe('the browser bundle', () => {
	it('holds no secret and no server code', () => {
		const build = new URL('../../build/', import.meta.url).pathname;
		const files: string[] = [];
		const walk = (dir: string) => {
			for (const name of readdirSync(dir)) {
				const path = join(dir, name);
				if (statSync(path).isDirectory()) walk(path);
				else files.push(path);
			}
		};
		walk(build);
		expect(files.some((f) => f.endsWith('.js'))).toBe(true);
		// The build is made before this run's tokens and cookies exist, so they cannot be in it; what
		// can leak into a bundle is configuration (the administrator's password from the environment
		// the build ran in) and server code, found by names only the server has: its password
		// hashing, database, configuration and session cookie.
		const secrets = process.env.ADMIN_PASSWORD ? [process.env.ADMIN_PASSWORD] : [];
		const serverOnly = ['passwordHash', 'password_hash', 'scrypt', 'better-sqlite3', 'DATABASE_PATH', 'ADMIN_PASSWORD', 'showcall_session'];
		const found = files.flatMap((file) => {
			const text = readFileSync(file, 'latin1');
			return [...secrets, ...serverOnly].filter((s) => text.includes(s)).map((s) => `${file.slice(build.length)}: ${s}`);
		});
		expect(found).toEqual([]);
	});
});
