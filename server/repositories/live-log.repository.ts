import { and, asc, desc, eq, isNotNull } from 'drizzle-orm';
import type { LiveState } from '../../src/lib/core/live/state';
import type { LogEvent, LogRun } from '../../src/lib/core/report';
import type { Db } from '../db/client';
import { liveEvents, liveRuns, liveStates } from '../db/schema';

/**
 * Reading the live engine's event log for reports and progress (runs and their events, as the
 * engine wrote them), and writing one (`record*`) for the demo and for tests that need a real log
 * without the engine's timers.
 */
export class LiveLogRepository {
	constructor(private readonly db: Db) {}

	/** The show's runs, newest first. */
	runs(showId: number): LogRun[] {
		return this.db.select().from(liveRuns).where(eq(liveRuns.showId, showId)).orderBy(desc(liveRuns.startedAt), desc(liveRuns.id)).all();
	}

	/** A run's events in the order they were written. */
	events(runId: number): LogEvent[] {
		return this.db
			.select()
			.from(liveEvents)
			.where(eq(liveEvents.runId, runId))
			.orderBy(asc(liveEvents.id))
			.all()
			.map((row) => ({ ...row, state: (row.state as LiveState | null) ?? null }));
	}

	/** The show's current live state, null when it has never run. */
	state(showId: number): LiveState | null {
		const row = this.db.select({ state: liveStates.state }).from(liveStates).where(eq(liveStates.showId, showId)).get();
		return row ? (row.state as unknown as LiveState) : null;
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

	// -- writing a log (demo, tests) -------------------------------------------------------------

	recordRun(showId: number, mode: 'live' | 'rehearsal', startedAt: number): number {
		return this.db.insert(liveRuns).values({ showId, mode, startedAt }).returning({ id: liveRuns.id }).get().id;
	}

	endRun(runId: number, endedAt: number) {
		this.db.update(liveRuns).set({ endedAt }).where(eq(liveRuns.id, runId)).run();
	}

	recordEvent(values: typeof liveEvents.$inferInsert) {
		this.db.insert(liveEvents).values(values).run();
	}

	recordState(showId: number, runId: number, state: LiveState, at: number) {
		const row = { showId, runId, version: state.version, state: state as unknown as Record<string, unknown>, updatedAt: at };
		this.db.insert(liveStates).values(row).onConflictDoUpdate({ target: liveStates.showId, set: row }).run();
	}
}
