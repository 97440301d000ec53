// How the server is bundled, in one place: scripts/build-if-stale.mjs builds `npm start`'s server
// with it, and `npm run bench:route` builds its benchmark with it, so the benchmark measures the code
// as production runs it (no tsx: no `keepNames` renaming of every named closure, the same target).
import { mkdirSync, renameSync, writeFileSync } from 'node:fs';

export const ROOT = new URL('..', import.meta.url).pathname;

/**
 * The Node flags the server runs with: a young generation of at most 4 MB a semi-space, and V8's
 * background threads (the optimising compiler, the garbage collector's helpers) one fewer than the
 * machine's cores (`--v8-pool-size=0`: at least one; Node's default is 4 whatever the cores), so
 * they leave a core to the server's thread — on two cores the default's four preempted it for
 * a millisecond or more while they compiled (docs/reliability.md, "Speed, seventh round"). `npm start`
 * (package.json) and docs/deploy.md's unit write them out, tests/server/process.test.ts holds them to
 * this, and the benchmarks start the server with it.
 */
export const SERVER_NODE_FLAGS = ['--max-semi-space-size=4', '--v8-pool-size=0'];

/**
 * Bundles `entryPoints` ({ name: source path from the root }) into `outdir`/name.mjs: server/** and
 * the src/lib code it imports, node_modules left external (resolved from the root at run time).
 * The outdir must sit two levels under the root, as server/<feature>/ does, so that the code's
 * `new URL('../../build', import.meta.url)` and `'../../drizzle'` resolve the same bundled or not.
 * Each file is written beside and renamed into place (a process starting meanwhile reads a whole
 * one), `last` (a marker of a complete build) after the others.
 * @param {{ entryPoints: Record<string, string>, outdir: string, last: string }} options
 */
export async function bundleServer({ entryPoints, outdir, last }) {
	const { build } = await import('esbuild');
	const result = await build({
		absWorkingDir: ROOT,
		entryPoints,
		outdir,
		outExtension: { '.js': '.mjs' },
		bundle: true,
		platform: 'node',
		format: 'esm',
		target: 'node20',
		packages: 'external',
		charset: 'utf8',
		logLevel: 'warning',
		write: false
	});
	mkdirSync(outdir, { recursive: true });
	const files = result.outputFiles.sort((a, b) => Number(a.path === last) - Number(b.path === last));
	for (const file of files) {
		const temporary = `${file.path}.${process.pid}.tmp`;
		writeFileSync(temporary, file.contents);
		renameSync(temporary, file.path);
	}
}
