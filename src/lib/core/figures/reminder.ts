/**
 * The reminder to enter figures: due when no figure has been entered for `reminderMin` minutes
 * during a run. Pure: `now` is a parameter; the panel and the server derive the same answer.
 */
import type { EpochMs } from '../model';

export interface FiguresDueInput {
	/** When the last (not deleted) figure of this run was taken, epoch ms; null: none yet. */
	lastAt: EpochMs | null;
	/** When the run started, epoch ms; null: not started. */
	startedAt: EpochMs | null;
	/** When the run ended, epoch ms; null while running. */
	endedAt?: EpochMs | null;
	now: EpochMs;
	/** Minutes without a figure before the reminder (the show's setting, 1…60). */
	reminderMin: number;
}

export interface FiguresDue {
	/** True while a run is on and no figure came for `reminderMin` minutes. */
	due: boolean;
	/** Since when the clock counts: the last figure, or the run's start when none came yet; null outside a run. */
	sinceAt: EpochMs | null;
	/** now - sinceAt, ms (≥ 0); null outside a run. */
	ageMs: number | null;
	/** When the reminder is (or became) due, epoch ms: a timer can be armed for it; null outside a run. */
	dueAt: EpochMs | null;
}

/** Whether the recorder should be reminded now, and the age of the last figure. */
export function figuresDue({ lastAt, startedAt, endedAt = null, now, reminderMin }: FiguresDueInput): FiguresDue {
	if (startedAt === null || endedAt !== null || now < startedAt) return { due: false, sinceAt: null, ageMs: null, dueAt: null };
	// A figure from before this run (a warm-up check, a clock skew) does not count before the start.
	const sinceAt = lastAt !== null && lastAt > startedAt ? lastAt : startedAt;
	const dueAt = sinceAt + reminderMin * 60_000;
	return { due: now >= dueAt, sinceAt, ageMs: Math.max(0, now - sinceAt), dueAt };
}

/** The age of a figure, ms (≥ 0): what the wall and the panel show as "3 分钟前". */
export function figureAgeMs(at: EpochMs, now: EpochMs): number {
	return Math.max(0, now - at);
}
