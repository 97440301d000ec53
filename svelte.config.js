import adapterStatic from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';

/** The file, beside 200.html, that names each page's own scripts and styles (read by server/http/spa.ts). */
const ROUTE_ASSETS = '.route-assets.json';

/**
 * adapter-static (every file also as .br and .gz, which the server sends to browsers that take
 * them), then the route table of the SPA fallback: for each page, the pattern SvelteKit's router
 * matches and the scripts and styles of its layouts and page, as a server-rendered page would
 * name them in its <head> (its error pages' too: the router fetches the root one as it starts). The
 * server puts them in the fallback page it answers for that path, so a browser fetches them at once
 * instead of after the router has started.
 * @param {{ pages: string; assets: string; fallback: string; strict: boolean }} options
 * @returns {import('@sveltejs/kit').Adapter}
 */
function spaAdapter(options) {
	const base = adapterStatic({ ...options, precompress: true });
	return {
		name: base.name,
		async adapt(builder) {
			await base.adapt(builder);
			const { manifest } = await import(pathToFileURL(join(builder.getServerDirectory(), 'manifest-full.js')).href);
			/** @type {{ imports: string[]; stylesheets: string[] }[]} */
			const nodes = await Promise.all(manifest._.nodes.map((/** @type {() => Promise<any>} */ load) => load()));
			/** @type {{ id: string; pattern: RegExp; page: { layouts: (number | undefined)[]; errors: (number | undefined)[]; leaf: number } | null }[]} */
			const routes = manifest._.routes;
			const unique = (/** @type {string[]} */ list) => [...new Set(list)];
			const table = routes
				.filter((route) => route.page)
				.map((route) => {
					const used = [...route.page.layouts, ...route.page.errors, route.page.leaf].filter((i) => i !== undefined).map((i) => nodes[i]);
					return {
						id: route.id,
						pattern: route.pattern.source,
						scripts: unique(used.flatMap((node) => node.imports)),
						styles: unique(used.flatMap((node) => node.stylesheets))
					};
				});
			writeFileSync(join(options.pages, ROUTE_ASSETS), JSON.stringify({ routes: table }));
		}
	};
}

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: Fastify serves build/ and answers client routes with 200.html.
		adapter: spaAdapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
		typescript: {
			// Typecheck the server and the tests with the same settings as the UI.
			config: (tsconfig) => {
				tsconfig.include.push('../server/**/*.ts', '../tests/**/*.ts', '../scripts/**/*.ts', '../*.config.ts');
				return tsconfig;
			}
		}
	}
};

export default config;
