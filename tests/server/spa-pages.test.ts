/**
 * The SPA's pages as the server answers them: each client route's page names the route's own
 * scripts and styles in its <head> (from the UI build's route table), so a browser fetches them with
 * the page; files go out precompressed to browsers that take it; the route table itself is never
 * served, and a broken one leaves the pages working as built.
 */
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterEach, describe, expect, it } from 'vitest';
import { buildFiles, ROUTE_ASSETS_FILE, spaPages } from '../../server/http/spa';
import { makeApp } from './support';

const HTML = `<!doctype html>
<html>
	<head>
		<link href="/_app/immutable/entry/start.A1.js" rel="modulepreload">
		<link href="/_app/immutable/nodes/0.B2.js" rel="modulepreload">
	</head>
	<body><script>boot()</script></body>
</html>`;

const TABLE = {
	routes: [
		{ id: '/producer', pattern: '^\\/producer\\/?$', scripts: ['_app/immutable/nodes/0.B2.js', '_app/immutable/nodes/7.C3.js'], styles: [] },
		{
			id: '/producer/[token]',
			pattern: '^\\/producer\\/([^/]+?)\\/?$',
			scripts: ['_app/immutable/nodes/0.B2.js', '_app/immutable/nodes/1.D4.js', '_app/immutable/nodes/8.E5.js', '_app/immutable/chunks/live.F6.js'],
			styles: ['_app/immutable/assets/8.G7.css']
		},
		{ id: '/(app)/shows/[id]', pattern: '^\\/shows\\/([^/]+?)\\/?$', scripts: ['_app/immutable/nodes/12.H8.js'], styles: [] }
	]
};

let app: FastifyInstance | undefined;
let dir: string | undefined;
afterEach(async () => {
	await app?.close();
	if (dir) rmSync(dir, { recursive: true, force: true });
	app = dir = undefined;
});

async function withUi(table: string | null) {
	dir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));
	writeFileSync(join(dir, '200.html'), HTML);
	if (table !== null) writeFileSync(join(dir, ROUTE_ASSETS_FILE), table);
	mkdirSync(join(dir, '_app/immutable/chunks'), { recursive: true });
	const script = `export const live = ${JSON.stringify('x'.repeat(2000))};`;
	writeFileSync(join(dir, '_app/immutable/chunks/live.F6.js'), script);
	writeFileSync(join(dir, '_app/immutable/chunks/live.F6.js.br'), brotliCompressSync(script));
	writeFileSync(join(dir, '_app/immutable/chunks/live.F6.js.gz'), gzipSync(script));
	app = await makeApp({ uiDir: dir });
	return app;
}

/** The `href`s of the page's links of one kind, in order. */
const links = (html: string, rel: string) => [...html.matchAll(new RegExp(`<link href="([^"]+)" rel="${rel}"`, 'g'))].map((m) => m[1]);

