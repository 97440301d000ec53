/**
 * A studio LAN without a domain: `npm run tls:lan`'s CA and server certificate, the server started
 * with them as `npm start` would (TLS_CERT/TLS_KEY), and a Chromium that trusts that CA through an
 * NSS database (as a tablet does once the CA is installed) opening the host page over https by the
 * machine's `<hostname>.local` name (mapped to loopback): a secure context, no certificate error.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ensureLanTls } from '../../server/lan-tls';
import { ServerProcess, freePort, tempDir } from '../reliability/support/server-process';
import { httpsTo, secureContextFacts } from './deploy-support';
import { ADMIN_PASSWORD, launchBrowser, newPage, screenshot, signInAs, watchErrors } from './support';

const NAME = `${hostname().toLowerCase()}.local`;
const dir = tempDir('showcall-lan-');
let server: ServerProcess;
let port: number;
let redirectPort: number;
let ca: string;
let browser: Browser;

beforeAll(async () => {
	const tls = ensureLanTls(join(dir.path, 'tls'));
	ca = readFileSync(tls.caCert, 'latin1');
	port = await freePort();
	redirectPort = await freePort();
	server = new ServerProcess({
		port,
		databasePath: join(dir.path, 'showcall.db'),
		adminPassword: ADMIN_PASSWORD,
		env: { TLS_CERT: tls.cert, TLS_KEY: tls.key, HTTP_REDIRECT_PORT: String(redirectPort) }
	});
	await server.start();
	expect(server.output).toContain(`https://localhost:${port}/`);

	// The CA installed as trusted in an NSS database of a fresh HOME, as Chromium on Linux reads it.
	const nss = join(dir.path, 'home/.pki/nssdb');
	mkdirSync(nss, { recursive: true });
	execFileSync('certutil', ['-N', '-d', `sql:${nss}`, '--empty-password']);
	execFileSync('certutil', ['-A', '-d', `sql:${nss}`, '-n', 'Showcall LAN CA', '-t', 'C,,', '-i', tls.caCert]);
	browser = await launchBrowser({ args: [`--host-resolver-rules=MAP ${NAME} 127.0.0.1`], env: { HOME: join(dir.path, 'home') } });
});

afterAll(async () => {
	await browser?.close();
	await server?.stop();
	dir.remove();
});

describe('npm run tls:lan on a studio LAN', () => {
	it('serves the host page over https to a Chromium that trusts the LAN CA: a secure context', async () => {
		const coordinator = await newPage(browser);
		const errors = watchErrors(coordinator);
		const base = `https://${NAME}:${port}`;
		await signInAs(coordinator, base);
		const showId = await coordinator.evaluate(async () => {
			const { shows } = (await (await fetch('/api/shows')).json()) as { shows: { id: number; title: string }[] };
			return shows.find((s) => s.title.includes('荆楚好味道'))!.id;
		});

		// The device-setup page offers the CA for download.
		await coordinator.goto(`${base}/shows/${showId}/devices`);
		await coordinator.getByTestId('lan-ca').waitFor();
		expect(await coordinator.getByTestId('lan-ca').textContent()).toContain('证书信任设置');
		expect(await coordinator.getByTestId('lan-ca').locator('[data-qr-url]').getAttribute('data-qr-url')).toBe(`${base}/api/tls/ca.crt`);
		await screenshot(coordinator, 'deploy-lan-devices');
		const links = await coordinator.evaluate(async (id) => (await (await fetch(`/api/shows/${id}/links`)).json()) as { host: { url: string } }, showId);
		expect(links.host.url).toMatch(new RegExp(`^https://${NAME.replace(/\./g, '\\.')}:${port}/host/`));

		const host = await newPage(browser, { viewport: { width: 1280, height: 800 }, hasTouch: true });
		const hostErrors = watchErrors(host);
		await host.goto(links.host.url);
		await host.getByTestId('host-screen').waitFor();
		expect(await secureContextFacts(host)).toEqual({ protocol: 'https:', isSecureContext: true, wakeLock: true, serviceWorker: 'activated' });
		expect(errors).toEqual([]);
		expect(hostErrors).toEqual([]);
	});

	it('answers the CA certificate (never a key), nothing over plain http on PORT, and redirects HTTP_REDIRECT_PORT to https', async () => {
		const answer = await httpsTo(port, 'localhost', ca, '/api/tls/ca.crt');
		expect(answer.status).toBe(200);
		expect(answer.body.trim()).toBe(ca.trim());
		expect(answer.body).not.toContain('PRIVATE KEY');
		await expect(fetch(`http://127.0.0.1:${port}/healthz`)).rejects.toThrow();
		const redirect = await fetch(`http://127.0.0.1:${redirectPort}/host/abc`, { redirect: 'manual' });
		expect(redirect.status).toBe(308);
		expect(redirect.headers.get('location')).toBe(`https://127.0.0.1:${port}/host/abc`);
	});
});
