/**
 * Secrets never reach the logs: a real server process at LOG_LEVEL=trace, driven through sign-ins
 * (right and wrong passwords), account creation and a password reset, link tokens over HTTP, the
 * socket and in page URLs (`/producer/<token>`, `/host/<token>`, `?token=`), a rotation and a bad
 * token; then everything it wrote, stdout and stderr, is searched for every password, token and
 * session cookie it saw. (The browser bundle and the public page are checked in
 * tests/e2e/xss.test.ts and tests/reliability/access.test.ts.)
 */
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LiveConnection } from '../../src/lib/realtime/live-connection';
import { recordFigures } from './support/figures';
import { freePort, ServerProcess, tempDir } from './support/server-process';

const ADMIN_PASSWORD = 'log-test-admin-password-Q7';
const WRONG_PASSWORD = 'wrong-password-Z9X-guess';
const ACCOUNT_PASSWORD = 'account-password-K3-first';
const RESET_PASSWORD = 'reset-password-M5-second';
const BAD_TOKEN = 'invalid-token-secret-W2-abcdefghijkl';

const cleanup: (() => unknown)[] = [];
afterAll(async () => {
	for (const step of cleanup.reverse()) await step();
});

describe('secrets in the logs', () => {
	it('no password, link token or session cookie appears in anything the server writes, even at trace level', async () => {
		const dir = tempDir('showcall-logs-');
		cleanup.push(() => dir.remove());
		const server = new ServerProcess({ port: await freePort(), databasePath: join(dir.path, 'showcall.db'), adminPassword: ADMIN_PASSWORD, logLevel: 'trace' });
		cleanup.push(() => server.kill9());
		await server.start();
		const secrets = new Set<string>([ADMIN_PASSWORD, WRONG_PASSWORD, ACCOUNT_PASSWORD, RESET_PASSWORD, BAD_TOKEN]);
		const json = { 'content-type': 'application/json' };
		const send = (path: string, init: RequestInit = {}) => fetch(`${server.base}${path}`, init);

		// Sign-ins, right and wrong; an account with a password, then reset.
		expect((await send('/api/session', { method: 'POST', headers: json, body: JSON.stringify({ username: 'admin', password: WRONG_PASSWORD }) })).status).toBe(401);
		const admin = await server.signIn();
		secrets.add(admin.split('=')[1]);
		const created = await send('/api/accounts', { method: 'POST', headers: { ...json, cookie: admin }, body: JSON.stringify({ username: 'logtest', displayName: '日志测试', unitCode: 'wuhan', password: ACCOUNT_PASSWORD }) });
		expect(created.status).toBe(201);
		const { id } = (await created.json()) as { id: number };
		expect((await send(`/api/accounts/${id}`, { method: 'PATCH', headers: { ...json, cookie: admin }, body: JSON.stringify({ password: RESET_PASSWORD }) })).status).toBe(200);
		const city = await server.signIn('logtest', RESET_PASSWORD);
		secrets.add(city.split('=')[1]);

		// Link tokens: over HTTP, on the socket, in page URLs; a rotation; a bad one.
		const show = await server.demoShow(admin);
		secrets.add(show.producerToken).add(show.hostToken);
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		expect((await send('/api/live/start', { method: 'POST', headers: bearer(show.producerToken) })).status).toBe(200);
		expect((await send('/api/live/message', { method: 'POST', headers: { ...json, ...bearer(show.producerToken) }, body: JSON.stringify({ text: '日志里不能有密钥' }) })).status).toBe(200);
		expect((await send('/api/live', { headers: bearer(show.hostToken) })).status).toBe(200);
		expect((await send('/api/live/next', { method: 'POST', headers: bearer(show.hostToken) })).status).toBe(403);
		expect((await send('/api/live', { headers: bearer(BAD_TOKEN) })).status).toBe(401);
		expect((await send(`/api/live/${show.producerToken}`)).status).toBe(404);
		expect((await send(`/api/live?token=${show.producerToken}`)).status).toBe(401);
		for (const page of [`/producer/${show.producerToken}`, `/host/${show.hostToken}`, `/p/${show.producerToken}`, `/h/${show.hostToken}`, `/producer/${show.producerToken}?lang=en`, `/?token=${show.hostToken}`, `/shows/${show.showId}/devices`, `/%68ost/${show.hostToken}`, `/HOST/${show.hostToken}`, `/%70roducer/${encodeURIComponent(show.producerToken)}`]) {
			// 200 with the UI built, 503 "not built yet" without: logged either way.
			expect([200, 503], page).toContain((await send(page)).status);
		}
		const screens = [
			new LiveConnection({ url: server.base, token: show.producerToken, deviceName: '场控', socket: { forceNew: true } }),
			new LiveConnection({ url: server.base, token: show.hostToken, deviceName: '主播', socket: { forceNew: true } }),
			new LiveConnection({ url: server.base, showId: show.showId, socket: { forceNew: true, extraHeaders: { cookie: admin } } })
		];
		cleanup.push(() => screens.forEach((s) => s.close()));
		await Promise.all(screens.map((s) => new Promise<void>((resolve) => (s.on('welcome', () => resolve()), s.connect()))));
		expect(await screens[0].send({ type: 'add-time', deltaMs: 30_000 })).toMatchObject({ ok: true });
		const rotated = await send(`/api/shows/${show.showId}/links/producer/rotate`, { method: 'POST', headers: { ...json, cookie: admin }, body: '{}' });
		const fresh = ((await rotated.json()) as { producer: { token: string } }).producer.token;
		secrets.add(fresh);
		expect((await send('/api/live/pause', { method: 'POST', headers: bearer(fresh) })).status).toBe(200);
		expect((await send('/api/live', { headers: bearer(show.producerToken) })).status).toBe(401);
		expect((await send('/api/session', { method: 'DELETE', headers: { cookie: city } })).status).toBe(200);
		await server.stop();

		const leaks = [...secrets].filter((secret) => server.output.includes(secret));
		const requests = server.output.split('\n').filter((line) => line.includes('"responseTime"')).length;
		recordFigures('secrets', { logBytes: server.output.length, requestsLogged: requests, secretsSearched: secrets.size, leaks: leaks.length });
		expect(leaks, 'secrets found in the server output').toEqual([]);
		// The search is not vacuous: the requests were logged, with their page URLs redacted.
		expect(requests).toBeGreaterThan(20);
		expect(server.output).toContain('/producer/[redacted]');
		expect(server.output).toContain('/host/[redacted]');
		expect(server.output).toContain('token=[redacted]');
	}, 60_000);
});
