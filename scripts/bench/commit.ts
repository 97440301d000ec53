/**
 * `npm run bench:commit [-- --history N] [--commits N] [--gapped N] [--gap-ms N] [--variants a,b,c,bc,floor]`
 *
 * A live command's SQLite commit alone, in this process, on a file database (WAL, synchronous
 * NORMAL, as server/db/client.ts opens it) holding the demo show with N earlier events (5,000)
 * and a realistic state (the demo show's after a start and a few nexts through the runtime).
 * The database is migrated (0007); the variants rebuild what was before it. For each variant:
 * µs per commit p50 / p99 back to back (3 runs of N, 3,000) and with `gap-ms` (100) idle before
 * each of N (150) commits (cold caches, as between real commands; the variants in turn), and the
 * WAL bytes and frames each commit appends.
 */
import Database from 'better-sqlite3';
import { mkdtempSync, rmSync, statSync, copyFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { z } from 'zod';
import { createDeps } from '../../server/deps';
import { openDatabase } from '../../server/db/client';
import { prepareDatabase } from './prepare';
import { percentile } from './process';

const args = process.argv.slice(2);
const opt = (name: string, fallback: string) => {
	const i = args.indexOf(`--${name}`);
	return i >= 0 ? args[i + 1] : fallback;
};
/** A whole number ≥ `min` given as `--name N`, or a clear error. */
const count = (name: string, fallback: string, min = 1) => {
	const n = Number(opt(name, fallback));
	if (!Number.isInteger(n) || n < min) throw new Error(`--${name} takes a whole number of at least ${min}`);
	return n;
};
const HISTORY = count('history', '5000', 0);
const COMMITS = count('commits', '3000');
const GAPPED = count('gapped', '150');
const GAP_MS = count('gap-ms', '100', 0);

interface Variant {
	name: string;
	/** DDL run on the migrated database before the history is written. */
	ddl?: string;
	/** Writes the state row per command. */
	stateRow: boolean;
	/** Writes only a tiny row into a table of its own instead (the floor of any commit). */
	floor?: boolean;
}

/** live_events as before migration 0007: an AUTOINCREMENT id (sqlite_sequence written per insert). */
const AUTOINCREMENT_EVENTS = `
CREATE TABLE live_events_old (
	id integer PRIMARY KEY AUTOINCREMENT NOT NULL,
	show_id integer NOT NULL REFERENCES shows(id) ON DELETE cascade,
	run_id integer REFERENCES live_runs(id) ON DELETE cascade,
	kind text NOT NULL, type text NOT NULL, version integer,
	payload text DEFAULT '{}' NOT NULL, state text, actor text NOT NULL, at integer NOT NULL
);
INSERT INTO live_events_old SELECT * FROM live_events;
DROP TABLE live_events;
ALTER TABLE live_events_old RENAME TO live_events;
CREATE UNIQUE INDEX live_events_version_idx ON live_events (show_id, version);
`;
/** The state row per show, as before migration 0007. */
const STATE_ROWS = `
CREATE TABLE live_states (
	show_id integer PRIMARY KEY NOT NULL REFERENCES shows(id) ON DELETE cascade,
	run_id integer, version integer NOT NULL, state text NOT NULL, updated_at integer NOT NULL
);
`;

const VARIANTS: Record<string, Variant> = {
	a: { name: '(a) before 0007', ddl: AUTOINCREMENT_EVENTS + STATE_ROWS, stateRow: true },
	b: { name: '(b) no AUTOINCREMENT', ddl: STATE_ROWS, stateRow: true },
	c: { name: '(c) no live_states row', ddl: AUTOINCREMENT_EVENTS, stateRow: false },
	bc: { name: '(b)+(c): 0007', stateRow: false },
	floor: { name: 'floor: one tiny row', ddl: 'CREATE TABLE bench_floor (v integer);', stateRow: false, floor: true }
};
const chosen = opt('variants', 'a,b,c,bc').split(',');
for (const key of chosen) if (!Object.hasOwn(VARIANTS, key)) throw new Error(`--variants: "${key}" is not one of ${Object.keys(VARIANTS).join(', ')}`);

const r1 = (n: number) => Math.round(n * 10) / 10;

async function demoState(dir: string): Promise<{ path: string; showId: number; state: string; payload: string }> {
	const path = join(dir, 'seed.db');
	const [demo] = await prepareDatabase(path, 1);
	const db = openDatabase(path);
	const deps = createDeps(db, Date.now, null);
	const live = deps.services.live;
	const run = (cmd: Record<string, unknown>) => {
		const version = live.snapshot(demo.showId)!.version;
		const r = live.execute(demo.showId, 'producer', 'producer:bench', { ...cmd, expectedVersion: version });
		if (!r.ok) throw new Error(JSON.stringify(r));
	};
	run({ type: 'start', mode: 'rehearsal' });
	for (let i = 0; i < 3; i++) run({ type: 'next' });
	run({ type: 'add-time', deltaMs: 30_000 });
	const row = z.object({ state: z.string() }).parse(db.$client.prepare("SELECT state FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id DESC LIMIT 1").get(demo.showId));
	live.stop();
	db.$client.close();
	return { path, showId: demo.showId, state: row.state, payload: JSON.stringify({ type: 'add-time', deltaMs: 30_000 }) };
}

function bench(dir: string, seed: { path: string; showId: number; state: string; payload: string }, key: string) {
	const v = VARIANTS[key];
	const path = join(dir, `${key}.db`);
	copyFileSync(seed.path, path);
	for (const ext of ['-wal', '-shm']) rmSync(path + ext, { force: true });
	const db = new Database(path);
	db.pragma('journal_mode = WAL');
	db.pragma('synchronous = NORMAL');
	db.pragma('wal_autocheckpoint = 0');
	db.pragma('foreign_keys = OFF');
	if (v.ddl) db.exec(v.ddl);
	db.pragma('foreign_keys = ON');
	const { id: runId } = z.object({ id: z.number().int() }).parse(db.prepare('SELECT max(id) AS id FROM live_runs WHERE show_id = ?').get(seed.showId));
	let { v: version } = z.object({ v: z.number().int() }).parse(db.prepare('SELECT max(version) AS v FROM live_events WHERE show_id = ?').get(seed.showId));
	const saveState = v.stateRow
		? db.prepare(
				'INSERT INTO live_states (show_id, run_id, version, state, updated_at) VALUES (?, ?, ?, ?, ?) ' +
					'ON CONFLICT (show_id) DO UPDATE SET run_id = excluded.run_id, version = excluded.version, state = excluded.state, updated_at = excluded.updated_at'
			)
		: null;
	const logCommand = db.prepare("INSERT INTO live_events (show_id, run_id, kind, type, version, payload, state, actor, at) VALUES (?, ?, 'command', ?, ?, ?, ?, ?, ?)");
	const floorInsert = v.floor ? db.prepare('INSERT INTO bench_floor (v) VALUES (?)') : null;
	const commit = db.transaction(() => {
		version++;
		const at = Date.now();
		if (v.floor) return floorInsert!.run(version);
		saveState?.run(seed.showId, runId, version, seed.state, at);
		logCommand.run(seed.showId, runId, 'add-time', version, seed.payload, seed.state, 'producer:bench', at);
	});
	for (let i = 0; i < HISTORY; i++) commit();
	const checkpoint = () => db.pragma('wal_checkpoint(TRUNCATE)');
	checkpoint();
	const walSize = () => {
		try {
			return statSync(path + '-wal').size;
		} catch {
			return 0;
		}
	};
	// WAL bytes per commit: from an empty WAL, 1,000 commits.
	for (let i = 0; i < 1000; i++) commit();
	const bytes = walSize() / 1000;
	checkpoint();
	return {
		name: v.name,
		report: [`WAL ${r1(bytes)} B/commit (${r1(bytes / (4096 + 24))} frames)`],
		checkpoint,
		timed() {
			const t = performance.now();
			commit();
			return (performance.now() - t) * 1000;
		},
		close: () => db.close()
	};
}

async function main() {
	const dir = mkdtempSync(join(tmpdir(), 'showcall-commit-'));
	try {
		const seed = await demoState(dir);
		console.log(`state JSON ${Buffer.byteLength(seed.state)} B, history ${HISTORY} events, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
		const benches = chosen.map((key) => bench(dir, seed, key));
		for (const b of benches) {
			const p50s: number[] = [];
			const p99s: number[] = [];
			// Back to back: 3 runs of COMMITS, each from an empty WAL.
			for (let run = 0; run < 3; run++) {
				const times: number[] = [];
				for (let i = 0; i < COMMITS; i++) times.push(b.timed());
				p50s.push(percentile(times, 50));
				p99s.push(percentile(times, 99));
				b.checkpoint();
			}
			b.report.push(`back to back p50 ${p50s.map(r1).join('/')} µs, p99 ${p99s.map(r1).join('/')}`);
		}
		// With idle gaps, the variants in turn.
		const gapped = benches.map((): number[] => []);
		for (let i = 0; i < GAPPED; i++) {
			for (const [k, b] of benches.entries()) {
				await sleep(GAP_MS);
				gapped[k].push(b.timed());
			}
		}
		for (const [k, b] of benches.entries()) {
			b.report.push(`${GAP_MS} ms gaps p50 ${r1(percentile(gapped[k], 50))} p99 ${r1(percentile(gapped[k], 99))} µs`);
			console.log(`${b.name.padEnd(24)} ${b.report.join('; ')}`);
			b.close();
		}
		console.log(`load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
	} finally {
		rmSync(dir, { recursive: true, force: true });
	}
}

await main();
