/**
 * TLS built in (TLS_CERT/TLS_KEY), the plain-http redirect port, the LAN CA (`npm run tls:lan`)
 * and running behind a reverse proxy (TRUST_PROXY): real HTTPS and WSS on loopback, with a
 * certificate this test makes.
 */
import type { FastifyInstance } from 'fastify';
import { statSync, readFileSync, writeFileSync } from 'node:fs';
import { request as httpGet } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { AddressInfo } from 'node:net';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConfigError } from '../../server/config';
import { certificateNames, ensureLanTls } from '../../server/lan-tls';
import { readTls, redirectServer } from '../../server/tls';
import { tempDir } from '../reliability/support/server-process';
import { ADMIN_PASSWORD, makeApp, signIn } from './support';

const dir = tempDir('showcall-tls-');
const names = { dns: ['localhost', 'studio-test', 'studio-test.local'], ips: ['127.0.0.1', '::1', '192.0.2.50'] };
let tls: ReturnType<typeof ensureLanTls>;
let app: FastifyInstance;
let port: number;
let ca: string;

interface Answer {
	status: number;
	headers: Record<string, string | string[] | undefined>;
	body: string;
}

function fetchHttps(path: string, init: { method?: string; body?: unknown; headers?: Record<string, string> } = {}): Promise<Answer> {
	return new Promise((resolve, reject) => {
		const body = init.body === undefined ? undefined : JSON.stringify(init.body);
		const req = httpsRequest(
			{ host: '127.0.0.1', servername: 'localhost', port, path, method: init.method ?? 'GET', ca, headers: { ...(body ? { 'content-type': 'application/json' } : {}), ...init.headers } },
			(res) => {
				let text = '';
				res.setEncoding('utf8');
				res.on('data', (d: string) => (text += d));
				res.on('end', () => resolve({ status: res.statusCode!, headers: res.headers, body: text }));
			}
		);
		req.on('error', reject);
		req.end(body);
	});
}

beforeAll(async () => {
	tls = ensureLanTls(dir.path, names);
	const files = readTls({ certPath: tls.cert, keyPath: tls.key });
	app = await makeApp({ https: files, lanCaPath: files.caPath });
	await app.listen({ port: 0, host: '127.0.0.1' });
	port = (app.server.address() as AddressInfo).port;
	ca = readFileSync(tls.caCert, 'latin1');
});
afterAll(async () => {
	await app?.close();
	dir.remove();
});

describe('npm run tls:lan', () => {
	it('makes a CA (key 0600) and a server certificate for the names, keeps the CA, and re-issues only when the names change', () => {
		expect(tls.caCreated).toBe(true);
		expect(tls.issued).toBe('new');
		expect(statSync(tls.caKey).mode & 0o777).toBe(0o600);
		expect(statSync(tls.key).mode & 0o777).toBe(0o600);
		expect(certificateNames(readFileSync(tls.cert, 'latin1')).names).toEqual(['dns:localhost', 'dns:studio-test', 'dns:studio-test.local', 'ip:127.0.0.1', 'ip:192.0.2.50', 'ip:::1'].sort());
		const caBefore = readFileSync(tls.caCert, 'latin1');
		const certBefore = readFileSync(tls.cert, 'latin1');

		const again = ensureLanTls(dir.path, names);
		expect(again).toMatchObject({ caCreated: false, issued: null });
		expect(readFileSync(tls.cert, 'latin1')).toBe(certBefore);

		const moved = ensureLanTls(dir.path, { ...names, ips: [...names.ips, '192.0.2.51'] });
		expect(moved).toMatchObject({ caCreated: false, issued: 'names changed' });
		expect(readFileSync(tls.caCert, 'latin1')).toBe(caBefore);
		expect(certificateNames(readFileSync(tls.cert, 'latin1')).names).toContain('ip:192.0.2.51');
		// Back to the names the running server's certificate was made for.
		ensureLanTls(dir.path, names);
	});

	it('refuses a missing or non-PEM file with a one-line error naming the variable', () => {
		expect(() => readTls({ certPath: `${dir.path}/nope.crt`, keyPath: tls.key })).toThrow(/^TLS_CERT cannot be read/);
		writeFileSync(`${dir.path}/not-a-key.pem`, 'hello');
		expect(() => readTls({ certPath: tls.cert, keyPath: `${dir.path}/not-a-key.pem` })).toThrow(ConfigError);
	});
});

