/**
 * Sockets behind a trusted reverse proxy (TRUST_PROXY=1) read the forwarded headers as HTTP does:
 * the origin check compares with the forwarded origin (a proxy that rewrites Host still works), and
 * wrong tokens count against the forwarded client address.
 */
import type { FastifyInstance } from 'fastify';
import { afterEach, describe, expect, it } from 'vitest';
import { AUTH_FAILURES_PER_MINUTE } from '../../server/accounts/auth-failures';
import { closeScreens, demoShow, rawSocket, welcomed } from './live-support';
import { listen, makeApp } from './support';

let app: FastifyInstance | undefined;
afterEach(async () => {
	closeScreens();
	await app?.close();
	app = undefined;
});

const PROXIED = { 'x-forwarded-proto': 'https', 'x-forwarded-host': 'showcall.example.org' };

function refusal(base: string, auth: Record<string, unknown>, headers: Record<string, string>) {
	return new Promise<string>((resolve) => rawSocket(base, auth, headers).once('connect_error', (err) => resolve((err as Error & { data?: { code: string } }).data?.code ?? err.message)));
}

describe('sockets behind TRUST_PROXY', () => {
	it('accept the forwarded origin although the proxy rewrote Host, and refuse another', async () => {
		app = await makeApp({ trustProxy: 1 });
		const base = await listen(app);
		const { hostToken } = demoShow(app);
		await welcomed(rawSocket(base, { token: hostToken }, { ...PROXIED, origin: 'https://showcall.example.org', 'x-forwarded-for': '198.51.100.4' }));
		expect(await refusal(base, { token: hostToken }, { ...PROXIED, origin: 'https://evil.example', 'x-forwarded-for': '198.51.100.4' })).toBe('CROSS_SITE_REQUEST');
		expect(await refusal(base, { token: hostToken }, { ...PROXIED, origin: 'http://showcall.example.org', 'x-forwarded-for': '198.51.100.4' })).toBe('CROSS_SITE_REQUEST');
	});

	it('count wrong tokens against the forwarded client, not the proxy', async () => {
		app = await makeApp({ trustProxy: 1 });
		const base = await listen(app);
		const { hostToken } = demoShow(app);
		const from = (client: string) => ({ ...PROXIED, 'x-forwarded-for': client });
		for (let i = 0; i < AUTH_FAILURES_PER_MINUTE; i++) expect(await refusal(base, { token: `guess-${i}-abcdefghijklmnopqrstuvwxyz` }, from('198.51.100.4'))).toBe('INVALID_TOKEN');
		expect(await refusal(base, { token: hostToken }, from('198.51.100.4'))).toBe('RATE_LIMITED');
		// Another client behind the same proxy is not held up.
		await welcomed(rawSocket(base, { token: hostToken }, from('198.51.100.5')));
	});

	it('without TRUST_PROXY, forwarded headers count for nothing', async () => {
		app = await makeApp();
		const base = await listen(app);
		const { hostToken } = demoShow(app);
		expect(await refusal(base, { token: hostToken }, { ...PROXIED, origin: 'https://showcall.example.org' })).toBe('CROSS_SITE_REQUEST');
	});
});
