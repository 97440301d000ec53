/**
 * A clock that moves only when told to, with timers that fire as it passes them: the live runtime
 * runs on it to replay a scripted run at past instants (the demo's past shows) and tests drive
 * alerts with it instead of waiting.
 */
import type { Timers } from './live.runtime';

export interface ManualClock {
	(): number;
	/** Moves the clock to `ms`, running the timers due on the way (none when it goes back). */
	set(ms: number): void;
	/** Moves the clock on by `ms`, running each timer that falls due at its own instant, in order. */
	advance(ms: number): void;
	/** Timer scheduling on this clock, for the live runtime's alerts. */
	timers: Timers & { pending(): number };
}

export function manualClock(start: number): ManualClock {
	let now = start;
	let nextId = 0;
	const pending = new Map<number, { at: number; seq: number; fn: () => void }>();
	const clock = (() => now) as ManualClock;
	clock.advance = (ms) => clock.set(now + ms);
	clock.set = (target) => {
		if (target < now) {
			now = target;
			return;
		}
		for (;;) {
			let next: [number, { at: number; seq: number; fn: () => void }] | null = null;
			for (const entry of pending) {
				if (entry[1].at <= target && (!next || entry[1].at < next[1].at || (entry[1].at === next[1].at && entry[1].seq < next[1].seq))) next = entry;
			}
			if (!next) break;
			pending.delete(next[0]);
			now = Math.max(now, next[1].at);
			next[1].fn();
		}
		now = target;
	};
	clock.timers = {
		setTimeout: (fn, ms) => {
			const id = ++nextId;
			pending.set(id, { at: now + Math.max(0, ms), seq: id, fn });
			return id;
		},
		clearTimeout: (handle) => void pending.delete(handle as number),
		pending: () => pending.size
	};
	return clock;
}
