import adapter from '@sveltejs/adapter-static';
import { vitePreprocess } from '@sveltejs/vite-plugin-svelte';

/** @type {import('@sveltejs/kit').Config} */
const config = {
	preprocess: vitePreprocess(),
	kit: {
		// A single-page app: Fastify serves build/ and answers client routes with 200.html. Every file is
		// also written as .br and .gz, which the server sends to a browser that takes them.
		adapter: adapter({ pages: 'build', assets: 'build', fallback: '200.html', strict: true, precompress: true }),
		// The app's code as one script and one stylesheet, named in 200.html: a tablet opening its link
		// fetches two files at once instead of 36 modules, most found only after the router started
		// (`npm run bench:open`, docs/deploy.md).
		output: { bundleStrategy: 'single' },
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
