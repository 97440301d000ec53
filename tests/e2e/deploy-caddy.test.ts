/**
 * Behind a real reverse proxy: Debian's Caddy (`tls internal`, its own CA) in front of Showcall
 * started as `npm start` would, with TRUST_PROXY=1. Chromium reaches it as https://showcall.test
 * (mapped to loopback), trusting Caddy's certificates by their SPKI. Sign-in over https, a host
 * page that is a secure context (Wake Lock, service worker), the socket over wss through Caddy,
 * a producer command reaching the host page, links with the public origin, and a forged Origin
 * refused.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, readFileSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ServerProcess, freePort, tempDir } from '../reliability/support/server-process';
import { httpsTo, pemCertificates, secureContextFacts, spkiPin } from './deploy-support';
import { ADMIN_PASSWORD, launchBrowser, newPage, screenshot, signInAs, watchErrors } from './support';

const NAME = 'showcall.test';
const dir = tempDir('showcall-caddy-');
let server: ServerProcess;
let caddy: ChildProcess;
let caddyOutput = '';
let port: number;
let base: string;
let root: string;
let browser: Browser;

/** Caddy's root CA once it has made it, and the site's certificate chain once it has issued it. */
function caddyCertificates(): { root: string; chain: string } | null {
	const rootPath = join(dir.path, 'storage/pki/authorities/local/root.crt');
	const siteDir = join(dir.path, 'storage/certificates/local');
	if (!existsSync(rootPath) || !existsSync(siteDir)) return null;
	const site = readdirSync(siteDir).find((d) => d.startsWith(NAME));
	const chainPath = site ? join(siteDir, site, `${site}.crt`) : null;
	return chainPath && existsSync(chainPath) ? { root: readFileSync(rootPath, 'latin1'), chain: readFileSync(chainPath, 'latin1') } : null;
}

