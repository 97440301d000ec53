#!/usr/bin/env node
// `npm test`: every test, in the order that fails fastest — typecheck (svelte-check and tsc),
// then the UI build the browser tests use, then vitest's core, server and e2e projects (after
// installing Chromium and CJK fonts from Debian when missing). Ends with one line
// `N passed, N failed` summing every suite it ran. Extra arguments go to vitest.
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const node = process.execPath;
let passed = 0;
let failed = 0;

function run(label, command, args, options = {}) {
	console.log(`\n▶ ${label}`);
	const result = spawnSync(command, args, { cwd: root, stdio: 'inherit', ...options });
	return result.status === 0;
}

/** A step that must pass; `counts` when it is a check in its own right (a typecheck). */
function step(label, command, args, counts = false) {
	if (run(label, command, args)) passed += counts ? 1 : 0;
	else {
		failed += 1;
		finish();
	}
}

function finish() {
	console.log(`\n${passed} passed, ${failed} failed`);
	process.exit(failed > 0 ? 1 : 0);
}

step('typecheck: svelte-check', node, ['node_modules/svelte-check/bin/svelte-check', '--tsconfig', './tsconfig.json', '--fail-on-warnings'], true);
step('typecheck: tsc', node, ['node_modules/typescript/bin/tsc', '--noEmit', '-p', '.'], true);
step('build the UI', node, ['node_modules/vite/bin/vite.js', 'build', '--logLevel', 'warn']);
step('browser: Chromium and CJK fonts', 'bash', ['scripts/ensure-browser.sh']);

const reportDir = join(root, 'test-results');
mkdirSync(reportDir, { recursive: true });
const report = join(reportDir, 'vitest.json');
rmSync(report, { force: true });
const ok = run('vitest: core, server, e2e', node, [
	'node_modules/vitest/vitest.mjs',
	'run',
	'--reporter=default',
	'--reporter=json',
	`--outputFile.json=${report}`,
	...process.argv.slice(2)
]);
if (existsSync(report)) {
	const json = JSON.parse(readFileSync(report, 'utf8'));
	passed += json.numPassedTests ?? 0;
	failed += (json.numFailedTests ?? 0) + (ok || json.numFailedTests ? 0 : 1);
	if (json.numTotalTests === 0) failed += 1;
} else failed += 1;
finish();
