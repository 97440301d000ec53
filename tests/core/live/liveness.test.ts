import { describe, expect, it } from 'vitest';
import { livenessStep, type LivenessWatch } from '../../../src/lib/core/live';

const STALL = 2_500;
/** The server's pings, as engine.io 6 sends them: the next one `PING_EVERY` after the pong (the round trip included). */
const PING_EVERY = 1_005;

/**
 * A screen's liveness timer against a server that pings every PING_EVERY ms and pushes at `pushes`
 * (ms), except while frozen: nothing then, and its overdue ping goes out as it resumes. What the
 * screen says (stalls) and how often its timer woke, from 0 to `untilMs`.
 */
function simulate({ pushes = [] as number[], frozenFrom = Infinity, frozenUntil = Infinity, untilMs = 10_000 }) {
	const watch: LivenessWatch = { quietSince: 0, stalled: false };
	const stalls: { at: number; stalled: boolean }[] = [];
	const frozen = (t: number) => t >= frozenFrom && t < frozenUntil;
	const pings: number[] = [];
	for (let t = PING_EVERY; t <= untilMs; t += PING_EVERY) {
		if (!frozen(t)) pings.push(t);
		else if (!pings.includes(frozenUntil)) pings.push((t = frozenUntil));
	}
	const heard = new Set([...pushes.filter((t) => !frozen(t)), ...pings]);
	let wakeAt = 0;
	let wakes = 0;
	for (let now = 0; now <= untilMs; now++) {
		if (heard.has(now)) {
			watch.quietSince = now;
			if (watch.stalled) stalls.push({ at: now, stalled: (watch.stalled = false) });
		}
		if (now < wakeAt) continue;
		wakes++;
		const step = livenessStep(watch, now, STALL);
		if (step.stalled !== watch.stalled) stalls.push({ at: now, stalled: (watch.stalled = step.stalled) });
		expect(step.wakeAt).toBeGreaterThan(now);
		wakeAt = step.wakeAt;
	}
	return { stalls, wakes };
}

describe('liveness', () => {
	it('never says stalled while the server pings every second, and its timer wakes far less often than the pings', () => {
		const { stalls, wakes } = simulate({ untilMs: 30_000 });
		expect(stalls).toEqual([]);
		// 29 pings; the timer wakes about every 2 s (when the stall could first be due: 2.5 s after the last ping it saw).
		expect(wakes).toBeLessThanOrEqual(16);
	});

	it('says stalled 2.5 s after the last thing heard from a frozen server, busy or quiet, and is back at the first packet after it resumes', () => {
		// Quiet: the last ping at 3 015, frozen from 3 500 to 8 000 (its overdue ping goes out at 8 000).
		const quiet = simulate({ frozenFrom: 3_500, frozenUntil: 8_000 });
		expect(quiet.stalls).toEqual([
			{ at: 5_515, stalled: true },
			{ at: 8_000, stalled: false }
		]);
		// Busy: a push every 110 ms, the last at 3 410.
		const pushes = Array.from({ length: 90 }, (_, i) => 110 * (i + 1));
		const busy = simulate({ pushes, frozenFrom: 3_500, frozenUntil: 8_000 });
		expect(busy.stalls).toEqual([
			{ at: 5_910, stalled: true },
			{ at: 8_000, stalled: false }
		]);
	});

	it('stays stalled until something is heard, looking again every 2.5 s', () => {
		expect(livenessStep({ quietSince: 0, stalled: true }, 4_000, STALL)).toEqual({ stalled: true, wakeAt: 6_500 });
		expect(livenessStep({ quietSince: 3_900, stalled: false }, 4_000, STALL)).toEqual({ stalled: false, wakeAt: 6_400 });
	});

	it('counts the silence from when the screen came back (online, visible), not from the last thing heard', () => {
		expect(livenessStep({ quietSince: 9_000, stalled: false }, 10_000, STALL)).toEqual({ stalled: false, wakeAt: 11_500 });
		expect(livenessStep({ quietSince: 9_000, stalled: false }, 11_500, STALL).stalled).toBe(true);
	});
});
