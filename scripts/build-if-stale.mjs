#!/usr/bin/env node
// Builds the UI (vite build → build/) when it is missing or older than its sources, so that
// `npm start` on a fresh clone serves the app without a separate build step.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const marker = join(root, 'build', '200.html');
const sources = ['src', 'static', 'svelte.config.js', 'vite.config.ts', 'package-lock.json'];

function newest(path) {
	if (!existsSync(path)) return 0;
	const stat = statSync(path);
	if (!stat.isDirectory()) return stat.mtimeMs;
	return readdirSync(path).reduce((max, name) => Math.max(max, newest(join(path, name))), stat.mtimeMs);
}

const builtAt = existsSync(marker) ? statSync(marker).mtimeMs : 0;
const changedAt = Math.max(...sources.map((s) => newest(join(root, s))));
if (builtAt > changedAt) process.exit(0);

console.log(builtAt ? 'showcall: the UI changed since the last build; building it…' : 'showcall: building the UI (first start)…');
const result = spawnSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'warn'], { cwd: root, stdio: 'inherit' });
process.exit(result.status ?? 1);
