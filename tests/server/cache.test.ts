/**
 * What caches may keep: nothing of the API (personal data, link tokens) and nothing of a device
 * page (its URL is its secret); the app's other pages are revalidated, its hashed assets kept.
 */
import type { FastifyInstance } from 'fastify';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeApp, signIn } from './support';

const uiDir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));
writeFileSync(join(uiDir, '200.html'), '<!doctype html><title>Showcall</title>');
let app: FastifyInstance;
let cookie: string;
let tokens: { producer: string; host: string };
let showId: number;

beforeAll(async () => {
	app = await makeApp({ uiDir });
	cookie = await signIn(app);
	showId = app.deps.repos.shows.list()[0].id;
	const links = (await app.inject({ url: `/api/shows/${showId}/links`, headers: { cookie } })).json();
	tokens = { producer: links.producer.token, host: links.host.token };
});
afterAll(async () => {
	await app.close();
	rmSync(uiDir, { recursive: true, force: true });
});

describe('Cache-Control', () => {
	it('is no-store on every API answer with personal or token data, errors included', async () => {
		const bearer = (token: string) => ({ authorization: `Bearer ${token}` });
		const answers = [
			await app.inject({ url: '/api/session', headers: { cookie } }),
			await app.inject({ url: '/api/shows', headers: { cookie } }),
			await app.inject({ url: `/api/shows/${showId}`, headers: { cookie } }),
			await app.inject({ url: '/api/people', headers: { cookie } }),
			await app.inject({ url: '/api/accounts', headers: { cookie } }),
			await app.inject({ url: '/api/live', headers: bearer(tokens.host) }),
			await app.inject({ url: '/api/live', headers: bearer('wrong-token') }),
			await app.inject({ url: '/api/nothing-here' })
		];
		for (const answer of answers) expect(answer.headers['cache-control'], answer.raw.req.url).toBe('no-store');
	});

	it('is no-store on device pages however their path is spelt, no-cache on the other pages', async () => {
		for (const path of [`/host/${tokens.host}`, `/producer/${tokens.producer}`, `/p/${tokens.producer}`, `/h/${tokens.host}`, `/HOST/${tokens.host}`, `/%68ost/${tokens.host}`]) {
			const page = await app.inject({ url: path });
			expect(page.statusCode, path).toBe(200);
			expect(page.headers['cache-control'], path).toBe('no-store');
		}
		for (const path of ['/shows', '/login', `/s/demo`, '/hosts']) expect((await app.inject({ url: path })).headers['cache-control'], path).toBe('no-cache');
	});
});
