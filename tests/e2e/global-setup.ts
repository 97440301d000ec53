import { spawnSync } from 'node:child_process';

/** The browser tests run against the built UI: build it when it is missing or stale. */
export default function setup() {
	const result = spawnSync(process.execPath, ['scripts/build-if-stale.mjs'], { cwd: new URL('../..', import.meta.url).pathname, stdio: 'inherit' });
	if (result.status !== 0) throw new Error('building the UI failed');
}
