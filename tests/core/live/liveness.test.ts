import { describe, expect, it } from 'vitest';
import { livenessStep, type LivenessWatch } from '../../../src/lib/core/live';

const EVERY = 1_000;
const STALL = 2_500;

/**
 * A screen's liveness timer against a server that answers a beat `rttMs` later unless frozen, and
 * pushes at `pushes` (ms): what it sends and when it says stalled, from 0 to `untilMs`.
 */
function simulate({ pushes = [] as number[], frozenFrom = Infinity, frozenUntil = Infinity, rttMs = 5, untilMs = 10_000 }) {
	const watch: LivenessWatch = { heardAt: 0, beatSentAt: -Infinity, quietSince: 0, stalled: false };
	const beats: number[] = [];
	const stalls: { at: number; stalled: boolean }[] = [];
	const frozen = (t: number) => t >= frozenFrom && t < frozenUntil;
	// What the screen hears: pushes (a frozen server sends none) and answers to beats (held while frozen).
	const heard: number[] = pushes.filter((t) => !frozen(t));
	let wakeAt = 0;
	for (let now = 0; now <= untilMs; now++) {
		if (heard.includes(now)) {
			watch.heardAt = watch.quietSince = now;
			if (watch.stalled) stalls.push({ at: now, stalled: (watch.stalled = false) });
		}
		if (now < wakeAt) continue;
		const step = livenessStep(watch, now, EVERY, STALL);
		if (step.stalled !== watch.stalled) stalls.push({ at: now, stalled: (watch.stalled = step.stalled) });
		if (step.beat) {
			beats.push(now);
			watch.beatSentAt = now;
			heard.push(frozen(now + rttMs) ? frozenUntil : now + rttMs);
		}
		expect(step.wakeAt).toBeGreaterThan(now);
		wakeAt = step.wakeAt;
	}
	return { beats, stalls };
}

describe('liveness', () => {
	it('beats once a second on a quiet connection (a second after the last answer) and never says stalled', () => {
		const { beats, stalls } = simulate({ untilMs: 5_100 });
		expect(beats).toEqual([1_000, 2_005, 3_010, 4_015, 5_020]);
		expect(stalls).toEqual([]);
	});

	it('sends no beat while pushes come at least once a second: the server proved alive', () => {
		const pushes = Array.from({ length: 90 }, (_, i) => 110 * (i + 1));
		const { beats, stalls } = simulate({ pushes, untilMs: 9_900 });
		expect(beats).toEqual([]);
		expect(stalls).toEqual([]);
		// When the pushes stop, the beats take over a second after the last one.
		expect(simulate({ pushes, untilMs: 12_000 }).beats).toEqual([10_900, 11_905]);
	});

	it('says stalled 2.5 s after the last thing heard from a frozen server, busy or quiet, keeps beating, and is back at its first answer', () => {
		// Quiet: the last answer at 3 015, frozen from 3 500 to 8 000.
		const quiet = simulate({ frozenFrom: 3_500, frozenUntil: 8_000 });
		expect(quiet.stalls).toEqual([
			{ at: 5_515, stalled: true },
			{ at: 8_000, stalled: false }
		]);
		expect(quiet.beats.filter((t) => t > 3_500 && t < 8_000)).toEqual([4_015, 5_015, 6_015, 7_015]);
		// Busy: the last push at 3 410.
		const pushes = Array.from({ length: 90 }, (_, i) => 110 * (i + 1));
		const busy = simulate({ pushes, frozenFrom: 3_500, frozenUntil: 8_000 });
		expect(busy.stalls).toEqual([
			{ at: 5_910, stalled: true },
			{ at: 8_000, stalled: false }
		]);
		expect(busy.beats.filter((t) => t < 8_000)).toEqual([4_410, 5_410, 6_410, 7_410]);
	});

	it('counts the silence from when the screen came back (online, visible), not from the last thing heard', () => {
		const step = livenessStep({ heardAt: 0, beatSentAt: -Infinity, quietSince: 9_000, stalled: false }, 10_000, EVERY, STALL);
		expect(step).toEqual({ stalled: false, beat: true, wakeAt: 11_000 });
		expect(livenessStep({ heardAt: 0, beatSentAt: -Infinity, quietSince: 9_000, stalled: false }, 11_500, EVERY, STALL).stalled).toBe(true);
	});
});
