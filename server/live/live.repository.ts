/**
 * The live engine's tables: each show's runs (the broadcast and its rehearsals) and its event log.
 * A show's state is the one its newest command produced (each command's event carries it). A
 * command's event, run change and show status are written in one transaction, so what was
 * acknowledged is exactly what a restart reads back.
 */
import { and, asc, desc, eq, isNotNull, max, sql, type SQL } from 'drizzle-orm';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { liveAlertEventSchema, liveStateSchema, type LiveAlertEvent } from '../../src/lib/contract/live';
import { initialLiveState, isRunning, type LiveCommand, type LiveMode, type LiveState } from '../../src/lib/core/live';
import type { ShowStatus } from '../../src/lib/core/model';
import type { LogEvent, LogRun } from '../../src/lib/core/report';
import type { Db } from '../db/client';
import { jsonFromText, liveEvents, liveRuns, shows } from '../db/schema';
import { readJson, silentRowLog, type RowLog } from '../db/rows';

type EventRow = typeof liveEvents.$inferSelect;
/** A show's newest command as `load` reads it (the state as stored: text). */
type NewestRow = { id: number; runId: number | null; type: string; state: string | null };
/** An event as read back: its JSON parsed, with the show and run it belongs to. */
export type StoredEvent = LogEvent & { showId: number; runId: number | null };

const commandPayload = z.record(z.string(), z.unknown());
const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** An alert row's columns put back together: `kind` is its own column, `at` the moment it was raised. */
const alertOf = (row: Pick<EventRow, 'type' | 'payload' | 'at'>): unknown => ({ ...(isRecord(row.payload) ? row.payload : {}), kind: row.type, firedAt: row.at });

export interface StoredLiveState {
	showId: number;
	/** The run the state belongs to; null while ready. */
	runId: number | null;
	state: LiveState;
}

export interface CommandCommit {
	showId: number;
	/** The state the command produced. */
	state: LiveState;
	/** The command as accepted, without expectedVersion. */
	command: Omit<LiveCommand, 'expectedVersion'>;
	actor: string;
	at: number;
	/** The run the state belonged to before the command. */
	runId: number | null;
	/** A start: opens a run of this mode. */
	openRun?: LiveMode;
	/** An end or a reset: closes `runId` (if still open). */
	closeRun?: boolean;
	/** A reset: the state no longer belongs to a run. */
	leaveRun?: boolean;
	/** The show's planning status to set with it (a real start: 'live', its end: 'ended'). */
	showStatus?: ShowStatus;
	/** Alerts the new state makes due at once, logged with it (in the run the new state belongs to). */
	alerts?: AlertRecord[];
}

export interface AlertRecord {
	type: string;
	payload: Record<string, unknown>;
	at: number;
}

export class LiveRepository {
	// A command's statements, prepared once on the driver itself and run in its own transaction:
	// drizzle's query builder and its json columns cost more than the SQL. A command writes one row
	// (its event, with the state) and its index entry: no state row, no sqlite_sequence row.
	readonly #commit: (c: CommandCommit) => number | null;
	readonly #logAlerts: (showId: number, runId: number | null, alerts: AlertRecord[]) => void;
	readonly #applied: Database.Statement<[number, number, string], { version: unknown; commandId: unknown }>;
	readonly #newest: Database.Statement<[number], NewestRow>;

