/**
 * The installed dependency tree runs on the Node the README names: every package in package-lock.json declares
 * an `engines.node` range that this Node and the lowest Node package.json allows both satisfy (npm ci prints
 * EBADENGINE otherwise), and the packages pinned by `overrides` (cookie@1, content-disposition@2) still serve
 * the plugins that call them.
 */
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fastifyCookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify from 'fastify';
import { afterAll, describe, expect, it } from 'vitest';

const root = process.cwd();
const require = createRequire(join(root, 'package.json'));
const semver = require('semver') as {
	satisfies(version: string, range: string, options?: { includePrerelease?: boolean }): boolean;
	minVersion(range: string): { version: string } | null;
};

type Manifest = { name?: string; version?: string; engines?: { node?: string } };
const readJson = (path: string): unknown => JSON.parse(readFileSync(path, 'utf8'));

function installedEngines(): { path: string; name: string; range: string }[] {
	const lock = readJson(join(root, 'package-lock.json')) as { packages: Record<string, { optional?: boolean }> };
	const found: { path: string; name: string; range: string }[] = [];
	for (const [path, entry] of Object.entries(lock.packages)) {
		if (path === '') continue;
		let manifest: Manifest;
		try {
			manifest = readJson(join(root, path, 'package.json')) as Manifest;
		} catch (error) {
			// Optional packages for other platforms (esbuild's, rollup's) are in the lock but not installed here.
			if (entry.optional && (error as NodeJS.ErrnoException).code === 'ENOENT') continue;
			throw error;
		}
		const range = typeof manifest.engines?.node === 'string' ? manifest.engines.node : undefined;
		if (range) found.push({ path, name: `${manifest.name}@${manifest.version}`, range });
	}
	return found;
}

describe('engines', () => {
	const engines = installedEngines();
	const own = (readJson(join(root, 'package.json')) as Manifest).engines?.node ?? '';
	const lowest = semver.minVersion(own)?.version;

	it('reads the installed packages (the walk is not vacuous)', () => {
		expect(engines.length).toBeGreaterThan(100);
		expect(lowest).toMatch(/^20\./);
	});

	// npm's own check (npm-install-checks) uses includePrerelease.
	it.each([
		['this Node', process.version],
		['the lowest Node package.json allows', lowest ?? 'none']
	])('every installed package supports %s (%s)', (_what, version) => {
		const refused = engines
			.filter((e) => !semver.satisfies(version, e.range, { includePrerelease: true }))
			.map((e) => `${e.path} (${e.name}) wants node ${e.range}`);
		expect(refused).toEqual([]);
	});
});

describe('the overridden packages under their dependents', () => {
	const dir = mkdtempSync(join(tmpdir(), 'showcall-deps-'));
	afterAll(() => rmSync(dir, { recursive: true, force: true }));

	it('@fastify/cookie sets and parses cookies, and inject() sends cookies (cookie@1 via light-my-request)', async () => {
		const app = Fastify();
		await app.register(fastifyCookie);
		app.get('/set', (_request, reply) =>
			reply
				.setCookie('sid', 'a b;c', { path: '/', httpOnly: true, sameSite: 'strict', secure: true, maxAge: 60 })
				.send('ok')
		);
		app.get('/clear', (_request, reply) => reply.clearCookie('sid', { path: '/' }).send('ok'));
		app.get('/read', (request) => request.cookies);
		try {
			const set = await app.inject({ url: '/set' });
			expect(set.headers['set-cookie']).toBe('sid=a%20b%3Bc; Max-Age=60; Path=/; HttpOnly; Secure; SameSite=Strict');
			const clear = await app.inject({ url: '/clear' });
			expect(String(clear.headers['set-cookie'])).toMatch(/^sid=; Max-Age=0; Path=\/; Expires=Thu, 01 Jan 1970/);
			const read = await app.inject({ url: '/read', cookies: { sid: 'a b;c', lang: 'zh-CN' } });
			expect(read.json()).toEqual({ sid: 'a b;c', lang: 'zh-CN' });
			const header = await app.inject({ url: '/read', headers: { cookie: 'sid=x%2Fy; other=1' } });
			expect(header.json()).toEqual({ sid: 'x/y', other: '1' });
		} finally {
			await app.close();
		}
	});

	it('@fastify/static downloads a file with a Chinese name (content-disposition@2)', async () => {
		writeFileSync(join(dir, '海报.svg'), '<svg/>');
		const app = Fastify();
		await app.register(fastifyStatic, { root: dir, serve: false });
		app.get('/file', (_request, reply) => reply.download('海报.svg'));
		try {
			const response = await app.inject({ url: '/file' });
			expect(response.statusCode).toBe(200);
			expect(response.body).toBe('<svg/>');
			expect(response.headers['content-disposition']).toBe(
				`attachment; filename="??.svg"; filename*=UTF-8''%E6%B5%B7%E6%8A%A5.svg`
			);
		} finally {
			await app.close();
		}
	});
});
