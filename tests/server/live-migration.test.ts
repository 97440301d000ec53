/**
 * Migration 0007 on a database written before it (migrations 0000–0006, the old commit's
 * live_states rows beside the events): every show keeps its live state, version, run and history;
 * live_states is gone, live_events has a plain row id (no AUTOINCREMENT).
 */
import Database from 'better-sqlite3';
import { drizzle } from 'drizzle-orm/better-sqlite3';
import { migrate } from 'drizzle-orm/better-sqlite3/migrator';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { MIGRATIONS_FOLDER, openDatabase, type Db } from '../../server/db/client';
import * as schema from '../../server/db/schema';
import { createDeps } from '../../server/deps';
import { newSegmentId, newSlug } from '../../server/domain/ids';
import { LiveRepository } from '../../server/live/live.repository';
import { newToken } from '../../server/planning/links.service';
import { seed } from '../../server/seed/seed.service';
import { duplicateShow } from '../../src/lib/core/duplicate';
import { initialLiveState } from '../../src/lib/core/live';
import { closeScreens, screen } from './live-support';
import { listen, makeApp, makeClock } from './support';

let dir: string;
beforeEach(() => {
	dir = mkdtempSync(join(tmpdir(), 'showcall-migration-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

/** A copy of drizzle/ that ends at `lastTag`. */
function migrationsUpTo(lastTag: string): string {
	const folder = join(dir, 'drizzle');
	mkdirSync(join(folder, 'meta'), { recursive: true });
	const journal = JSON.parse(readFileSync(join(MIGRATIONS_FOLDER, 'meta', '_journal.json'), 'utf8')) as { entries: { tag: string }[] };
	const last = journal.entries.findIndex((e) => e.tag === lastTag);
	expect(last).toBeGreaterThan(0);
	journal.entries = journal.entries.slice(0, last + 1);
	writeFileSync(join(folder, 'meta', '_journal.json'), JSON.stringify(journal));
	for (const e of journal.entries) copyFileSync(join(MIGRATIONS_FOLDER, `${e.tag}.sql`), join(folder, `${e.tag}.sql`));
	return folder;
}

type Row = Record<string, unknown>;

describe('migration 0007: the live state read from the event log', () => {
	it('keeps every show’s state, version, run and history', async () => {
		const path = join(dir, 'showcall.db');
		const clock = makeClock();
		// The database as the build before 0007 left it.
		const sqlite = new Database(path);
		sqlite.pragma('journal_mode = WAL');
		sqlite.pragma('foreign_keys = ON');
		const old = drizzle(sqlite, { schema }) as Db;
		migrate(old, { migrationsFolder: migrationsUpTo('0006_live_events_one_index') });
		const deps = createDeps(old, clock, null);
		const { demoShowId } = await seed(deps, 'test-admin-password', { campaign: false });
		const demo = deps.repos.shows.get(demoShowId!)!;
		const copy = () => {
			const { plan, segments } = duplicateShow(demo, { startsAt: demo.startsAt, title: demo.title }, newSegmentId);
			return deps.repos.shows.create({ ...plan, productIds: [], slug: newSlug(), producerToken: newToken(), hostToken: newToken(), recorderToken: newToken() }, segments, clock()).id;
		};
		const [live, reset, folded, untouched] = [demoShowId!, copy(), copy(), copy()];
		const run = (showId: number, commands: object[]) => {
			for (const command of commands) {
				clock.advance(5_000);
				expect(deps.services.live.execute(showId, 'producer', 'producer:test', command)).toMatchObject({ ok: true });
			}
		};
		// Each show's state row as the old commit wrote it, in the same transaction as its event.
		const saveState = sqlite.prepare('INSERT OR REPLACE INTO live_states (show_id, run_id, version, state, updated_at) VALUES (?, ?, ?, ?, ?)');
		const storeState = (showId: number) => {
			const runId = deps.services.live.onAir(showId)?.runId ?? null;
			const newest = sqlite.prepare("SELECT state, at FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id DESC LIMIT 1").get(showId) as { state: string; at: number };
			saveState.run(showId, runId, (JSON.parse(newest.state) as { version: number }).version, newest.state, newest.at);
		};
		run(live, [{ type: 'start', mode: 'rehearsal' }, { type: 'end' }, { type: 'reset' }, { type: 'start', mode: 'live' }, { type: 'next' }, { type: 'add-time', deltaMs: 60_000 }]);
		clock.advance(20 * 60_000); // alerts fall due
		run(live, [{ type: 'pause' }, { type: 'resume' }]);
		storeState(live);
		run(reset, [{ type: 'start', mode: 'rehearsal' }, { type: 'next' }, { type: 'reset' }]);
		storeState(reset);
		expect(deps.services.live.onAir(reset)).toBeNull();
		// A state row newer than any logged command (a database edited by hand): folded into the log.
		run(folded, [{ type: 'start', mode: 'rehearsal' }]);
		const foldedRun = deps.services.live.onAir(folded)!.runId;
		const foldedState = { ...(JSON.parse((sqlite.prepare("SELECT state FROM live_events WHERE show_id = ? AND kind = 'command'").get(folded) as { state: string }).state) as Row), status: 'paused', version: 2 };
		saveState.run(folded, foldedRun, 2, JSON.stringify(foldedState), clock());
		deps.services.live.stop();

		const events = (showId: number, on = sqlite) => on.prepare('SELECT * FROM live_events WHERE show_id = ? ORDER BY id').all(showId) as Row[];
		const before = {
			events: new Map([live, reset, folded].map((id) => [id, events(id)])),
			runs: sqlite.prepare('SELECT * FROM live_runs ORDER BY id').all(),
			states: new Map((sqlite.prepare('SELECT * FROM live_states').all() as Row[]).map((r) => [r.show_id as number, r]))
		};
		expect(before.events.get(live)!.filter((e) => e.kind === 'alert').length).toBeGreaterThan(0);
		expect(before.states.size).toBe(3);
		expect(before.states.get(reset)).toMatchObject({ run_id: null, version: 3 });
		sqlite.close();

		// Started by this build: 0007 runs.
		const db = openDatabase(path);
		try {
			const sql = db.$client;
			expect(sql.prepare("SELECT name FROM sqlite_master WHERE name = 'live_states'").get()).toBeUndefined();
			expect(String(sql.prepare("SELECT sql FROM sqlite_master WHERE name = 'live_events'").pluck().get())).not.toMatch(/AUTOINCREMENT/i);
			expect(sql.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND tbl_name = 'live_events'").pluck().all()).toEqual(['live_events_version_idx']);
			expect(sql.prepare("SELECT * FROM sqlite_sequence WHERE name = 'live_events'").get()).toBeUndefined();
			expect(sql.pragma('foreign_key_check')).toEqual([]);
			expect(sql.prepare('SELECT * FROM live_runs ORDER BY id').all()).toEqual(before.runs);
			// The history as it was, row for row (ids included); the folded state appended as an event.
			expect(events(live, sql)).toEqual(before.events.get(live));
			expect(events(reset, sql)).toEqual(before.events.get(reset));
			expect(events(folded, sql)).toEqual([
				...before.events.get(folded)!,
				expect.objectContaining({ kind: 'command', type: 'restored', version: 2, run_id: foldedRun, state: JSON.stringify(foldedState), actor: 'system' })
			]);

			// Each show's state, version and run as its live_states row had them.
			const repo = new LiveRepository(db);
			for (const [showId, row] of before.states) {
				expect(repo.load(showId), `show ${showId}`).toEqual({ showId, runId: row.run_id, state: JSON.parse(row.state as string) });
			}
			expect(repo.load(untouched)).toBeUndefined();
			expect(repo.running().map((s) => s.showId).sort()).toEqual([live, folded].sort());

			// The runtime goes on from there: the next command takes the next version and the next id.
			const lastId = sql.prepare('SELECT max(id) FROM live_events').pluck().get() as number;
			const after = createDeps(db, clock, null);
			const versionBefore = before.states.get(live)!.version as number;
			expect(after.services.live.snapshot(live)).toMatchObject({ version: versionBefore, status: 'live' });
			expect(after.services.live.execute(live, 'producer', 'producer:test', { type: 'next', expectedVersion: versionBefore })).toMatchObject({ ok: true });
			expect(sql.prepare("SELECT id, version FROM live_events WHERE show_id = ? AND kind = 'command' ORDER BY id DESC LIMIT 1").get(live)).toEqual({ id: lastId + 1, version: versionBefore + 1 });
			expect(after.services.live.snapshot(untouched)).toMatchObject({ version: 0, status: initialLiveState().status });
			after.services.live.stop();
		} finally {
			db.$client.close();
		}

		// A fresh screen on the server started on the migrated file: welcomed on the show's state.
		const app = await makeApp({ databasePath: path, clock });
		try {
			const base = await listen(app);
			const producer = await screen(base, { token: app.deps.repos.shows.tokensOf(live)!.producerToken });
			expect(producer.snapshot).toMatchObject({ showId: live, version: (before.states.get(live)!.version as number) + 1, status: 'live' });
			expect(producer.sheet?.showId).toBe(live);
			expect(await producer.send({ type: 'pause' })).toMatchObject({ ok: true });
		} finally {
			closeScreens();
			await app.close();
		}
	});
});
