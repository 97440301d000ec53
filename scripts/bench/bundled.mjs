#!/usr/bin/env node
// `node scripts/bench/bundled.mjs NAME [args…]`: runs the benchmark scripts/bench/NAME.ts as
// production runs the server — bundled by esbuild with the server build's own options
// (scripts/server-bundle.mjs: same target, no tsx `keepNames`, node_modules external) into
// dist/bench/, then run by plain node with `npm start`'s flags. Its screens' worker
// (screens.ts, which screens-client.ts loads as ./screens-worker.mjs beside it) and the spreadsheet
// worker are bundled beside it, as the server's are. Rebuilt at every run (esbuild takes well under
// a second). `npm run bench:route` runs route.ts this way; `node --import tsx scripts/bench/route.ts`
// still runs the TypeScript as it is.
import { spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { bundleServer, ROOT, SERVER_NODE_FLAGS } from '../server-bundle.mjs';

const [name, ...args] = process.argv.slice(2);
if (!name || !/^[a-z-]+$/.test(name) || !existsSync(join(ROOT, 'scripts/bench', `${name}.ts`))) {
	console.error(`bench: name a benchmark in scripts/bench (e.g. route), not ${JSON.stringify(name ?? '')}`);
	process.exit(2);
}
// Two levels under the root, as dist/server/ is (scripts/server-bundle.mjs).
const outdir = join(ROOT, 'dist', 'bench');
const entry = join(outdir, `${name}.mjs`);
await bundleServer({
	entryPoints: { [name]: `scripts/bench/${name}.ts`, 'screens-worker': 'scripts/bench/screens.ts', 'spreadsheet-worker': 'server/paperwork/spreadsheet.worker.ts' },
	outdir,
	last: entry
});
// `npm start`'s Node flags.
const run = spawnSync(process.execPath, [...SERVER_NODE_FLAGS, entry, ...args], { cwd: ROOT, stdio: 'inherit' });
process.exit(run.status ?? 1);
