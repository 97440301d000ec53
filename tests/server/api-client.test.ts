/**
 * The UI's client calls endpoints of the table by name: `urlOf` fills path params and the query,
 * `call` sends the body (JSON or an upload) and answers the parsed JSON, text for non-JSON answers,
 * an ApiError with the API's code for a refusal — against the real server.
 */
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { ApiError, call, urlOf } from '../../src/lib/api/client';
import { endpoints } from '../../src/lib/contract/endpoints';
import { demoShow } from './live-support';
import { listen, makeApp, signIn } from './support';

describe('urlOf', () => {
	it('fills path params (encoded) and the query’s defined values, or a search string', () => {
		expect(urlOf(endpoints.shows.get, { params: { id: 7 } })).toBe('/api/shows/7');
		expect(urlOf(endpoints.public.show, { params: { slug: 'a b/c' } })).toBe('/api/public/shows/a%20b%2Fc');
		expect(urlOf(endpoints.links.rotate, { params: { id: '3', role: 'host' } })).toBe('/api/shows/3/links/host/rotate');
		expect(urlOf(endpoints.posters.svg, { params: { id: 1 }, query: { format: 'a4', design: undefined, download: '1' } })).toBe('/api/shows/1/poster.svg?format=a4&download=1');
		expect(urlOf(endpoints.people.list, { search: 'q=%E5%BC%A0&archived=include' })).toBe('/api/people?q=%E5%BC%A0&archived=include');
		expect(urlOf(endpoints.shows.list)).toBe('/api/shows');
	});
});

describe('call', () => {
	let app: FastifyInstance;
	let base: string;
	let cookie: string;
	beforeAll(async () => {
		app = await makeApp();
		base = await listen(app);
		cookie = await signIn(app);
		// The browser's relative fetch, with the session cookie, against the real server.
		const realFetch = globalThis.fetch;
		vi.stubGlobal('fetch', (path: string, init: RequestInit) => realFetch(`${base}${path}`, { ...init, headers: { ...(init.headers as Record<string, string>), cookie, origin: base } }));
	});
	afterAll(async () => {
		vi.unstubAllGlobals();
		await app.close();
	});

	it('answers the typed JSON of GET, POST and PATCH endpoints', async () => {
		const { showId: id } = demoShow(app);
		const read = await call(endpoints.shows.get, { params: { id } });
		expect(read.id).toBe(id);
		const { products } = await call(endpoints.products.list, { query: { status: 'all' } });
		expect(products.length).toBeGreaterThan(0);
		const saved = await call(endpoints.shows.update, { params: { id }, body: { title: '改过的标题', expectedVersion: read.version } });
		expect(saved.title).toBe('改过的标题');
		expect(saved.version).toBe(read.version + 1);
	});

	it('answers text for non-JSON endpoints and nothing for a 204', async () => {
		const { showId: id } = demoShow(app);
		const svg = await call(endpoints.posters.svg, { params: { id }, query: { format: 'a4' } });
		expect(svg).toMatch(/^<svg|^<\?xml/);
		const created = await call(endpoints.training.create, {
			body: { unitCode: 'wuhan', startsAt: Date.UTC(2026, 10, 1, 2), place: '武汉', trainer: '张老师', attendees: 3 }
		});
		await expect(call(endpoints.training.remove, { params: { id: created.id } })).resolves.toBeUndefined();
	});

	it('throws an ApiError with the API’s code for a refusal', async () => {
		const error = await call(endpoints.shows.get, { params: { id: 987654 } }).catch((err: unknown) => err);
		expect(error).toBeInstanceOf(ApiError);
		expect((error as ApiError).status).toBe(404);
		expect((error as ApiError).code).toBe('NOT_FOUND');
	});
});
