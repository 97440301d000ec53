/**
 * Production logs: one line per request at `info`, none for health checks and static files, and
 * link tokens redacted however the URL spells them.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { redactUrl } from '../../server/logging';
import { makeApp, signIn } from './support';

const TOKEN = 'Ab3_dEf-GhIjKlMnOpQrStUvWxYz0123';

describe('redactUrl', () => {
	it.each([
		['/host/abc', '/host/[redacted]'],
		['/HOST/abc?lang=en', '/HOST/[redacted]?lang=en'],
		[`/%68ost/${TOKEN}`, '/%68ost/[redacted]'],
		[`/%70roducer/short`, '/%70roducer/[redacted]'],
		[`/api/live/${TOKEN}`, '/api/live/[redacted]'],
		[`/anything/${encodeURIComponent(TOKEN)}/x`, '/anything/[redacted]/x'],
		['/?token=abc&lang=en', '/?token=[redacted]&lang=en'],
		['/x?%74oken=abc', '/x?%74oken=[redacted]'],
		[`/x?a=${TOKEN}#top`, '/x?a=[redacted]#top']
	])('%s → %s', (url, expected) => {
		expect(redactUrl(url)).toBe(expected);
	});

	it('leaves ordinary paths alone', () => {
		for (const url of ['/api/live/next', '/api/live/flash-sale-start', '/shows/12/devices', '/api/forms/activities.xlsx?unit=wuhan', '/_app/immutable/chunks/app.js']) {
			expect(redactUrl(url)).toBe(url);
		}
	});
});

describe('request log at info', () => {
	let app: FastifyInstance;
	// A built UI of one page and one asset, so pages and static files are served (200), not 503.
	const uiDir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));
	writeFileSync(join(uiDir, '200.html'), '<!doctype html><title>Showcall</title>');
	writeFileSync(join(uiDir, 'app.js'), 'export {};');
	afterEach(async () => app?.close());
	afterAll(() => rmSync(uiDir, { recursive: true, force: true }));

	it('writes one line per API request, none for health checks or pages, and no token', async () => {
		const lines: Record<string, unknown>[] = [];
		const stream = new Writable({
			write(chunk, _encoding, done) {
				for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
				done();
			}
		});
		app = await makeApp({ uiDir, logger: { level: 'info', stream } });
		const cookie = await signIn(app);
		lines.length = 0;
		await app.inject({ method: 'GET', url: '/healthz' });
		expect((await app.inject({ method: 'GET', url: '/shows' })).statusCode).toBe(200);
		expect((await app.inject({ method: 'GET', url: '/app.js' })).statusCode).toBe(200);
		expect((await app.inject({ method: 'GET', url: `/host/${TOKEN}` })).statusCode).toBe(200);
		await app.inject({ method: 'GET', url: '/api/shows', headers: { cookie } });
		await app.inject({ method: 'GET', url: `/api/live/${TOKEN}` });
		await app.inject({ method: 'GET', url: '/api/live', headers: { authorization: `Bearer ${TOKEN}` } });

		const messages = lines.map((line) => line.msg);
		expect(messages).toEqual(['GET /api/shows 200', 'GET /api/live/[redacted] 404', 'GET /api/live 401']);
		expect(lines[0]).toMatchObject({ level: 30, req: { method: 'GET', url: '/api/shows' }, res: { statusCode: 200 } });
		expect(typeof lines[0].responseTime).toBe('number');
		expect(JSON.stringify(lines)).not.toContain(TOKEN);
	});

	it('keeps successful live commands out of the info log and logs their refusals', async () => {
		const lines: Record<string, unknown>[] = [];
		const stream = new Writable({
			write(chunk, _encoding, done) {
				for (const line of String(chunk).split('\n').filter(Boolean)) lines.push(JSON.parse(line));
				done();
			}
		});
		app = await makeApp({ uiDir, logger: { level: 'info', stream } });
		const { producerToken, hostToken } = app.deps.repos.shows.tokensOf(app.deps.repos.shows.list()[0].id)!;
		lines.length = 0;
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		expect((await app.inject({ method: 'POST', url: '/api/live/start', headers: bearer(producerToken) })).statusCode).toBe(200);
		expect((await app.inject({ method: 'GET', url: '/api/live', headers: bearer(hostToken) })).statusCode).toBe(200);
		expect((await app.inject({ method: 'GET', url: '/api/live/sheet', headers: bearer(hostToken) })).statusCode).toBe(200);
		expect((await app.inject({ method: 'POST', url: '/api/live/next', headers: bearer(hostToken) })).statusCode).toBe(403);
		expect(lines.map((line) => line.msg)).toEqual(['POST /api/live/next 403']);
	});
});
