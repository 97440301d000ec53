/**
 * Producer cues (中控动作) of the segment on air as a checklist with countdowns, and the ones a
 * host sees. Times are on the segment's clock (pauses excluded), like the server's `cue_due` alert.
 */
import type { ProducerCue } from '../model';

export type CueStatus = 'done' | 'due' | 'upcoming';

export interface CueRow {
	cue: ProducerCue;
	status: CueStatus;
	/** ms until the cue's time on the segment clock; negative once it has passed. */
	dueInMs: number;
}

/**
 * Every cue of a segment at `elapsedMs` into it (the segment clock), ordered by time: ticked off →
 * done; time reached and not ticked → due; otherwise upcoming. `elapsedMs` null (nothing on air)
 * leaves every unticked cue upcoming at its offset.
 */
export function cueRows(cues: readonly ProducerCue[], cuesDone: readonly string[], elapsedMs: number | null): CueRow[] {
	const done = new Set(cuesDone);
	return cues
		.map((cue, order) => ({ cue, order }))
		.sort((a, b) => a.cue.offsetSec - b.cue.offsetSec || a.order - b.order)
		.map(({ cue }) => {
			const dueInMs = cue.offsetSec * 1000 - (elapsedMs ?? 0);
			const status: CueStatus = done.has(cue.id) ? 'done' : elapsedMs !== null && dueInMs <= 0 ? 'due' : 'upcoming';
			return { cue, status, dueInMs };
		});
}

/** The cues marked for hosts ("链接已上"), in the same shape. */
export function hostCueRows(cues: readonly ProducerCue[], cuesDone: readonly string[], elapsedMs: number | null): CueRow[] {
	return cueRows(
		cues.filter((c) => c.forHost),
		cuesDone,
		elapsedMs
	);
}
