#!/usr/bin/env node
// Builds what `npm start` runs when it is missing or older than its sources, so that `npm start`
// on a fresh clone works without a separate build step:
//   - the UI (vite build → build/);
//   - the server (esbuild, scripts/server-bundle.mjs: server/** and the src/lib code it imports, bundled into
//     dist/server/index.mjs, and the spreadsheet worker into dist/server/spreadsheet-worker.mjs;
//     node_modules stay external), run with plain node instead of tsx at run time.
// `--server`: the server only.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { bundleServer, ROOT } from './server-bundle.mjs';

const root = ROOT;
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

// dist/server/ sits two levels under the root like server/<feature>/ (scripts/server-bundle.mjs).
const SERVER_OUT = join(root, 'dist', 'server');
const serverMarker = join(SERVER_OUT, 'index.mjs');
if (stale(serverMarker, ['server', 'src/lib', 'package-lock.json', 'tsconfig.json', 'scripts/build-if-stale.mjs', 'scripts/server-bundle.mjs'])) {
	await bundleServer({
		entryPoints: { index: 'server/index.ts', 'spreadsheet-worker': 'server/paperwork/spreadsheet.worker.ts' },
		outdir: SERVER_OUT,
		last: serverMarker
	});
}