beforeAll(async () => {
	const appPort = await freePort();
	port = await freePort();
	base = `https://${NAME}:${port}`;
	server = new ServerProcess({ port: appPort, databasePath: join(dir.path, 'showcall.db'), adminPassword: ADMIN_PASSWORD, env: { TRUST_PROXY: '1' } });
	await server.start();

	const caddyfile = join(dir.path, 'Caddyfile');
	writeFileSync(
		caddyfile,
		`{
	admin off
	storage file_system ${join(dir.path, 'storage')}
	skip_install_trust
	auto_https disable_redirects
	http_port ${await freePort()}
}

https://${NAME}:${port} {
	bind 127.0.0.1
	tls internal
	reverse_proxy 127.0.0.1:${appPort}
}
`
	);
	caddy = spawn('caddy', ['run', '--config', caddyfile, '--adapter', 'caddyfile'], {
		env: { ...process.env, HOME: dir.path, XDG_CONFIG_HOME: join(dir.path, 'config'), XDG_DATA_HOME: join(dir.path, 'data') },
		stdio: ['ignore', 'pipe', 'pipe']
	});
	caddy.stdout!.on('data', (d: Buffer) => (caddyOutput += d));
	caddy.stderr!.on('data', (d: Buffer) => (caddyOutput += d));
	const exited = new Promise<never>((_resolve, reject) => caddy.once('exit', (code) => reject(new Error(`caddy exited (${code}):\n${caddyOutput.slice(-3000)}`))));
	// Caddy makes its CA and the site's certificate within a few seconds of starting; until it
	// serves that certificate, ask again (bounded, and failing at once if Caddy exits).
	const deadline = Date.now() + 30_000;
	for (;;) {
		const certs = caddyCertificates();
		const health = certs ? await httpsTo(port, NAME, certs.root, '/healthz').catch((err: Error) => err) : null;
		if (health && !(health instanceof Error) && health.status === 200) break;
		if (Date.now() > deadline) throw new Error(`Caddy did not serve https://${NAME}:${port}: ${health instanceof Error ? health.message : health?.status}\n${caddyOutput.slice(-3000)}`);
		await Promise.race([exited, new Promise((resolve) => setTimeout(resolve, 200))]);
	}
	root = caddyCertificates()!.root;

	const pins = [root, ...pemCertificates(caddyCertificates()!.chain)].map(spkiPin);
	browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${NAME} 127.0.0.1`, `--ignore-certificate-errors-spki-list=${pins.join(',')}`] });
});

afterAll(async () => {
	await browser?.close();
	caddy?.kill('SIGTERM');
	await server?.stop();
	dir.remove();
});

/** A same-origin API call made by the page itself (its cookies, its Origin). */
const apiFrom = (page: Page, path: string, init: { method?: string; body?: unknown; token?: string } = {}) =>
	page.evaluate(
		async ({ path, init }) => {
			const headers: Record<string, string> = {};
			if (init.body !== undefined) headers['content-type'] = 'application/json';
			if (init.token) headers.authorization = `Bearer ${init.token}`;
			const response = await fetch(path, { method: init.method ?? 'GET', headers, body: init.body === undefined ? undefined : JSON.stringify(init.body) });
			return { status: response.status, json: (await response.json()) as Record<string, unknown> };
		},
		{ path, init }
	);

describe('Showcall behind Caddy (TRUST_PROXY=1)', () => {
	it('signs in over https, hands out https links, runs a secure host page over wss and delivers a producer command', async () => {
		const coordinator = await newPage(browser);
		const errors = watchErrors(coordinator);
		await signInAs(coordinator, base);
		const cookies = await coordinator.context().cookies(base);
		expect(cookies.find((c) => c.name === 'showcall_session')).toMatchObject({ secure: true, httpOnly: true });

		const shows = await apiFrom(coordinator, '/api/shows');
		const show = (shows.json.shows as { id: number; title: string }[]).find((s) => s.title.includes('荆楚好味道'))!;
		const links = (await apiFrom(coordinator, `/api/shows/${show.id}/links`)).json as { host: { url: string; token: string }; producer: { token: string } };
		// The public origin (Caddy's scheme and host), not the app's own http://127.0.0.1.
		expect(links.host.url).toBe(`${base}/host/${links.host.token}`);

		const host = await newPage(browser, { viewport: { width: 1280, height: 800 }, hasTouch: true });
		const hostErrors = watchErrors(host);
		const sockets: string[] = [];
		host.on('websocket', (ws) => sockets.push(ws.url()));
		await host.goto(links.host.url);
		await host.getByTestId('host-screen').waitFor();
		expect(await secureContextFacts(host)).toEqual({ protocol: 'https:', isSecureContext: true, wakeLock: true, serviceWorker: 'activated' });
		expect(sockets.some((url) => url.startsWith(`wss://${NAME}:${port}/socket.io/`)), sockets.join(' ')).toBe(true);

		// The producer's commands, sent by a page of the same origin through Caddy.
		expect((await apiFrom(coordinator, '/api/live/start', { method: 'POST', token: links.producer.token, body: { mode: 'rehearsal' } })).status).toBe(200);
		expect((await apiFrom(coordinator, '/api/live/message', { method: 'POST', token: links.producer.token, body: { text: '经 Caddy 转发的场控消息' } })).status).toBe(200);
		await host.getByTestId('message-overlay').getByText('经 Caddy 转发的场控消息').waitFor();
		await screenshot(host, 'deploy-caddy-host');
		expect(errors).toEqual([]);
		expect(hostErrors).toEqual([]);
	});

	it('refuses a forged Origin with 403 CROSS_SITE_REQUEST, and accepts the proxied one', async () => {
		const body = JSON.stringify({ username: 'admin', password: ADMIN_PASSWORD });
		const signIn = (origin: string) => httpsTo(port, NAME, root, '/api/session', { method: 'POST', headers: { 'content-type': 'application/json', origin }, body });
		const forged = await signIn('https://evil.example');
		expect(forged.status).toBe(403);
		expect(JSON.parse(forged.body).error.code).toBe('CROSS_SITE_REQUEST');
		expect((await signIn(`http://${NAME}:${port}`)).status).toBe(403);
		const own = await signIn(base);
		expect(own.status).toBe(200);
		expect(String(own.headers['strict-transport-security'])).toMatch(/max-age/);
	});
});
