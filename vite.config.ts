import { sveltekit } from '@sveltejs/kit/vite';
import { defineConfig } from 'vitest/config';

const api = `http://127.0.0.1:${process.env.API_PORT ?? 3001}`;

export default defineConfig({
	plugins: [sveltekit()],
	// The UI is built on first `npm start`: keep its output to the result, not rolldown's profile.
	build: { rolldownOptions: { checks: { bundlerTimings: false } } },
	server: {
		// `npm run dev`: the UI on Vite, the API and socket.io on the server (see README).
		proxy: {
			'/api': api,
			'/healthz': api,
			'/socket.io': { target: api, ws: true }
		}
	},
	test: {
		expect: { requireAssertions: true },
		projects: [
			{ extends: true, test: { name: 'core', include: ['tests/core/**/*.test.ts'], environment: 'node' } },
			{ extends: true, test: { name: 'server', include: ['tests/server/**/*.test.ts'], environment: 'node', testTimeout: 20_000 } },
			{
				extends: true,
				test: {
					// Crash, network faults, races, fuzzing, access, backups: docs/reliability.md.
					// RELIABILITY_PROFILE=long (npm run test:long) runs them at full length.
					name: 'reliability',
					include: ['tests/reliability/**/*.test.ts'],
					environment: 'node',
					testTimeout: 120_000,
					hookTimeout: 60_000,
					// They measure reconnect times and latencies: one at a time.
					fileParallelism: false
				}
			},
			{
				extends: true,
				test: {
					name: 'e2e',
					include: ['tests/e2e/**/*.test.ts'],
					environment: 'node',
					testTimeout: 60_000,
					hookTimeout: 120_000,
					globalSetup: ['tests/e2e/global-setup.ts'],
					// One Chromium at a time on a 2-core machine.
					fileParallelism: false
				}
			}
		]
	}
});
