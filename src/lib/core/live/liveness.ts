/**
 * When a screen asks the server for a sign of life (a `beat`) and when it declares the connection
 * stalled. Pure: the connection keeps the instants (monotonic ms) and calls `livenessStep` when its
 * one liveness timer fires, then sleeps until `wakeAt`.
 */

export interface LivenessWatch {
	/** Last time anything was heard from the server, ms. */
	heardAt: number;
	/** Last beat sent, ms. */
	beatSentAt: number;
	/** The silence counts from here: the last thing heard, or when the screen came back online or visible, ms. */
	quietSince: number;
	stalled: boolean;
}

export interface LivenessStep {
	/** Stalled now: `stallAfterMs` of silence (it stays so until something is heard). */
	stalled: boolean;
	/** Send a beat now: nothing heard, and no beat sent, for `beatEveryMs`. */
	beat: boolean;
	/** When to look again, ms: the next instant a beat or the stall can be due. */
	wakeAt: number;
}

/**
 * The liveness rule at `now` (ms, the watch's clock). A screen that hears from the server at least
 * every `beatEveryMs` (pushes, acks, heartbeats) sends no beat: the server proved alive; a quiet
 * one beats `beatEveryMs` after the last thing heard, so a live server is heard from that often
 * either way. Stalled after `stallAfterMs` without anything (beats go on, so a server that resumes
 * answers at once).
 */
export function livenessStep(watch: LivenessWatch, now: number, beatEveryMs: number, stallAfterMs: number): LivenessStep {
	const stalled = watch.stalled || now - watch.quietSince >= stallAfterMs;
	const lastAsked = Math.max(watch.heardAt, watch.beatSentAt);
	const beat = now - lastAsked >= beatEveryMs;
	const beatDue = (beat ? now : lastAsked) + beatEveryMs;
	return { stalled, beat, wakeAt: stalled ? beatDue : Math.min(beatDue, watch.quietSince + stallAfterMs) };
}
