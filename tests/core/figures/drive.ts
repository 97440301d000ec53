/** Run logs for the figures tests, written by the real reducer as the live engine would log them. */
import { applyCommand, initialLiveState, type LiveCommand, type LiveState } from '../../../src/lib/core/live';
import type { LogEvent } from '../../../src/lib/core/report';
import type { Segment, Show } from '../../../src/lib/core/model';

/** A command at an instant, or (`sheet`) the run-sheet amended at that point of the show. */
export type Step = [at: number, command: LiveCommand] | ['sheet', Segment[]];

/** Drives the reducer through `steps` and answers the log and the last state. */
export function drive(show: Show, steps: Step[]): { events: LogEvent[]; state: LiveState } {
	let state = initialLiveState();
	let sheet = { startsAt: show.startsAt, segments: show.segments };
	const events: LogEvent[] = [];
	for (const step of steps) {
		if (step[0] === 'sheet') {
			sheet = { ...sheet, segments: step[1] };
			continue;
		}
		const [at, command] = step;
		const result = applyCommand(state, command, sheet, at);
		if (!result.ok) throw new Error(`${command.type}: ${result.code}`);
		state = result.state;
		events.push({ id: events.length + 1, kind: 'command', type: command.type, version: state.version, payload: { ...command }, state, actor: 'producer:laptop', at });
	}
	return { events, state };
}
