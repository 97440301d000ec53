/**
 * Serving the built SvelteKit SPA from build/: files as they are (hashed assets cached for a year),
 * client routes answered with 200.html, and a Content-Security-Policy that allows exactly the
 * inline bootstrap scripts of the built pages (by hash).
 */
import fastifyStatic from '@fastify/static';
import type { FastifyInstance, FastifyReply } from 'fastify';
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, readdirSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ERROR_STATUS, errorBody } from './errors';
import { isApiUrl } from './route';

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

/**
 * The files under `dir` that are served as they are, by their path from it: not dot-files and not
 * the .br/.gz copies, which go out in their file's place.
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

export async function registerSpa(app: FastifyInstance, dir = BUILD_DIR) {
	const hasUi = existsSync(join(dir, '200.html'));
	/** A client route: the app's one page (a device page's not cached: its URL is its secret). */
	const sendPage = (reply: FastifyReply, path: string) => reply.header('cache-control', pageCacheControl(path)).type('text/html; charset=utf-8').sendFile('200.html');
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
		app.get('/', { config: { auth: 'public' } }, (_request, reply) => sendPage(reply, '/'));
	}

	app.setNotFoundHandler((request, reply) => {
		const path = request.url.split('?')[0];
		const isPage = (request.method === 'GET' || request.method === 'HEAD') && !isApiUrl(path) && !path.startsWith('/socket.io');
		if (isPage && hasUi) {
			return sendPage(reply, path);
		}
		if (isPage) {
			return reply.status(503).type('text/plain; charset=utf-8').send('The UI is not built yet: run `npm run build` (npm start does it for you).');
		}
		return reply.status(ERROR_STATUS.NOT_FOUND).send(errorBody('NOT_FOUND', `No route for ${request.method} ${path}`));
	});
}
