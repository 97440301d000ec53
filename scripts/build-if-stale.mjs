#!/usr/bin/env node
// Builds what `npm start` runs when it is missing or older than its sources, so that `npm start`
// on a fresh clone works without a separate build step:
//   - the UI (vite build → build/);
//   - the server (esbuild: server/** and the src/lib code it imports, bundled into
//     dist/server/index.mjs, and the spreadsheet worker into dist/server/spreadsheet-worker.mjs;
//     node_modules stay external), run with plain node instead of tsx at run time.
// `--server`: the server only.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, renameSync, statSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const serverOnly = process.argv.includes('--server');

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

/** True when `marker` is missing or older than any of `sources` (paths from the root). */
function stale(marker, sources) {
	const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
	return builtAt <= Math.max(...sources.map((s) => newest(join(root, s))));
}

const uiMarker = join(root, 'build', '200.html');
if (!serverOnly && stale(uiMarker, ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'])) {
	console.log(existsSync(uiMarker) ? 'showcall: the UI changed since the last build; building it…' : 'showcall: building the UI (first start)…');
	const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
	if (result.status !== 0) process.exit(result.status ?? 1);
}

// dist/server/ sits two levels under the root like server/<feature>/, so the code's
// `new URL('../../build', import.meta.url)` and `'../../drizzle'` resolve the same in both.
const SERVER_OUT = join(root, 'dist', 'server');
const serverMarker = join(SERVER_OUT, 'index.mjs');
if (stale(serverMarker, ['server', 'src/lib', 'package-lock.json', 'tsconfig.json', 'scripts/build-if-stale.mjs'])) {
	const { build } = await import('esbuild');
	const result = await build({
		absWorkingDir: root,
		entryPoints: { index: 'server/index.ts', 'spreadsheet-worker': 'server/paperwork/spreadsheet.worker.ts' },
		outdir: SERVER_OUT,
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
	mkdirSync(SERVER_OUT, { recursive: true });
	// Each file written beside and renamed into place: a server starting meanwhile reads a whole one.
	// The marker (index.mjs) last, so an interrupted build is redone.
	const files = result.outputFiles.sort((a, b) => Number(a.path === serverMarker) - Number(b.path === serverMarker));
	for (const file of files) {
		const temporary = `${file.path}.${process.pid}.tmp`;
		writeFileSync(temporary, file.contents);
		renameSync(temporary, file.path);
	}
}
