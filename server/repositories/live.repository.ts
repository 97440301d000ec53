/**
 * The live engine's tables: the state of each show (one row), its runs (the broadcast and its
 * rehearsals) and its event log. A command's state, run change, event and show status are written
 * in one transaction, so what was acknowledged is exactly what a restart reads back.
 */
import { and, asc, desc, eq, inArray, isNotNull, isNull, sql } from 'drizzle-orm';
import type { LiveCommand, LiveMode, LiveState } from '../../src/lib/core/live';
import type { ShowStatus } from '../../src/lib/core/model';
import type { LogEvent, LogRun } from '../../src/lib/core/report';
import type { Db } from '../db/client';
import { liveEvents, liveRuns, liveStates, shows } from '../db/schema';

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
}

export interface AlertRecord {
	type: string;
	payload: Record<string, unknown>;
	at: number;
}

export class LiveRepository {
	// The statements of every command, prepared once: building SQL per command costs more than running it.
	readonly #saveState;
	readonly #logCommand;

	constructor(private readonly db: Db) {
		const p = (name: string) => sql.placeholder(name);
		this.#saveState = db
			.insert(liveStates)
			.values({ showId: p('showId'), runId: p('runId'), version: p('version'), state: p('state'), updatedAt: p('at') })
			.onConflictDoUpdate({
				target: liveStates.showId,
				set: { runId: sql`excluded.run_id`, version: sql`excluded.version`, state: sql`excluded.state`, updatedAt: sql`excluded.updated_at` }
			})
			.prepare();
		this.#logCommand = db
			.insert(liveEvents)
			.values({
				showId: p('showId'),
				runId: p('runId'),
				kind: 'command',
				type: p('type'),
				version: p('version'),
				payload: p('payload'),
				state: p('state'),
				actor: p('actor'),
				at: p('at')
			})
			.prepare();
	}

	load(showId: number): StoredLiveState | undefined {
		const row = this.db.select().from(liveStates).where(eq(liveStates.showId, showId)).get();
		return row && { showId: row.showId, runId: row.runId, state: row.state as unknown as LiveState };
	}

	/** Every show whose run is under way (live or paused), to rebuild their alert timers on start. */
	running(): StoredLiveState[] {
		return this.db
			.select()
			.from(liveStates)
			.where(inArray(sql`json_extract(${liveStates.state}, '$.status')`, ['live', 'paused']))
			.all()
			.map((row) => ({ showId: row.showId, runId: row.runId, state: row.state as unknown as LiveState }));
	}

	/**
	 * Writes a command's outcome in one transaction; answers the run id the new state belongs to.
	 * Throws (and writes nothing) when the version is already logged: another writer got there first.
	 */
	commit(c: CommandCommit): number | null {
		return this.db.transaction((tx) => {
			let runId = c.runId;
			let eventRunId = c.runId;
			if (c.openRun) {
				runId = eventRunId = tx.insert(liveRuns).values({ showId: c.showId, mode: c.openRun, startedAt: c.at }).returning({ id: liveRuns.id }).get().id;
			}
			if (c.closeRun && c.runId !== null) {
				tx.update(liveRuns)
					.set({ endedAt: c.at })
					.where(and(eq(liveRuns.id, c.runId), isNull(liveRuns.endedAt)))
					.run();
			}
			if (c.leaveRun) runId = null;
			this.#saveState.run({ showId: c.showId, runId, version: c.state.version, state: c.state, at: c.at });
			this.#logCommand.run({ showId: c.showId, runId: eventRunId, type: c.command.type, version: c.state.version, payload: c.command, state: c.state, actor: c.actor, at: c.at });
			if (c.showStatus) tx.update(shows).set({ status: c.showStatus }).where(eq(shows.id, c.showId)).run();
			return runId;
		});
	}

	/** Logs alerts raised together, in one transaction. */
	logAlerts(showId: number, runId: number | null, alerts: AlertRecord[]) {
		if (alerts.length === 0) return;
		this.db
			.insert(liveEvents)
			.values(alerts.map((a) => ({ showId, runId, kind: 'alert' as const, type: a.type, version: null, payload: a.payload, state: null, actor: 'system', at: a.at })))
			.run();
	}

	/** Keys of the alerts already logged for a run, so a restart does not raise them again. */
	alertKeys(showId: number, runId: number): string[] {
		return this.db
			.select({ key: sql<string>`json_extract(${liveEvents.payload}, '$.key')` })
			.from(liveEvents)
			.where(and(eq(liveEvents.showId, showId), eq(liveEvents.runId, runId), eq(liveEvents.kind, 'alert')))
			.all()
			.map((r) => r.key)
			.filter((k): k is string => typeof k === 'string');
	}

	/** The last `limit` alerts logged for a run since `since` (epoch ms), oldest first. */
	recentAlerts(showId: number, runId: number, since: number, limit: number): { payload: Record<string, unknown>; at: number }[] {
		return this.db
			.select({ payload: liveEvents.payload, at: liveEvents.at })
			.from(liveEvents)
			.where(and(eq(liveEvents.showId, showId), eq(liveEvents.runId, runId), eq(liveEvents.kind, 'alert'), sql`${liveEvents.at} >= ${since}`))
			.orderBy(desc(liveEvents.id))
			.limit(limit)
			.all()
			.reverse();
	}

	/** The show's runs, newest first. */
	runs(showId: number): LogRun[] {
		return this.db.select().from(liveRuns).where(eq(liveRuns.showId, showId)).orderBy(desc(liveRuns.startedAt), desc(liveRuns.id)).all();
	}

	/** The show's whole event log in order, every run (audits, tests). */
	events(showId: number) {
		return this.db.select().from(liveEvents).where(eq(liveEvents.showId, showId)).orderBy(asc(liveEvents.id)).all();
	}

	/** A run's event log (commands with the state they produced, alerts) in the order it was written. */
	runEvents(runId: number): LogEvent[] {
		return this.db
			.select()
			.from(liveEvents)
			.where(eq(liveEvents.runId, runId))
			.orderBy(asc(liveEvents.id))
			.all()
			.map((row) => ({ ...row, state: (row.state as LiveState | null) ?? null }));
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
