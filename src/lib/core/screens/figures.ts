/**
 * The figures panel's reminder: during a run, when no figure has been taken for the show's
 * reminder interval. Pure; instants epoch ms on the server's clock.
 */

/**
 * ms since the last figure (or since the run started, when none yet) once that is at least
 * `reminderMin` minutes; null while not due or while the show is not running.
 */
export function figureReminderDue(input: { running: boolean; startedAt: number | null; lastEnteredAt: number | null; reminderMin: number; now: number }): number | null {
	if (!input.running || input.startedAt === null) return null;
	const since = Math.max(input.startedAt, input.lastEnteredAt ?? input.startedAt);
	const quiet = input.now - since;
	return quiet >= input.reminderMin * 60_000 ? quiet : null;
}
