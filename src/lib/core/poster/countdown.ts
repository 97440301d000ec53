/**
 * The public page's countdown: which phase a show is in for a viewer, and the time left split into
 * days, hours, minutes and seconds. Pure: `now` is a parameter (server-corrected by the caller).
 */
import type { EpochMs, ShowStatus } from '../model';

export type PublicPhase = 'upcoming' | 'warmup' | 'live' | 'ended';

/**
 * upcoming until the warm-up opens (`warmupMs` before the start), warmup until the start, live
 * until the planned end, then ended; a show the producer ended is ended at once, and one the
 * producer started early is live.
 */
export function publicPhase(show: { status: ShowStatus; startsAt: EpochMs; endsAt: EpochMs; warmupMs: number }, now: EpochMs): PublicPhase {
	if (show.status === 'ended' || now >= show.endsAt) return 'ended';
	if (show.status === 'live' || now >= show.startsAt) return 'live';
	return now >= show.startsAt - show.warmupMs ? 'warmup' : 'upcoming';
}

/** ms until the start as whole days, hours, minutes and seconds (rounded up to the second; zeros once passed). */
export function splitCountdown(ms: number): { d: number; h: number; m: number; s: number } {
	const total = Math.max(0, Math.ceil(ms / 1000));
	return { d: Math.floor(total / 86400), h: Math.floor((total % 86400) / 3600), m: Math.floor((total % 3600) / 60), s: total % 60 };
}