describe('a client route’s page', () => {
	it('names the route’s scripts and styles once each, beside what 200.html already loads', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		const page = await ui.inject('/producer/AbCdEf0123456789');
		expect(page.statusCode).toBe(200);
		expect(page.headers['content-type']).toBe('text/html; charset=utf-8');
		expect(page.headers['cache-control']).toBe('no-store');
		expect(links(page.body, 'modulepreload')).toEqual([
			'/_app/immutable/entry/start.A1.js',
			'/_app/immutable/nodes/0.B2.js',
			'/_app/immutable/nodes/1.D4.js',
			'/_app/immutable/nodes/8.E5.js',
			'/_app/immutable/chunks/live.F6.js'
		]);
		expect(page.body).toContain('<link href="/_app/immutable/assets/8.G7.css" rel="preload" as="style">');
		// The links sit in the <head>; the bootstrap script (allowed by its hash) is untouched.
		expect(page.body.indexOf('live.F6.js')).toBeLessThan(page.body.indexOf('</head>'));
		expect(page.body).toContain('<body><script>boot()</script></body>');
		expect(page.headers['content-security-policy']).toMatch(/script-src 'self' 'sha256-/);

		// The first route that matches, as the router picks it; the same path spelt with escapes.
		expect(links((await ui.inject('/producer')).body, 'modulepreload')).toContain('/_app/immutable/nodes/7.C3.js');
		expect(links((await ui.inject('/%70roducer/AbCdEf0123456789')).body, 'modulepreload')).toContain('/_app/immutable/nodes/8.E5.js');
		const show = await ui.inject('/shows/12?tab=sheet');
		expect(links(show.body, 'modulepreload')).toContain('/_app/immutable/nodes/12.H8.js');
		expect(show.headers['cache-control']).toBe('no-cache');
	});

	it('is revalidated by its ETag', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		const first = await ui.inject('/shows/12');
		const etag = first.headers.etag;
		expect(etag).toMatch(/^"[\w-]+"$/);
		const again = await ui.inject({ url: '/shows/12', headers: { 'if-none-match': String(etag) } });
		expect(again.statusCode).toBe(304);
		expect(again.body).toBe('');
		// Another route's page is another page.
		expect((await ui.inject('/producer/AbCdEf0123456789')).headers.etag).not.toBe(etag);
	});

	it('is 200.html as built where no route matches, or a path does not decode', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		for (const path of ['/nowhere', '/producer/a/b']) {
			const page = await ui.inject(path);
			expect(page.statusCode, path).toBe(200);
			expect(page.body, path).toBe(HTML);
		}
		// Fastify refuses such a path before any page is looked up; the lookup does not throw on one either.
		expect(spaPages(dir)('/%E0%A4%A')).toBeNull();
		expect(spaPages(dir)('/producer/%E0%A4%A')).toBeNull();
		expect(spaPages(dir)('/producer/ok')?.html).toContain('8.E5.js');
	});

	it('is 200.html as built when the route table is missing or unreadable, and the server starts all the same', async () => {
		for (const table of [null, '{"routes":[{"id":"/x","pattern":"^/x$","scripts":["../../etc/passwd.js"],"styles":[]}]}', '{"routes":[{"id":"/x","pattern":"(","scripts":[],"styles":[]}]}', 'not json']) {
			const ui = await withUi(table);
			const page = await ui.inject('/producer/AbCdEf0123456789');
			expect(page.statusCode, String(table)).toBe(200);
			expect(page.body, String(table)).toBe(HTML);
			await ui.close();
			rmSync(dir!, { recursive: true, force: true });
			app = dir = undefined;
		}
	});

	it('does not serve the route table itself', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		const res = await ui.inject(`/${ROUTE_ASSETS_FILE}`);
		expect(res.headers['content-type']).not.toContain('json');
		expect(res.body).not.toContain('"routes"');
	});
});

describe('files of the build', () => {
	it('go out as brotli or gzip to a browser that takes them, as they are to one that does not', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		const url = '/_app/immutable/chunks/live.F6.js';
		const br = await ui.inject({ url, headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(br.statusCode).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['content-type']).toContain('javascript');
		expect(br.headers['vary']).toMatch(/accept-encoding/i);
		expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(brotliDecompressSync(br.rawPayload).toString()).toContain('export const live');
		expect(br.rawPayload.length).toBeLessThan(200);

		const gz = await ui.inject({ url, headers: { 'accept-encoding': 'gzip' } });
		expect(gz.headers['content-encoding']).toBe('gzip');

		const plain = await ui.inject({ url, headers: { 'accept-encoding': 'identity' } });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body).toContain('export const live');
	});

	it('are the files listed at start, by their exact path: nothing outside, no dot-file, no compressed copy by its own name', async () => {
		const ui = await withUi(JSON.stringify(TABLE));
		writeFileSync(join(dir!, '_app/immutable/chunks/later.js'), 'export {};');
		const head = await ui.inject({ method: 'HEAD', url: '/_app/immutable/chunks/live.F6.js' });
		expect(head.statusCode).toBe(200);
		expect(head.body).toBe('');
		for (const path of [
			'/_app/immutable/chunks/later.js',
			'/_app/immutable/chunks/live.F6.js.br',
			`/${ROUTE_ASSETS_FILE}`,
			'/_app/immutable/chunks/../../../package.json',
			'/_app/immutable/chunks/%2e%2e/%2e%2e/%2e%2e/package.json',
			'/_APP/immutable/chunks/live.F6.js',
			'/_app//immutable/chunks/live.F6.js'
		]) {
			const res = await ui.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
			expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
			expect(res.body, path).toBe(HTML);
		}
		expect(buildFiles(dir!)).toEqual(new Set(['200.html', '_app/immutable/chunks/live.F6.js', '_app/immutable/chunks/later.js']));
	});
});
