/**
 * The wall's wire dates `segment.remainingMs` and `driftMs` at the push's `serverNow`; a wall shows
 * them at its own `now` (server clock) without asking again. Pure.
 */
import type { EpochMs } from './model';
import type { WallShowInput } from './wall';

/** `show` as pushed at `pushedAt`, moved to `now`: the countdown runs while live, the projected end slips while over time, paused or not started. */
export function wallShowAt(show: WallShowInput, pushedAt: EpochMs, now: EpochMs): WallShowInput {
	const dt = now - pushedAt;
	if (dt === 0) return show;
	const segment = show.segment && show.status === 'live' ? { ...show.segment, remainingMs: show.segment.remainingMs - dt } : show.segment;
	let slip = 0;
	if (show.status === 'live' && show.segment) {
		// Projected end = now + max(remaining, 0) + the rest: it moves only while the segment is over time.
		slip = dt + Math.max(segment!.remainingMs, 0) - Math.max(show.segment.remainingMs, 0);
	} else if (show.status === 'paused') {
		slip = dt;
	} else if (show.status === 'ready') {
		// Not started: it would start now, once its announced start has passed.
		slip = Math.max(now, show.startsAt) - Math.max(pushedAt, show.startsAt);
	}
	return { ...show, segment, driftMs: show.driftMs === null ? null : show.driftMs + slip };
}
