/**
 * The UI's files as the server sends them: precompressed to a browser that takes it, and only the
 * files of the build listed at start, by their exact path; any other page path gets the app's page.
 */
import type { FastifyInstance } from 'fastify';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, brotliDecompressSync, gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFiles } from '../../server/http/spa';
import { makeApp } from './support';

const HTML = '<!doctype html><html><head></head><body><script>boot()</script></body></html>';
const SCRIPT = `export const app = ${JSON.stringify('x'.repeat(2000))};`;
const BUNDLE = '/_app/immutable/bundle.Dti15y_e.js';

let app: FastifyInstance;
const dir = mkdtempSync(join(tmpdir(), 'showcall-ui-'));

beforeAll(async () => {
	writeFileSync(join(dir, '200.html'), HTML);
	writeFileSync(join(dir, '200.html.br'), brotliCompressSync(HTML));
	writeFileSync(join(dir, '.secret'), 'not a file of the app');
	mkdirSync(join(dir, '_app/immutable'), { recursive: true });
	writeFileSync(join(dir, BUNDLE), SCRIPT);
	writeFileSync(join(dir, `${BUNDLE}.br`), brotliCompressSync(SCRIPT));
	writeFileSync(join(dir, `${BUNDLE}.gz`), gzipSync(SCRIPT));
	app = await makeApp({ uiDir: dir });
	// Written after the start: not a file of the build the server runs with.
	writeFileSync(join(dir, '_app/immutable/later.js'), 'export {};');
});
afterAll(async () => {
	await app.close();
	rmSync(dir, { recursive: true, force: true });
});

describe('the build’s files', () => {
	it('go out as brotli or gzip to a browser that takes them, as they are to one that does not', async () => {
		const br = await app.inject({ url: BUNDLE, headers: { 'accept-encoding': 'gzip, deflate, br' } });
		expect(br.statusCode).toBe(200);
		expect(br.headers['content-encoding']).toBe('br');
		expect(br.headers['content-type']).toContain('javascript');
		expect(br.headers['vary']).toMatch(/accept-encoding/i);
		expect(br.headers['cache-control']).toBe('public, max-age=31536000, immutable');
		expect(brotliDecompressSync(br.rawPayload).toString()).toBe(SCRIPT);
		expect(br.rawPayload.length).toBeLessThan(200);

		expect((await app.inject({ url: BUNDLE, headers: { 'accept-encoding': 'gzip' } })).headers['content-encoding']).toBe('gzip');
		const plain = await app.inject({ url: BUNDLE, headers: { 'accept-encoding': 'identity' } });
		expect(plain.headers['content-encoding']).toBeUndefined();
		expect(plain.body).toBe(SCRIPT);
		const head = await app.inject({ method: 'HEAD', url: BUNDLE });
		expect(head.statusCode).toBe(200);
		expect(head.body).toBe('');
	});

	it('are the files listed at start, by their exact path: nothing outside, no dot-file, no compressed copy by its own name', async () => {
		for (const path of [
			'/_app/immutable/later.js',
			`${BUNDLE}.br`,
			'/.secret',
			'/_app/immutable/../../package.json',
			'/_app/immutable/%2e%2e/%2e%2e/package.json',
			'/_APP/immutable/bundle.Dti15y_e.js',
			'/_app//immutable/bundle.Dti15y_e.js'
		]) {
			const res = await app.inject({ url: path, headers: { 'accept-encoding': 'identity' } });
			expect(res.headers['content-type'], path).toBe('text/html; charset=utf-8');
			expect(res.body, path).toBe(HTML);
		}
		expect(buildFiles(dir)).toEqual(new Set(['200.html', BUNDLE.slice(1), '_app/immutable/later.js']));
	});

	it('the app’s page, for any client route, compressed too', async () => {
		for (const path of ['/', '/shows/12', '/producer/AbCdEf0123456789']) {
			const page = await app.inject({ url: path, headers: { 'accept-encoding': 'br' } });
			expect(page.statusCode, path).toBe(200);
			expect(page.headers['content-type'], path).toBe('text/html; charset=utf-8');
			expect(page.headers['content-encoding'], path).toBe('br');
			expect(brotliDecompressSync(page.rawPayload).toString(), path).toBe(HTML);
		}
	});
});
