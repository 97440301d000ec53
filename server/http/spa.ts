/**
 * Serving the built SvelteKit SPA from build/: files as they are (hashed assets cached for a year),
 * client routes answered with 200.html, and a Content-Security-Policy that allows exactly the
 * inline bootstrap scripts of the built pages (by hash).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { ERROR_STATUS, errorBody } from './errors';

export const BUILD_DIR = fileURLToPath(new URL('../../build', import.meta.url));

/** `'sha256-…'` sources for every inline script in the built HTML files. */
export function inlineScriptHashes(dir = BUILD_DIR): string[] {
	if (!existsSync(dir)) return [];
	const hashes = new Set<string>();
	for (const file of readdirSync(dir).filter((f) => f.endsWith('.html'))) {
		const html = readFileSync(join(dir, file), 'utf8');
		for (const match of html.matchAll(/<script(?![^>]*\bsrc=)[^>]*>([\s\S]*?)<\/script>/g)) {
			hashes.add(`'sha256-${createHash('sha256').update(match[1]).digest('base64')}'`);
		}
	}
	return [...hashes];
}

/** Beside 200.html: each page's route and the scripts and styles of its layouts and page (written by svelte.config.js). */
export const ROUTE_ASSETS_FILE = '.route-assets.json';

const asset = (extension: string) => z.string().regex(new RegExp(`^_app/immutable/(?:[\\w-][\\w.-]*/)*[\\w-][\\w.-]*\\.${extension}$`));
const routeAssets = z.object({
	routes: z.array(z.object({ id: z.string(), pattern: z.string().min(1), scripts: z.array(asset('js')), styles: z.array(asset('css')) }))
});

export interface SpaPage {
	html: string;
	etag: string;
}

/**
 * The SPA's page for each route: 200.html with the route's own scripts (`modulepreload`) and styles
 * in its <head>, as a server-rendered page names them, so that the browser fetches them all with the
 * page instead of after the router has started and asked for them (one round trip less, and the
 * modules fetched in parallel; docs/deploy.md). Answers the page for a path, or null where 200.html
 * is served as it is: no route table (a UI built before it existed), or no route matches.
 */
export function spaPages(dir = BUILD_DIR, log?: { warn(details: object, message: string): void }): (path: string) => SpaPage | null {
	const tablePath = join(dir, ROUTE_ASSETS_FILE);
	const htmlPath = join(dir, '200.html');
	if (!existsSync(tablePath) || !existsSync(htmlPath)) return () => null;
	const html = readFileSync(htmlPath, 'utf8');
	let pages: { pattern: RegExp; page: SpaPage }[];
	try {
		const table = routeAssets.parse(JSON.parse(readFileSync(tablePath, 'utf8')));
		pages = table.routes.map((route) => {
			const links = [
				...route.scripts.filter((file) => !html.includes(`"/${file}"`)).map((file) => `<link href="/${file}" rel="modulepreload">`),
				// Fetched, not applied: the router applies them when it mounts the page.
				...route.styles.filter((file) => !html.includes(`"/${file}"`)).map((file) => `<link href="/${file}" rel="preload" as="style">`)
			];
			const page = html.replace('</head>', `\t${links.join('\n\t\t')}\n\t</head>`);
			return { pattern: new RegExp(route.pattern), page: { html: page, etag: `"${createHash('sha256').update(page).digest('base64url').slice(0, 27)}"` } };
		});
	} catch (err) {
		// The pages still work without it, only a round trip slower: not a reason to stay down.
		log?.warn({ err, file: tablePath }, "the UI build's route table is unreadable; pages are served without their scripts named");
		return () => null;
	}
	return (path) => {
		let decoded: string;
		try {
			decoded = decodeURI(path);
		} catch {
			return null;
		}
		return pages.find((p) => p.pattern.test(decoded))?.page ?? null;
	};
}

/**
 * The files under `dir` that are served as they are, by their path from it: not dot-files (the route
 * table) and not the .br/.gz copies, which go out in their file's place.
 */
