import { describe, expect, it } from 'vitest';
import { figureAgeMs, figuresDue } from '../../../src/lib/core/figures/reminder';
import { MIN, START } from '../factories';

describe('the reminder to enter figures', () => {
	it('counts from the last figure, or from the start when none came, and is due after N minutes', () => {
		expect(figuresDue({ lastAt: null, startedAt: START, now: START + 5 * MIN - 1, reminderMin: 5 })).toEqual({ due: false, sinceAt: START, ageMs: 5 * MIN - 1, dueAt: START + 5 * MIN });
		expect(figuresDue({ lastAt: null, startedAt: START, now: START + 5 * MIN, reminderMin: 5 }).due).toBe(true);
		expect(figuresDue({ lastAt: START + 4 * MIN, startedAt: START, now: START + 6 * MIN, reminderMin: 5 })).toEqual({ due: false, sinceAt: START + 4 * MIN, ageMs: 2 * MIN, dueAt: START + 9 * MIN });
		expect(figuresDue({ lastAt: START + 4 * MIN, startedAt: START, now: START + 10 * MIN, reminderMin: 1 })).toMatchObject({ due: true, ageMs: 6 * MIN });
		// A figure from before the run does not count.
		expect(figuresDue({ lastAt: START - MIN, startedAt: START, now: START + MIN, reminderMin: 5 })).toMatchObject({ sinceAt: START, ageMs: MIN });
	});

	it('is never due before the start, or once the run ended', () => {
		const off = { due: false, sinceAt: null, ageMs: null, dueAt: null };
		expect(figuresDue({ lastAt: null, startedAt: null, now: START + 60 * MIN, reminderMin: 5 })).toEqual(off);
		expect(figuresDue({ lastAt: null, startedAt: START, now: START - 1, reminderMin: 5 })).toEqual(off);
		expect(figuresDue({ lastAt: null, startedAt: START, endedAt: START + 30 * MIN, now: START + 60 * MIN, reminderMin: 5 })).toEqual(off);
		expect(figureAgeMs(START, START + 90_000)).toBe(90_000);
		expect(figureAgeMs(START + 1, START)).toBe(0);
	});
});