	constructor(
		private readonly db: Db,
		private readonly log: RowLog = silentRowLog
	) {
		const sqlite = db.$client;
		const openRun = sqlite.prepare<[number, LiveMode, number]>('INSERT INTO live_runs (show_id, mode, started_at) VALUES (?, ?, ?)');
		const closeRun = sqlite.prepare<[number, number]>('UPDATE live_runs SET ended_at = ? WHERE id = ? AND ended_at IS NULL');
		const logCommand = sqlite.prepare<[number, number | null, string, number, string, string, string, number]>(
			"INSERT INTO live_events (show_id, run_id, kind, type, version, payload, state, actor, at) VALUES (?, ?, 'command', ?, ?, ?, ?, ?, ?)"
		);
		const setStatus = sqlite.prepare<[ShowStatus, number]>('UPDATE shows SET status = ? WHERE id = ?');
		const logAlert = sqlite.prepare<[number, number | null, string, string, number]>(
			"INSERT INTO live_events (show_id, run_id, kind, type, version, payload, state, actor, at) VALUES (?, ?, 'alert', ?, NULL, ?, NULL, 'system', ?)"
		);
		// The show's newest commands from `since` on (the (show_id, version) index), those of the ids asked.
		this.#applied = sqlite.prepare(
			"SELECT version, json_extract(payload, '$.commandId') AS commandId FROM live_events " +
				"WHERE show_id = ? AND version > ? AND kind = 'command' AND json_valid(payload) " +
				"AND json_extract(payload, '$.commandId') IN (SELECT value FROM json_each(?))"
		);
		this.#logAlerts = sqlite.transaction((showId: number, runId: number | null, alerts: AlertRecord[]) => {
			for (const a of alerts) logAlert.run(showId, runId, a.type, JSON.stringify(a.payload), a.at);
		});
		this.#newest = sqlite.prepare<[number], NewestRow>(
			'SELECT id, run_id AS runId, type, state FROM live_events WHERE show_id = ? AND version IS NOT NULL ORDER BY version DESC LIMIT 1'
		);
		this.#commit = sqlite.transaction((c: CommandCommit): number | null => {
			let runId = c.runId;
			let eventRunId = c.runId;
			if (c.openRun) runId = eventRunId = Number(openRun.run(c.showId, c.openRun, c.at).lastInsertRowid);
			if (c.closeRun && c.runId !== null) closeRun.run(c.at, c.runId);
			if (c.leaveRun) runId = null;
			logCommand.run(c.showId, eventRunId, c.command.type, c.state.version, JSON.stringify(c.command), JSON.stringify(c.state), c.actor, c.at);
			if (c.showStatus) setStatus.run(c.showStatus, c.showId);
			if (c.alerts) for (const a of c.alerts) logAlert.run(c.showId, runId, a.type, JSON.stringify(a.payload), a.at);
			return runId;
		});
	}

	/**
	 * Which of `commandIds` the show's log has among its commands after version `since`: id → the
	 * version it made. An id not in the answer was not committed (or is older than `since`).
	 */
	appliedCommands(showId: number, commandIds: readonly string[], since: number): Map<string, number> {
		const applied = new Map<string, number>();
		if (commandIds.length === 0) return applied;
		for (const row of this.#applied.all(showId, since, JSON.stringify(commandIds))) {
			if (typeof row.commandId === 'string' && Number.isSafeInteger(row.version)) applied.set(row.commandId, row.version as number);
		}
		return applied;
	}

	/**
	 * The show's live state: the one its newest command (the highest version) produced; undefined
	 * when it has none. Its run: the command's, none after a reset. A logged state that does not
	 * parse is logged and the state rebuilt from the newest command before it whose state parses
	 * (at the newest version logged, so the next command does not collide with one already logged);
	 * from the initial state when none does.
	 */
	load(showId: number): StoredLiveState | undefined {
		const row = this.#newest.get(showId);
		if (!row) return undefined;
		const runId = row.type === 'reset' ? null : row.runId;
		const state = readJson(this.log, liveStateSchema, row.state === null ? null : jsonFromText(row.state), { table: 'live_events', column: 'state', id: row.id }, 'repaired');
		return { showId, runId, state: state ?? this.#recover(showId) };
	}

	#recover(showId: number): LiveState {
		const version = this.db.select({ v: max(liveEvents.version) }).from(liveEvents).where(eq(liveEvents.showId, showId)).get()?.v ?? 0;
		const rows = this.db
			.select({ id: liveEvents.id, state: liveEvents.state })
			.from(liveEvents)
			.where(and(eq(liveEvents.showId, showId), eq(liveEvents.kind, 'command'), isNotNull(liveEvents.state)))
			.orderBy(desc(liveEvents.id))
			.limit(100)
			.all();
		for (const r of rows) {
			const parsed = liveStateSchema.safeParse(r.state);
			if (parsed.success) {
				this.log.warn({ table: 'live_events', rowId: showId, fromEvent: r.id }, 'live state rebuilt from the event log');
				return { ...parsed.data, version: Math.max(parsed.data.version, version) };
			}
		}
		this.log.warn({ table: 'live_events', rowId: showId }, 'live state reset: no logged state parses');
		return { ...initialLiveState(), version };
	}

	/** Every show whose run is under way (live or paused), to rebuild their alert timers on start. */
	running(): StoredLiveState[] {
		// Each show's newest command's status: one index lookup per show.
		const newest = this.db
			.select({ showId: shows.id })
			.from(shows)
			.where(
				sql`(SELECT CASE WHEN json_valid(e.state) THEN coalesce(json_extract(e.state, '$.status'), '?') ELSE '?' END FROM ${liveEvents} e
					WHERE e.show_id = ${shows.id} AND e.version IS NOT NULL ORDER BY e.version DESC LIMIT 1) IN ('live', 'paused', '?')`
			)
			.all();
		return newest.map((row) => this.load(row.showId)).filter((s): s is StoredLiveState => s !== undefined && isRunning(s.state));
	}

	/**
	 * Writes a command's outcome in one transaction; answers the run id the new state belongs to.
	 * Throws (and writes nothing) when the version is already logged: another writer got there first.
	 */
	commit(c: CommandCommit): number | null {
		return this.#commit(c);
	}

	/** Logs alerts raised together, in one transaction. */
	logAlerts(showId: number, runId: number | null, alerts: AlertRecord[]) {
		if (alerts.length > 0) this.#logAlerts(showId, runId, alerts);
	}

	/** Keys of the alerts already logged for a run, so a restart does not raise them again. */
	alertKeys(showId: number, runId: number): string[] {
		return this.db
			.select({ key: sql<unknown>`CASE WHEN json_valid(${liveEvents.payload}) THEN json_extract(${liveEvents.payload}, '$.key') END` })
			.from(liveEvents)
			.where(and(eq(liveEvents.showId, showId), eq(liveEvents.runId, runId), eq(liveEvents.kind, 'alert')))
			.all()
			.map((r) => r.key)
			.filter((k): k is string => typeof k === 'string');
	}

	/** The last `limit` alerts logged for a run since `since` (epoch ms), oldest first; one that does not parse is left out (logged). */
	recentAlerts(showId: number, runId: number, since: number, limit: number): LiveAlertEvent[] {
		return this.db
			.select({ id: liveEvents.id, type: liveEvents.type, payload: liveEvents.payload, at: liveEvents.at })
			.from(liveEvents)
			.where(and(eq(liveEvents.showId, showId), eq(liveEvents.runId, runId), eq(liveEvents.kind, 'alert'), sql`${liveEvents.at} >= ${since}`))
			.orderBy(desc(liveEvents.id))
			.limit(limit)
			.all()
			.reverse()
			.map((row) => readJson(this.log, liveAlertEventSchema, alertOf(row), { table: 'live_events', column: 'payload', id: row.id }))
			.filter((a): a is LiveAlertEvent => a !== undefined);
	}

	/** The show's runs, newest first. */
	runs(showId: number): LogRun[] {
		return this.db.select().from(liveRuns).where(eq(liveRuns.showId, showId)).orderBy(desc(liveRuns.startedAt), desc(liveRuns.id)).all();
	}

	/** The show's whole event log in order, every run (audits, tests). */
	events(showId: number): StoredEvent[] {
		return this.#events(eq(liveEvents.showId, showId));
	}

	/** A run's event log (commands with the state they produced, alerts) in the order it was written. */
	runEvents(runId: number): StoredEvent[] {
		return this.#events(eq(liveEvents.runId, runId));
	}

	/** Events in order; one whose payload or state does not parse is left out (logged). */
	#events(where: SQL): StoredEvent[] {
		const out: StoredEvent[] = [];
		for (const row of this.db.select().from(liveEvents).where(where).orderBy(asc(liveEvents.id)).all()) {
			const at = (column: string) => ({ table: 'live_events', column, id: row.id });
			if (row.kind === 'alert') {
				const alert = readJson(this.log, liveAlertEventSchema, alertOf(row), at('payload'));
				if (!alert) continue;
				const { kind: _kind, firedAt: _firedAt, ...payload } = alert;
				out.push({ ...row, payload, state: null });
				continue;
			}
			const payload = readJson(this.log, commandPayload, row.payload, at('payload'));
			const state = row.state === null ? null : readJson(this.log, liveStateSchema, row.state, at('state'));
			if (payload === undefined || state === undefined) continue;
			out.push({ ...row, payload, state });
		}
		return out;
	}

	/** Shows with a real live run that has ended. */
	heldShowIds(): Set<number> {
		const rows = this.db
			.selectDistinct({ showId: liveRuns.showId })
			.from(liveRuns)
			.where(and(eq(liveRuns.mode, 'live'), isNotNull(liveRuns.endedAt)))
			.all();
		return new Set(rows.map((r) => r.showId));
	}
}
