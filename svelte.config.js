import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: Fastify serves build/ and answers client routes with 200.html.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true }),
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
