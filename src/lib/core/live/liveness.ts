/**
 * When a screen declares its connection stalled. The server's Engine.IO heartbeat (a ping every
 * second, docs/realtime.md) is heard like everything else it sends, so a live server is heard from
 * at least that often without the screen sending anything. Pure: the connection keeps the instants
 * (monotonic ms) and calls `livenessStep` when its one liveness timer fires, then sleeps until
 * `wakeAt`.
 */

export interface LivenessWatch {
	/** The silence counts from here: the last thing heard, or when the screen came back online or visible, ms. */
	quietSince: number;
	stalled: boolean;
}

export interface LivenessStep {
	/** Stalled now: `stallAfterMs` of silence (it stays so until something is heard). */
	stalled: boolean;
	/** When to look again, ms: when the stall can first be due (stalled: `stallAfterMs` from now). */
	wakeAt: number;
}

/**
 * The liveness rule at `now` (ms, the watch's clock): stalled after `stallAfterMs` without
 * anything heard (pushes, acks, the server's pings); hearing anything clears it, which the
 * connection does at once, without waiting for the timer.
 */
export function livenessStep(watch: LivenessWatch, now: number, stallAfterMs: number): LivenessStep {
	const stalled = watch.stalled || now - watch.quietSince >= stallAfterMs;
	return { stalled, wakeAt: stalled ? now + stallAfterMs : watch.quietSince + stallAfterMs };
}
