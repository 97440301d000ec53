/**
 * Writes a run's event log the way the live engine does — each accepted command with the version
 * and the state it produced, each alert when it fell due, the run opened on `start` and closed on
 * `end` — by driving the pure reducer. The demo seed uses it for the campaign's past shows, and
 * tests use it for reports without the engine's timers.
 */
import { alertsBetween, applyCommand, initialLiveState, type LiveCommand, type LiveSheet, type LiveState } from '../../src/lib/core/live';
import type { LiveLogRepository } from '../repositories/live-log.repository';

export interface RunStep {
	/** Server time of the command, epoch ms. */
	at: number;
	command: LiveCommand;
	/** Who sent it ('producer:laptop', 'host:tablet', 'http'); 'producer:demo' by default. */
	actor?: string;
}

export interface RecordedRun {
	runId: number;
	state: LiveState;
}

/**
 * Applies `steps` in order from the show's current live state (a show that has not run, or whose
 * rehearsal was reset), writing runs, events, alerts and the live state. Throws on a refused
 * command: the steps are a script, and a script that the engine would refuse is a bug.
 */
export function recordLiveRun(liveLog: LiveLogRepository, show: { id: number } & LiveSheet, steps: readonly RunStep[]): RecordedRun {
	const sheet: LiveSheet = { startsAt: show.startsAt, segments: show.segments };
	let state: LiveState = liveLog.state(show.id) ?? initialLiveState();
	let runId: number | null = null;
	let checkedUntil = -Infinity;
	const fired = new Set<string>();

	const fireAlerts = (until: number) => {
		if (runId === null) return;
		for (const alert of alertsBetween(state, sheet, checkedUntil, until)) {
			if (fired.has(alert.key)) continue;
			fired.add(alert.key);
			liveLog.recordEvent({
				showId: show.id,
				runId,
				kind: 'alert',
				type: alert.kind,
				version: null,
				payload: { key: alert.key, ...(alert.segmentId ? { segmentId: alert.segmentId } : {}), ...(alert.cueId ? { cueId: alert.cueId } : {}), data: alert.data ?? {} },
				state: null,
				actor: 'system',
				at: alert.at
			});
		}
		checkedUntil = until;
	};

	for (const step of steps) {
		fireAlerts(step.at);
		const result = applyCommand(state, step.command, sheet, step.at);
		if (!result.ok) throw new Error(`step ${step.command.type} at ${step.at} refused: ${result.code}`);
		if (step.command.type === 'start') runId = liveLog.recordRun(show.id, step.command.mode, step.at);
		if (runId === null) throw new Error('the first step must start the run');
		state = result.state;
		const { expectedVersion: _v, ...payload } = step.command as LiveCommand & { expectedVersion?: number };
		liveLog.recordEvent({
			showId: show.id,
			runId,
			kind: 'command',
			type: step.command.type,
			version: state.version,
			payload: payload as Record<string, unknown>,
			state: state as unknown as Record<string, unknown>,
			actor: step.actor ?? 'producer:demo',
			at: step.at
		});
		liveLog.recordState(show.id, runId, state, step.at);
		if (state.status === 'ended') liveLog.endRun(runId, state.endedAt ?? step.at);
		// Alerts the command made due at this very instant (warm-up opened, already behind schedule…).
		checkedUntil = step.at - 1;
		fireAlerts(step.at);
	}
	if (runId === null) throw new Error('no run was started');
	return { runId, state };
}