export function buildFiles(dir: string): Set<string> {
	const files = new Set<string>();
	for (const entry of readdirSync(dir, { recursive: true, withFileTypes: true })) {
		if (!entry.isFile()) continue;
		const path = relative(dir, join(entry.parentPath, entry.name)).split(sep).join('/');
		if (path.split('/').some((segment) => segment.startsWith('.')) || /\.(br|gz)$/.test(path)) continue;
		files.add(path);
	}
	return files;
}

/** Device pages carry a link token in their URL: kept out of every cache. */
const DEVICE_PAGE = /^\/(producer|host|p|h)(\/|$)/i;

/** Cache-Control for a page of the SPA at `path` (the same HTML for every page). */
export function pageCacheControl(path: string): string {
	let decoded = path;
	try {
		decoded = decodeURIComponent(path);
	} catch {
		// A path that does not decode is matched as it is.
	}
	return DEVICE_PAGE.test(decoded) ? 'no-store' : 'no-cache';
}

/**
 * Every /api answer not marked otherwise is `no-store`: most carry personal data or link tokens,
 * and none should be served again from a cache.
 */
export function registerApiNoStore(app: FastifyInstance) {
	app.addHook('onSend', (request, reply, payload, done) => {
		if (request.url.startsWith('/api/') && !reply.hasHeader('cache-control')) reply.header('cache-control', 'no-store');
		done(null, payload);
	});
}

export async function registerSpa(app: FastifyInstance, dir = BUILD_DIR) {
	const hasUi = existsSync(join(dir, '200.html'));
	const pageFor = spaPages(dir, app.log);
	/** A client route's page: with its own scripts and styles named when the route table knows it. */
	const sendPage = (request: FastifyRequest, reply: FastifyReply, path: string) => {
		reply.header('cache-control', pageCacheControl(path)).type('text/html; charset=utf-8');
		const page = pageFor(path);
		if (!page) return reply.sendFile('200.html');
		reply.header('etag', page.etag);
		if (request.headers['if-none-match'] === page.etag) return reply.code(304).send();
		return reply.send(page.html);
	};
	if (hasUi) {
		// Only the decorators: the one route for the build's files is ours, below.
		await app.register(fastifyStatic, {
			root: dir,
			serve: false,
			// svelte.config.js writes each file also as .br and .gz: sent to a browser that takes them.
			preCompressed: true,
			// Ours, from setHeaders, rather than send's `public, max-age=0`.
			cacheControl: false,
			setHeaders(reply, path) {
				// A page sent by sendPage has its own (a device page's is no-store).
				if (reply.hasHeader('cache-control')) return;
				reply.header('cache-control', path.includes('/_app/immutable/') ? 'public, max-age=31536000, immutable' : 'no-cache');
			}
		});
		// The build's files, listed once at start (it does not change under a running server: npm start
		// builds, then starts). A request is one lookup, where the static plugin's own wildcard route
		// read every directory on the path to check its spelling (0.5 → 0.2 ms a file); a path not in
		// the list, spelt otherwise, or reaching outside, is not a file.
		const files = buildFiles(dir);
		app.get<{ Params: { '*': string } }>('/*', { config: { auth: 'public' } }, (request, reply) =>
			files.has(request.params['*']) ? reply.sendFile(request.params['*']) : reply.callNotFound()
		);
		// The root is a client route too (the app sends it on to /shows): served like the others, where
		// the static plugin would refuse a directory with 403 (the reliability suite found it).
		app.get('/', { config: { auth: 'public' } }, (request, reply) => sendPage(request, reply, '/'));
	}

	app.setNotFoundHandler((request, reply) => {
		const path = request.url.split('?')[0];
		const isPage = (request.method === 'GET' || request.method === 'HEAD') && !path.startsWith('/api/') && path !== '/api' && !path.startsWith('/socket.io');
		if (isPage && hasUi) {
			return sendPage(request, reply, path);
		}
		if (isPage) {
			return reply.status(503).type('text/plain; charset=utf-8').send('The UI is not built yet: run `npm run build` (npm start does it for you).');
		}
		return reply.status(ERROR_STATUS.NOT_FOUND).send(errorBody('NOT_FOUND', `No route for ${request.method} ${path}`));
	});
}