describe('HTTPS built in', () => {
	it('answers over https with HSTS and a CSP that upgrades insecure requests', async () => {
		const answer = await fetchHttps('/healthz');
		expect(answer.status).toBe(200);
		expect(answer.headers['strict-transport-security']).toMatch(/max-age=\d+/);
		const page = await fetchHttps('/login');
		expect(page.headers['content-security-policy']).toContain('upgrade-insecure-requests');
	});

	it('sets the session cookie Secure', async () => {
		const answer = await fetchHttps('/api/session', { method: 'POST', body: { username: 'admin', password: ADMIN_PASSWORD } });
		expect(answer.status).toBe(200);
		const cookie = [answer.headers['set-cookie']].flat().join('\n');
		expect(cookie).toMatch(/showcall_session=/);
		expect(cookie).toMatch(/;\s*Secure/i);
		expect(cookie).toMatch(/HttpOnly/i);
	});

	it('runs socket.io over wss on the same port', async () => {
		const cookie = await signIn(app);
		const socket = connect(`https://localhost:${port}`, { transports: ['websocket'], extraHeaders: { cookie }, ca, reconnection: false, forceNew: true });
		try {
			await new Promise<void>((resolve, reject) => {
				socket.on('connect', resolve);
				socket.on('connect_error', reject);
			});
			expect(socket.connected).toBe(true);
			expect(socket.io.engine.transport.name).toBe('websocket');
		} finally {
			socket.close();
		}
	});

	it('offers the LAN CA certificate, never a key', async () => {
		const answer = await fetchHttps('/api/tls/ca.crt');
		expect(answer.status).toBe(200);
		expect(answer.headers['content-type']).toBe('application/x-x509-ca-cert');
		expect(answer.body.trim()).toBe(ca.trim());
		expect(answer.body).not.toMatch(/PRIVATE KEY/);
	});

	it('redirects the plain-http port to https, path kept', async () => {
		const server = redirectServer(port);
		await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
		try {
			const redirectPort = (server.address() as AddressInfo).port;
			const answer = await new Promise<{ status: number; location?: string }>((resolve, reject) => {
				httpGet({ host: '127.0.0.1', port: redirectPort, path: '/host/abc?x=1', headers: { host: `studio-test.local:${redirectPort}` } }, (res) => {
					res.resume();
					resolve({ status: res.statusCode!, location: res.headers.location });
				})
					.on('error', reject)
					.end();
			});
			expect(answer.status).toBe(308);
			expect(answer.location).toBe(`https://studio-test.local:${port}/host/abc?x=1`);
		} finally {
			server.close();
		}
	});
});

describe('plain http (no TLS configured)', () => {
	it('sends no HSTS, no Secure cookie, no upgrade, and no CA', async () => {
		const plain = await makeApp();
		try {
			const health = await plain.inject({ url: '/healthz' });
			expect(health.headers['strict-transport-security']).toBeUndefined();
			const page = await plain.inject({ url: '/login' });
			expect(String(page.headers['content-security-policy'] ?? '')).not.toContain('upgrade-insecure-requests');
			const signInAnswer = await plain.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: ADMIN_PASSWORD } });
			expect(String(signInAnswer.headers['set-cookie'])).not.toMatch(/Secure/i);
			expect((await plain.inject({ url: '/api/tls/ca.crt' })).statusCode).toBe(404);
			// A forwarded scheme and host are ignored when no proxy is trusted.
			const cookie = await signIn(plain);
			const showId = plain.deps.repos.shows.list()[0].id;
			const links = await plain.inject({ url: `/api/shows/${showId}/links`, headers: { cookie, 'x-forwarded-proto': 'https', 'x-forwarded-host': 'evil.example' } });
			expect(links.json().host.url).not.toContain('evil.example');
			expect(links.json().host.url).toMatch(/^http:/);
		} finally {
			await plain.close();
		}
	});
});

describe('behind a reverse proxy (TRUST_PROXY=1)', () => {
	const proxied = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'showcall.example.org', 'x-forwarded-for': '203.0.113.7' };

	it('takes the client address, scheme and host from the forwarded headers', async () => {
		const lines: string[] = [];
		const behind = await makeApp({ trustProxy: 1, logger: { level: 'info', stream: { write: (line: string) => lines.push(line) } } });
		try {
			const signInAnswer = await behind.inject({ method: 'POST', url: '/api/session', payload: { username: 'admin', password: ADMIN_PASSWORD }, headers: { ...proxied, origin: 'https://showcall.example.org' } });
			expect(signInAnswer.statusCode).toBe(200);
			expect(String(signInAnswer.headers['set-cookie'])).toMatch(/;\s*Secure/i);
			expect(signInAnswer.headers['strict-transport-security']).toMatch(/max-age/);
			expect(lines.join('\n')).toContain('203.0.113.7');

			const cookie = await signIn(behind);
			const showId = behind.deps.repos.shows.list()[0].id;
			const links = await behind.inject({ url: `/api/shows/${showId}/links`, headers: { cookie, ...proxied } });
			expect(links.json().host.url).toMatch(/^https:\/\/showcall\.example\.org\/host\//);
		} finally {
			await behind.close();
		}
	});

	it('accepts the proxied origin and refuses any other with CROSS_SITE_REQUEST', async () => {
		const behind = await makeApp({ trustProxy: 1 });
		try {
			const cookie = await signIn(behind);
			const showId = behind.deps.repos.shows.list()[0].id;
			const rotate = (origin: string) => behind.inject({ method: 'POST', url: `/api/shows/${showId}/links/host/rotate`, headers: { cookie, ...proxied, origin } });
			expect((await rotate('https://showcall.example.org')).statusCode).toBe(200);
			for (const origin of ['https://evil.example', 'http://showcall.example.org', 'https://showcall.example.org:8443']) {
				const refused = await rotate(origin);
				expect(refused.statusCode, origin).toBe(403);
				expect(refused.json().error.code).toBe('CROSS_SITE_REQUEST');
			}
		} finally {
			await behind.close();
		}
	});
});
